// One inspection (INS-03, INS-04): its facts, the checklist to perform (or, once submitted, read),
// the signatures, submission (a failed item opens a hazard), the hazards it opened, print and history.
import { DeleteOutlined, LockOutlined, PlayCircleOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, List } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { formatDate, formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { RecordTimeline } from '../../components/RecordTimeline';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { Checklist } from './Checklist';
import { detailKey } from './ItemCard';
import { bi, GRADE_TONES, gradeLabel, STATUS_TONES, statusLabel } from './labels';
import { SignPanel } from './SignPanel';
import type { InspectionDetail } from './types';
import './inspections.css';

export default function InspectionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const [withdrawing, setWithdrawing] = useState(false);
  const q = useQuery({ queryKey: detailKey(id), queryFn: () => api.get<InspectionDetail>(`/inspections/${id}`) });
  const onStep = { invalidate: [['inspections', 'list'], ['history']], onSuccess: (r: InspectionDetail) => void qc.setQueryData(detailKey(id), r) };
  const start = useFormMutation(() => api.post<InspectionDetail>(`/inspections/${id}/start`, { version: q.data?.version }), onStep);
  const withdraw = useFormMutation((reason: string) => api.post<InspectionDetail>(`/inspections/${id}/withdraw`, { reason, version: q.data?.version }), {
    ...onStep,
    onSuccess: (r: InspectionDetail) => {
      qc.setQueryData(detailKey(id), r);
      setWithdrawing(false);
    },
  });
  const back = { to: '/inspections', label: t('inspections.nav') };
  if (q.isLoading) return <Loading />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('inspections.nav')} back={back} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  const d = q.data;
  const locked = d.status === 'submitted';
  const editable = allows(d, 'record');
  const failed = d.sections.flatMap((s) => s.items).filter((i) => i.result?.result === 'fail');
  return (
    <>
      <PageHeader
        title={`${d.number} ${d.orgName}`}
        back={back}
        tags={
          <>
            {d.withdrawnAt ? <StatusTag tone="neutral">{t('common.withdrawn')}</StatusTag> : <StatusTag tone={STATUS_TONES[d.status]}>{statusLabel(d.status)}</StatusTag>}
            {d.overdue && <StatusTag tone="error">{t('inspections.overdue')}</StatusTag>}
            {d.unannounced && <StatusTag tone="warning">{t('inspections.unannounced')}</StatusTag>}
            {locked && (
              <StatusTag tone="neutral">
                <LockOutlined aria-hidden /> {t('inspections.locked')}
              </StatusTag>
            )}
          </>
        }
        extra={
          <>
            {allows(d, 'start') && (
              <Button type="primary" icon={<PlayCircleOutlined aria-hidden />} loading={start.isPending} onClick={() => start.mutate(undefined)}>
                {t('inspections.start')}
              </Button>
            )}
            {allows(d, 'print') && (
              <Button icon={<PrinterOutlined aria-hidden />} href={`/api/v1/inspections/${d.id}/print`} target="_blank" rel="noopener">
                {t('inspections.print')}
              </Button>
            )}
            {allows(d, 'withdraw') && (
              <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => setWithdrawing(true)}>
                {t('common.withdraw')}
              </Button>
            )}
          </>
        }
      />
      <ErrorAlert error={start.error} />
      {locked && <Alert className="block-gap" type="info" showIcon title={t('inspections.lockedText', { at: formatDateTime(d.submittedAt), name: d.submittedBy?.name ?? '' })} />}
      <Card className="card-gap" title={<h2 className="section-title">{t('common.details')}</h2>}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('inspections.template')}>
            <Link className="ins-inline-link" to={`/inspection-templates/${d.templateId}`}>{bi(d.templateName, d.templateNameEn)}</Link> ({t('inspectionTemplates.versionN', { n: d.templateVersion })})
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.unit')}>{d.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.site')}>{d.siteName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.plan')}>{d.planId ? <Link to={`/inspection-plans/${d.planId}`}>{d.planName}</Link> : t('inspections.adhoc')}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.scheduledFor')}>{formatDate(d.scheduledFor)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.dueAt')}>{formatDateTime(d.dueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.leader')}>{d.leader.name}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.members')}>{d.members.map((m) => m.name).join(t('common.listSep')) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.startedAt')}>{d.startedAt ? `${formatDateTime(d.startedAt)} ${d.startedBy?.name ?? ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.location')}>{d.location ?? '—'}</Descriptions.Item>
          {locked && <Descriptions.Item label={t('inspections.submittedAt')}>{`${formatDateTime(d.submittedAt)} ${d.submittedBy?.name ?? ''}`}</Descriptions.Item>}
          {locked && <Descriptions.Item label={t('inspections.summary')}>{d.summary ?? '—'}</Descriptions.Item>}
          {d.withdrawnReason && <Descriptions.Item label={t('field.withdrawnReason')}>{d.withdrawnReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {locked && failed.length > 0 && (
        <Card className="card-gap" title={<h2 className="section-title">{t('inspections.hazardsOpened')}</h2>}>
          <List
            dataSource={failed}
            renderItem={(i) => (
              <List.Item>
                <span>
                  {i.result?.hazard ? <Link className="ins-inline-link" to={`/hazards/${i.result.hazard.id}`}>{i.result.hazard.number}</Link> : '—'} {bi(i.text, i.textEn)}{' '}
                  {i.result?.grade && <StatusTag tone={GRADE_TONES[i.result.grade]}>{gradeLabel(i.result.grade)}</StatusTag>}
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Checklist d={d} editable={editable} />
      <SignPanel d={d} />
      {(allows(d, 'record') || allows(d, 'submit')) && <SubmitPanel d={d} />}
      <Card title={<h2 className="section-title">{t('history.title')}</h2>}>
        <RecordTimeline path={`/inspections/${d.id}/history`} />
      </Card>
      <ReasonModal open={withdrawing} title={t('inspections.withdrawTitle', { number: d.number })} okText={t('common.withdraw')} danger onCancel={() => setWithdrawing(false)} onSubmit={(reason) => withdraw.mutateAsync(reason)} />
    </>
  );
}

/** Submission: every item answered and the inspector signed; then locked, and each failure opens a hazard. */
function SubmitPanel({ d }: { d: InspectionDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ summary?: string; location?: string }>();
  const submit = useFormMutation(
    (v: { summary?: string; location?: string }) => api.post<InspectionDetail>(`/inspections/${d.id}/submit`, { summary: v.summary?.trim() || null, location: v.location?.trim() || d.location || null, version: d.version }),
    { form, invalidate: [['inspections', 'list'], ['history'], ['hazards']], onSuccess: (r) => void qc.setQueryData(detailKey(d.id), r) },
  );
  const unanswered = d.itemCount - d.answeredCount;
  const blockers = [unanswered > 0 && t('inspections.blockUnanswered', { count: unanswered }), !d.inspectorSignature && t('inspections.blockSignature')].filter(Boolean) as string[];
  return (
    <Card className="card-gap" title={<h2 className="section-title">{t('inspections.submitTitle')}</h2>}>
      <ErrorAlert error={submit.error} form={form} />
      {blockers.length > 0 && <Alert className="block-gap" type="warning" showIcon title={t('inspections.cannotSubmitYet')} description={<ul className="plain-list">{blockers.map((b) => <li key={b}>{b}</li>)}</ul>} />}
      {d.failedCount > 0 && <Alert className="block-gap" type="info" showIcon title={t('inspections.willOpenHazards', { count: d.failedCount })} />}
      <Form form={form} name="submitInspection" layout="vertical" initialValues={{ location: d.location ?? '' }} onFinish={(v) => submit.mutate(v)}>
        <Form.Item name="location" label={t('inspections.location')} rules={[{ max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
          <Input size="large" />
        </Form.Item>
        <Form.Item name="summary" label={t('inspections.summary')} rules={[{ max: 5000, message: t('validation.maxLength', { max: 5000 }) }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" className="ins-big-button" block icon={<SendOutlined aria-hidden />} loading={submit.isPending} disabled={blockers.length > 0 || !allows(d, 'submit')}>
          {t('inspections.submit')}
        </Button>
      </Form>
    </Card>
  );
}
