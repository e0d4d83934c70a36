// Fastify type augmentation: what Anbao puts on requests, on the instance and in route config.
import type { AppContext, Actor } from '../context.ts';
import type { SessionState } from '../../db/schema/users.ts';
import type { Lang } from './i18n.ts';

export interface AuthInfo {
  kind: 'session' | 'token';
  sessionId?: string;
  state?: SessionState;
  csrfToken?: string;
}

/**
 * Expected outcome of a route for each built-in role (the authorization matrix of issue 4 reads it):
 * roles listed may call it within their own unit; everyone else is refused.
 */
export interface RouteAccess {
  /** Permission checked before the handler runs; omitted = any signed-in user. */
  permission?: string;
  /** Instead of one permission: any of these (a view over several modules, e.g. the dashboard). */
  anyPermission?: string[];
  /** No sign-in needed (login, health, the web app). */
  public?: boolean;
  /** Session states besides "active" that may call the route (password change, TOTP enrolment). */
  states?: SessionState[];
  /** Whom the route serves — the authorization matrix (server/test/hostile) fails on a route without it. */
  access?: AccessScope;
}

/**
 * The expected allow / deny of a route, declared next to it. With the built-in roles that hold
 * `permission` (all signed-in people when there is none) it gives each role's outcome:
 * - `unit`: records or units of a subtree. Holders are served in their own unit; another unit's record,
 *   or naming another unit in the input, answers 404 (SEC-02); non-holders get 403.
 * - `party`: `unit`, and the record decides further who may act — the people it names (responsible
 *   person, inspection team, uploader) or who may change it (an attachment's owner record): a holder
 *   who is not one may get 403 / 422.
 * - `self`: the caller's own account, session or notifications; another person's answers 404.
 * - `global`: not about one unit (roles, the permission catalogue, the one audit chain): holders anywhere.
 * - `public`: no sign-in.
 */
export type AccessScope = 'unit' | 'party' | 'self' | 'global' | 'public';

declare module 'fastify' {
  interface FastifyInstance {
    anbao: AppContext;
    /** Every /api/v1 route with its declared access (server/app.ts). */
    catalogue: Array<{ method: string; url: string; permission?: string; anyPermission?: string[]; public: boolean; states?: string[]; access?: AccessScope }>;
  }
  interface FastifyRequest {
    actor: Actor | null;
    auth: AuthInfo | null;
    /** Why a presented credential was not accepted (401 code), when it was not. */
    authProblem: string | null;
    /** The database snapshot the caller's authentication read, after the request arrived (Ctx.snapshot). */
    dbSnapshot: string | null;
    lang: Lang;
  }
  interface FastifyContextConfig extends RouteAccess {}
}
