// 我的今日巡逻 (PAT-01, phone): today's scheduled patrols of the guard's routes and their own, with
// "start"; any route can be started at once. Checkpoints are then scanned by opening their QR links.
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormMutation } from '../../components/useFormMutation';
import { PatrolStatusTag } from './shared';
import type { Patrol, PatrolDetail, PatrolRoute } from './types';

export default function MyPatrolsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [routeId, setRouteId] = useState<string>();
  const today = useQuery({ queryKey: ['patrols', 'mine'], queryFn: () => api.get<PageOf<Patrol>>('/patrols', { mine: true, today: true, pageSize: 100, sort: 'scheduledAt' }) });
  const routes = useQuery({ queryKey: ['patrol-routes', 'startable'], queryFn: () => api.get<PageOf<PatrolRoute>>('/patrol-routes', { pageSize: 200 }) });
  const started = (p: PatrolDetail) => {
    void message.success(t('patrols.started'));
    navigate(`/patrols/${p.id}`);
  };
  const startScheduled = useFormMutation((id: string) => api.post<PatrolDetail>(`/patrols/${id}/start`, {}), { invalidate: [['patrols']], onSuccess: started });
  const startRoute = useFormMutation((id: string) => api.create<PatrolDetail>('/patrols', { routeId: id }), { invalidate: [['patrols']], onSuccess: started });
  const startable = (routes.data?.items ?? []).filter((r) => allows(r, 'start'));
  return (
    <>
      <PageHeader title={t('patrols.mine')} back={{ to: '/patrols', label: t('patrols.title') }} />
      <ErrorAlert error={today.error ?? startScheduled.error ?? startRoute.error} />
      <List<Patrol>
        loading={today.isFetching}
        dataSource={today.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('patrols.noneToday')} /> }}
        renderItem={(p) => (
          <List.Item
            actions={[
              allows(p, 'start') ? (
                <Button key="start" type="primary" size="large" loading={startScheduled.isPending} onClick={() => startScheduled.mutate(p.id)}>
                  {t('patrols.start')}
                </Button>
              ) : (
                <Link key="open" to={`/patrols/${p.id}`}>
                  {p.routeName}
                </Link>
              ),
            ]}
          >
            <List.Item.Meta
              title={<Link to={`/patrols/${p.id}`}>{`${p.scheduledAt ? formatDateTime(p.scheduledAt).slice(11) : t('patrols.unscheduled')} · ${p.routeName}`}</Link>}
              description={
                <Space wrap>
                  <PatrolStatusTag p={p} />
                  <Typography.Text type="secondary">{p.orgName}</Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {startable.length > 0 && (
        <Card title={t('patrols.startRoute')} size="small" style={{ marginTop: 16 }}>
          <Space wrap style={{ width: '100%' }}>
            <Select style={{ minWidth: 240 }} aria-label={t('patrols.chooseRoute')} placeholder={t('patrols.chooseRoute')} value={routeId} onChange={setRouteId} options={startable.map((r) => ({ value: r.id, label: `${r.orgName} · ${r.name}` }))} />
            <Button type="primary" size="large" disabled={!routeId} loading={startRoute.isPending} onClick={() => routeId && startRoute.mutate(routeId)}>
              {t('patrols.start')}
            </Button>
          </Space>
        </Card>
      )}
    </>
  );
}
