// A new ad-hoc inspection without a plan (one-off or unannounced, INS-02): template, inspected unit
// (and optionally one of its sites), team with its leader, scheduled and due dates.
import { Checkbox, DatePicker, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { UserSelect } from '../../components/UserSelect';
import { useFormMutation } from '../../components/useFormMutation';
import { IP } from '../../../../server/modules/inspections/permissions.ts';
import { PeopleSelect, SiteSelect, TemplateSelect } from './pickers';
import type { AdhocCreate, InspectionDetail } from './types';
import { orgToday } from '../../app/org-time';

interface Values {
  templateId: string;
  orgId: string;
  siteId?: string | null;
  leaderId: string;
  memberIds?: string[];
  unannounced?: boolean;
  scheduledFor?: Dayjs;
  dueOn: Dayjs;
}

export function AdhocModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (r: InspectionDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const save = useFormMutation(
    (v: Values) => {
      const body: AdhocCreate = {
        templateId: v.templateId,
        orgId: v.orgId,
        siteId: v.siteId ?? null,
        leaderId: v.leaderId,
        memberIds: (v.memberIds ?? []).filter((m) => m !== v.leaderId),
        unannounced: !!v.unannounced,
        scheduledFor: v.scheduledFor ? v.scheduledFor.format('YYYY-MM-DD') : undefined,
        dueOn: v.dueOn.format('YYYY-MM-DD'),
      };
      return api.create<InspectionDetail>('/inspections', body);
    },
    { form, invalidate: [['inspections']], onSuccess: (r) => onCreated(r) },
  );
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal open={open} title={t('inspections.createAdhoc')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <ErrorAlert error={save.error} form={form} />
      <Form<Values> form={form} name="adhocInspection" layout="vertical" initialValues={{ scheduledFor: orgToday(), dueOn: orgToday().add(7, 'day') }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="templateId" label={t('inspections.template')} rules={required}>
          <TemplateSelect />
        </Form.Item>
        <Form.Item name="orgId" label={t('inspections.unit')} rules={required}>
          <OrgTreeSelect permission={IP.plan} />
        </Form.Item>
        <Form.Item name="siteId" label={t('inspections.site')}>
          <SiteSelect orgId={orgId} />
        </Form.Item>
        <Form.Item name="leaderId" label={t('inspections.leader')} rules={required}>
          <UserSelect activeOnly />
        </Form.Item>
        <Form.Item name="memberIds" label={t('inspections.members')}>
          <PeopleSelect />
        </Form.Item>
        <Form.Item name="scheduledFor" label={t('inspections.scheduledFor')}>
          <DatePicker className="full-width" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('inspections.dueOn')} rules={required}>
          <DatePicker className="full-width" />
        </Form.Item>
        <Form.Item name="unannounced" valuePropName="checked" extra={t('inspections.unannouncedHint')}>
          <Checkbox>{t('inspections.unannounced')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
