// One audit entry in full: who, where from, what, on which record, the field changes (before →
// after), the detail JSON and the entry's place in the hash chain.
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { api } from '../../app/api';
import type { AuditEvent } from '../../app/api-types';
import { formatDateTime, formatValue } from '../../app/format';
import { codeLabel } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { AUDIT_RESULT_TONES, auditResultLabel } from '../../components/enum-labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { StatusTag } from '../../components/StatusTag';

interface ChangeRow {
  field: string;
  before: unknown;
  after: unknown;
}

function Body({ e }: { e: AuditEvent }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The drawer body scrolls: it must be reachable by keyboard even when it holds nothing focusable.
    ref.current?.closest('.ant-drawer-body')?.setAttribute('tabindex', '0');
  }, []);
  const changes: ChangeRow[] = Object.entries(e.changes ?? {}).map(([field, pair]) => ({ field, before: pair[0], after: pair[1] }));
  return (
    <div ref={ref}>
      <Descriptions column={1} size="small" bordered className="block-gap">
        <Descriptions.Item label={t('audit.time')}>{formatDateTime(e.occurredAt)}</Descriptions.Item>
        <Descriptions.Item label={t('audit.actor')}>
          {e.actorName ?? '—'} ({codeLabel('targetType', `actor_${e.actorType}`, e.actorType)})
        </Descriptions.Item>
        {e.tokenId && <Descriptions.Item label={t('audit.token')}>{e.tokenId}</Descriptions.Item>}
        <Descriptions.Item label={t('field.orgId')}>{e.orgName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.action')}>
          {codeLabel('auditAction', e.action)} <Typography.Text code>{e.action}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.target')}>
          {e.targetType ? codeLabel('targetType', e.targetType) : '—'} {e.targetLabel ?? ''} {e.targetId && <Typography.Text code>{e.targetId}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.result')}>
          <StatusTag tone={AUDIT_RESULT_TONES[e.result]}>{auditResultLabel(e.result)}</StatusTag>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.ip')}>{e.ip ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.userAgent')}>{e.userAgent ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.requestId')}>{e.requestId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.seq')}>{e.seq ?? t('audit.unsealed')}</Descriptions.Item>
        <Descriptions.Item label={t('audit.hash')}>
          <Typography.Text code className="break-all">
            {e.hash ?? '—'}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.sealedAt')}>{formatDateTime(e.sealedAt)}</Descriptions.Item>
      </Descriptions>
      <h2 className="section-title block-gap">{t('audit.changes')}</h2>
      {changes.length ? (
        <DataTable<ChangeRow>
          label={t('audit.changes')}
          rowKey="field"
          size="small"
          pagination={false}
          className="block-gap"
          
          dataSource={changes}
          columns={[
            { key: 'field', title: t('audit.field'), render: (_, c) => `${codeLabel('field', c.field)} (${c.field})` },
            { key: 'before', title: t('audit.before'), render: (_, c) => formatValue(c.before) },
            { key: 'after', title: t('audit.after'), render: (_, c) => formatValue(c.after) },
          ]}
        />
      ) : (
        <p>{t('common.none')}</p>
      )}
      <h2 className="section-title block-gap">{t('audit.detail')}</h2>
      {e.detail ? <pre className="json-block">{JSON.stringify(e.detail, null, 2)}</pre> : <p>{t('common.none')}</p>}
    </div>
  );
}

export function AuditDetailDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const q = useQuery({ queryKey: ['audit', 'event', id], queryFn: () => api.get<AuditEvent>(`/audit/events/${id}`), enabled: id !== null });
  return (
    <Drawer open={id !== null} onClose={onClose} size={isMobile ? '100%' : 640} title={t('audit.entryTitle', { id: id ?? '' })} closable={{ 'aria-label': t('common.close') }} destroyOnHidden>
      {q.isLoading ? <Loading /> : q.data ? <Body e={q.data} /> : <ErrorAlert error={q.error} />}
    </Drawer>
  );
}
