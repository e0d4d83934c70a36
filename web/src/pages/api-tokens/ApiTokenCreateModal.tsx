// A token for an integration: acts for one person, limited to a unit subtree and to permissions
// that person holds there (the server checks), for a number of days. The secret is shown once.
import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { ApiTokenCreate, ApiTokenCreated } from '../../app/api-types';
import { P } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PermissionPicker } from '../../components/PermissionPicker';
import { useFormMutation } from '../../components/useFormMutation';
import { UserSelect } from '../../components/UserSelect';

export function ApiTokenCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (r: ApiTokenCreated) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApiTokenCreate>();
  const create = useFormMutation((v: ApiTokenCreate) => api.create<ApiTokenCreated>('/api-tokens', { ...v, name: v.name.trim() }), {
    form,
    invalidate: [['api-tokens'], ['home']],
    onSuccess: (r) => {
      form.resetFields();
      onCreated(r);
    },
  });
  return (
    <Modal
      open={open}
      title={t('apiTokens.create')}
      okText={t('apiTokens.createButton')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={720}
    >
      <Alert type="info" showIcon className="block-gap" title={t('apiTokens.createHint')} />
      <ErrorAlert error={create.error} form={form} />
      <Form<ApiTokenCreate> form={form} name="apiTokenForm" layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ expiresInDays: 90, permissions: [] }}>
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100, message: t('validation.maxLength', { max: 100 }) }]}>
          <Input placeholder={t('apiTokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="userId" label={t('apiTokens.owner')} extra={t('apiTokens.ownerHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <UserSelect activeOnly />
        </Form.Item>
        <Form.Item name="orgId" label={t('apiTokens.scope')} rules={[{ required: true, message: t('validation.required') }]}>
          <OrgTreeSelect permission={P.apiTokens.manage} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('apiTokens.expiresInDays')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1} max={365} precision={0} className="full-width" />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')} rules={[{ required: true, type: 'array', min: 1, message: t('apiTokens.permissionsRequired') }]}>
          <PermissionPicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
