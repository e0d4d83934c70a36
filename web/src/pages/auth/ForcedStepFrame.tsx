// The frame of the forced steps after sign-in (password change, authenticator enrolment): nothing
// else of the app is reachable until the step is done; the person may sign out instead.
import { Button, Card, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, useSignOut } from '../../app/session';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { LanguageSwitch } from '../../components/LanguageSwitch';

export function ForcedStepFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  const me = useSession();
  const signOut = useSignOut();
  return (
    <main className="center-page">
      <div className="login-top">
        <Space>
          <LanguageSwitch />
          <Button onClick={() => void signOut()}>{t('header.signOut')}</Button>
        </Space>
      </div>
      <Card className="forced-card">
        <div className="stack">
          <div>
            <Typography.Title level={1} className="page-title">
              {title}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('auth.whoAmI', { name: me.user.name, username: me.user.username, org: me.user.orgName })}
            </Typography.Text>
          </div>
          {children}
        </div>
      </Card>
    </main>
  );
}
