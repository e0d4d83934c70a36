// Changing one's own password (forced at first sign-in or after a reset, or by choice), with the
// unit's policy shown up front; the server's reasons for refusing appear under the fields.
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { ChangePasswordInput, Me } from '../../app/api-types';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormMutation } from '../../components/useFormMutation';

type Values = ChangePasswordInput & { confirm: string };

export function PasswordChangeForm({ onChanged }: { onChanged: (me: Me) => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const [form] = Form.useForm<Values>();
  const [formKey, setFormKey] = useState(0);
  const { passwordMinLength: min, passwordMinClasses: classes } = me.policy;
  const change = useFormMutation((v: Values) => api.post<Me>('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }), {
    form,
    onSuccess: (next) => {
      // A fresh form: nothing of the passwords stays on screen.
      form.resetFields();
      setFormKey((k) => k + 1);
      onChanged(next);
    },
  });
  return (
    <Form<Values> key={formKey} form={form} name="changePassword" layout="vertical" onFinish={(v) => change.mutate(v)} className="password-form">
      <Alert
        type="info"
        showIcon
        className="block-gap"
        title={t('auth.password.policyTitle')}
        description={
          <ul className="plain-list">
            <li>{t('auth.password.ruleLength', { min })}</li>
            <li>{t('auth.password.ruleClasses', { classes })}</li>
            <li>{t('auth.password.ruleContent')}</li>
          </ul>
        }
      />
      <ErrorAlert error={change.error} form={form} />
      <Form.Item name="currentPassword" label={t('auth.password.current')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.password.new')}
        rules={[
          { required: true, message: t('validation.required') },
          { min, message: t('auth.password.ruleLength', { min }) },
          { max: 128, message: t('validation.maxLength', { max: 128 }) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth.password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('auth.password.submit')}
      </Button>
    </Form>
  );
}
