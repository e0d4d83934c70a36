// One inspection plan (INS-02): its fields, the inspections it generated (a link to the filtered
// list), edit, pause / resume and withdraw as the server allows.
import { DeleteOutlined, EditOutlined, PauseCircleOutlined, PlayCircleOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions } from 'antd';
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
import { useFormMutation } from '../../components/useFormMutation';
import { recurrenceLabel } from './labels';
import { PlanForm } from './PlanForm';
import { PlanState, scopeText } from './PlansPage';
import type { Plan } from './types';

export default function PlanDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'edit' | 'withdraw' | null>(null);
  const key = ['inspection-plans', 'one', id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<Plan>(`/inspection-plans/${id}`) });
  const done = { invalidate: [['inspection-plans'], ['inspections']], onSuccess: (p: Plan) => void qc.setQueryData(key, p) };
  const toggle = useFormMutation((active: boolean) => api.patch<Plan>(`/inspection-plans/${id}`, { active }, q.data!.version), done);
  const withdraw = useFormMutation((reason: string) => api.post<Plan>(`/inspection-plans/${id}/withdraw`, { reason, version: q.data?.version }), {
    ...done,
    onSuccess: (p: Plan) => {
      qc.setQueryData(key, p);
      setDialog(null);
    },
  });
  const back = { to: '/inspection-plans', label: t('inspectionPlans.nav') };
  if (q.isLoading) return <Loading />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('inspectionPlans.nav')} back={back} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  const p = q.data;
  return (
    <>
      <PageHeader
        title={p.name}
        back={back}
        tags={<PlanState p={p} />}
        extra={
          <>
            <Link to={`/inspections?planId=${p.id}&includeWithdrawn=true`}>
              <UnorderedListOutlined aria-hidden /> {t('inspectionPlans.itsInspections')}
            </Link>
            {allows(p, 'edit') && (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
            )}
            {allows(p, 'pause') && (
              <Button icon={<PauseCircleOutlined aria-hidden />} loading={toggle.isPending} onClick={() => toggle.mutate(false)}>
                {t('inspectionPlans.pause')}
              </Button>
            )}
            {allows(p, 'resume') && (
              <Button icon={<PlayCircleOutlined aria-hidden />} loading={toggle.isPending} onClick={() => toggle.mutate(true)}>
                {t('inspectionPlans.resume')}
              </Button>
            )}
            {allows(p, 'withdraw') && (
              <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => setDialog('withdraw')}>
                {t('common.withdraw')}
              </Button>
            )}
          </>
        }
      />
      <ErrorAlert error={toggle.error} />
      <Card className="card-gap" title={<h2 className="section-title">{t('common.details')}</h2>}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('inspectionPlans.planningUnit')}>{p.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.template')}>
            {p.templateName} ({t('inspectionTemplates.versionN', { n: p.templateVersion })})
          </Descriptions.Item>
          <Descriptions.Item label={t('inspectionPlans.scope')}>{scopeText(p, t('common.listSep'))}</Descriptions.Item>
          <Descriptions.Item label={t('inspectionPlans.recurrence')}>{recurrenceLabel(p.recurrence)}</Descriptions.Item>
          <Descriptions.Item label={t('inspectionPlans.startsOn')}>{formatDate(p.startsOn)}</Descriptions.Item>
          <Descriptions.Item label={t('inspectionPlans.endsOn')}>{p.endsOn ? formatDate(p.endsOn) : t('inspectionPlans.noEnd')}</Descriptions.Item>
          <Descriptions.Item label={t('inspectionPlans.durationDays')}>{t('inspectionPlans.days', { count: p.durationDays })}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.unannounced')}>{p.unannounced ? t('common.yes') : t('common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.leader')}>{p.leader.name}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.members')}>{p.members.map((m) => m.name).join(t('common.listSep')) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspectionPlans.generatedThrough')}>{p.generatedThrough ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.updatedAt')}>{formatDateTime(p.updatedAt)}</Descriptions.Item>
          {p.withdrawnReason && <Descriptions.Item label={t('field.withdrawnReason')}>{p.withdrawnReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <PlanForm open={dialog === 'edit'} plan={p} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      <ReasonModal open={dialog === 'withdraw'} title={t('inspectionPlans.withdrawTitle', { name: p.name })} description={<p>{t('inspectionPlans.withdrawHint')}</p>} okText={t('common.withdraw')} danger onCancel={() => setDialog(null)} onSubmit={(r) => withdraw.mutateAsync(r)} />
    </>
  );
}
