// Create a person with an account, or edit one. Phone and ID number are stored encrypted and shown
// masked, so editing leaves them unchanged unless a new value is typed.
import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { User, UserCreate, UserCreated, UserPatch } from '../../app/api-types';
import { P } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useFormMutation } from '../../components/useFormMutation';

interface Props {
  open: boolean;
  user?: User | null;
  onClose: () => void;
  onCreated?: (created: UserCreated) => void;
  onSaved?: (user: User) => void;
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
const blankToUndefined = (v: string | null | undefined) => (v && v.trim() ? v.trim() : undefined);

export function UserFormModal({ open, user, onClose, onCreated, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserCreate>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ orgId: user.orgId, username: user.username, name: user.name, post: user.post, employeeNo: user.employeeNo, email: user.email });
  }, [open, user, form]);
  const save = useFormMutation(
    async (v: UserCreate): Promise<User | UserCreated> => {
      const common = { orgId: v.orgId, name: v.name.trim(), post: blankToNull(v.post), employeeNo: blankToNull(v.employeeNo), email: blankToNull(v.email) };
      if (user) {
        const patch: UserPatch = { ...common, phone: blankToUndefined(v.phone), idNumber: blankToUndefined(v.idNumber) };
        return api.patch<User>(`/users/${user.id}`, patch, user.version);
      }
      const body: UserCreate = { ...common, username: v.username.trim(), phone: blankToNull(v.phone), idNumber: blankToNull(v.idNumber), password: blankToUndefined(v.password) };
      return api.create<UserCreated>('/users', body);
    },
    {
      form,
      invalidate: [['users'], ['history'], ['home']],
      onSuccess: (r) => ('initialPassword' in r ? onCreated?.(r) : onSaved?.(r)),
    },
  );
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  return (
    <Modal
      open={open}
      title={user ? t('users.editTitle', { name: user.name }) : t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} form={form} />
      <Form<UserCreate> form={form} name="userForm" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgId" label={t('field.orgId')} rules={[{ required: true, message: t('validation.required') }]}>
          <OrgTreeSelect permission={P.users.manage} />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('field.username')}
          extra={user ? undefined : t('users.usernameHint')}
          rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: t('users.usernameHint') }, { min: 2, message: t('validation.minLength', { min: 2 }) }, max(50)]}
        >
          <Input disabled={!!user} autoCapitalize="none" spellCheck={false} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, max(50)]}>
          <Input />
        </Form.Item>
        <Form.Item name="post" label={t('field.post')} rules={[max(100)]}>
          <Input />
        </Form.Item>
        <Form.Item name="employeeNo" label={t('field.employeeNo')} rules={[max(50)]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('field.email')} rules={[{ type: 'email', message: t('validation.email') }, max(200)]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('field.phone')} extra={user ? t('users.keepWhenBlank') : undefined} rules={[{ pattern: /^\+?[0-9][0-9 -]{3,18}[0-9]$/, message: t('validation.phone') }]}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('field.idNumber')} extra={user ? t('users.keepWhenBlank') : undefined} rules={[{ pattern: /^[0-9]{15}$|^[0-9]{17}[0-9Xx]$/, message: t('validation.idNumber') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {!user && (
          <Form.Item name="password" label={t('users.initialPassword')} extra={t('users.initialPasswordHint')} rules={[max(128)]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
