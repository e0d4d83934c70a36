// DUT-01: shift swaps (换班). A person on an assignment asks to hand their place to another person
// (optionally taking that person's own assignment in exchange); an approver — the security head or
// officer, or the unit head — who is neither the requester nor the counterpart (separation of duties)
// approves or rejects; approval moves the assignment(s), audited with the people before and after.
import { and, desc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { dutyAssignments, dutySwaps } from '../../db/schema/index.ts';
import { requireActor } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { type AssignmentFull, namesOf, requireAt, requireEligible, unitOf, visibleAssignment } from './common.ts';
import { DP } from './permissions.ts';
import { swapConflict } from './present.ts';

export const assignmentLink = (id: string) => `/duty/rosters/${id}`;

export async function swapsOf(ctx: Ctx, r: AssignmentFull) {
  return ctx.tx.select().from(dutySwaps).where(eq(dutySwaps.assignmentId, r.a.id)).orderBy(desc(dutySwaps.createdAt));
}

const notStarted = (a: { startsAt: Date }, now: Date) => a.startsAt.getTime() > now.getTime();

export async function requestSwap(ctx: Ctx, assignmentId: string, b: { counterpartId: string; counterpartAssignmentId?: string | null; reason: string }) {
  const r = await visibleAssignment(ctx, assignmentId, true);
  const me = requireActor(ctx).userId;
  if (!r.a.people.includes(me)) throw forbidden('NOT_ON_DUTY', { action: DP.log, targetType: 'duty_assignment', targetId: assignmentId, orgId: r.a.orgId, reason: 'not on duty' });
  if (r.a.withdrawnAt) throw invalidState('withdrawn');
  if (!notStarted(r.a, ctx.now)) throw conflict('SHIFT_STARTED');
  if (b.counterpartId === me) throw ruleRefused('SWAP_SAME_PERSON', {}, [{ path: 'counterpartId', code: 'SWAP_SAME_PERSON' }]);
  if (r.a.people.includes(b.counterpartId)) throw ruleRefused('SWAP_COUNTERPART_ON_SHIFT', {}, [{ path: 'counterpartId', code: 'SWAP_COUNTERPART_ON_SHIFT' }]);
  await requireEligible(ctx, unitOf(r), [b.counterpartId], 'counterpartId');
  if (b.counterpartAssignmentId) {
    const other = await visibleAssignment(ctx, b.counterpartAssignmentId);
    if (other.a.orgId !== r.a.orgId || other.a.withdrawnAt || !other.a.people.includes(b.counterpartId) || other.a.people.includes(me) || other.a.id === r.a.id)
      throw ruleRefused('SWAP_COUNTERPART_NOT_ON_SHIFT', {}, [{ path: 'counterpartAssignmentId', code: 'SWAP_COUNTERPART_NOT_ON_SHIFT' }]);
    if (!notStarted(other.a, ctx.now)) throw conflict('SHIFT_STARTED');
  }
  const [pending] = await ctx.tx.select({ id: dutySwaps.id }).from(dutySwaps).where(and(eq(dutySwaps.assignmentId, r.a.id), eq(dutySwaps.requesterId, me), eq(dutySwaps.status, 'pending')));
  if (pending) throw conflict('SWAP_PENDING');
  const id = randomUUID();
  await ctx.tx.insert(dutySwaps).values({ id, orgId: r.a.orgId, assignmentId: r.a.id, requesterId: me, counterpartId: b.counterpartId, counterpartAssignmentId: b.counterpartAssignmentId ?? null, reason: b.reason, status: 'pending', createdAt: ctx.now, createdBy: me, updatedAt: ctx.now, updatedBy: me });
  await audit(ctx, { action: 'duty.swap_request', targetType: 'duty_assignment', targetId: r.a.id, targetLabel: `${r.orgName} ${r.a.dutyDate} ${r.shiftName}`, orgId: r.a.orgId, detail: { swapId: id, counterpartId: b.counterpartId, counterpartAssignmentId: b.counterpartAssignmentId ?? null, reason: b.reason } });
  const names = await namesOf(ctx, [me, b.counterpartId]);
  const approvers = (await holders(ctx, { permission: DP.approve_swap, orgPath: r.orgPath })).filter((x) => x !== me && x !== b.counterpartId);
  await notify(ctx, {
    rule: 'duty.swap_requested',
    orgId: r.a.orgId,
    targetType: 'duty_assignment',
    targetId: r.a.id,
    dueKey: `swap:${id}`,
    recipients: [...approvers, b.counterpartId],
    messageCode: 'duty.swap_requested',
    params: { requester: names.get(me), counterpart: names.get(b.counterpartId), date: r.a.dutyDate, shift: r.shiftName },
    link: assignmentLink(r.a.id),
  });
  const { getAssignment } = await import('./roster.ts');
  return getAssignment(ctx, r.a.id);
}

const replace = (people: string[], from: string, to: string) => people.map((p) => (p === from ? to : p));

export async function decideSwap(ctx: Ctx, assignmentId: string, swapId: string, approve: boolean, b: { note?: string | null; version?: number }) {
  // DUT-01, DESIGN §5: a swap that exchanges two assignments locks both, always in the same order (by
  // id). Otherwise two opposite swaps (A↔B asked from each side) approved at once each hold one
  // assignment and wait for the other: PostgreSQL breaks that deadlock after a second by failing one
  // with a bare 409 CONCURRENT_UPDATE instead of the refusal a serial run gives. The swap's counterpart
  // assignment never changes once asked, so it may be read before the locks.
  const [pre] = await ctx.tx.select({ other: dutySwaps.counterpartAssignmentId }).from(dutySwaps).where(and(eq(dutySwaps.id, swapId), eq(dutySwaps.assignmentId, assignmentId)));
  if (approve && pre?.other && pre.other < assignmentId) await ctx.tx.select({ id: dutyAssignments.id }).from(dutyAssignments).where(eq(dutyAssignments.id, pre.other)).for('update');
  const r = await visibleAssignment(ctx, assignmentId, true);
  const [s] = await ctx.tx.select().from(dutySwaps).where(and(eq(dutySwaps.id, swapId), eq(dutySwaps.assignmentId, assignmentId)));
  if (!s) throw notFound('SWAP_NOT_FOUND');
  requireAt(ctx, DP.approve_swap, 'duty_assignment', assignmentId, r.a.orgId, r.orgPath);
  if (s.status !== 'pending') throw invalidState(s.status);
  // DUT-01: separation of duties — neither party to the swap decides it.
  const who = swapConflict(ctx.actor?.userId, s);
  if (who) throw ruleRefused('SWAP_SEPARATION', { who: ctx.lang === 'en' ? who : who === 'requester' ? '申请人' : '换班对象' });
  const me = ctx.actor!.userId;
  const changes: Record<string, [unknown, unknown]> = {};
  if (approve) {
    if (r.a.withdrawnAt) throw invalidState('withdrawn');
    if (!notStarted(r.a, ctx.now)) throw conflict('SHIFT_STARTED');
    if (!r.a.people.includes(s.requesterId) || r.a.people.includes(s.counterpartId)) throw conflict('SWAP_COUNTERPART_ON_SHIFT');
    const people = replace(r.a.people, s.requesterId, s.counterpartId);
    await updateVersioned(ctx.tx, dutyAssignments, r.a.id, r.a.version, { people, updatedAt: ctx.now, updatedBy: me });
    changes.people = [r.a.people, people];
    if (s.counterpartAssignmentId) {
      const o = await visibleAssignment(ctx, s.counterpartAssignmentId, true);
      if (o.a.withdrawnAt || !notStarted(o.a, ctx.now) || !o.a.people.includes(s.counterpartId) || o.a.people.includes(s.requesterId)) throw conflict('SWAP_COUNTERPART_NOT_ON_SHIFT');
      const otherPeople = replace(o.a.people, s.counterpartId, s.requesterId);
      await updateVersioned(ctx.tx, dutyAssignments, o.a.id, o.a.version, { people: otherPeople, updatedAt: ctx.now, updatedBy: me });
      await audit(ctx, { action: 'duty.swap_approve', targetType: 'duty_assignment', targetId: o.a.id, targetLabel: `${o.orgName} ${o.a.dutyDate} ${o.shiftName}`, orgId: o.a.orgId, changes: { people: [o.a.people, otherPeople] }, detail: { swapId } });
    }
  }
  await updateVersioned(ctx.tx, dutySwaps, s.id, b.version ?? s.version, { status: approve ? 'approved' : 'rejected', decidedBy: me, decidedAt: ctx.now, decisionNote: b.note ?? null, updatedAt: ctx.now, updatedBy: me });
  await audit(ctx, {
    action: approve ? 'duty.swap_approve' : 'duty.swap_reject',
    targetType: 'duty_assignment',
    targetId: r.a.id,
    targetLabel: `${r.orgName} ${r.a.dutyDate} ${r.shiftName}`,
    orgId: r.a.orgId,
    changes,
    detail: { swapId, note: b.note ?? null },
  });
  await notify(ctx, {
    rule: 'duty.swap_decided',
    orgId: r.a.orgId,
    targetType: 'duty_assignment',
    targetId: r.a.id,
    dueKey: `swap-decision:${swapId}`,
    recipients: [s.requesterId, s.counterpartId],
    messageCode: 'duty.swap_decided',
    params: { decision: ctx.lang === 'en' ? (approve ? 'approved' : 'rejected') : approve ? '批准' : '驳回', date: r.a.dutyDate, shift: r.shiftName },
    link: assignmentLink(r.a.id),
  });
  const { getAssignment } = await import('./roster.ts');
  return getAssignment(ctx, r.a.id);
}
