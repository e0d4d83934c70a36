// Header: menu button, the org scope (units where the person holds roles), language, the
// notifications bell (unread count, latest, mark all read), user menu.
import { DownOutlined, LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { NotificationBell } from '../../pages/notifications/NotificationBell';
import { useSession, useSignOut } from '../session';

interface Props {
  isMobile: boolean;
  collapsed: boolean;
  onMenuButton: () => void;
}

export function HeaderBar({ isMobile, collapsed, onMenuButton }: Props) {
  const { t } = useTranslation();
  const me = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const scope = [...new Set(me.grants.map((g) => g.orgName))].join(t('common.listSep'));
  const menuLabel = isMobile ? t('nav.openMenu') : collapsed ? t('nav.expand') : t('nav.collapse');
  return (
    <Layout.Header className="app-header" role="banner">
      <Button
        type="text"
        className="header-icon-button"
        aria-label={menuLabel}
        icon={isMobile ? <MenuOutlined aria-hidden /> : collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
        onClick={onMenuButton}
      />
      {isMobile && <span className="header-brand">{t('app.name')}</span>}
      <div className="header-scope">
        {scope && (
          <span className="header-scope-text" title={scope}>
            <span className="header-scope-label">{t('header.scopeLabel')}</span>
            {scope}
          </span>
        )}
      </div>
      <div className="header-right">
        <LanguageSwitch compact={isMobile} />
        <NotificationBell />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'account', icon: <UserOutlined aria-hidden />, label: t('nav.account') },
              { type: 'divider' },
              { key: 'signOut', icon: <LogoutOutlined aria-hidden />, label: t('header.signOut') },
            ],
            onClick: ({ key }) => (key === 'account' ? navigate('/account') : void signOut()),
          }}
        >
          <Button type="text" className="header-user" aria-label={t('header.userMenu', { name: me.user.name })}>
            <UserOutlined aria-hidden />
            {!isMobile && <span>{me.user.name}</span>}
            <DownOutlined aria-hidden />
          </Button>
        </Dropdown>
      </div>
    </Layout.Header>
  );
}
