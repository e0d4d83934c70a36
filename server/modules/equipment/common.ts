// Helpers the equipment module shares between the register, maintenance and faults.
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orgs, sites, users } from '../../db/schema/index.ts';
import { P } from '../../platform/access/platform-permissions.ts';
import { can } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, ruleRefused } from '../../platform/http/errors.ts';
import { dateIn } from '../../platform/time.ts';

export const today = (ctx: Ctx) => dateIn(ctx.now, ctx.app.config.timeZone);
export const equipmentLink = (id: string) => `/equipment/${id}`;
export const faultLink = (id: string) => `/equipment/faults/${id}`;
export const taskLink = (id: string) => `/equipment/tasks/${id}`;

export const ref = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);

export async function peopleNames(ex: Executor, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  return new Map((await ex.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted))).map((u) => [u.id, u.name]));
}

/**
 * A person named for work on a unit's equipment (a plan's assignee, a fault's repairer): active, in
 * the unit, above it, or in a department of a unit above it (the county's IT department) — never in
 * another branch — and someone the caller may see.
 */
export async function requireEligiblePerson(ctx: Ctx, userId: string, orgPath: string, field: string): Promise<void> {
  const [person] = await ctx.tx
    .select({ status: users.status, path: orgs.path, kind: orgs.kind })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, userId));
  const parentPath = person?.path.replace(/[^/]+\/$/, '') ?? '';
  const related = !!person && (person.path.startsWith(orgPath) || orgPath.startsWith(person.path) || (person.kind === 'department' && parentPath.length > 1 && orgPath.startsWith(parentPath)));
  if (!person || person.status !== 'active' || !related || !can(ctx.actor, P.users.read, person.path)) {
    throw ruleRefused('ASSIGNEE_NOT_ELIGIBLE', {}, [{ path: field, code: 'ASSIGNEE_NOT_ELIGIBLE' }]);
  }
}

/** A site given for equipment must exist and belong to the unit (or its subtree). */
export async function requireSiteIn(ctx: Ctx, siteId: string, unitPath: string): Promise<void> {
  const [s] = await ctx.tx.select({ orgPath: orgs.path, withdrawnAt: sites.withdrawnAt }).from(sites).innerJoin(orgs, eq(orgs.id, sites.orgId)).where(eq(sites.id, siteId));
  if (!s || s.withdrawnAt || !s.orgPath.startsWith(unitPath)) throw invalidField('siteId', 'SITE_NOT_FOUND');
}
