// Helpers the three registers share (visitors, machine-room entries, keys): sites and people named in
// input, checked against the caller's scope and the unit; names for presenters; the cooperative.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { orgs, sites, users } from '../../db/schema/index.ts';
import type { SiteKind } from '../../db/schema/orgs.ts';
import type { Executor } from '../../db/client.ts';
import { can, pathWithin, requireActor } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { numberingOrgId } from '../../platform/numbering-org.ts';

/** VIS-02 / VIS-03: the restricted areas (要害部位). */
export const RESTRICTED_KINDS: readonly SiteKind[] = ['vault', 'machine_room', 'monitoring_room'];

export type SiteRow = { id: string; orgId: string; kind: SiteKind; name: string; orgPath: string; orgName: string; withdrawnAt: Date | null };

export async function sitesByIds(ex: Executor, ids: string[]): Promise<SiteRow[]> {
  if (!ids.length) return [];
  return ex
    .select({ id: sites.id, orgId: sites.orgId, kind: sites.kind, name: sites.name, orgPath: orgs.path, orgName: orgs.name, withdrawnAt: sites.withdrawnAt })
    .from(sites)
    .innerJoin(orgs, eq(orgs.id, sites.orgId))
    .where(inArray(sites.id, ids));
}

/**
 * A site named in input: 404 when absent or outside every unit where the caller holds `perm`
 * (audited), 403 when visible but without `perm` there.
 */
export async function siteFor(ctx: Ctx, id: string, perm: string, readPerm: string): Promise<SiteRow> {
  const [s] = await sitesByIds(ctx.tx, [id]);
  const actor = requireActor(ctx);
  if (!s || s.withdrawnAt) throw notFound('SITE_NOT_FOUND');
  if (!can(actor, readPerm, s.orgPath) && !can(actor, perm, s.orgPath)) throw notFound('SITE_NOT_FOUND', { action: perm, targetType: 'site', targetId: id, orgId: s.orgId, reason: 'out of scope' });
  if (!can(actor, perm, s.orgPath)) throw forbidden('FORBIDDEN', { action: perm, targetType: 'site', targetId: id, orgId: s.orgId });
  return s;
}

/** The path of the cooperative a unit belongs to (its blocklist and number series). */
export async function cooperativeOf(ex: Executor, orgPath: string): Promise<{ id: string; path: string }> {
  const id = await numberingOrgId(ex, orgPath);
  const at = orgPath.indexOf(`/${id}/`);
  return { id, path: orgPath.slice(0, at + id.length + 2) };
}

/**
 * People named in input (host, escort, entrants, holders): active, not withdrawn, of a unit under
 * `withinPath`. 422 naming `field` otherwise.
 */
export async function requirePeople(ctx: Ctx, ids: string[], withinPath: string, field: string): Promise<void> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return;
  const rs = await ctx.tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(inArray(users.id, wanted), eq(users.status, 'active'), isNull(users.withdrawnAt), pathWithin(orgs.path, withinPath)));
  if (rs.length !== wanted.length) throw ruleRefused('NOT_ACTIVE_IN_UNIT', {}, [{ path: field, code: 'NOT_ACTIVE_IN_UNIT' }]);
}

export async function namesOf(ex: Executor, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  return new Map((await ex.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted))).map((u) => [u.id, u.name]));
}

export const ref = (names: Map<string, string>, id: string | null | undefined) => (id ? { id, name: names.get(id) ?? '' } : null);
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The local day range [from 00:00, to 24:00) of two YYYY-MM-DD days; 400 naming `to` when reversed. */
export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from && to && to < from) throw ruleRefused('DATE_RANGE', {}, [{ path: 'to', code: 'DATE_RANGE' }]);
}

/** Document numbers are matched and stored upper-case without spaces. */
export const normaliseDocument = (v: string) => v.replace(/\s+/g, '').toUpperCase();
