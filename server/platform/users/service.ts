// People and their accounts (ORG-02, SEC-01). Contact and identity numbers are encrypted at rest and
// returned masked; revealing one needs a reason and is audited (PIP-02). Leaving or transfer ends all
// sessions and API tokens and revokes grants in the same transaction.
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { users } from '../../db/schema/index.ts';
import type { UserStatus } from '../../db/schema/users.ts';
import { P } from '../access/platform-permissions.ts';
import { iso, loadScoped, recordMeta } from '../access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../access/scope.ts';
import { assertNotLastAdministrator, grantsOf, lockAdminRoles, revokeAllGrants } from '../access/grants-service.ts';
import { allowedActions } from '../access/records.ts';
import { audit, diff } from '../audit/writer.ts';
import { isAdminRoleSet, setPassword } from '../auth/password-service.ts';
import { generatePassword } from '../auth/passwords.ts';
import { endUserSessions, revokeUserTokens } from '../auth/sessions.ts';
import type { Ctx } from '../context.ts';
import { maskIdNumber, maskPhone } from '../crypto/keyring.ts';
import { conflict, forbidden, ruleRefused } from '../http/errors.ts';
import { pageOf, type PageParams } from '../http/paging.ts';
import { updateVersioned } from '../http/versions.ts';
import { orgFor, visibleOrg } from '../orgs/service.ts';
import { securityPolicy } from '../settings/service.ts';
import { userActions } from './policy.ts';
import { listUsers, usernameTaken } from './repository.ts';

type UserRow = typeof users.$inferSelect;
type GrantRows = Awaited<ReturnType<typeof grantsOf>>;
const FIELDS = ['orgId', 'name', 'post', 'employeeNo', 'email', 'phone', 'idNumber', 'locale'] as const;

function decryptOrNull(ctx: Ctx, v: string | null): string | null {
  return v ? ctx.app.keys.decrypt(v) : null;
}

export function presentUser(ctx: Ctx, u: UserRow, org: { name: string; path: string }, grantRows: GrantRows) {
  const phone = decryptOrNull(ctx, u.phoneEnc);
  const idNumber = decryptOrNull(ctx, u.idNumberEnc);
  return {
    id: u.id,
    orgId: u.orgId,
    orgName: org.name,
    username: u.username,
    name: u.name,
    post: u.post,
    employeeNo: u.employeeNo,
    email: u.email,
    phone: phone ? maskPhone(phone) : null,
    idNumber: idNumber ? maskIdNumber(idNumber) : null,
    status: u.status,
    statusChangedAt: iso(u.statusChangedAt),
    lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > ctx.now.getTime() ? u.lockedUntil.toISOString() : null,
    totpEnabled: !!u.totpEnabledAt,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: iso(u.lastLoginAt),
    grants: grantRows
      .filter((g) => g.grant.userId === u.id)
      .map((g) => ({
        id: g.grant.id,
        roleId: g.grant.roleId,
        roleCode: g.roleCode,
        roleName: g.roleName,
        roleNameEn: g.roleNameEn,
        orgId: g.grant.orgId,
        orgName: g.orgName,
        grantedAt: g.grant.grantedAt.toISOString(),
        grantedBy: g.grant.grantedBy,
        revokedAt: iso(g.grant.revokedAt),
        revokedBy: g.grant.revokedBy,
        revokeReason: g.grant.revokeReason,
        allowedActions: allowedActions(ctx, g.orgPath, { revoke: { perm: P.roles.manage, when: !g.grant.revokedAt && g.grant.userId !== ctx.actor?.userId } }),
      })),
    ...recordMeta(u),
    allowedActions: userActions(ctx, org.path, u),
  };
}

export const visibleUser = (ctx: Ctx, id: string) => loadScoped(ctx, users, id, { readPerm: P.users.read, notFoundCode: 'USER_NOT_FOUND', targetType: 'user' });

/** A person the caller may manage (users.manage at their unit); never the caller themselves for `notSelf` actions. */
async function manageableUser(ctx: Ctx, id: string, opts: { perm?: string; notSelf?: boolean } = {}) {
  const perm = opts.perm ?? P.users.manage;
  const r = await visibleUser(ctx, id);
  if (!can(ctx.actor, perm, r.orgPath)) throw forbidden('FORBIDDEN', { action: perm, targetType: 'user', targetId: id, orgId: r.row.orgId });
  if (opts.notSelf && id === ctx.actor!.userId) throw ruleRefused('SELF_ACTION');
  return r;
}

export async function get(ctx: Ctx, id: string) {
  const r = await visibleUser(ctx, id);
  const org = await visibleOrg(ctx, r.row.orgId);
  return presentUser(ctx, r.row, org, await grantsOf(ctx, [id], true));
}

export async function list(ctx: Ctx, q: { orgId?: string; status?: UserStatus; roleCode?: string; q?: string; phone?: string; sort?: string }, p: PageParams) {
  const scope = inSubtrees(users.orgId, scopePaths(requireActor(ctx), P.users.read));
  const within = q.orgId ? (await visibleOrg(ctx, q.orgId)).path : undefined;
  const r = await listUsers(ctx.tx, { scope, withinPath: within, status: q.status, roleCode: q.roleCode, q: q.q, phoneHash: q.phone ? ctx.app.keys.lookupHash(q.phone) : undefined }, p, q.sort);
  const g = await grantsOf(ctx, r.items.map((x) => x.user.id), false);
  return pageOf(r.items.map((x) => presentUser(ctx, x.user, { name: x.orgName, path: x.orgPath }, g)), r.total, p);
}

function encryptedFields(ctx: Ctx, input: { phone?: string | null; idNumber?: string | null }) {
  const out: Partial<UserRow> = {};
  if (input.phone !== undefined) {
    out.phoneEnc = input.phone ? ctx.app.keys.encrypt(input.phone) : null;
    out.phoneHash = input.phone ? ctx.app.keys.lookupHash(input.phone) : null;
  }
  if (input.idNumber !== undefined) {
    const v = input.idNumber?.toUpperCase() ?? null;
    out.idNumberEnc = v ? ctx.app.keys.encrypt(v) : null;
    out.idNumberHash = v ? ctx.app.keys.lookupHash(v) : null;
  }
  return out;
}

export interface UserInput {
  orgId: string;
  username: string;
  name: string;
  post?: string | null;
  employeeNo?: string | null;
  email?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  password?: string;
}

/** Creates a person with an account; the initial password (given or generated) must be changed at first sign-in. */
export async function create(ctx: Ctx, input: UserInput) {
  const org = await orgFor(ctx, input.orgId, P.users.manage);
  if (await usernameTaken(ctx.tx, input.username)) throw conflict('USERNAME_TAKEN', { username: input.username });
  const id = randomUUID();
  const by = ctx.actor?.userId ?? null;
  const [u] = await ctx.tx
    .insert(users)
    .values({
      id,
      orgId: org.id,
      username: input.username,
      name: input.name,
      post: input.post ?? null,
      employeeNo: input.employeeNo ?? null,
      email: input.email ?? null,
      ...encryptedFields(ctx, input),
      status: 'active',
      statusChangedAt: ctx.now,
      mustChangePassword: true,
      createdAt: ctx.now,
      createdBy: by,
      updatedAt: ctx.now,
      updatedBy: by,
    })
    .returning();
  const initial = input.password ?? generatePassword();
  const policy = await securityPolicy(ctx.tx, org.path);
  await setPassword(ctx.tx, u, initial, { policy, isAdmin: false, field: 'password', mustChange: true, checkHistory: false, now: ctx.now, by });
  await audit(ctx, {
    action: 'users.create',
    targetType: 'user',
    targetId: id,
    targetLabel: `${u.name} (${u.username})`,
    orgId: org.id,
    changes: diff(null, { ...u, phone: input.phone, idNumber: input.idNumber }, ['orgId', 'username', 'name', 'post', 'employeeNo', 'email', 'phone', 'idNumber'], ['phone', 'idNumber']),
  });
  const [fresh] = await ctx.tx.select().from(users).where(eq(users.id, id));
  return { user: presentUser(ctx, fresh, org, []), initialPassword: input.password ? null : initial };
}

export async function update(ctx: Ctx, id: string, patch: Partial<Omit<UserInput, 'username' | 'password'>> & { locale?: 'zh-CN' | 'en' | null }, version: number) {
  const { row: before } = await manageableUser(ctx, id);
  let org = await visibleOrg(ctx, before.orgId);
  if (patch.orgId && patch.orgId !== before.orgId) org = await orgFor(ctx, patch.orgId, P.users.manage);
  const { phone, idNumber, ...plain } = patch;
  const after = await updateVersioned(ctx.tx, users, id, version, { ...plain, ...encryptedFields(ctx, { phone, idNumber }), updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  const changedSecret = {
    phone: phone !== undefined && before.phoneHash !== after.phoneHash ? [before.phoneEnc ? '***' : null, after.phoneEnc ? '***' : null] : undefined,
    idNumber: idNumber !== undefined && before.idNumberHash !== after.idNumberHash ? [before.idNumberEnc ? '***' : null, after.idNumberEnc ? '***' : null] : undefined,
  };
  const changes = { ...diff(before, after, FIELDS.filter((f) => f !== 'phone' && f !== 'idNumber')), ...Object.fromEntries(Object.entries(changedSecret).filter(([, v]) => v)) } as Record<string, [unknown, unknown]>;
  await audit(ctx, { action: 'users.update', targetType: 'user', targetId: id, targetLabel: `${after.name} (${after.username})`, orgId: after.orgId, changes });
  return presentUser(ctx, after, org, await grantsOf(ctx, [id], true));
}

/**
 * Employment status (ORG-02). Leaving or transfer ends every session and API token at once and
 * revokes the person's grants — refused if that would leave an administrator role with nobody.
 */
export async function setStatus(ctx: Ctx, id: string, status: UserStatus, reason: string, version: number | undefined) {
  const { row: before, orgPath } = await manageableUser(ctx, id, { notSelf: true });
  if (before.status === status) throw conflict('STATUS_UNCHANGED');
  let ended = 0;
  let tokens = 0;
  let revoked = 0;
  if (status !== 'active') {
    await lockAdminRoles(ctx);
    await assertNotLastAdministrator(ctx, id, before.name);
    revoked = await revokeAllGrants(ctx, id, `${status}: ${reason}`);
    ended = await endUserSessions(ctx.tx, id, `person ${status}`, ctx.now);
    tokens = await revokeUserTokens(ctx.tx, id, `person ${status}`, ctx.now, ctx.actor!.userId);
  }
  const after = await updateVersioned(ctx.tx, users, id, version ?? before.version, { status, statusChangedAt: ctx.now, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, {
    action: 'users.status',
    targetType: 'user',
    targetId: id,
    targetLabel: `${after.name} (${after.username})`,
    orgId: after.orgId,
    changes: { status: [before.status, status] },
    detail: { reason, sessionsEnded: ended, tokensRevoked: tokens, grantsRevoked: revoked },
  });
  const org = await visibleOrg(ctx, after.orgId);
  return presentUser(ctx, after, { name: org.name, path: orgPath }, await grantsOf(ctx, [id], true));
}

/** Shows one sensitive field in clear, with the reason recorded in the audit trail (PIP-02). */
export async function reveal(ctx: Ctx, id: string, field: 'phone' | 'idNumber', reason: string) {
  const { row } = await manageableUser(ctx, id, { perm: P.users.reveal });
  const value = decryptOrNull(ctx, field === 'phone' ? row.phoneEnc : row.idNumberEnc);
  await audit(ctx, { action: 'users.reveal', targetType: 'user', targetId: id, targetLabel: `${row.name} (${row.username})`, orgId: row.orgId, detail: { field, reason } });
  return { field, value };
}

/**
 * SEC-03: the security administrator must not be able to take over the account of another
 * administrator (a one-time password plus a reset authenticator would hand it over). Credentials of
 * the three administrator roles are reset by operations staff with `anbao reset-credentials`.
 */
async function refuseAdministratorReset(ctx: Ctx, id: string): Promise<void> {
  const held = (await grantsOf(ctx, [id], false)).map((g) => g.roleCode);
  if (isAdminRoleSet(held)) throw ruleRefused('ADMIN_CREDENTIALS_BY_OPERATIONS');
}

/** An administrator's password reset: a one-time password, changed at next sign-in; sessions end. */
export async function resetPassword(ctx: Ctx, id: string, reason: string) {
  const { row, orgPath } = await manageableUser(ctx, id, { notSelf: true });
  await refuseAdministratorReset(ctx, id);
  if (row.status !== 'active') throw ruleRefused('USER_NOT_ACTIVE');
  const temporary = generatePassword();
  const policy = await securityPolicy(ctx.tx, orgPath);
  const grantRows = await grantsOf(ctx, [id], false);
  await setPassword(ctx.tx, row, temporary, { policy, isAdmin: isAdminRoleSet(grantRows.map((g) => g.roleCode)), field: 'password', mustChange: true, checkHistory: false, now: ctx.now, by: ctx.actor!.userId });
  const ended = await endUserSessions(ctx.tx, id, 'password reset by administrator', ctx.now);
  await audit(ctx, { action: 'users.password.reset', targetType: 'user', targetId: id, targetLabel: `${row.name} (${row.username})`, orgId: row.orgId, detail: { reason, sessionsEnded: ended } });
  return { temporaryPassword: temporary };
}

/** Clears a lost authenticator: the person enrols again at next sign-in (where policy requires it). */
export async function resetTotp(ctx: Ctx, id: string, reason: string) {
  const { row } = await manageableUser(ctx, id, { notSelf: true });
  await refuseAdministratorReset(ctx, id);
  await ctx.tx.update(users).set({ totpEnabledAt: null, totpSecretEnc: null, totpLastStep: null, updatedAt: ctx.now, updatedBy: ctx.actor!.userId, version: sql`${users.version} + 1` }).where(eq(users.id, id));
  const ended = await endUserSessions(ctx.tx, id, 'second factor reset by administrator', ctx.now);
  await audit(ctx, { action: 'users.totp.reset', targetType: 'user', targetId: id, targetLabel: `${row.name} (${row.username})`, orgId: row.orgId, detail: { reason, sessionsEnded: ended } });
  return get(ctx, id);
}

export async function unlock(ctx: Ctx, id: string, reason: string) {
  const { row } = await manageableUser(ctx, id);
  await ctx.tx.update(users).set({ lockedUntil: null, failedLogins: 0 }).where(eq(users.id, id));
  await audit(ctx, { action: 'users.unlock', targetType: 'user', targetId: id, targetLabel: `${row.name} (${row.username})`, orgId: row.orgId, detail: { reason } });
  return get(ctx, id);
}
