// The visitor desk (门岗, VIS-01/VIS-02), made for a guard's phone: today's appointments and the
// visitors inside with their check-in / check-out buttons, and the walk-in form (a blocklist hit is
// shown on top with its reason).
import { useQuery } from '@tanstack/react-query';
import { App, Card, Empty, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import type { Visitor } from './types';
import { VisitorActions } from './VisitorActions';
import { VisitorForm } from './VisitorForm';
import { VisitorStatusTag } from './VisitorsPage';
import { orgTodayIso } from '../../app/org-time';

export default function VisitorDeskPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [tab, setTab] = useState<'today' | 'walkIn'>('today');
  const today = orgTodayIso();
  const q = useQuery({
    queryKey: ['visitors', 'desk', today],
    queryFn: () => api.get<PageOf<Visitor>>('/visitors', { status: 'appointed', from: today, to: today, pageSize: 100, sort: 'visitAt' }),
  });
  const inside = useQuery({ queryKey: ['visitors', 'desk', 'inside'], queryFn: () => api.get<PageOf<Visitor>>('/visitors', { inside: 'true', pageSize: 100 }) });
  const items = [...new Map([...(q.data?.items ?? []), ...(inside.data?.items ?? [])].map((v) => [v.id, v])).values()];
  return (
    <>
      <PageHeader title={t('visitors.deskTitle')} back={{ to: '/visitors', label: t('visitors.title') }} />
      <Segmented
        block
        value={tab}
        onChange={(v) => setTab(v as typeof tab)}
        options={[
          { value: 'today', label: t('visitors.today') },
          { value: 'walkIn', label: t('visitors.walkIn') },
        ]}
      />
      {tab === 'today' ? (
        <>
          <ErrorAlert error={q.error ?? inside.error} />
          {q.isLoading ? null : items.length === 0 ? (
            <Empty description={t('visitors.noneToday')} />
          ) : (
            <div>
              {items.map((v) => (
                <Card key={v.id} size="small" className="block-gap">
                  <Typography.Text strong>
                    <Link to={`/visitors/${v.id}`}>{v.name}</Link>
                  </Typography.Text>{' '}
                  <VisitorStatusTag v={v} />
                  <div>
                    {v.company ?? ''} · {v.purpose}
                  </div>
                  <div>
                    {t('visitors.field.hostId')}：{v.host?.name} · {formatDateTime(v.checkedInAt ?? v.expectedAt)}
                  </div>
                  <VisitorActions visitor={v} compact />
                </Card>
              ))}
            </div>
          )}
        </>
      ) : (
        <Card className="block-gap">
          <VisitorForm
            kind="walk_in"
            onDone={(v) => {
              void message.success(t('visitors.registered', { number: v.number }));
              setTab('today');
            }}
          />
        </Card>
      )}
    </>
  );
}
