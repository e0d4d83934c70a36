// A visit's buttons, exactly those in its allowedActions: check in, check out, no-show (the desk),
// cancel with a reason (the host), reveal the document number with a reason (audited).
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReasonModal } from '../../components/ReasonModal';
import type { Visitor } from './types';

export const VISITOR_KEYS = [['visitors'], ['history'], ['dashboard'], ['notifications']];

export function VisitorActions({ visitor, compact }: { visitor: Visitor; compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'cancel' | 'reveal' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const refresh = () => Promise.all(VISITOR_KEYS.map((queryKey) => qc.invalidateQueries({ queryKey })));
  const step = (name: 'check-in' | 'check-out' | 'no-show') => async () => {
    setBusy(name);
    setError(null);
    try {
      await api.post(`/visitors/${visitor.id}/${name}`, { version: visitor.version });
      await refresh();
      void message.success(t('visitors.done'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const size = compact ? ('small' as const) : undefined;
  return (
    <>
      <Space wrap>
        {allows(visitor, 'check_in') && (
          <Button size={size} type="primary" loading={busy === 'check-in'} onClick={step('check-in')}>
            {t('visitors.action.check_in')}
          </Button>
        )}
        {allows(visitor, 'check_out') && (
          <Button size={size} type="primary" loading={busy === 'check-out'} onClick={step('check-out')}>
            {t('visitors.action.check_out')}
          </Button>
        )}
        {allows(visitor, 'no_show') && (
          <Button size={size} loading={busy === 'no-show'} onClick={step('no-show')}>
            {t('visitors.action.no_show')}
          </Button>
        )}
        {!compact && allows(visitor, 'cancel') && <Button onClick={() => setDialog('cancel')}>{t('visitors.action.cancel')}</Button>}
        {!compact && allows(visitor, 'reveal') && <Button onClick={() => setDialog('reveal')}>{t('visitors.action.reveal')}</Button>}
      </Space>
      <ErrorAlert error={error} />
      <ReasonModal
        open={dialog === 'cancel'}
        title={t('visitors.cancelTitle')}
        onCancel={() => setDialog(null)}
        onSubmit={async (reason) => {
          await api.post(`/visitors/${visitor.id}/cancel`, { reason, version: visitor.version });
          setDialog(null);
          await refresh();
        }}
      />
      <ReasonModal
        open={dialog === 'reveal'}
        title={t('visitors.revealTitle')}
        description={t('visitors.revealDescription')}
        onCancel={() => setDialog(null)}
        onSubmit={async (reason) => {
          const r = await api.post<{ value: string }>(`/visitors/${visitor.id}/reveal`, { reason });
          setDialog(null);
          Modal.info({ title: t('visitors.revealTitle'), content: t('visitors.revealed', { value: r.value }) });
        }}
      />
    </>
  );
}
