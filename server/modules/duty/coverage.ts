// DUT-01: 24-hour coverage of a unit's roster. A period of a local day is covered when an assignment
// with at least one person on duty spans it; a shift crossing midnight covers the start of the next
// day. Holidays are days like any other: the roster must cover them too (no day is exempt).
import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { dutyAssignments, dutyShifts, orgs } from '../../db/schema/index.ts';
import { inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { ruleRefused } from '../../platform/http/errors.ts';
import { addDays, daysBetween, startOfDayIn } from '../../platform/time.ts';
import { unitWithin } from './common.ts';
import { DP } from './permissions.ts';

export const MAX_RANGE_DAYS = 62;
const HM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const isHm = (v: string) => HM.test(v);
export const minutesOf = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
const hmOf = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** The instants a shift runs on `day`: end ≤ start crosses midnight (equal: a 24-hour shift). */
export function shiftWindow(day: string, startTime: string, endTime: string, tz: string): { startsAt: Date; endsAt: Date } {
  const s = minutesOf(startTime);
  let e = minutesOf(endTime);
  if (e <= s) e += 1440;
  const midnight = startOfDayIn(day, tz).getTime();
  return { startsAt: new Date(midnight + s * 60_000), endsAt: new Date(midnight + e * 60_000) };
}

export interface Gap {
  date: string;
  from: string;
  to: string;
  startsAt: string;
  endsAt: string;
}

/** The uncovered periods of local day `day`, given covering intervals. */
export function gapsOfDay(day: string, tz: string, intervals: Array<{ startsAt: Date; endsAt: Date }>): Gap[] {
  const dayStart = startOfDayIn(day, tz).getTime();
  const dayEnd = startOfDayIn(addDays(day, 1), tz).getTime();
  const spans = intervals
    .map((i) => [Math.max(dayStart, i.startsAt.getTime()), Math.min(dayEnd, i.endsAt.getTime())] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const gaps: Gap[] = [];
  let cursor = dayStart;
  const push = (s: number, e: number) =>
    gaps.push({ date: day, from: hmOf(Math.round((s - dayStart) / 60_000)), to: e === dayEnd ? '24:00' : hmOf(Math.round((e - dayStart) / 60_000)), startsAt: new Date(s).toISOString(), endsAt: new Date(e).toISOString() });
  for (const [s, e] of spans) {
    if (s > cursor) push(cursor, s);
    cursor = Math.max(cursor, e);
  }
  if (cursor < dayEnd) push(cursor, dayEnd);
  return gaps;
}

export function checkRange(from: string, to: string): void {
  if (to < from) throw ruleRefused('RANGE_REVERSED', {}, [{ path: 'to', code: 'RANGE_REVERSED' }]);
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw ruleRefused('RANGE_TOO_LONG', { days: MAX_RANGE_DAYS }, [{ path: 'to', code: 'RANGE_TOO_LONG' }]);
}

export interface UnitCoverage {
  orgId: string;
  orgName: string;
  gaps: Gap[];
}

/**
 * Gaps from `from` to `to` (local days, inclusive) in every rostered unit (one with an active shift)
 * of `withinPath`'s subtree that the caller may read (or, with `system`, every unit: the sweep).
 */
export async function coverageOf(ctx: Ctx, from: string, to: string, withinPath: string | undefined, system = false): Promise<UnitCoverage[]> {
  const tz = ctx.app.config.timeZone;
  const conds = [isNull(dutyShifts.withdrawnAt), isNull(orgs.withdrawnAt)];
  if (!system) conds.push(inSubtrees(dutyShifts.orgId, scopePaths(requireActor(ctx), DP.read)));
  if (withinPath) conds.push(unitWithin(withinPath));
  const units = await ctx.tx
    .selectDistinct({ orgId: orgs.id, orgName: orgs.name, orgPath: orgs.path })
    .from(dutyShifts)
    .innerJoin(orgs, eq(orgs.id, dutyShifts.orgId))
    .where(and(...conds))
    .orderBy(asc(orgs.path));
  if (!units.length) return [];
  const rangeStart = startOfDayIn(from, tz);
  const rangeEnd = startOfDayIn(addDays(to, 1), tz);
  const rows = await ctx.tx
    .select({ orgId: dutyAssignments.orgId, startsAt: dutyAssignments.startsAt, endsAt: dutyAssignments.endsAt })
    .from(dutyAssignments)
    .where(
      and(
        inArray(dutyAssignments.orgId, units.map((u) => u.orgId)),
        isNull(dutyAssignments.withdrawnAt),
        sql`cardinality(${dutyAssignments.people}) > 0`,
        lt(dutyAssignments.startsAt, rangeEnd),
        gt(dutyAssignments.endsAt, rangeStart),
      ),
    );
  const byUnit = new Map<string, Array<{ startsAt: Date; endsAt: Date }>>();
  for (const r of rows) (byUnit.get(r.orgId) ?? byUnit.set(r.orgId, []).get(r.orgId)!).push(r);
  return units.map((u) => {
    const gaps: Gap[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) gaps.push(...gapsOfDay(d, tz, byUnit.get(u.orgId) ?? []));
    return { orgId: u.orgId, orgName: u.orgName, gaps };
  });
}
