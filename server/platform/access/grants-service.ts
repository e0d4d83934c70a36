// Grants: role + person + org subtree (SEC-02). Only the security administrator grants; nobody grants
// to themselves; one person never holds two of the three administrator roles (SEC-03, 422
// SEPARATION_OF_DUTIES); the last active holder of an administrator role cannot lose it.
import { and, asc, count, eq, inArray, isNull, ne, notInArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { grants, orgs, roles, users } from '../../db/schema/index.ts';
import { audit } from '../audit/writer.ts';
import type { Ctx } from '../context.ts';
import { conflict, forbidden, notFound, ruleRefused } from '../http/errors.ts';
import { ADMIN_ROLES, BUILTIN_ROLE_NAMES } from './catalogue.ts';
import { P } from './platform-permissions.ts';
import { can, requireActor } from './scope.ts';

const isAdminRole = (code: string) => (ADMIN_ROLES as readonly string[]).includes(code);
const roleLabel = (ctx: Ctx, code: string, name: string) => (ctx.lang === 'en' ? (BUILTIN_ROLE_NAMES[code as never] as { en: string } | undefined)?.en ?? name : name);

/** Serialises every change that could affect who holds an administrator role. */
export async function lockAdminRoles(ctx: Ctx): Promise<void> {
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(7240004)`);
}

/**
 * Refuses when the person is the last active holder of an administrator role they are about to lose
 * (a revoked grant, leaving, transfer). Call with lockAdminRoles held.
 */
export async function assertNotLastAdministrator(ctx: Ctx, userId: string, personName: string, losingGrantIds?: string[]): Promise<void> {
  const held = await ctx.tx
    .select({ grantId: grants.id, roleId: roles.id, code: roles.code, name: roles.name })
    .from(grants)
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .where(and(eq(grants.userId, userId), isNull(grants.revokedAt), inArray(roles.code, [...ADMIN_ROLES])));
  for (const h of held) {
    if (losingGrantIds && !losingGrantIds.includes(h.grantId)) continue;
    // Does anyone else, active, still hold this role (or does this person through another grant)?
    const [{ n }] = await ctx.tx
      .select({ n: count() })
      .from(grants)
      .innerJoin(users, eq(users.id, grants.userId))
      .where(
        and(
          eq(grants.roleId, h.roleId),
          isNull(grants.revokedAt),
          eq(users.status, 'active'),
          isNull(users.withdrawnAt),
          losingGrantIds ? notInArray(grants.id, losingGrantIds) : ne(grants.userId, userId),
        ),
      );
    if (Number(n) === 0) throw ruleRefused('LAST_ADMINISTRATOR', { person: personName, role: roleLabel(ctx, h.code, h.name) });
  }
}

export async function grantRole(ctx: Ctx, userId: string, input: { roleId?: string; roleCode?: string; orgId: string }) {
  const actor = requireActor(ctx);
  const [target] = await ctx.tx.select({ org: orgs, user: users }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(eq(users.id, userId));
  if (!target || !can(actor, P.users.read, target.org.path)) throw notFound('USER_NOT_FOUND', target ? { action: P.roles.manage, targetType: 'user', targetId: userId, orgId: target.user.orgId, reason: 'out of scope' } : undefined);
  const [org] = await ctx.tx.select().from(orgs).where(eq(orgs.id, input.orgId));
  if (!org || !can(actor, P.orgs.read, org.path)) throw notFound('ORG_NOT_FOUND', org ? { action: P.roles.manage, targetType: 'org', targetId: org.id, orgId: org.id, reason: 'out of scope' } : undefined);
  if (!can(actor, P.roles.manage, org.path)) throw forbidden('FORBIDDEN', { action: P.roles.manage, targetType: 'org', targetId: org.id, orgId: org.id });
  if (org.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  if (userId === actor.userId) throw ruleRefused('SELF_GRANT');
  if (target.user.status !== 'active') throw ruleRefused('USER_NOT_ACTIVE');
  const [role] = await ctx.tx.select().from(roles).where(input.roleId ? eq(roles.id, input.roleId) : eq(roles.code, input.roleCode ?? ''));
  if (!role) throw notFound('ROLE_NOT_FOUND');
  if (role.withdrawnAt) throw conflict('ROLE_WITHDRAWN');

  // Row lock on the person: concurrent grants to one person are checked one after the other.
  await ctx.tx.execute(sql`select 1 from users where id = ${userId} for update`);
  const current = await ctx.tx
    .select({ roleId: roles.id, code: roles.code, name: roles.name, orgId: grants.orgId })
    .from(grants)
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .where(and(eq(grants.userId, userId), isNull(grants.revokedAt)));
  if (current.some((c) => c.roleId === role.id && c.orgId === org.id)) throw conflict('GRANT_EXISTS');
  if (isAdminRole(role.code)) {
    const other = current.find((c) => isAdminRole(c.code) && c.code !== role.code);
    if (other) {
      throw ruleRefused('SEPARATION_OF_DUTIES', { person: target.user.name, held: roleLabel(ctx, other.code, other.name), role: roleLabel(ctx, role.code, role.name) });
    }
  }
  const [g] = await ctx.tx
    .insert(grants)
    .values({ id: randomUUID(), userId, roleId: role.id, orgId: org.id, grantedBy: actor.userId, grantedAt: ctx.now })
    .returning();
  await audit(ctx, {
    action: 'grants.create',
    targetType: 'user',
    targetId: userId,
    targetLabel: `${target.user.name} (${target.user.username})`,
    orgId: org.id,
    detail: { grantId: g.id, role: role.code, org: org.name },
  });
  return g;
}

export async function revokeGrant(ctx: Ctx, grantId: string, reason: string) {
  const actor = requireActor(ctx);
  const [r] = await ctx.tx
    .select({ grant: grants, orgPath: orgs.path, user: users, role: roles })
    .from(grants)
    .innerJoin(orgs, eq(orgs.id, grants.orgId))
    .innerJoin(users, eq(users.id, grants.userId))
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .where(eq(grants.id, grantId));
  if (!r || !can(actor, P.users.read, r.orgPath)) throw notFound('GRANT_NOT_FOUND', r ? { action: P.roles.manage, targetType: 'grant', targetId: grantId, orgId: r.grant.orgId, reason: 'out of scope' } : undefined);
  if (!can(actor, P.roles.manage, r.orgPath)) throw forbidden('FORBIDDEN', { action: P.roles.manage, targetType: 'grant', targetId: grantId, orgId: r.grant.orgId });
  if (r.grant.userId === actor.userId) throw ruleRefused('SELF_GRANT');
  if (r.grant.revokedAt) throw conflict('GRANT_REVOKED');
  if (isAdminRole(r.role.code)) {
    await lockAdminRoles(ctx);
    await assertNotLastAdministrator(ctx, r.user.id, r.user.name, [grantId]);
  }
  const [g] = await ctx.tx
    .update(grants)
    .set({ revokedAt: ctx.now, revokedBy: actor.userId, revokeReason: reason, version: sql`${grants.version} + 1` })
    .where(and(eq(grants.id, grantId), isNull(grants.revokedAt)))
    .returning();
  if (!g) throw conflict('GRANT_REVOKED');
  await audit(ctx, {
    action: 'grants.revoke',
    targetType: 'user',
    targetId: r.user.id,
    targetLabel: `${r.user.name} (${r.user.username})`,
    orgId: r.grant.orgId,
    detail: { grantId, role: r.role.code, reason },
  });
  return g;
}

/** Grants of people, with role and unit names, for presenters. */
export async function grantsOf(ctx: Ctx, userIds: string[], includeRevoked: boolean) {
  if (!userIds.length) return [];
  return ctx.tx
    .select({ grant: grants, roleCode: roles.code, roleName: roles.name, roleNameEn: roles.nameEn, orgName: orgs.name, orgPath: orgs.path })
    .from(grants)
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .innerJoin(orgs, eq(orgs.id, grants.orgId))
    .where(includeRevoked ? inArray(grants.userId, userIds) : and(inArray(grants.userId, userIds), isNull(grants.revokedAt)))
    .orderBy(asc(grants.grantedAt));
}

/** Revokes every active grant of a person (leaving or transfer), after the last-administrator check. */
export async function revokeAllGrants(ctx: Ctx, userId: string, reason: string): Promise<number> {
  const r = await ctx.tx
    .update(grants)
    .set({ revokedAt: ctx.now, revokedBy: ctx.actor?.userId ?? null, revokeReason: reason, version: sql`${grants.version} + 1` })
    .where(and(eq(grants.userId, userId), isNull(grants.revokedAt)))
    .returning({ id: grants.id });
  return r.length;
}
