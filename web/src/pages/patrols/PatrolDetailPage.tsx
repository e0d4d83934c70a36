// One patrol (PAT-01, PAT-02): its checkpoints with first scan, status (on time / late / missed) and
// out-of-order marks, the impossible-scan flags, the scans with position, the anomalies (each may be
// reported as a hazard), finish, print, history.
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Image, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RecordTimeline } from '../../components/RecordTimeline';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { AnomalyForm } from './AnomalyForm';
import { label } from './labels';
import { PatrolStatusTag, PrintLink } from './shared';
import type { PatrolDetail } from './types';

const TONE = { ok: 'success', late: 'warning', missed: 'error', pending: 'neutral' } as const;

export function FlagList({ p }: { p: PatrolDetail }) {
  const { t } = useTranslation();
  const name = (id: string | null) => p.checkpoints.find((c) => c.checkpointId === id)?.name ?? '';
  if (!p.flags.length) return null;
  return (
    <ul className="patrol-flags">
      {p.flags.map((f, i) => (
        <li key={i}>{f.kind === 'too_fast' ? t('patrols.flagTooFast', { from: name(f.previousCheckpointId), to: name(f.checkpointId), value: f.value }) : t('patrols.flagRepeated', { cp: name(f.checkpointId), value: f.value })}</li>
      ))}
    </ul>
  );
}

export default function PatrolDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['patrols', 'one', id], queryFn: () => api.get<PatrolDetail>(`/patrols/${id}`) });
  const finish = useFormMutation(() => api.post<PatrolDetail>(`/patrols/${id}/finish`, { version: q.data?.version }), { invalidate: [['patrols'], ['dashboard']], onSuccess: () => void message.success(t('patrols.finished')) });
  const hazard = useFormMutation((anomalyId: string) => api.post<PatrolDetail>(`/patrols/${id}/anomalies/${anomalyId}/hazard`, {}), {
    invalidate: [['patrols'], ['hazards']],
    onSuccess: (p, anomalyId) => void message.success(t('patrols.hazardOpened', { number: p.anomalies.find((a) => a.id === anomalyId)?.hazardNumber ?? '' })),
  });
  if (q.isLoading) return <Loading />;
  const p = q.data;
  if (!p) return <ErrorAlert error={q.error} />;
  return (
    <>
      <PageHeader
        title={`${p.routeName} · ${p.day}`}
        tags={<PatrolStatusTag p={p} />}
        back={{ to: '/patrols', label: t('patrols.title') }}
        extra={
          <>
            {allows(p, 'finish') && (
              <Button type="primary" size="large" loading={finish.isPending} onClick={() => finish.mutate(undefined)}>
                {t('patrols.finish')}
              </Button>
            )}
            <PrintLink href={`/patrols/${p.id}/print`} />
          </>
        }
      />
      <ErrorAlert error={finish.error ?? hazard.error} />
      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('patrols.unit')}>{p.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('patrols.scheduledAt')}>{p.scheduledAt ? formatDateTime(p.scheduledAt) : t('patrols.unscheduled')}</Descriptions.Item>
          <Descriptions.Item label={t('patrols.guard')}>{p.guard?.name}</Descriptions.Item>
          <Descriptions.Item label={t('patrols.startedAt')}>{formatDateTime(p.startedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('patrols.finishedAt')}>{formatDateTime(p.finishedAt)}</Descriptions.Item>
          {p.status === 'completed' && <Descriptions.Item label={t('patrols.result')}>{t('patrols.resultText', { missed: p.missedCount, late: p.lateCount, flags: p.flagCount })}</Descriptions.Item>}
          {p.note && <Descriptions.Item label={t('patrols.note')}>{p.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('patrols.checkpoints')} style={{ marginTop: 12 }}>
        <DataTable
          label={t('patrols.checkpoints')}
          size="small"
          rowKey="checkpointId"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={p.checkpoints}
          columns={[
            { key: 'seq', title: '#', render: (_, c) => c.seq },
            { key: 'name', title: t('patrols.checkpoint'), render: (_, c) => c.name },
            { key: 'first', title: t('patrols.firstScan'), render: (_, c) => formatDateTime(c.firstScanAt) },
            { key: 'scans', title: t('patrols.scans'), render: (_, c) => c.scans },
            {
              key: 'status',
              title: t('patrols.status'),
              render: (_, c) => (
                <Space size={4}>
                  <StatusTag tone={TONE[c.status]}>{label('cpStatus', c.status)}</StatusTag>
                  {c.outOfOrder && <Tag>{t('patrols.outOfOrder')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
        {p.flags.length > 0 && (
          <>
            <Typography.Title level={3} style={{ fontSize: 16, marginTop: 12 }}>
              {t('patrols.flags')}
            </Typography.Title>
            <FlagList p={p} />
          </>
        )}
      </Card>
      <Card size="small" title={t('patrols.anomalies')} style={{ marginTop: 12 }}>
        <List
          dataSource={p.anomalies}
          locale={{ emptyText: t('patrols.noAnomalies') }}
          renderItem={(a) => (
            <List.Item
              actions={[
                a.hazardId ? (
                  <Link key="h" to={`/hazards/${a.hazardId}`}>
                    {t('patrols.hazardLink', { number: a.hazardNumber ?? '' })}
                  </Link>
                ) : allows(a, 'openHazard') ? (
                  <Button key="h" loading={hazard.isPending} onClick={() => hazard.mutate(a.id)}>
                    {t('patrols.openHazard')}
                  </Button>
                ) : null,
              ]}
            >
              <List.Item.Meta title={`${a.checkpointName ?? ''} ${a.note}`} description={`${a.reportedBy?.name ?? ''} ${formatDateTime(a.reportedAt)}`} />
              <Space>
                {a.photos.map((ph) => (
                  <Image key={ph.id} width={64} src={`/api/v1/attachments/${ph.id}/content`} alt={ph.fileName} />
                ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {allows(p, 'anomaly') && (
        <div style={{ marginTop: 12 }}>
          <AnomalyForm patrol={p} />
        </div>
      )}
      <Card size="small" title={t('patrols.history')} style={{ marginTop: 12 }}>
        <RecordTimeline path={`/patrols/${p.id}/history`} />
      </Card>
    </>
  );
}
