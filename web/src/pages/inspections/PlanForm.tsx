// Create or change an inspection plan (INS-02): planning unit, template, scope (units and/or sites
// within the unit's subtree), recurrence (daily … yearly, or one-off), start / end, how many days
// each inspection has, the team and its leader, unannounced.
import { useQuery } from '@tanstack/react-query';
import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { UserSelect } from '../../components/UserSelect';
import { useFormMutation } from '../../components/useFormMutation';
import { IP } from '../../../../server/modules/inspections/permissions.ts';
import { recurrenceLabel, recurrences } from './labels';
import { OrgsSelect, PeopleSelect, SiteSelect, TemplateSelect } from './pickers';
import type { Plan, PlanCreate, Recurrence, Template } from './types';
import { orgToday } from '../../app/org-time';

interface Values {
  orgId: string;
  name: string;
  templateId: string;
  scopeOrgIds?: string[];
  scopeSiteIds?: string[];
  recurrence: Recurrence;
  unannounced?: boolean;
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
  durationDays: number;
  leaderId: string;
  memberIds?: string[];
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

export function PlanForm({ open, plan, onClose, onSaved }: { open: boolean; plan?: Plan | null; onClose: () => void; onSaved: (p: Plan) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  // The plan follows its template family's current version: show that version in the picker.
  const templates = useQuery({ queryKey: ['inspection-templates', 'pick'], queryFn: () => api.get<PageOf<Template>>('/inspection-templates', { pageSize: 200 }), enabled: open && !!plan });
  const currentTemplate = plan ? templates.data?.items.find((x) => x.familyId === plan.templateFamilyId)?.id : undefined;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (plan) {
      form.setFieldsValue({
        orgId: plan.orgId,
        name: plan.name,
        scopeOrgIds: plan.scopeOrgs.map((o) => o.id),
        scopeSiteIds: plan.scopeSites.map((s) => s.id),
        recurrence: plan.recurrence,
        unannounced: plan.unannounced,
        startsOn: dayjs(plan.startsOn),
        endsOn: plan.endsOn ? dayjs(plan.endsOn) : null,
        durationDays: plan.durationDays,
        leaderId: plan.leader.id,
        memberIds: plan.members.map((m) => m.id),
      });
    }
  }, [open, plan, form]);
  // The template list arrives after the form opened: fill in the family's current version then.
  useEffect(() => {
    if (open && currentTemplate && !form.getFieldValue('templateId')) form.setFieldValue('templateId', currentTemplate);
  }, [open, currentTemplate, form]);
  const save = useFormMutation(
    (v: Values) => {
      const fields = {
        name: v.name.trim(),
        scopeOrgIds: v.scopeOrgIds ?? [],
        scopeSiteIds: v.scopeSiteIds ?? [],
        recurrence: v.recurrence,
        unannounced: !!v.unannounced,
        startsOn: day(v.startsOn),
        endsOn: v.endsOn ? day(v.endsOn) : null,
        durationDays: v.durationDays,
        leaderId: v.leaderId,
        memberIds: (v.memberIds ?? []).filter((m) => m !== v.leaderId),
      };
      if (plan) return api.patch<Plan>(`/inspection-plans/${plan.id}`, { ...fields, ...(v.templateId && v.templateId !== currentTemplate ? { templateId: v.templateId } : {}) }, plan.version);
      return api.create<Plan>('/inspection-plans', { ...fields, orgId: v.orgId, templateId: v.templateId } satisfies PlanCreate);
    },
    { form, invalidate: [['inspection-plans'], ['inspections']], onSuccess: (p) => onSaved(p) },
  );
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal open={open} width={640} title={plan ? t('inspectionPlans.editTitle', { name: plan.name }) : t('inspectionPlans.create')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <ErrorAlert error={save.error} form={form} />
      <Form<Values> form={form} name="planForm" layout="vertical" initialValues={{ recurrence: 'monthly', durationDays: 30, startsOn: orgToday() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgId" label={t('inspectionPlans.planningUnit')} rules={required}>
          <OrgTreeSelect permission={IP.plan} disabled={!!plan} />
        </Form.Item>
        <Form.Item name="name" label={t('inspectionPlans.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="templateId" label={t('inspections.template')} rules={plan ? [] : required}>
          <TemplateSelect />
        </Form.Item>
        <Form.Item name="scopeOrgIds" label={t('inspectionPlans.scopeOrgs')} extra={t('inspectionPlans.scopeHint')}>
          <OrgsSelect within={orgId} />
        </Form.Item>
        <Form.Item name="scopeSiteIds" label={t('inspectionPlans.scopeSites')}>
          <SiteSelect multiple orgId={orgId} />
        </Form.Item>
        <Form.Item name="recurrence" label={t('inspectionPlans.recurrence')} rules={required}>
          <Select options={recurrences.map((r) => ({ value: r, label: recurrenceLabel(r) }))} />
        </Form.Item>
        <Form.Item name="startsOn" label={t('inspectionPlans.startsOn')} rules={required}>
          <DatePicker className="full-width" />
        </Form.Item>
        <Form.Item name="endsOn" label={t('inspectionPlans.endsOn')}>
          <DatePicker className="full-width" />
        </Form.Item>
        <Form.Item name="durationDays" label={t('inspectionPlans.durationDays')} extra={t('inspectionPlans.durationHint')} rules={required}>
          <InputNumber min={1} max={366} className="full-width" />
        </Form.Item>
        <Form.Item name="leaderId" label={t('inspections.leader')} rules={required}>
          <UserSelect activeOnly />
        </Form.Item>
        <Form.Item name="memberIds" label={t('inspections.members')}>
          <PeopleSelect known={plan?.members} />
        </Form.Item>
        <Form.Item name="unannounced" valuePropName="checked" extra={t('inspections.unannouncedHint')}>
          <Checkbox>{t('inspections.unannounced')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
