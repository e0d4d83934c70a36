// Setting up an authenticator app: the server makes a secret (QR code and text), the person scans it
// and proves it works with a first code. Used by the forced enrolment step and by "my account".
import { Alert, Button, Form, Image, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Me, TotpSetup as Setup } from '../../app/api-types';
import { CopyButton } from '../../components/CopyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormMutation } from '../../components/useFormMutation';

/** "JBSW Y3DP …": easier to type into a phone by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

export function TotpSetup({ onConfirmed }: { onConfirmed: (me: Me) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ otp: string }>();
  const [setup, setSetup] = useState<Setup | null>(null);
  const start = useFormMutation(() => api.post<Setup>('/auth/totp/setup'), { onSuccess: (s) => setSetup(s) });
  const confirm = useFormMutation((v: { otp: string }) => api.post<Me>('/auth/totp/confirm', v), { form, onSuccess: (me) => onConfirmed(me) });
  return (
    <div className="stack">
      <Steps
        orientation="vertical"
        size="small"
        current={setup ? 2 : 0}
        items={[
          { title: t('auth.totp.step1'), content: t('auth.totp.step1Text') },
          { title: t('auth.totp.step2'), content: t('auth.totp.step2Text') },
          { title: t('auth.totp.step3'), content: t('auth.totp.step3Text') },
        ]}
      />
      <ErrorAlert error={start.error} />
      {!setup ? (
        <Button type="primary" onClick={() => start.mutate(undefined)} loading={start.isPending}>
          {t('auth.totp.start')}
        </Button>
      ) : (
        <>
          <Image src={setup.qrDataUrl} alt={t('auth.totp.qrAlt')} className="qr-image" preview={false} width={200} height={200} />
          <div>
            <Typography.Text>{t('auth.totp.manual')}</Typography.Text>
            <div className="secret-row">
              <Typography.Text code className="secret-value">
                {grouped(setup.secret)}
              </Typography.Text>
              <CopyButton text={setup.secret} label={t('auth.totp.copySecret')} />
            </div>
          </div>
          <Alert type="warning" showIcon title={t('auth.totp.keepSecret')} />
          <ErrorAlert error={confirm.error} form={form} />
          <Form<{ otp: string }> form={form} name="totpConfirm" layout="vertical" onFinish={(v) => confirm.mutate(v)}>
            <Form.Item name="otp" label={t('auth.otp.label')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.otp.format') }]}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="otp-input" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirm.isPending}>
              {t('auth.totp.confirm')}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}
