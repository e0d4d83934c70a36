// Route gates: signed in (else to sign-in, coming back afterwards), forced steps first (password
// change, authenticator enrolment), and the permission an area needs.
import { Button, Space } from 'antd';
import { lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import type { SessionState } from './api-types';
import { hasPermission } from './permissions';
import { forcedStepPath, SessionProvider, useMeQuery, useSession } from './session';

const Forbidden = lazy(() => import('../components/ResultPages').then((m) => ({ default: m.Forbidden })));

function LoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="center-page">
      <Space orientation="vertical" size="middle">
        <h1 className="result-title">{t('error.loadFailed')}</h1>
        <ErrorAlert error={error} />
        <Button onClick={retry}>{t('common.retry')}</Button>
      </Space>
    </main>
  );
}

/** Signed in, active session: renders the app; otherwise sends the person where they must go. */
export function RequireSession() {
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadFailed error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const forced = forcedStepPath(me.data);
  if (forced) return <Navigate to={forced} replace />;
  return (
    <SessionProvider value={me.data}>
      <Outlet />
    </SessionProvider>
  );
}

/** A forced step's page: only for a session in that state. */
export function RequireState({ state, children }: { state: SessionState; children: ReactNode }) {
  const me = useMeQuery();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadFailed error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace />;
  if (me.data.state !== state) return <Navigate to={forcedStepPath(me.data) ?? '/'} replace />;
  return <SessionProvider value={me.data}>{children}</SessionProvider>;
}

/** An area that needs a permission: without it, a clear "not allowed" page. */
export function RequirePermission({ perm, children }: { perm: string; children: ReactNode }) {
  const me = useSession();
  return hasPermission(me, perm) ? <>{children}</> : <Forbidden />;
}
