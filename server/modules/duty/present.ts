// Presenters shared by the duty services: open items (遗留事项) and swap requests (换班), with names
// and the actions the caller may take (the same answers the services enforce).
import { dutyHandoverItems, dutySwaps } from '../../db/schema/index.ts';
import { iso } from '../../platform/access/records.ts';
import { can } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { type AssignmentFull, namesOf, ref } from './common.ts';
import { DP } from './permissions.ts';

type ItemRow = typeof dutyHandoverItems.$inferSelect;
type SwapRow = typeof dutySwaps.$inferSelect;

export async function presentItems(ctx: Ctx, rows: ItemRow[]) {
  const names = await namesOf(ctx, rows.flatMap((i) => [i.createdBy, i.closedBy]));
  return rows.map((i) => ({
    id: i.id,
    text: i.text,
    hazardId: i.hazardId,
    handoverId: i.handoverId,
    raisedBy: ref(names, i.createdBy)!,
    raisedAt: i.createdAt.toISOString(),
    closedBy: ref(names, i.closedBy),
    closedAt: iso(i.closedAt),
    closeNote: i.closeNote,
  }));
}

/** DUT-01: separation of duties — the requester and the counterpart may not approve their own swap. */
export function swapConflict(actorId: string | undefined, s: SwapRow): 'requester' | 'counterpart' | null {
  if (s.requesterId === actorId) return 'requester';
  if (s.counterpartId === actorId) return 'counterpart';
  return null;
}

export async function presentSwap(ctx: Ctx, s: SwapRow, r: AssignmentFull) {
  const names = await namesOf(ctx, [s.requesterId, s.counterpartId, s.decidedBy]);
  const decidable = s.status === 'pending' && !r.a.withdrawnAt && r.a.startsAt.getTime() > ctx.now.getTime() && can(ctx.actor, DP.approve_swap, r.orgPath) && !swapConflict(ctx.actor?.userId, s);
  return {
    id: s.id,
    assignmentId: s.assignmentId,
    requester: ref(names, s.requesterId)!,
    counterpart: ref(names, s.counterpartId)!,
    counterpartAssignmentId: s.counterpartAssignmentId,
    reason: s.reason,
    status: s.status,
    decidedBy: ref(names, s.decidedBy),
    decidedAt: iso(s.decidedAt),
    decisionNote: s.decisionNote,
    createdAt: s.createdAt.toISOString(),
    version: s.version,
    allowedActions: decidable ? ['approve', 'reject'] : [],
  };
}
