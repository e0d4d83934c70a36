// 我的值班 — the phone page of the person on duty (DUT-02, DUT-03): the shift I am on now with a form to
// add a log entry and a way to hand over; my next shifts; my last shifts (a late handover).
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { LogForm } from './LogForm';
import { DutyTabs, HandoverTag, hm, names } from './shared';
import type { Assignment, MyDuty } from './types';
import './duty.css';

function ShiftLine({ a }: { a: Assignment }) {
  return (
    <Space wrap>
      <Link to={`/duty/rosters/${a.id}`}>
        {a.dutyDate} {a.shiftName}
      </Link>
      <span>
        {hm(a.startsAt)}–{hm(a.endsAt)}
      </span>
      <span>{a.orgName}</span>
      <HandoverTag a={a} />
    </Space>
  );
}

export default function MyDutyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['duty', 'mine'], queryFn: () => api.get<MyDuty>('/duty-rosters/mine') });
  const d = q.data;
  return (
    <>
      <PageHeader title={t('duty.mine.title')} />
      <DutyTabs />
      <ErrorAlert error={q.error} />
      {d && d.now.length === 0 && <Typography.Paragraph className="duty-card">{t('duty.mine.notOnDuty')}</Typography.Paragraph>}
      {d?.now.map((a) => (
        <Card key={a.id} className="duty-card" title={<ShiftLine a={a} />}>
          <Typography.Paragraph>
            {t('duty.field.people')}：{names(a.people)}
            {a.leader ? ` · ${t('duty.field.leader')}：${a.leader.name}` : ''}
          </Typography.Paragraph>
          {allows(a, 'log') && <LogForm assignmentId={a.id} />}
          {allows(a, 'handover') && (
            <Button block className="duty-handover-button" onClick={() => navigate(`/duty/rosters/${a.id}#handover`)}>
              {t('duty.mine.handOver')}
            </Button>
          )}
        </Card>
      ))}
      {d && d.recent.some((a) => allows(a, 'handover')) && (
        <Card className="duty-card" title={t('duty.mine.recent')}>
          <List dataSource={d.recent.filter((a) => allows(a, 'handover'))} renderItem={(a) => <List.Item><ShiftLine a={a} /></List.Item>} />
        </Card>
      )}
      <Card className="duty-card" title={t('duty.mine.upcoming')}>
        <List locale={{ emptyText: t('duty.mine.noUpcoming') }} dataSource={d?.upcoming ?? []} renderItem={(a) => <List.Item><ShiftLine a={a} /></List.Item>} />
      </Card>
    </>
  );
}
