// The session as the web app knows it: /auth/me in the query cache (null = signed out), the CSRF
// token for the API client, sign-in/out, and the reason the last session ended (shown at sign-in).
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import { useNavigate } from 'react-router';
import { api, isApiError, setCsrfToken, setSessionHooks } from './api';
import type { Me } from './api-types';
import { setOrgTimeZone } from './org-time';

export const ME_KEY = ['auth', 'me'] as const;

export type SignOutReason = 'expired' | 'idle' | 'signedOut';
let signOutReason: SignOutReason | null = null;

/** Why the previous session ended (shown by the sign-in page until the next session starts). */
export function lastSignOutReason(): SignOutReason | null {
  return signOutReason;
}

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    setOrgTimeZone(me.timeZone);
    return me;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
}

/** Takes the /auth/me shape that sign-in, password change and TOTP confirmation answer with. */
export function acceptSession(qc: QueryClient, me: Me): void {
  signOutReason = null;
  setCsrfToken(me.csrfToken);
  setOrgTimeZone(me.timeZone);
  qc.setQueryData(ME_KEY, me);
}

/** Wires the API client's 401 and forced-step answers to the session in the cache. */
export function installSessionHooks(qc: QueryClient): void {
  setSessionHooks({
    onUnauthorized(code) {
      // SESSION_EXPIRED: a session cookie was presented but has ended (idle, absolute, ended by an
      // administrator); UNAUTHENTICATED: there was none.
      if (code === 'SESSION_EXPIRED' || qc.getQueryData(ME_KEY)) signOutReason = 'expired';
      setCsrfToken(null);
      qc.setQueryData(ME_KEY, null);
    },
    onForcedStep() {
      void qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (reason: SignOutReason = 'signedOut') => {
      try {
        await api.post('/auth/logout');
      } catch {
        // Already ended on the server: nothing more to do.
      }
      setCsrfToken(null);
      signOutReason = reason;
      qc.clear();
      qc.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    },
    [qc, navigate],
  );
}

/** Where a session in this state must go first. */
export function forcedStepPath(me: Me): string | null {
  if (me.state === 'change_password') return '/password-change';
  if (me.state === 'enrol_totp') return '/totp-enrol';
  return null;
}

const SessionContext = createContext<Me | null>(null);
export const SessionProvider = SessionContext.Provider;

/** The signed-in person inside the application layout (always present there). */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside the signed-in layout');
  return me;
}
