// Server-side sessions (SEC-01, DESIGN §6). The cookie carries a random token; the table keeps its
// SHA-256, so a database reader cannot take over a session. New at every login (rotation), ended on
// logout, password change, leaving, idle timeout and absolute timeout.
import { and, eq, isNull, ne } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/client.ts';
import { apiTokens, sessions } from '../../db/schema/index.ts';
import type { SessionState } from '../../db/schema/users.ts';
import type { SecurityPolicy } from '../settings/security.ts';

export const SESSION_COOKIE = 'anbao_sid';
/** last_seen_at is written at most this often (idle checks are accurate to this). */
export const TOUCH_MS = 60_000;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export async function createSession(
  ex: Executor,
  userId: string,
  state: SessionState,
  policy: SecurityPolicy,
  now: Date,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; id: string; csrfToken: string }> {
  const token = randomToken();
  const id = sha256(token);
  const csrfToken = randomToken(24);
  await ex.insert(sessions).values({
    id,
    userId,
    state,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.absoluteTimeoutHours * 3600_000),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
  });
  return { token, id, csrfToken };
}

export async function endSession(ex: Executor, id: string, reason: string, now: Date): Promise<void> {
  await ex.update(sessions).set({ endedAt: now, endReason: reason }).where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
}

/** Ends every open session of a person (optionally all but one) — password change, leaving, lockout. */
export async function endUserSessions(ex: Executor, userId: string, reason: string, now: Date, exceptId?: string): Promise<number> {
  const cond = exceptId ? and(eq(sessions.userId, userId), isNull(sessions.endedAt), ne(sessions.id, exceptId)) : and(eq(sessions.userId, userId), isNull(sessions.endedAt));
  const r = await ex.update(sessions).set({ endedAt: now, endReason: reason }).where(cond).returning({ id: sessions.id });
  return r.length;
}

/** Revokes every API token acting for a person (leaving, transfer). */
export async function revokeUserTokens(ex: Executor, userId: string, reason: string, now: Date, by: string | null): Promise<number> {
  const r = await ex
    .update(apiTokens)
    .set({ revokedAt: now, revokedBy: by, revokeReason: reason })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return r.length;
}

export type SessionExpiry = 'ended' | 'idle' | 'absolute' | null;

export function sessionExpiry(s: typeof sessions.$inferSelect, policy: SecurityPolicy, now: Date): SessionExpiry {
  if (s.endedAt) return 'ended';
  if (now.getTime() >= s.expiresAt.getTime()) return 'absolute';
  if (now.getTime() - s.lastSeenAt.getTime() > policy.idleTimeoutMinutes * 60_000) return 'idle';
  return null;
}
