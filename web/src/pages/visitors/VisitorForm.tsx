// The visitor form (VIS-01, VIS-02): a walk-in at the desk (checked in at once) or an appointment by
// the host. Refusals name their fields (escort for restricted areas, the blocklist under the document
// number with its reason); the blocklist refusal is also shown on top for the desk.
import { Alert, Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { useOrgTree } from '../../app/org-tree';
import { canAt } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { UserSelect } from '../../components/UserSelect';
import { useFormMutation } from '../../components/useFormMutation';
import { documentTypeLabel, documentTypes, options } from './labels';
import { VP } from './permissions';
import { SiteSelect } from './SiteSelect';
import type { DocumentType, Visitor } from './types';

interface Values {
  orgId: string;
  name: string;
  company?: string;
  documentType: DocumentType;
  documentNumber: string;
  purpose: string;
  hostId: string;
  siteIds?: string[];
  escortId?: string;
  expectedAt?: Dayjs;
}

export function VisitorForm({ kind, onDone }: { kind: 'walk_in' | 'appointment'; onDone: (v: Visitor) => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const { index } = useOrgTree();
  // The unit defaults to the person's own (the desk's branch, the host's unit).
  const defaultOrgId = canAt(me, VP.register, me.user.orgId, index) ? me.user.orgId : undefined;
  const [form] = Form.useForm<Values>();
  // The org tree loads after the form: fill the default in once it is known.
  useEffect(() => {
    if (defaultOrgId && !form.getFieldValue('orgId')) form.setFieldsValue({ orgId: defaultOrgId });
  }, [defaultOrgId, form]);
  const save = useFormMutation(
    (v: Values) =>
      api.create<Visitor>('/visitors', {
        kind,
        orgId: v.orgId,
        name: v.name,
        company: v.company || null,
        documentType: v.documentType,
        documentNumber: v.documentNumber,
        purpose: v.purpose,
        hostId: v.hostId,
        siteIds: v.siteIds ?? [],
        escortId: v.escortId || null,
        ...(kind === 'appointment' ? { expectedAt: v.expectedAt?.toISOString() } : {}),
      }),
    {
      form,
      invalidate: [['visitors'], ['dashboard']],
      onSuccess: (v) => {
        form.resetFields();
        form.setFieldsValue({ orgId: defaultOrgId });
        onDone(v);
      },
    },
  );
  const blocked = isApiError(save.error, 'VISITOR_BLOCKLISTED');
  const req = [{ required: true, message: t('validation.required') }];
  return (
    <Form<Values> form={form} name={`visitor-${kind}`} layout="vertical" initialValues={{ documentType: 'resident_id', orgId: defaultOrgId }} onFinish={(v) => save.mutate(v)}>
      {blocked && <Alert className="block-gap" type="error" showIcon banner title={(save.error as Error).message} />}
      {!blocked && <ErrorAlert error={save.error} form={form} />}
      <Form.Item name="orgId" label={t('visitors.field.orgId')} rules={req}>
        <OrgTreeSelect permission={VP.register} />
      </Form.Item>
      <Form.Item name="name" label={t('visitors.field.name')} rules={req}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name="company" label={t('visitors.field.company')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="documentType" label={t('visitors.field.documentType')} rules={req}>
        <Select options={options(documentTypes, documentTypeLabel)} />
      </Form.Item>
      <Form.Item name="documentNumber" label={t('visitors.field.documentNumber')} rules={req}>
        <Input maxLength={30} autoComplete="off" inputMode="text" />
      </Form.Item>
      <Form.Item name="purpose" label={t('visitors.field.purpose')} rules={req}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item name="hostId" label={t('visitors.field.hostId')} rules={req}>
        <UserSelect activeOnly />
      </Form.Item>
      {kind === 'appointment' && (
        <Form.Item name="expectedAt" label={t('visitors.field.expectedAt')} rules={req}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="siteIds" label={t('visitors.field.siteIds')} extra={t('visitors.escortHint')}>
        <SiteSelect multiple />
      </Form.Item>
      <Form.Item name="escortId" label={t('visitors.field.escortId')}>
        <UserSelect activeOnly />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} block>
        {kind === 'walk_in' ? t('visitors.walkIn') : t('visitors.newAppointment')}
      </Button>
    </Form>
  );
}
