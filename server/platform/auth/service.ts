// Sign-in and the account's own security: login with lockout and TOTP, forced password change and
// forced TOTP enrolment as restricted session states, logout (SEC-01, DESIGN §6).
import { eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import type { SessionState } from '../../db/schema/users.ts';
import { audit } from '../audit/writer.ts';
import type { Ctx } from '../context.ts';
import { AppError, conflict, ruleRefused, unauthorized } from '../http/errors.ts';
import { securityPolicy } from '../settings/service.ts';
import { findUserWithOrg, loadGrants, type UserWithOrg } from './actor.ts';
import { isAdminRoleSet, passwordExpired, requiresTotp, setPassword } from './password-service.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, endSession, endUserSessions } from './sessions.ts';
import { checkTotp, newTotpSecret, totpEnrolment } from './totp.ts';

export interface LoginInput {
  username: string;
  password: string;
  otp?: string;
}

export type LoginResult =
  | { ok: true; token: string; sessionId: string; csrfToken: string; state: SessionState; userId: string }
  | { ok: false; error: AppError };

const fail = (status: number, code: string, params?: Record<string, unknown>): LoginResult => ({ ok: false, error: new AppError(status, code, params) });

/** A wrong password (or code) counts towards the account's lockout; also used where a person confirms with their password (an inspection signature). */
export async function registerFailure(ctx: Ctx, u: UserWithOrg, reason: string, opts: { action?: string; endSessionsOnLock?: boolean } = {}): Promise<LoginResult> {
  const policy = await securityPolicy(ctx.tx, u.orgPath);
  const lockUntil = new Date(ctx.now.getTime() + policy.lockoutMinutes * 60_000);
  const [r] = await ctx.tx
    .update(users)
    .set({
      failedLogins: sql`case when ${users.failedLogins} + 1 >= ${policy.lockoutThreshold} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${policy.lockoutThreshold} then ${lockUntil}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, u.id))
    .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
  const locked = !!r.lockedUntil && r.lockedUntil.getTime() > ctx.now.getTime();
  await audit(ctx, { action: opts.action ?? 'auth.login', targetType: 'user', targetId: u.id, targetLabel: u.username, orgId: u.orgId, result: 'failure', actorId: u.id, actorName: u.name, detail: { reason, failures: locked ? policy.lockoutThreshold : r.failedLogins } });
  if (locked) {
    // Guessing inside a session (a stolen one) locks the account and ends every session at once.
    if (opts.endSessionsOnLock) await endUserSessions(ctx.tx, u.id, 'account locked', ctx.now);
    await audit(ctx, { action: 'auth.lockout', targetType: 'user', targetId: u.id, targetLabel: u.username, orgId: u.orgId, result: 'success', actorId: u.id, actorName: u.name, detail: { minutes: policy.lockoutMinutes } });
    return fail(403, 'ACCOUNT_LOCKED', { minutes: policy.lockoutMinutes });
  }
  return fail(401, reason === 'wrong otp' ? 'OTP_INVALID' : 'INVALID_CREDENTIALS');
}

/** The state a fresh session starts in: a forced password change first, then forced TOTP enrolment. */
async function initialState(ctx: Ctx, u: UserWithOrg): Promise<SessionState> {
  const policy = await securityPolicy(ctx.tx, u.orgPath);
  if (u.mustChangePassword || passwordExpired(u, policy, ctx.now)) return 'change_password';
  const roles = (await loadGrants(ctx.tx, u.id)).map((g) => g.roleCode);
  if (!u.totpEnabledAt && requiresTotp(roles, policy)) return 'enrol_totp';
  return 'active';
}

export async function login(ctx: Ctx, input: LoginInput, presentedSessionId: string | null): Promise<LoginResult> {
  const u = await findUserWithOrg(ctx.tx, sql`lower(${users.username}) = lower(${input.username})`);
  if (!u || u.withdrawnAt) {
    await verifyPassword(null, input.password);
    await audit(ctx, { action: 'auth.login', targetType: 'user', targetLabel: input.username.slice(0, 100), result: 'failure', orgId: null, detail: { reason: 'unknown user' } });
    return fail(401, 'INVALID_CREDENTIALS');
  }
  // Serialise concurrent attempts on one account so the failure count is exact.
  await ctx.tx.execute(sql`select 1 from users where id = ${u.id} for update`);
  const fresh = (await findUserWithOrg(ctx.tx, eq(users.id, u.id)))!;
  const policy = await securityPolicy(ctx.tx, fresh.orgPath);
  if (fresh.lockedUntil && fresh.lockedUntil.getTime() > ctx.now.getTime()) {
    await audit(ctx, { action: 'auth.login', targetType: 'user', targetId: u.id, targetLabel: u.username, orgId: u.orgId, result: 'failure', actorId: u.id, actorName: u.name, detail: { reason: 'locked' } });
    return fail(403, 'ACCOUNT_LOCKED', { minutes: Math.ceil((fresh.lockedUntil.getTime() - ctx.now.getTime()) / 60_000) });
  }
  if (!(await verifyPassword(fresh.passwordHash, input.password))) return registerFailure(ctx, fresh, 'wrong password');
  if (fresh.status !== 'active') {
    await audit(ctx, { action: 'auth.login', targetType: 'user', targetId: u.id, targetLabel: u.username, orgId: u.orgId, result: 'failure', actorId: u.id, actorName: u.name, detail: { reason: `account ${fresh.status}` } });
    return fail(403, 'ACCOUNT_DISABLED');
  }
  if (fresh.totpEnabledAt && fresh.totpSecretEnc) {
    if (!input.otp) return fail(401, 'OTP_REQUIRED');
    const step = checkTotp(ctx.app.keys.decrypt(fresh.totpSecretEnc), input.otp, ctx.now, fresh.totpLastStep);
    if (step === null) return registerFailure(ctx, fresh, 'wrong otp');
    await ctx.tx.update(users).set({ totpLastStep: step }).where(eq(users.id, u.id));
  }
  await ctx.tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: ctx.now }).where(eq(users.id, u.id));
  // Rotation: whatever session the browser held before signing in stops working now.
  if (presentedSessionId) await endSession(ctx.tx, presentedSessionId, 'replaced at login', ctx.now);
  const state = await initialState(ctx, fresh);
  const s = await createSession(ctx.tx, u.id, state, policy, ctx.now, { ip: ctx.ip, userAgent: ctx.userAgent });
  await audit(ctx, { action: 'auth.login', targetType: 'user', targetId: u.id, targetLabel: u.username, orgId: u.orgId, result: 'success', actorId: u.id, actorName: u.name, detail: { state, secondFactor: !!fresh.totpEnabledAt } });
  return { ok: true, token: s.token, sessionId: s.id, csrfToken: s.csrfToken, state, userId: u.id };
}

export async function logout(ctx: Ctx, sessionId: string): Promise<void> {
  await endSession(ctx.tx, sessionId, 'logout', ctx.now);
  await audit(ctx, { action: 'auth.logout', targetType: 'user', targetId: ctx.actor!.userId, targetLabel: ctx.actor!.username });
}

async function currentUser(ctx: Ctx): Promise<UserWithOrg> {
  const u = await findUserWithOrg(ctx.tx, eq(users.id, ctx.actor!.userId));
  if (!u) throw unauthorized();
  return u;
}

/** Replaces the caller's session with a new one (new cookie) in the given state. */
async function rotate(ctx: Ctx, u: UserWithOrg, oldSessionId: string, reason: string) {
  await endSession(ctx.tx, oldSessionId, reason, ctx.now);
  const state = await initialState(ctx, u);
  const policy = await securityPolicy(ctx.tx, u.orgPath);
  const s = await createSession(ctx.tx, u.id, state, policy, ctx.now, { ip: ctx.ip, userAgent: ctx.userAgent });
  return { token: s.token, csrfToken: s.csrfToken, state };
}

/**
 * A wrong current password inside a session counts towards the lockout like a failed sign-in (a
 * stolen session must not allow unlimited guessing). Returned, not thrown, so the count and its audit
 * entry commit; the route then answers with the refusal.
 */
async function wrongCurrentPassword(ctx: Ctx, u: UserWithOrg, action: string, field: string): Promise<{ refused: AppError }> {
  const r = await registerFailure(ctx, u, 'wrong current password', { action, endSessionsOnLock: true });
  const locked = !r.ok && r.error.code === 'ACCOUNT_LOCKED';
  return { refused: locked ? (r as { error: AppError }).error : new AppError(422, 'CURRENT_PASSWORD_WRONG', {}, [{ path: field, code: 'CURRENT_PASSWORD_WRONG' }]) };
}

/** The user's own password change: every other session ends; this one is rotated. */
export async function changeOwnPassword(ctx: Ctx, sessionId: string, current: string, next: string) {
  const u = await currentUser(ctx);
  if (!(await verifyPassword(u.passwordHash, current))) return wrongCurrentPassword(ctx, u, 'auth.password.change', 'currentPassword');
  const policy = await securityPolicy(ctx.tx, u.orgPath);
  const isAdmin = isAdminRoleSet(ctx.actor!.grants.map((g) => g.roleCode));
  await setPassword(ctx.tx, u, next, { policy, isAdmin, field: 'newPassword', mustChange: false, checkHistory: true, now: ctx.now, by: u.id });
  const ended = await endUserSessions(ctx.tx, u.id, 'password changed', ctx.now, sessionId);
  await audit(ctx, { action: 'auth.password.change', targetType: 'user', targetId: u.id, targetLabel: u.username, orgId: u.orgId, detail: { otherSessionsEnded: ended } });
  return rotate(ctx, { ...u, mustChangePassword: false, passwordChangedAt: ctx.now }, sessionId, 'rotated after password change');
}

/** Starts TOTP enrolment: a new secret, kept encrypted until a code from it is confirmed. */
export async function totpSetup(ctx: Ctx) {
  const u = await currentUser(ctx);
  if (u.totpEnabledAt) throw conflict('TOTP_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await ctx.tx.update(users).set({ totpSecretEnc: ctx.app.keys.encrypt(secret), totpLastStep: null }).where(eq(users.id, u.id));
  await audit(ctx, { action: 'auth.totp.setup', targetType: 'user', targetId: u.id, targetLabel: u.username, orgId: u.orgId });
  return totpEnrolment(secret, u.username);
}

export async function totpConfirm(ctx: Ctx, sessionId: string, otp: string) {
  const u = await currentUser(ctx);
  if (u.totpEnabledAt) throw conflict('TOTP_ALREADY_ENABLED');
  if (!u.totpSecretEnc) throw conflict('TOTP_NOT_STARTED');
  const step = checkTotp(ctx.app.keys.decrypt(u.totpSecretEnc), otp, ctx.now, null);
  if (step === null) throw ruleRefused('OTP_INVALID', {}, [{ path: 'otp', code: 'OTP_INVALID' }]);
  await ctx.tx.update(users).set({ totpEnabledAt: ctx.now, totpLastStep: step }).where(eq(users.id, u.id));
  await audit(ctx, { action: 'auth.totp.enable', targetType: 'user', targetId: u.id, targetLabel: u.username, orgId: u.orgId });
  return rotate(ctx, { ...u, totpEnabledAt: ctx.now }, sessionId, 'rotated after TOTP enrolment');
}

/** Turning the second factor off needs the password and a current code, and is refused where policy requires it. */
export async function totpDisable(ctx: Ctx, password: string, otp: string) {
  const u = await currentUser(ctx);
  if (!u.totpEnabledAt || !u.totpSecretEnc) throw conflict('TOTP_NOT_STARTED');
  const policy = await securityPolicy(ctx.tx, u.orgPath);
  if (requiresTotp(ctx.actor!.grants.map((g) => g.roleCode), policy)) throw ruleRefused('TOTP_REQUIRED_BY_POLICY');
  if (!(await verifyPassword(u.passwordHash, password))) return wrongCurrentPassword(ctx, u, 'auth.totp.disable', 'password');
  if (checkTotp(ctx.app.keys.decrypt(u.totpSecretEnc), otp, ctx.now, u.totpLastStep) === null) {
    throw ruleRefused('OTP_INVALID', {}, [{ path: 'otp', code: 'OTP_INVALID' }]);
  }
  await ctx.tx.update(users).set({ totpEnabledAt: null, totpSecretEnc: null, totpLastStep: null }).where(eq(users.id, u.id));
  await audit(ctx, { action: 'auth.totp.disable', targetType: 'user', targetId: u.id, targetLabel: u.username, orgId: u.orgId });
}

export { currentUser };
