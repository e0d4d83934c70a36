// The signed-in layout (DESIGN §8): side menu by area (a drawer on phones), header, content.
import { Drawer, Layout } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { Loading } from '../../components/Loading';
import { useIsMobile } from '../useIsMobile';
import { HeaderBar } from './HeaderBar';
import { IdleGuard } from './IdleGuard';
import { SideMenu } from './SideMenu';

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="brand">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!collapsed && <span className="brand-name">{t('app.name')}</span>}
    </div>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const focusMain = (e: React.MouseEvent) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <Layout className="app-layout">
      <a href="#main" className="skip-link" onClick={focusMain}>
        {t('app.skipToContent')}
      </a>
      {isMobile ? (
        <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={280} title={<Brand collapsed={false} />} closable={{ 'aria-label': t('nav.closeMenu') }}>
          <nav aria-label={t('nav.mainMenu')}>
            <SideMenu onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
      ) : (
        <Layout.Sider width={220} collapsedWidth={64} collapsed={collapsed} theme="light" className="app-sider">
          <Brand collapsed={collapsed} />
          <nav aria-label={t('nav.mainMenu')}>
            <SideMenu />
          </nav>
        </Layout.Sider>
      )}
      <Layout>
        <HeaderBar isMobile={isMobile} collapsed={collapsed} onMenuButton={() => (isMobile ? setDrawerOpen(true) : setCollapsed((c) => !c))} />
        <Layout.Content id="main" tabIndex={-1} className="app-content">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <IdleGuard />
    </Layout>
  );
}
