// Create a unit under a parent, or edit one (name, short name, code, address, order).
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Org, OrgCreate, OrgPatch } from '../../app/api-types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { orgKindLabel, orgKinds } from '../../components/enum-labels';
import { useFormMutation } from '../../components/useFormMutation';

type Values = Omit<OrgCreate, 'parentId'>;

interface Props {
  /** Create under this unit… */
  parent?: Org | null;
  /** …or edit this one. */
  org?: Org | null;
  open: boolean;
  onClose: () => void;
  onSaved: (org: Org) => void;
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

export function OrgFormModal({ parent, org, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const editing = !!org;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (org) form.setFieldsValue({ kind: org.kind, name: org.name, shortName: org.shortName, code: org.code, address: org.address, sortOrder: org.sortOrder });
  }, [open, org, form]);
  const save = useFormMutation(
    (v: Values) => {
      const common = { name: v.name.trim(), shortName: blankToNull(v.shortName), code: v.code.trim(), address: blankToNull(v.address), sortOrder: v.sortOrder ?? 0 };
      if (org) return api.patch<Org>(`/orgs/${org.id}`, common satisfies OrgPatch, org.version);
      return api.create<Org>('/orgs', { ...common, parentId: parent!.id, kind: v.kind } satisfies OrgCreate);
    },
    { form, invalidate: [['orgs'], ['history']], onSuccess: (o) => onSaved(o) },
  );
  return (
    <Modal
      open={open}
      title={editing ? t('orgs.editTitle', { name: org!.name }) : t('orgs.createTitle', { parent: parent?.name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} form={form} />
      <Form<Values> form={form} name="orgForm" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select disabled={editing} options={orgKinds.map((k) => ({ value: k, label: orgKindLabel(k) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="shortName" label={t('field.shortName')} rules={[{ max: 50, message: t('validation.maxLength', { max: 50 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('field.code')}
          extra={t('orgs.codeHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: t('orgs.codeHint') },
            { max: 50, message: t('validation.maxLength', { max: 50 }) },
          ]}
        >
          <Input autoCapitalize="characters" spellCheck={false} />
        </Form.Item>
        <Form.Item name="address" label={t('field.address')} rules={[{ max: 500, message: t('validation.maxLength', { max: 500 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('field.sortOrder')} extra={t('orgs.sortHint')}>
          <InputNumber min={0} max={100000} precision={0} className="full-width" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
