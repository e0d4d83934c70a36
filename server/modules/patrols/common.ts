// Helpers the patrol services share: people's names, a site checked against a unit, the org settings,
// the local day.
import { eq, inArray } from 'drizzle-orm';
import { orgs, sites, users } from '../../db/schema/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, ruleRefused } from '../../platform/http/errors.ts';
import { effectiveSettings } from '../../platform/settings/service.ts';
import { dateIn } from '../../platform/time.ts';
import type { PatrolSettings } from './settings.ts';

export async function namesOf(ctx: Ctx, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  return new Map((await ctx.tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted))).map((u) => [u.id, u.name]));
}

export const ref = (names: Map<string, string>, id: string | null | undefined) => (id ? { id, name: names.get(id) ?? '' } : null);

/** A site of the unit (or below it), not withdrawn; 400 naming `field` / 422 SITE_OUTSIDE_UNIT. */
export async function siteOfUnit(ctx: Ctx, siteId: string, unitPath: string, field: string): Promise<{ id: string; name: string }> {
  const [s] = await ctx.tx.select({ id: sites.id, name: sites.name, orgPath: orgs.path, withdrawnAt: sites.withdrawnAt }).from(sites).innerJoin(orgs, eq(orgs.id, sites.orgId)).where(eq(sites.id, siteId));
  if (!s || s.withdrawnAt) throw invalidField(field, 'SITE_NOT_FOUND');
  if (!s.orgPath.startsWith(unitPath)) throw ruleRefused('SITE_OUTSIDE_UNIT', {}, [{ path: field, code: 'SITE_OUTSIDE_UNIT' }]);
  return { id: s.id, name: s.name };
}

export async function patrolSettingsOf(ctx: Ctx, orgPath: string): Promise<PatrolSettings> {
  return (await effectiveSettings(ctx.tx, orgPath)).patrols as PatrolSettings;
}

export const todayOf = (ctx: Ctx) => dateIn(ctx.now, ctx.app.config.timeZone);

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day YYYY-MM-DD. */
export const isoWeekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The instant of local time HH:MM on `day`. */
export function localInstant(day: string, hhmm: string, startOfDay: Date): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(startOfDay.getTime() + (h * 60 + m) * 60_000);
}
