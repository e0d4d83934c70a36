// One shift on one date (DUT-01 … DUT-03): who is on duty, swap requests and their decision (not by the
// requester or the counterpart), the shift's duty log (with corrections), the handover form for the
// person on duty, the A4 print of the log and the record's history.
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { RecordTimeline } from '../../components/RecordTimeline';
import { StatusTag } from '../../components/StatusTag';
import { UserSelect } from '../../components/UserSelect';
import { useFormMutation } from '../../components/useFormMutation';
import { HandoverForm } from './HandoverForm';
import { LogForm } from './LogForm';
import { DutyTabs, HandoverTag, hm, names } from './shared';
import type { AssignmentDetail, DutyLog, Swap } from './types';
import './duty.css';

function SwapRequest({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ counterpartId: string; reason: string }>();
  const m = useFormMutation((v: { counterpartId: string; reason: string }) => api.create<AssignmentDetail>(`/duty-rosters/${id}/swaps`, v), { form, invalidate: [['duty']], onSuccess: onClose });
  return (
    <Modal open={open} title={t('duty.swap.request')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: m.isPending }} destroyOnHidden>
      <Form form={form} layout="vertical" name="swap" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="counterpartId" label={t('duty.swap.counterpart')} rules={[{ required: true, message: t('duty.required') }]}>
          <UserSelect activeOnly aria-label={t('duty.swap.counterpart')} />
        </Form.Item>
        <Form.Item name="reason" label={t('duty.swap.reason')} rules={[{ required: true, whitespace: true, message: t('duty.required') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <ErrorAlert error={m.error} form={form} />
      </Form>
    </Modal>
  );
}

function SwapRow({ a, s }: { a: AssignmentDetail; s: Swap }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const decide = async (d: 'approve' | 'reject') => {
    setError(null);
    try {
      await api.post(`/duty-rosters/${a.id}/swaps/${s.id}/${d}`, { version: s.version });
      await qc.invalidateQueries({ queryKey: ['duty'] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <List.Item
      actions={s.allowedActions.map((act) => (
        <Button key={act} type={act === 'approve' ? 'primary' : 'default'} onClick={() => void decide(act as 'approve')}>
          {t(`duty.swap.${act as 'approve' | 'reject'}`)}
        </Button>
      ))}
    >
      <Space direction="vertical">
        <span>
          {s.requester.name} → {s.counterpart.name} · {s.reason}
        </span>
        <Space>
          <StatusTag tone={s.status === 'approved' ? 'success' : s.status === 'rejected' ? 'error' : 'warning'}>{t(`duty.swap.status.${s.status}`)}</StatusTag>
          {s.decidedBy && `${s.decidedBy.name} ${formatDateTime(s.decidedAt)}`}
        </Space>
        <ErrorAlert error={error} />
      </Space>
    </List.Item>
  );
}

function ShiftLog({ a }: { a: AssignmentDetail }) {
  const { t } = useTranslation();
  const [correcting, setCorrecting] = useState<string | null>(null);
  const logs = useQuery({ queryKey: ['duty', 'logs', 'of', a.id], queryFn: () => api.get<PageOf<DutyLog>>('/duty-logs', { assignmentId: a.id, pageSize: 200, sort: 'occurredAt' }) });
  return (
    <Card className="duty-card" title={t('duty.log.title')}>
      <ErrorAlert error={logs.error} />
      <List
        locale={{ emptyText: t('duty.log.none') }}
        dataSource={logs.data?.items ?? []}
        renderItem={(l) => (
          <List.Item actions={allows(l, 'correct') ? [<Button key="c" size="small" onClick={() => setCorrecting(correcting === l.id ? null : l.id)}>{t('duty.log.correct')}</Button>] : []}>
            <Space direction="vertical" className="full-width">
              <span className={l.urgent ? 'duty-urgent' : undefined}>
                {hm(l.occurredAt)} {l.urgent && `【${t('duty.log.urgent')}】`} {l.correctsId && `【${t('duty.log.isCorrection')}】`} {l.happened}
              </span>
              {l.actionTaken && <Typography.Text type="secondary">{t('duty.log.actionTaken')}：{l.actionTaken}</Typography.Text>}
              <Typography.Text type="secondary">{l.author.name}</Typography.Text>
              {correcting === l.id && <LogForm assignmentId={a.id} correctsId={l.id} onDone={() => setCorrecting(null)} />}
            </Space>
          </List.Item>
        )}
      />
      {allows(a, 'log') && <LogForm assignmentId={a.id} />}
    </Card>
  );
}

export default function RosterDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const [swapping, setSwapping] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const q = useQuery({ queryKey: ['duty', 'roster', id], queryFn: () => api.get<AssignmentDetail>(`/duty-rosters/${id}`) });
  const a = q.data;
  return (
    <>
      <PageHeader
        title={a ? `${a.dutyDate} ${a.shiftName} · ${a.orgName}` : t('duty.roster.one')}
        tags={a && <HandoverTag a={a} />}
        back={{ to: '/duty/rosters', label: t('duty.roster.title') }}
        extra={
          a && (
            <>
              {allows(a, 'requestSwap') && <Button onClick={() => setSwapping(true)}>{t('duty.swap.request')}</Button>}
              {allows(a, 'withdraw') && (
                <Button danger onClick={() => setWithdrawing(true)}>
                  {t('duty.roster.withdraw')}
                </Button>
              )}
              {allows(a, 'print') && (
                <Button href={`/api/v1/duty-rosters/${a.id}/print`} target="_blank" rel="noopener" icon={<PrinterOutlined aria-hidden />}>
                  {t('duty.print.log')}
                </Button>
              )}
            </>
          )
        }
      />
      <DutyTabs />
      <ErrorAlert error={q.error} />
      {a && (
        <>
          <Descriptions bordered column={1} size="small" className="duty-card">
            <Descriptions.Item label={t('duty.field.time')}>{`${formatDateTime(a.startsAt)} – ${formatDateTime(a.endsAt)}`}</Descriptions.Item>
            <Descriptions.Item label={t('duty.field.people')}>{names(a.people)}</Descriptions.Item>
            <Descriptions.Item label={t('duty.field.leader')}>{a.leader?.name ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('duty.field.handover')}>{a.handoverId ? <Link to={`/duty/handovers/${a.handoverId}`}>{t(`duty.handover.status.${a.handoverStatus}`)}</Link> : <HandoverTag a={a} />}</Descriptions.Item>
          </Descriptions>
          {a.swaps.length > 0 && (
            <Card className="duty-card" title={t('duty.swap.title')}>
              <List dataSource={a.swaps} renderItem={(s) => <SwapRow a={a} s={s} />} />
            </Card>
          )}
          <ShiftLog a={a} />
          {allows(a, 'handover') && (
            <Card className="duty-card" id="handover" title={t('duty.handover.formTitle')}>
              <HandoverForm assignmentId={a.id} orgId={a.orgId} openItems={a.openItems} />
            </Card>
          )}
          <Card className="duty-card" title={t('duty.history')}>
            <RecordTimeline path={`/duty-rosters/${a.id}/history`} />
          </Card>
          <SwapRequest id={a.id} open={swapping} onClose={() => setSwapping(false)} />
          <ReasonModal
            open={withdrawing}
            title={t('duty.roster.withdraw')}
            danger
            onCancel={() => setWithdrawing(false)}
            onSubmit={async (reason) => {
              await api.post(`/duty-rosters/${a.id}/withdraw`, { reason, version: a.version });
              setWithdrawing(false);
              await qc.invalidateQueries({ queryKey: ['duty'] });
            }}
          />
        </>
      )}
    </>
  );
}
