// The duty rules as data shared by services, presenters, sweeps and tiles (DUT-01 … DUT-03).
import { and, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { dutyAssignments, dutyHandovers } from '../../db/schema/index.ts';

/** DUT-03: a handover may be confirmed up to this long after the shift ends before it counts as missing. */
export const HANDOVER_GRACE_MINUTES = 30;

export const missingSince = (now: Date) => new Date(now.getTime() - HANDOVER_GRACE_MINUTES * 60_000);

/** DUT-03: the shift (with people on duty) ended more than the grace period ago without a confirmed handover. */
export function missingHandoverSql(now: Date): SQL {
  return and(
    isNull(dutyAssignments.withdrawnAt),
    sql`cardinality(${dutyAssignments.people}) > 0`,
    lt(dutyAssignments.endsAt, missingSince(now)),
    sql`not exists (select 1 from ${dutyHandovers} h where h.assignment_id = ${dutyAssignments.id} and h.status = 'confirmed' and h.withdrawn_at is null)`,
  )!;
}

export const isMissingHandover = (a: { withdrawnAt: Date | null; people: string[]; endsAt: Date }, confirmed: boolean, now: Date) =>
  !a.withdrawnAt && a.people.length > 0 && a.endsAt.getTime() < missingSince(now).getTime() && !confirmed;
