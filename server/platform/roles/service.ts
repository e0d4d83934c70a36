// Roles (SEC-02): the built-in ones come from code; custom roles are made by the security
// administrator from the catalogue, never with an administrator-only permission (SEC-03).
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { grants, roles } from '../../db/schema/index.ts';
import { allPermissions, permissionDef } from '../access/catalogue.ts';
import { P } from '../access/platform-permissions.ts';
import { allowedActions, recordMeta } from '../access/records.ts';
import { audit } from '../audit/writer.ts';
import type { Ctx } from '../context.ts';
import { conflict, invalidField, notFound, ruleRefused } from '../http/errors.ts';
import { updateVersioned } from '../http/versions.ts';

type RoleRow = typeof roles.$inferSelect;

export function permissionCatalogue() {
  return allPermissions().map((p) => ({ code: p.code, module: p.module, action: p.action, name: p.zh, nameEn: p.en, adminOnly: p.adminOnly }));
}

/** Unknown codes → 400 naming the item; administrator-only codes → 422. */
export function checkAssignable(codes: string[], field: string): void {
  codes.forEach((c, i) => {
    const def = permissionDef(c);
    if (!def) throw invalidField(`${field}.${i}`, 'UNKNOWN_PERMISSION', { code: c });
    if (def.adminOnly) throw ruleRefused('ADMIN_PERMISSION_NOT_ASSIGNABLE', { code: c }, [{ path: `${field}.${i}`, code: 'ADMIN_PERMISSION_NOT_ASSIGNABLE', params: { code: c } }]);
  });
}

function present(ctx: Ctx, r: RoleRow, activeGrants: number) {
  const custom = !r.builtin && !r.withdrawnAt;
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    description: r.description,
    builtin: r.builtin,
    permissions: r.permissions,
    activeGrants,
    ...recordMeta(r),
    // Roles are not bound to a unit: the check is "holds roles.manage anywhere".
    allowedActions: allowedActions(ctx, undefined, {
      update: { perm: P.roles.manage, when: custom },
      withdraw: { perm: P.roles.manage, when: custom && activeGrants === 0 },
    }),
  };
}

async function grantCounts(ctx: Ctx) {
  const rs = await ctx.tx.select({ roleId: grants.roleId, n: count() }).from(grants).where(isNull(grants.revokedAt)).groupBy(grants.roleId);
  return new Map(rs.map((r) => [r.roleId, Number(r.n)]));
}

export async function list(ctx: Ctx, includeWithdrawn: boolean) {
  const rs = await ctx.tx.select().from(roles).where(includeWithdrawn ? undefined : isNull(roles.withdrawnAt)).orderBy(asc(roles.builtin), asc(roles.code));
  const counts = await grantCounts(ctx);
  return rs.sort((a, b) => Number(b.builtin) - Number(a.builtin)).map((r) => present(ctx, r, counts.get(r.id) ?? 0));
}

async function find(ctx: Ctx, id: string): Promise<RoleRow> {
  const [r] = await ctx.tx.select().from(roles).where(eq(roles.id, id));
  if (!r) throw notFound('ROLE_NOT_FOUND');
  return r;
}

export async function get(ctx: Ctx, id: string) {
  const r = await find(ctx, id);
  return present(ctx, r, (await grantCounts(ctx)).get(id) ?? 0);
}

export async function create(ctx: Ctx, input: { code: string; name: string; nameEn: string; description?: string | null; permissions: string[] }) {
  checkAssignable(input.permissions, 'permissions');
  const [dup] = await ctx.tx.select({ id: roles.id }).from(roles).where(eq(roles.code, input.code));
  if (dup) throw conflict('ROLE_CODE_TAKEN', { code: input.code });
  const by = ctx.actor!.userId;
  const [r] = await ctx.tx
    .insert(roles)
    .values({ id: randomUUID(), code: input.code, name: input.name, nameEn: input.nameEn, description: input.description ?? null, builtin: false, permissions: [...input.permissions].sort(), createdAt: ctx.now, createdBy: by, updatedAt: ctx.now, updatedBy: by })
    .returning();
  // Roles belong to no unit; the entry goes to the security administrator's unit (the writer's
  // default) so the auditors over that unit see it — with orgId null only a top-level auditor would.
  await audit(ctx, { action: 'roles.create', targetType: 'role', targetId: r.id, targetLabel: r.code, detail: { permissions: r.permissions } });
  return present(ctx, r, 0);
}

export async function update(ctx: Ctx, id: string, patch: { name?: string; nameEn?: string; description?: string | null; permissions?: string[] }, version: number) {
  const before = await find(ctx, id);
  if (before.builtin) throw ruleRefused('BUILTIN_ROLE_READONLY');
  if (before.withdrawnAt) throw conflict('ROLE_WITHDRAWN');
  if (patch.permissions) checkAssignable(patch.permissions, 'permissions');
  const after = await updateVersioned(ctx.tx, roles, id, version, {
    ...patch,
    ...(patch.permissions ? { permissions: [...patch.permissions].sort() } : {}),
    updatedAt: ctx.now,
    updatedBy: ctx.actor!.userId,
  });
  const added = after.permissions.filter((p) => !before.permissions.includes(p));
  const removed = before.permissions.filter((p) => !after.permissions.includes(p));
  await audit(ctx, {
    action: 'roles.update',
    targetType: 'role',
    targetId: id,
    targetLabel: after.code,
    changes: Object.fromEntries((['name', 'nameEn', 'description'] as const).filter((f) => before[f] !== after[f]).map((f) => [f, [before[f], after[f]]])),
    detail: added.length || removed.length ? { added, removed } : null,
  });
  return get(ctx, id);
}

export async function withdraw(ctx: Ctx, id: string, reason: string) {
  const r = await find(ctx, id);
  if (r.builtin) throw ruleRefused('BUILTIN_ROLE_READONLY');
  if (r.withdrawnAt) throw conflict('ROLE_WITHDRAWN');
  const [{ n }] = await ctx.tx.select({ n: count() }).from(grants).where(and(eq(grants.roleId, id), isNull(grants.revokedAt)));
  if (Number(n) > 0) throw ruleRefused('ROLE_IN_USE', { count: Number(n) });
  const after = await updateVersioned(ctx.tx, roles, id, r.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'roles.withdraw', targetType: 'role', targetId: id, targetLabel: r.code, detail: { reason } });
  return present(ctx, after, 0);
}
