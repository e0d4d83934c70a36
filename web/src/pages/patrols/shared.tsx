// Pieces the patrol pages share: status tags, the Excel export button, print links.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, type Query } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusTag } from '../../components/StatusTag';
import { label } from './labels';
import type { Patrol } from './types';

export function PatrolStatusTag({ p }: { p: Pick<Patrol, 'status' | 'notStarted' | 'missedCount' | 'lateCount' | 'flagCount' | 'withdrawnAt'> }) {
  const { t } = useTranslation();
  if (p.withdrawnAt) return <StatusTag tone="neutral">{t('patrols.withdrawn')}</StatusTag>;
  if (p.notStarted) return <StatusTag tone="error">{t('patrols.notStarted')}</StatusTag>;
  if (p.status !== 'completed') return <StatusTag tone="info">{label('statusLabel', p.status)}</StatusTag>;
  const bad = p.missedCount > 0;
  return <StatusTag tone={bad ? 'error' : p.lateCount || p.flagCount ? 'warning' : 'success'}>{label('statusLabel', p.status)}</StatusTag>;
}

export function ExportButton({ path, query, name }: { path: string; query: Query; name: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <Button
        icon={<DownloadOutlined aria-hidden />}
        loading={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await download(path, query, name);
            void message.success(t('patrols.exported'));
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('patrols.export')}
      </Button>
      {error ? <ErrorAlert error={error} /> : null}
    </>
  );
}

export function PrintLink({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <Button icon={<PrinterOutlined aria-hidden />} href={`/api/v1${href}`} target="_blank" rel="noopener">
      {t('patrols.print')}
    </Button>
  );
}
