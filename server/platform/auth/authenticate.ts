// Who is asking: an API token (Authorization: Bearer) or a session cookie. Runs on every request;
// authorize() then enforces what the route declares (public / signed in / permission), the session
// state (forced password change, forced TOTP enrolment) and the CSRF token for cookie sessions.
import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { apiTokens, orgs, sessions, users } from '../../db/schema/index.ts';
import { can, requirePermission } from '../access/scope.ts';
import { forbidden, unauthorized } from '../http/errors.ts';
import { securityPolicy } from '../settings/service.ts';
import { actorOf, grantsColumn, grantsFrom, narrowToToken } from './actor.ts';
import { endSession, SESSION_COOKIE, sessionExpiry, sha256, TOUCH_MS } from './sessions.ts';
import { requestCtx } from '../http/request-ctx.ts';
import { perApp } from '../coalesce.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const TOKEN_PREFIX = 'anb_';

/**
 * The database's snapshot as the look-up saw it (platform/coalesce.ts): a shared read that started
 * while the same snapshot held may be joined by this request — nothing was committed in between.
 */
const snapshotColumn = sql<string>`pg_current_snapshot()::text`;

/**
 * The two look-ups every request makes, each one round trip: a token with its unit, its owner with
 * their unit and their grants; a session with its person, their unit and their grants (and both with
 * the database's snapshot, which costs nothing more). Built once per
 * database and prepared (on PostgreSQL a named statement per connection, parsed and planned once): they
 * run before every API request, and building the query each time cost more than running it.
 */
function prepare(db: Db) {
  const tokenOrg = alias(orgs, 'token_org');
  return {
    token: db
      .select({ token: apiTokens, orgPath: tokenOrg.path, user: users, userOrgPath: orgs.path, userOrgName: orgs.name, grants: grantsColumn(users.id), snapshot: snapshotColumn })
      .from(apiTokens)
      .innerJoin(tokenOrg, eq(tokenOrg.id, apiTokens.orgId))
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
      .prepare('anbao_auth_token'),
    session: db
      .select({ session: sessions, user: users, orgPath: orgs.path, orgName: orgs.name, grants: grantsColumn(users.id), snapshot: snapshotColumn })
      .from(sessions)
      .leftJoin(users, eq(users.id, sessions.userId))
      .leftJoin(orgs, eq(orgs.id, users.orgId))
      .where(eq(sessions.id, sql.placeholder('id')))
      .prepare('anbao_auth_session'),
  };
}
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();
function lookups(db: Db) {
  let p = prepared.get(db);
  if (!p) prepared.set(db, (p = prepare(db)));
  return p;
}

type Prepared = ReturnType<typeof prepare>;
type TokenRows = Awaited<ReturnType<Prepared['token']['execute']>>;
type SessionRows = Awaited<ReturnType<Prepared['session']['execute']>>;

/**
 * Concurrent requests of one token or one session (a page's parallel reads, an integration's burst)
 * share one look-up that starts after they all arrived (platform/coalesce.ts) — never one already under
 * way, so a revocation, sign-out or departure committed before a request arrived is always seen by it.
 * Nothing is kept between look-ups. Keyed by the token's hash or the session id, per app; the rows are
 * shared read-only (every use below copies what it keeps).
 */
const tokenReads = perApp<TokenRows>();
const sessionReads = perApp<SessionRows>();

export async function authenticate(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  req.actor = null;
  req.auth = null;
  req.authProblem = null;
  req.dbSnapshot = null;
  const app = req.server.anbao;
  const now = app.clock.now();
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m || !m[1].startsWith(TOKEN_PREFIX)) {
      req.authProblem = 'TOKEN_INVALID';
      return;
    }
    const hash = sha256(m[1]);
    const [t] = await tokenReads(app).run(hash, () => lookups(app.db).token.execute({ hash }));
    if (!t || t.token.revokedAt || t.token.expiresAt.getTime() <= now.getTime()) {
      req.authProblem = 'TOKEN_INVALID';
      return;
    }
    const user = { ...t.user, orgPath: t.userOrgPath, orgName: t.userOrgName };
    if (user.status !== 'active' || user.withdrawnAt) {
      req.authProblem = 'TOKEN_INVALID';
      return;
    }
    const grantList = narrowToToken(grantsFrom(t.grants), t.token.permissions, t.orgPath);
    req.actor = actorOf(user, grantList, { kind: 'token', tokenId: t.token.id });
    req.auth = { kind: 'token' };
    if (!t.token.lastUsedAt || now.getTime() - t.token.lastUsedAt.getTime() > TOUCH_MS) {
      await app.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.token.id));
    } else {
      // Only when this request has committed nothing since: a snapshot from before its own write
      // would let it join a read that cannot see that write.
      req.dbSnapshot = t.snapshot;
    }
    return;
  }

  const cookie = req.cookies?.[SESSION_COOKIE];
  if (!cookie) return;
  const id = sha256(cookie);
  const [row] = await sessionReads(app).run(id, () => lookups(app.db).session.execute({ id }));
  const s = row?.session;
  const user = row?.user && row.orgPath !== null ? { ...row.user, orgPath: row.orgPath, orgName: row.orgName! } : undefined;
  if (!s || !user) {
    req.authProblem = 'SESSION_EXPIRED';
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  if (user.status !== 'active' || user.withdrawnAt) {
    await endSession(app.db, id, `user ${user.status}`, now);
    req.authProblem = 'SESSION_EXPIRED';
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  const policy = await securityPolicy(app.db, user.orgPath);
  const expiry = sessionExpiry(s, policy, now);
  if (expiry) {
    if (expiry !== 'ended') await endSession(app.db, id, expiry === 'idle' ? 'idle timeout' : 'absolute timeout', now);
    req.authProblem = 'SESSION_EXPIRED';
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_MS) {
    await app.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  } else {
    req.dbSnapshot = row!.snapshot; // as for tokens: none after this request's own write
  }
  req.actor = actorOf(user, grantsFrom(row!.grants), { sessionId: id });
  req.auth = { kind: 'session', sessionId: id, state: s.state, csrfToken: s.csrfToken };
}

/** preValidation: enforce the route's declared access before any input is looked at. */
export async function authorize(req: FastifyRequest): Promise<void> {
  const cfg = req.routeOptions.config ?? {};
  if (cfg.public || !req.routeOptions.url) return;
  if (!req.actor || !req.auth) throw unauthorized(req.authProblem ?? 'UNAUTHENTICATED');
  if (req.auth.kind === 'session') {
    const state = req.auth.state!;
    if (state !== 'active' && !cfg.states?.includes(state)) {
      throw forbidden(state === 'change_password' ? 'PASSWORD_CHANGE_REQUIRED' : 'TOTP_ENROLMENT_REQUIRED');
    }
    if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== req.auth.csrfToken) {
      throw forbidden('CSRF_TOKEN_INVALID', { action: 'csrf', reason: 'missing or wrong X-CSRF-Token' });
    }
  }
  if (cfg.permission) requirePermission(requestCtx(req), cfg.permission, `${req.method} ${req.routeOptions.url}`);
  if (cfg.anyPermission && !cfg.anyPermission.some((p) => can(req.actor, p))) {
    throw forbidden('FORBIDDEN', { action: `${req.method} ${req.routeOptions.url}`, reason: `missing ${cfg.anyPermission.join(' / ')}` });
  }
}
