// Permission and org-scope checks (SEC-02). Default deny: an actor may do P at unit X only if one of
// their grants carries P and X lies in that grant's subtree. Every list query filters by the subtrees
// where the actor holds the list's permission; another unit's record answers 404.
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor, Ctx } from '../context.ts';
import { forbidden, notFound, unauthorized } from '../http/errors.ts';

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

/** Whether the actor holds `perm` for the unit at `orgPath` (or anywhere, when no path is given). */
export function can(actor: Actor | null, perm: string, orgPath?: string): boolean {
  if (!actor) return false;
  return actor.grants.some((g) => g.permissions.has(perm) && (orgPath === undefined || orgPath.startsWith(g.path)));
}

/** Subtree roots where the actor holds `perm`, without roots nested inside another. */
export function scopePaths(actor: Actor | null, perm: string): string[] {
  if (!actor) return [];
  const paths = [...new Set(actor.grants.filter((g) => g.permissions.has(perm)).map((g) => g.path))].sort((a, b) => a.length - b.length);
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

/** SQL condition: `orgCol` lies in one of the subtrees (false when there are none). */
export function inSubtrees(orgCol: PgColumn | SQL, paths: string[]): SQL {
  if (!paths.length) return sql`false`;
  const likes = sql.join(
    paths.map((p) => sql`o.path like ${`${p}%`}`),
    sql` or `,
  );
  return sql`${orgCol} in (select o.id from orgs o where ${likes})`;
}

/** SQL condition for a list: the rows the actor may see with `perm`. */
export function scoped(ctx: Ctx, perm: string, orgCol: PgColumn | SQL): SQL {
  return inSubtrees(orgCol, scopePaths(requireActor(ctx), perm));
}

/** 403 unless the actor holds `perm` somewhere (the route-level check). */
export function requirePermission(ctx: Ctx, perm: string, action?: string): void {
  const a = requireActor(ctx);
  if (!can(a, perm)) throw forbidden('FORBIDDEN', { action: action ?? perm, reason: `missing ${perm}` });
}

/**
 * Record-level check. Outside every subtree where the actor holds a read permission the record is
 * "not found"; visible but without `perm` → 403. Both refusals are audited as denied.
 */
export function requireOnRecord(
  ctx: Ctx,
  perm: string,
  record: { orgPath: string; orgId: string; targetType: string; targetId: string; notFoundCode: string },
  readPerm: string,
): void {
  const a = requireActor(ctx);
  const denial = { action: perm, targetType: record.targetType, targetId: record.targetId, orgId: record.orgId };
  if (!can(a, readPerm, record.orgPath) && !can(a, perm, record.orgPath)) throw notFound(record.notFoundCode, { ...denial, reason: 'out of scope' });
  if (!can(a, perm, record.orgPath)) throw forbidden('FORBIDDEN', { ...denial, reason: `missing ${perm}` });
}
