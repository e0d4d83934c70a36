// The dashboard area of the web app (RPT-02): its routes (children of the signed-in layout) and
// side-menu entries. The home page shows the dashboard too (pages/home/HomePage.tsx).
import { DashboardOutlined } from '@ant-design/icons';
import { lazy, Suspense } from 'react';
import type { WebArea } from '../../app/modules';
import { Loading } from '../../components/Loading';
import { RequireAnyPermission } from './RequireAnyPermission';
import { DASHBOARD_PERMISSIONS } from './permissions';

const DashboardPage = lazy(() => import('./DashboardPage'));

export const dashboardArea: WebArea = {
  routes: [
    {
      path: 'dashboard',
      element: (
        <RequireAnyPermission anyOf={DASHBOARD_PERMISSIONS}>
          <Suspense fallback={<Loading />}>
            <DashboardPage />
          </Suspense>
        </RequireAnyPermission>
      ),
    },
  ],
  nav: [{ path: '/dashboard', label: 'dashboard.nav', icon: <DashboardOutlined aria-hidden />, anyOf: [...DASHBOARD_PERMISSIONS] }],
};
