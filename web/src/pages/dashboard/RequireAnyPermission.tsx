// A page open to whoever holds any of several permissions (the dashboard: hazards or inspections
// read); without, the app's "not allowed" page.
import { lazy, Suspense, type ReactNode } from 'react';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { Loading } from '../../components/Loading';

const Forbidden = lazy(() => import('../../components/ResultPages').then((m) => ({ default: m.Forbidden })));

export function RequireAnyPermission({ anyOf, children }: { anyOf: readonly string[]; children: ReactNode }) {
  const me = useSession();
  if (anyOf.some((p) => hasPermission(me, p))) return <>{children}</>;
  return (
    <Suspense fallback={<Loading />}>
      <Forbidden />
    </Suspense>
  );
}
