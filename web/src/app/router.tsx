// Routes. Every page is a lazy chunk, so the first load carries only the shell.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { Loading } from '../components/Loading';
import { RequirePermission, RequireSession, RequireState } from './guards';
import { AppLayout } from './layout/AppLayout';
import { navPermission, type SystemArea } from './layout/nav';
import { areaRoutes } from './modules';

const page = (load: () => Promise<{ default: ComponentType }>) => lazy(load);

const LoginPage = page(() => import('../pages/auth/LoginPage'));
const ForcedPasswordPage = page(() => import('../pages/auth/ForcedPasswordPage'));
const TotpEnrolPage = page(() => import('../pages/auth/TotpEnrolPage'));
const HomePage = page(() => import('../pages/home/HomePage'));
const OrgsPage = page(() => import('../pages/orgs/OrgsPage'));
const SitesPage = page(() => import('../pages/sites/SitesPage'));
const SiteDetailPage = page(() => import('../pages/sites/SiteDetailPage'));
const UsersPage = page(() => import('../pages/users/UsersPage'));
const UserDetailPage = page(() => import('../pages/users/UserDetailPage'));
const RolesPage = page(() => import('../pages/roles/RolesPage'));
const ApiTokensPage = page(() => import('../pages/api-tokens/ApiTokensPage'));
const SecurityPolicyPage = page(() => import('../pages/settings/SecurityPolicyPage'));
const AuditPage = page(() => import('../pages/audit/AuditPage'));
const AccountPage = page(() => import('../pages/account/AccountPage'));
const NotFound = lazy(() => import('../components/ResultPages').then((m) => ({ default: m.NotFound })));

function Standalone({ Page }: { Page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

const guarded = (area: SystemArea, Page: LazyExoticComponent<ComponentType>) => (
  <RequirePermission perm={navPermission(area)}>
    <Page />
  </RequirePermission>
);

export const router = createBrowserRouter([
  { path: '/login', element: <Standalone Page={LoginPage} /> },
  {
    path: '/password-change',
    element: (
      <RequireState state="change_password">
        <Standalone Page={ForcedPasswordPage} />
      </RequireState>
    ),
  },
  {
    path: '/totp-enrol',
    element: (
      <RequireState state="enrol_totp">
        <Standalone Page={TotpEnrolPage} />
      </RequireState>
    ),
  },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'orgs', element: guarded('orgs', OrgsPage) },
          { path: 'sites', element: guarded('sites', SitesPage) },
          { path: 'sites/:id', element: guarded('sites', SiteDetailPage) },
          { path: 'users', element: guarded('users', UsersPage) },
          { path: 'users/:id', element: guarded('users', UserDetailPage) },
          { path: 'roles', element: guarded('roles', RolesPage) },
          { path: 'api-tokens', element: guarded('apiTokens', ApiTokensPage) },
          { path: 'security-policy', element: guarded('securityPolicy', SecurityPolicyPage) },
          { path: 'audit', element: guarded('audit', AuditPage) },
          { path: 'account', element: <AccountPage /> },
          ...areaRoutes(),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
