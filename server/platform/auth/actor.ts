// Loads who is asking: the person, their unit and their active grants with each role's permissions.
// Done on every request, so a revoked grant or a person who left loses access at once.
import { eq, sql, type SQL } from 'drizzle-orm';
import { type Executor, rows } from '../../db/client.ts';
import { grants, orgs, roles, users } from '../../db/schema/index.ts';
import type { Actor, ActorGrant } from '../context.ts';

export async function loadGrants(ex: Executor, userId: string): Promise<ActorGrant[]> {
  // Read through grantsColumn: the conditions for an active grant live in one place.
  const [r] = await rows<{ grants: GrantJson[] | string }>(ex, sql`select ${grantsColumn(sql`${userId}::uuid`)} as grants`);
  return grantsFrom(r.grants);
}

type GrantJson = { grantId: string; roleCode: string; orgId: string; path: string; permissions: string[] };

/**
 * A person's active grants (not revoked, role and unit not withdrawn) as one JSON column of a query
 * keyed by `userId` (a column or a value): every request loads its caller with their grants in one
 * round trip (authenticate.ts); loadGrants reads it on its own.
 */
export const grantsColumn = (userId: SQL | typeof users.id) =>
  sql<GrantJson[]>`(select coalesce(json_agg(json_build_object('grantId', g.id, 'roleCode', r.code, 'orgId', g.org_id, 'path', o.path, 'permissions', r.permissions)), '[]'::json)
    from ${grants} g join ${roles} r on r.id = g.role_id join ${orgs} o on o.id = g.org_id
    where g.user_id = ${userId} and g.revoked_at is null and r.withdrawn_at is null and o.withdrawn_at is null)`;

/** grantsColumn's value as the actor's grants. */
export const grantsFrom = (rows: GrantJson[] | string): ActorGrant[] =>
  (typeof rows === 'string' ? (JSON.parse(rows) as GrantJson[]) : rows).map((r) => ({ grantId: r.grantId, roleCode: r.roleCode, orgId: r.orgId, path: r.path, permissions: new Set(r.permissions) }));

export type UserWithOrg = typeof users.$inferSelect & { orgPath: string; orgName: string };

export async function findUserWithOrg(ex: Executor, where: ReturnType<typeof eq>): Promise<UserWithOrg | undefined> {
  const [r] = await ex
    .select({ user: users, orgPath: orgs.path, orgName: orgs.name })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(where)
    .limit(1);
  return r ? { ...r.user, orgPath: r.orgPath, orgName: r.orgName } : undefined;
}

export function actorOf(u: UserWithOrg, grantList: ActorGrant[], extra: Partial<Actor> = {}): Actor {
  return { kind: 'user', userId: u.id, username: u.username, name: u.name, orgId: u.orgId, orgPath: u.orgPath, grants: grantList, ...extra };
}

/**
 * An API token acts for its owner, never beyond them: each of the owner's grants keeps only the
 * token's permissions, and only where the grant's subtree and the token's subtree overlap.
 */
export function narrowToToken(grantList: ActorGrant[], tokenPerms: string[], tokenPath: string): ActorGrant[] {
  const allowed = new Set(tokenPerms);
  const out: ActorGrant[] = [];
  for (const g of grantList) {
    const perms = new Set([...g.permissions].filter((p) => allowed.has(p)));
    if (!perms.size) continue;
    if (tokenPath.startsWith(g.path)) out.push({ ...g, path: tokenPath, permissions: perms });
    else if (g.path.startsWith(tokenPath)) out.push({ ...g, permissions: perms });
  }
  return out;
}
