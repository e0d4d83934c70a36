// Signed checkpoints of the chain head (Ed25519): list, make one now, download one as JSON to keep
// outside the system.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { api, download } from '../../app/api';
import type { Checkpoint } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormMutation } from '../../components/useFormMutation';

export function CheckpointsPanel({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['audit', 'checkpoints'], queryFn: () => api.get<Checkpoint[]>('/audit/checkpoints') });
  const create = useFormMutation(() => api.post<Checkpoint>('/audit/checkpoints'), {
    invalidate: [['audit']],
    onSuccess: (c) => void message.success(t('audit.checkpointMade', { seq: c.seq })),
  });
  const save = useFormMutation((c: Checkpoint) => download(`/audit/checkpoints/${c.id}/export`, {}, `anbao-audit-checkpoint-${c.seq}.json`), { invalidate: [['audit', 'list']] });
  const columns: ColumnsType<Checkpoint> = [
    { key: 'seq', title: t('audit.seq'), dataIndex: 'seq' },
    { key: 'createdAt', title: t('field.createdAt'), render: (_, c) => formatDateTime(c.createdAt) },
    {
      key: 'hash',
      title: t('audit.hash'),
      render: (_, c) => (
        <Typography.Text code title={c.hash}>
          {c.hash.slice(0, 16)}…
        </Typography.Text>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, c) => (
        <Button size="small" icon={<DownloadOutlined aria-hidden />} onClick={() => save.mutate(c)} aria-label={t('audit.downloadCheckpoint', { seq: c.seq })}>
          {t('common.download')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Space wrap className="block-gap">
        <Typography.Text>{t('audit.checkpointsHint')}</Typography.Text>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} loading={create.isPending} onClick={() => create.mutate(undefined)}>
            {t('audit.makeCheckpoint')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={q.error ?? create.error ?? save.error} />
      <DataTable<Checkpoint> label={t('audit.tabCheckpoints')} rowKey="id" size="small" columns={columns} dataSource={q.data ?? []} loading={q.isLoading} pagination={{ pageSize: 20 }} />
    </>
  );
}
