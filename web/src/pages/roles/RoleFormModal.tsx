// Create or edit a custom role: code (fixed once made), names in both languages, description and
// permissions (administrator-only permissions excluded).
import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Role, RoleCreate, RolePatch } from '../../app/api-types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PermissionPicker } from '../../components/PermissionPicker';
import { ROLES_KEY } from '../../components/RoleSelect';
import { useFormMutation } from '../../components/useFormMutation';

export function RoleFormModal({ open, role, onClose }: { open: boolean; role?: Role | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RoleCreate>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (role) form.setFieldsValue({ code: role.code, name: role.name, nameEn: role.nameEn, description: role.description, permissions: role.permissions });
  }, [open, role, form]);
  const save = useFormMutation(
    (v: RoleCreate) => {
      const body = { name: v.name.trim(), nameEn: v.nameEn.trim(), description: v.description?.trim() || null, permissions: v.permissions ?? [] };
      if (role) return api.patch<Role>(`/roles/${role.id}`, body satisfies RolePatch, role.version);
      return api.create<Role>('/roles', { ...body, code: v.code.trim() } satisfies RoleCreate);
    },
    { form, invalidate: [ROLES_KEY, ['home']], onSuccess: onClose },
  );
  return (
    <Modal
      open={open}
      title={role ? t('roles.editTitle', { name: role.name }) : t('roles.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={720}
    >
      <ErrorAlert error={save.error} form={form} />
      <Form<RoleCreate> form={form} name="roleForm" layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ permissions: [] }}>
        <Form.Item
          name="code"
          label={t('field.code')}
          extra={t('roles.codeHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: /^[a-z][a-z0-9_]*$/, message: t('roles.codeHint') },
            { min: 2, message: t('validation.minLength', { min: 2 }) },
            { max: 50, message: t('validation.maxLength', { max: 50 }) },
          ]}
        >
          <Input disabled={!!role} autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item name="name" label={t('roles.nameZh')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 50, message: t('validation.maxLength', { max: 50 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100, message: t('validation.maxLength', { max: 100 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('field.description')} rules={[{ max: 1000, message: t('validation.maxLength', { max: 1000 }) }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionPicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
