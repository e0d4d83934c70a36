// The caller as the web app needs them: person, unit, grants, permissions by subtree and the
// policy that applies to them (for password hints and the idle timer).
import { inArray } from 'drizzle-orm';
import { orgs, roles } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import type { AuthInfo } from '../http/augment.ts';
import { securityPolicy } from '../settings/service.ts';
import { isAdminRoleSet, requiresTotp } from './password-service.ts';
import { currentUser } from './service.ts';

export async function me(ctx: Ctx, auth: Pick<AuthInfo, 'kind' | 'state' | 'csrfToken'>) {
  const u = await currentUser(ctx);
  const a = ctx.actor!;
  const policy = await securityPolicy(ctx.tx, u.orgPath);
  const orgIds = [...new Set(a.grants.map((g) => g.orgId))];
  const orgNames = new Map(orgIds.length ? (await ctx.tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, orgIds))).map((o) => [o.id, o.name]) : []);
  const roleRows = await ctx.tx.select({ code: roles.code, name: roles.name, nameEn: roles.nameEn }).from(roles);
  const roleNames = new Map(roleRows.map((r) => [r.code, r]));
  const permissions: Record<string, string[]> = {};
  for (const g of a.grants) for (const p of g.permissions) (permissions[p] ??= []).includes(g.orgId) || permissions[p].push(g.orgId);
  const roleCodes = a.grants.map((g) => g.roleCode);
  const isAdmin = isAdminRoleSet(roleCodes);
  const expires = policy.passwordMaxAgeDays && u.passwordChangedAt ? new Date(u.passwordChangedAt.getTime() + policy.passwordMaxAgeDays * 86_400_000) : null;
  return {
    user: {
      id: u.id,
      username: u.username,
      name: u.name,
      orgId: u.orgId,
      orgName: u.orgName,
      post: u.post,
      locale: u.locale,
      totpEnabled: !!u.totpEnabledAt,
      passwordChangedAt: u.passwordChangedAt?.toISOString() ?? null,
      passwordExpiresAt: expires?.toISOString() ?? null,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    },
    timeZone: ctx.app.config.timeZone,
    authKind: auth.kind,
    state: auth.state ?? 'active',
    csrfToken: auth.csrfToken ?? null,
    grants: a.grants.map((g) => ({
      roleCode: g.roleCode,
      roleName: roleNames.get(g.roleCode)?.name ?? g.roleCode,
      roleNameEn: roleNames.get(g.roleCode)?.nameEn ?? g.roleCode,
      orgId: g.orgId,
      orgName: orgNames.get(g.orgId) ?? '',
    })),
    permissions,
    policy: {
      passwordMinLength: isAdmin ? policy.adminPasswordMinLength : policy.passwordMinLength,
      passwordMinClasses: policy.passwordMinClasses,
      idleTimeoutMinutes: policy.idleTimeoutMinutes,
      totpRequired: requiresTotp(roleCodes, policy),
    },
  };
}

