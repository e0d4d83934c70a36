// 我的账户: my profile, change my password, my second factor (set up by choice, or turn off where
// the policy allows it).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Me, TotpDisableInput } from '../../app/api-types';
import { formatDate, formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { acceptSession, ME_KEY, useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { PasswordChangeForm } from '../auth/PasswordChangeForm';
import { TotpSetup } from '../auth/TotpSetup';

function TotpDisable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TotpDisableInput>();
  const off = useFormMutation((v: TotpDisableInput) => api.post<void>('/auth/totp/disable', v), {
    form,
    invalidate: [ME_KEY],
    onSuccess: () => {
      form.resetFields();
      void message.success(t('account.totpDisabled'));
    },
  });
  return (
    <Form<TotpDisableInput> form={form} name="totpDisable" layout="vertical" onFinish={(v) => off.mutate(v)} className="narrow-form">
      <ErrorAlert error={off.error} form={form} />
      <Form.Item name="password" label={t('auth.password.current')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="otp" label={t('auth.otp.label')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.otp.format') }]}>
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
      </Form.Item>
      <Button danger htmlType="submit" loading={off.isPending}>
        {t('account.totpDisable')}
      </Button>
    </Form>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  const me = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const en = currentLanguage() === 'en';
  const u = me.user;
  return (
    <>
      <PageHeader title={t('nav.account')} />
      <Card className="card-gap" title={<h2 className="section-title">{t('account.profile')}</h2>}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('field.name')}>{u.name}</Descriptions.Item>
          <Descriptions.Item label={t('field.username')}>{u.username}</Descriptions.Item>
          <Descriptions.Item label={t('field.orgId')}>{u.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('field.post')}>{u.post ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>{me.grants.map((g) => t('home.roleAt', { role: en ? g.roleNameEn : g.roleName, org: g.orgName })).join(t('common.listSep')) || t('home.noRoles')}</Descriptions.Item>
          <Descriptions.Item label={t('field.lastLoginAt')}>{formatDateTime(u.lastLoginAt)}</Descriptions.Item>
          <Descriptions.Item label={t('account.passwordChangedAt')}>{formatDateTime(u.passwordChangedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('home.passwordExpires')}>{u.passwordExpiresAt ? formatDate(u.passwordExpiresAt) : t('home.passwordNoExpiry')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="card-gap" title={<h2 className="section-title">{t('account.changePassword')}</h2>}>
        <div className="narrow-form">
          <PasswordChangeForm
            onChanged={(next) => {
              acceptSession(qc, next);
              void message.success(t('account.passwordChanged'));
            }}
          />
        </div>
      </Card>
      <Card
        title={
          <Space>
            <h2 className="section-title">{t('home.secondFactor')}</h2>
            <StatusTag tone={u.totpEnabled ? 'success' : 'neutral'}>{u.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</StatusTag>
          </Space>
        }
      >
        {u.totpEnabled ? (
          me.policy.totpRequired ? (
            <Alert type="info" showIcon title={t('account.totpRequired')} />
          ) : (
            <TotpDisable />
          )
        ) : (
          <div className="narrow-form">
            <Alert type="info" showIcon className="block-gap" title={t('account.totpOffered')} />
            <TotpSetup
              onConfirmed={(next: Me) => {
                acceptSession(qc, next);
                void message.success(t('account.totpEnabled'));
              }}
            />
          </div>
        )}
      </Card>
    </>
  );
}
