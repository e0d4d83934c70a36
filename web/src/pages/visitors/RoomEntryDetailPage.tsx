// One machine-room or vault entry (VIS-03): who, the supervisor of third parties, the approval, time in
// and out, what was done; the buttons its allowedActions give (approve / refuse for the IT head or the
// security head who did not log it, enter, leave with the work done, withdraw) and its history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { RecordTimeline } from '../../components/RecordTimeline';
import { StatusTag } from '../../components/StatusTag';
import { StepDialog } from '../hazards/StepDialog';
import { ENTRY_TONES, entryStatusLabel } from './labels';
import { peopleText } from './RoomEntriesPage';
import type { RoomEntry } from './types';

export default function RoomEntryDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['room-entries', 'one', id], queryFn: () => api.get<RoomEntry>(`/room-entries/${id}`) });
  const [open, setOpen] = useState<'approve' | 'reject' | 'exit' | 'withdraw' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [noteForm] = Form.useForm<{ note?: string }>();
  const [exitForm] = Form.useForm<{ workDone: string }>();
  const back = { to: '/visitors/rooms', label: t('visitors.rooms.title') };
  const refresh = () => Promise.all([['room-entries'], ['history'], ['dashboard']].map((queryKey) => qc.invalidateQueries({ queryKey })));
  if (q.isLoading) return <Loading />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('visitors.rooms.title')} back={back} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  const e = q.data;
  const post = async (step: string, body: object) => {
    await api.post(`/room-entries/${e.id}/${step}`, { ...body, version: e.version });
    setOpen(null);
    await refresh();
  };
  const enter = async () => {
    setError(null);
    try {
      await post('enter', {});
    } catch (err) {
      setError(err);
    }
  };
  const common = { onCancel: () => setOpen(null), onReload: () => void refresh().then(() => setOpen(null)) };
  return (
    <>
      <PageHeader
        title={`${e.number} ${e.siteName}`}
        back={back}
        tags={<StatusTag tone={ENTRY_TONES[e.status]}>{entryStatusLabel(e.status)}</StatusTag>}
        extra={
          <Space wrap>
            {allows(e, 'approve') && (
              <Button type="primary" onClick={() => setOpen('approve')}>
                {t('visitors.rooms.action.approve')}
              </Button>
            )}
            {allows(e, 'reject') && <Button onClick={() => setOpen('reject')}>{t('visitors.rooms.action.reject')}</Button>}
            {allows(e, 'enter') && (
              <Button type="primary" onClick={() => void enter()}>
                {t('visitors.rooms.action.enter')}
              </Button>
            )}
            {allows(e, 'exit') && (
              <Button type="primary" onClick={() => setOpen('exit')}>
                {t('visitors.rooms.action.exit')}
              </Button>
            )}
            {allows(e, 'withdraw') && (
              <Button danger onClick={() => setOpen('withdraw')}>
                {t('visitors.rooms.action.withdraw')}
              </Button>
            )}
          </Space>
        }
      />
      <ErrorAlert error={error} />
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('visitors.rooms.site')}>{`${e.siteName} · ${e.orgName}`}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.rooms.people')}>{peopleText(e)}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.rooms.supervisorId')}>{e.supervisor?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.rooms.purpose')}>{e.purpose}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.rooms.requestedBy')}>{`${e.requestedBy?.name ?? ''} · ${formatDateTime(e.createdAt)}`}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.rooms.approval')}>
            {e.approvalRequired ? (e.approvedBy ? `${e.approvedBy.name} · ${formatDateTime(e.approvedAt)}${e.approvalNote ? ` · ${e.approvalNote}` : ''}` : t('visitors.rooms.approvalRequired')) : t('visitors.rooms.approvalNotRequired')}
          </Descriptions.Item>
          <Descriptions.Item label={t('visitors.rooms.enteredAt')}>{formatDateTime(e.enteredAt) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.rooms.exitedAt')}>{formatDateTime(e.exitedAt) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.rooms.workDone')}>{e.workDone ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('visitors.history')} className="block-gap">
        <RecordTimeline path={`/room-entries/${e.id}/history`} />
      </Card>
      {(['approve', 'reject'] as const).map((d) => (
        <StepDialog key={d} open={open === d} name={`entry-${d}`} title={t(`visitors.rooms.action.${d}`)} form={noteForm} onSubmit={(v) => post(d, { note: v.note || null })} {...common}>
          <Form.Item name="note" label={t('visitors.rooms.noteLabel')}>
            <Input.TextArea maxLength={1000} />
          </Form.Item>
        </StepDialog>
      ))}
      <StepDialog open={open === 'exit'} name="entry-exit" title={t('visitors.rooms.exitTitle')} form={exitForm} onSubmit={(v) => post('exit', v)} {...common}>
        <Form.Item name="workDone" label={t('visitors.rooms.workDone')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3 }} />
        </Form.Item>
      </StepDialog>
      <ReasonModal open={open === 'withdraw'} title={t('visitors.rooms.withdrawTitle')} danger onCancel={() => setOpen(null)} onSubmit={(reason) => post('withdraw', { reason })} />
    </>
  );
}
