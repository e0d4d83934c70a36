// Create a site in a unit, or edit one (kind, name, location, notes).
import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Site, SiteCreate, SitePatch } from '../../app/api-types';
import { P } from '../../app/permissions';
import { siteKindLabel, siteKinds } from '../../components/enum-labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useFormMutation } from '../../components/useFormMutation';

interface Props {
  open: boolean;
  /** Edit this site… */
  site?: Site | null;
  /** …or create one, in this unit by default. */
  orgId?: string;
  onClose: () => void;
  onSaved: (site: Site) => void;
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

export function SiteFormModal({ open, site, orgId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SiteCreate>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (site) form.setFieldsValue({ orgId: site.orgId, kind: site.kind, name: site.name, location: site.location, notes: site.notes });
    else if (orgId) form.setFieldsValue({ orgId });
  }, [open, site, orgId, form]);
  const save = useFormMutation(
    (v: SiteCreate) => {
      const body = { kind: v.kind, name: v.name.trim(), location: blankToNull(v.location), notes: blankToNull(v.notes) };
      if (site) return api.patch<Site>(`/sites/${site.id}`, body satisfies SitePatch, site.version);
      return api.create<Site>('/sites', { ...body, orgId: v.orgId } satisfies SiteCreate);
    },
    { form, invalidate: [['sites'], ['history'], ['home']], onSuccess: (s) => onSaved(s) },
  );
  return (
    <Modal
      open={open}
      title={site ? t('sites.editTitle', { name: site.name }) : t('sites.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} form={form} />
      <Form<SiteCreate> form={form} name="siteForm" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgId" label={t('field.orgId')} rules={[{ required: true, message: t('validation.required') }]}>
          <OrgTreeSelect permission={P.sites.manage} disabled={!!site} />
        </Form.Item>
        <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={siteKinds.map((k) => ({ value: k, label: siteKindLabel(k) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="location" label={t('field.location')} rules={[{ max: 500, message: t('validation.maxLength', { max: 500 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="notes" label={t('field.notes')} rules={[{ max: 5000, message: t('validation.maxLength', { max: 5000 }) }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
