// Sign-in: username and password, then — when the account has a second factor — the 6-digit code
// (the password is kept in memory only for that second step). Errors come from the server in the
// chosen language (locked account, wrong password, wrong code…).
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError } from '../../app/api';
import type { LoginInput, Me } from '../../app/api-types';
import { acceptSession, forcedStepPath, lastSignOutReason, useMeQuery } from '../../app/session';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** Only paths inside this app (no "//host" or absolute URLs) are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.login.title'));
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [sp] = useSearchParams();
  const me = useMeQuery();
  const [step, setStep] = useState<'password' | 'otp'>('password');
  const [otpPrompt, setOtpPrompt] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [otpAttempt, setOtpAttempt] = useState(0);
  const credentials = useRef<Omit<LoginInput, 'otp'> | null>(null);
  const [otpForm] = Form.useForm<{ otp: string }>();
  const reason = lastSignOutReason();

  if (me.data) return <Navigate to={forcedStepPath(me.data) ?? safeNext(sp.get('next'))} replace />;

  const signIn = async (input: LoginInput) => {
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Me>('/auth/login', input);
      credentials.current = null;
      acceptSession(qc, session);
      navigate(forcedStepPath(session) ?? safeNext(sp.get('next')), { replace: true });
    } catch (e) {
      if (isApiError(e, 'OTP_REQUIRED')) {
        setOtpPrompt(e.message);
        setStep('otp');
      } else if (step === 'otp' && !isApiError(e, 'OTP_INVALID')) {
        // The password step failed after all (locked meanwhile, changed elsewhere): start again.
        credentials.current = null;
        setStep('password');
        setError(e);
      } else {
        setError(e);
        // A fresh code field for the next try (a new form: antd keeps a typed value on reset).
        otpForm.resetFields();
        setOtpAttempt((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="center-page">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        {/* A plain stack, not <Space>: Space re-keys its children when an alert appears, which would remount the form. */}
        <div className="stack">
          <div>
            <Typography.Title level={1} className="page-title">
              {t('auth.login.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.fullName')}</Typography.Text>
          </div>
          {reason && reason !== 'signedOut' && <Alert type="info" showIcon title={t(`auth.login.ended.${reason}`)} />}
          <ErrorAlert error={error} />
          {step === 'password' ? (
            <Form<Omit<LoginInput, 'otp'>>
              name="login"
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => {
                credentials.current = v;
                void signIn(v);
              }}
            >
              <Form.Item name="username" label={t('auth.login.username')} rules={[{ required: true, whitespace: true, message: t('auth.login.usernameRequired') }]}>
                <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoCapitalize="none" spellCheck={false} />
              </Form.Item>
              <Form.Item name="password" label={t('auth.login.password')} rules={[{ required: true, message: t('auth.login.passwordRequired') }]}>
                <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={busy}>
                {t('auth.login.submit')}
              </Button>
            </Form>
          ) : (
            <Form<{ otp: string }>
              key={otpAttempt}
              form={otpForm}
              name="loginOtp"
              layout="vertical"
              requiredMark={false}
              onFinish={({ otp }) => credentials.current && void signIn({ ...credentials.current, otp })}
            >
              <Alert type="info" showIcon title={otpPrompt} className="block-gap" />
              <Form.Item name="otp" label={t('auth.otp.label')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.otp.format') }]}>
                <Input prefix={<SafetyOutlined aria-hidden />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
              </Form.Item>
              <Space orientation="vertical" className="full-width">
                <Button type="primary" htmlType="submit" block size="large" loading={busy}>
                  {t('auth.otp.verify')}
                </Button>
                <Button
                  block
                  onClick={() => {
                    credentials.current = null;
                    setError(null);
                    setStep('password');
                  }}
                >
                  {t('common.back')}
                </Button>
              </Space>
            </Form>
          )}
        </div>
      </Card>
    </main>
  );
}
