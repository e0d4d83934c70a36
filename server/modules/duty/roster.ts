// DUT-01: the roster (值班表) — one assignment per shift and date with the people on duty and the
// leader on duty; the register of assignments (with the missingHandover filter of DUT-03), and the
// caller's own shifts for the phone page.
import { and, asc, count, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { dutyAssignments, dutyHandoverItems, dutyHandovers, dutyLogs, dutyShifts, orgs } from '../../db/schema/index.ts';
import { recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalidState, ruleRefused } from '../../platform/http/errors.ts';
import { type PageParams, pageOf, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { addDays, dateIn } from '../../platform/time.ts';
import { type AssignmentFull, namesOf, onDuty, unitWithin, ref, requireAt, requireEligible, selectAssignment, unitOf, visibleAssignment, visibleShift } from './common.ts';
import { shiftWindow } from './coverage.ts';
import { DP } from './permissions.ts';
import { isMissingHandover, missingHandoverSql } from './policy.ts';
import { presentItems, presentSwap } from './present.ts';
import { swapsOf } from './swaps.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';

type HandoverState = Map<string, { id: string; status: 'submitted' | 'confirmed' }>;

async function handoverStates(ctx: Ctx, ids: string[]): Promise<HandoverState> {
  if (!ids.length) return new Map();
  const rs = await ctx.tx.select({ id: dutyHandovers.id, assignmentId: dutyHandovers.assignmentId, status: dutyHandovers.status }).from(dutyHandovers).where(and(inArray(dutyHandovers.assignmentId, ids), isNull(dutyHandovers.withdrawnAt)));
  return new Map(rs.map((r) => [r.assignmentId, { id: r.id, status: r.status }]));
}

export async function presentAssignments(ctx: Ctx, rows: AssignmentFull[]) {
  const names = await namesOf(ctx, rows.flatMap((r) => [...r.a.people, r.a.leaderId]));
  const states = await handoverStates(ctx, rows.map((r) => r.a.id));
  const me = ctx.actor?.userId;
  return rows.map((r) => {
    const a = r.a;
    const h = states.get(a.id);
    const live = !a.withdrawnAt;
    const started = a.startsAt.getTime() <= ctx.now.getTime();
    const mine = onDuty(a, me);
    const actions: string[] = [];
    if (live && !started && can(ctx.actor, DP.manage, r.orgPath)) actions.push('edit', 'withdraw');
    if (live && !started && me && a.people.includes(me)) actions.push('requestSwap');
    if (live && started && !h && mine) actions.push('log', 'handover');
    if (live && h?.status === 'submitted' && mine) actions.push('log');
    if (can(ctx.actor, DP.read, r.orgPath)) actions.push('print');
    return {
      id: a.id,
      orgId: a.orgId,
      orgName: r.orgName,
      shiftId: a.shiftId,
      shiftName: r.shiftName,
      dutyDate: a.dutyDate,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      people: a.people.map((id) => ref(names, id)!),
      leader: ref(names, a.leaderId),
      handoverStatus: h?.status ?? ('none' as const),
      handoverId: h?.id ?? null,
      missingHandover: isMissingHandover(a, h?.status === 'confirmed', ctx.now),
      onDutyNow: live && started && a.endsAt.getTime() > ctx.now.getTime(),
      ...recordMeta(a),
      allowedActions: [...new Set(actions)],
    };
  });
}

export interface RosterQuery {
  orgId?: string;
  from?: string;
  to?: string;
  userId?: string;
  missingHandover?: boolean;
  includeWithdrawn?: boolean;
  sort?: string;
}

/** The register's filter as SQL over assignments ⋈ orgs, within the caller's read scope (the tiles count with it). */
export async function rosterWhere(ctx: Ctx, q: RosterQuery, scope?: SQL): Promise<SQL> {
  const c: SQL[] = [scope ?? inSubtrees(dutyAssignments.orgId, scopePaths(requireActor(ctx), DP.read))];
  if (q.orgId) c.push(unitWithin((await visibleOrg(ctx, q.orgId)).path));
  if (!q.includeWithdrawn) c.push(isNull(dutyAssignments.withdrawnAt));
  if (q.from) c.push(gte(dutyAssignments.dutyDate, q.from));
  if (q.to) c.push(lte(dutyAssignments.dutyDate, q.to));
  if (q.userId) c.push(or(sql`${q.userId}::uuid = any(${dutyAssignments.people})`, eq(dutyAssignments.leaderId, q.userId))!);
  if (q.missingHandover === true) c.push(missingHandoverSql(ctx.now));
  return and(...c)!;
}

const SORTS = { startsAt: dutyAssignments.startsAt, dutyDate: dutyAssignments.dutyDate, createdAt: dutyAssignments.createdAt };

export async function listAssignments(ctx: Ctx, q: RosterQuery, p: PageParams) {
  const where = await rosterWhere(ctx, q);
  const [items, [{ n }]] = await Promise.all([
    selectAssignment(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, 'startsAt', dutyAssignments.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(dutyAssignments).innerJoin(orgs, eq(orgs.id, dutyAssignments.orgId)).where(where),
  ]);
  return pageOf(await presentAssignments(ctx, items), Number(n), p);
}

export async function countAssignments(ctx: Ctx, where: SQL): Promise<number> {
  const [{ n }] = await ctx.tx.select({ n: count() }).from(dutyAssignments).innerJoin(orgs, eq(orgs.id, dutyAssignments.orgId)).where(where);
  return Number(n);
}

export async function exportRows(ctx: Ctx, q: RosterQuery, limit: number) {
  const where = and(await rosterWhere(ctx, q), inSubtrees(dutyAssignments.orgId, scopePaths(requireActor(ctx), DP.export)))!;
  return presentAssignments(ctx, await selectAssignment(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, 'startsAt', dutyAssignments.id)).limit(limit));
}

/** The unit's open items (DUT-03: they carry over until someone closes them). */
export async function openItemsOf(ctx: Ctx, orgId: string) {
  const rs = await ctx.tx.select().from(dutyHandoverItems).where(and(eq(dutyHandoverItems.orgId, orgId), isNull(dutyHandoverItems.closedAt))).orderBy(asc(dutyHandoverItems.createdAt), asc(dutyHandoverItems.id));
  return presentItems(ctx, rs);
}

export async function getAssignment(ctx: Ctx, id: string) {
  const r = await visibleAssignment(ctx, id);
  const [a] = await presentAssignments(ctx, [r]);
  const swaps = await swapsOf(ctx, r);
  const [{ n }] = await ctx.tx.select({ n: count() }).from(dutyLogs).where(eq(dutyLogs.assignmentId, id));
  return { ...a, swaps: await Promise.all(swaps.map((s) => presentSwap(ctx, s, r))), openItems: await openItemsOf(ctx, r.a.orgId), logCount: Number(n) };
}

/** DUT-01: rosters a shift on a date with its people (at least one) and, optionally, the leader on duty. */
export async function createAssignment(ctx: Ctx, b: { shiftId: string; dutyDate: string; personIds: string[]; leaderId?: string | null }) {
  const s = await visibleShift(ctx, b.shiftId);
  requireAt(ctx, DP.manage, 'duty_shift', s.id, s.orgId, s.orgPath);
  if (s.withdrawnAt) throw conflict('SHIFT_WITHDRAWN');
  await requireEligible(ctx, s, b.personIds, 'personIds');
  if (b.leaderId) await requireEligibleLeader(ctx, s, b.leaderId);
  const [dup] = await ctx.tx.select({ id: dutyAssignments.id }).from(dutyAssignments).where(and(eq(dutyAssignments.shiftId, s.id), eq(dutyAssignments.dutyDate, b.dutyDate), isNull(dutyAssignments.withdrawnAt)));
  if (dup) throw conflict('ASSIGNMENT_EXISTS');
  const w = shiftWindow(b.dutyDate, s.startTime, s.endTime, ctx.app.config.timeZone);
  const id = randomUUID();
  const me = requireActor(ctx).userId;
  await ctx.tx.insert(dutyAssignments).values({ id, orgId: s.orgId, shiftId: s.id, dutyDate: b.dutyDate, ...w, people: b.personIds, leaderId: b.leaderId ?? null, createdAt: ctx.now, createdBy: me, updatedAt: ctx.now, updatedBy: me });
  await audit(ctx, { action: 'duty.roster', targetType: 'duty_assignment', targetId: id, targetLabel: `${s.orgName} ${b.dutyDate} ${s.name}`, orgId: s.orgId, detail: { people: b.personIds, leaderId: b.leaderId ?? null } });
  return getAssignment(ctx, id);
}

/** The leader on duty: an active person of the unit or someone holding duty.read over it (the cooperative's leaders). */
async function requireEligibleLeader(ctx: Ctx, unit: { orgId: string; orgPath: string; orgName: string }, leaderId: string) {
  const { holders } = await import('../../platform/notify/service.ts');
  if ((await holders(ctx, { permission: DP.read, orgPath: unit.orgPath })).includes(leaderId)) return;
  await requireEligible(ctx, unit, [leaderId], 'leaderId');
}

/** Changes the people or the leader before the shift starts (afterwards the record stands: swaps and logs refer to it). */
export async function updateAssignment(ctx: Ctx, id: string, b: { personIds?: string[]; leaderId?: string | null; version?: number }) {
  const r = await visibleAssignment(ctx, id, true);
  requireAt(ctx, DP.manage, 'duty_assignment', id, r.a.orgId, r.orgPath);
  if (r.a.withdrawnAt) throw invalidState('withdrawn');
  if (r.a.startsAt.getTime() <= ctx.now.getTime()) throw conflict('SHIFT_STARTED');
  if (b.personIds) {
    if (!b.personIds.length) throw ruleRefused('PERSON_NOT_ELIGIBLE', {}, [{ path: 'personIds', code: 'PERSON_NOT_ELIGIBLE' }]);
    await requireEligible(ctx, unitOf(r), b.personIds, 'personIds');
  }
  if (b.leaderId) await requireEligibleLeader(ctx, unitOf(r), b.leaderId);
  const after = await updateVersioned(ctx.tx, dutyAssignments, id, b.version ?? r.a.version, {
    ...(b.personIds ? { people: b.personIds } : {}),
    ...(b.leaderId !== undefined ? { leaderId: b.leaderId } : {}),
    updatedAt: ctx.now,
    updatedBy: ctx.actor!.userId,
  });
  await audit(ctx, { action: 'duty.roster_update', targetType: 'duty_assignment', targetId: id, targetLabel: `${r.orgName} ${r.a.dutyDate} ${r.shiftName}`, orgId: r.a.orgId, changes: diff(r.a, after, ['people', 'leaderId']) });
  return getAssignment(ctx, id);
}

export async function withdrawAssignment(ctx: Ctx, id: string, b: { reason: string; version?: number }) {
  const r = await visibleAssignment(ctx, id, true);
  requireAt(ctx, DP.manage, 'duty_assignment', id, r.a.orgId, r.orgPath);
  if (r.a.withdrawnAt) throw invalidState('withdrawn');
  if (r.a.startsAt.getTime() <= ctx.now.getTime()) throw conflict('SHIFT_STARTED');
  await updateVersioned(ctx.tx, dutyAssignments, id, b.version ?? r.a.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: b.reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'duty.roster_withdraw', targetType: 'duty_assignment', targetId: id, targetLabel: `${r.orgName} ${r.a.dutyDate} ${r.shiftName}`, orgId: r.a.orgId, detail: { reason: b.reason } });
  return getAssignment(ctx, id);
}

/** The phone page: the caller's shifts now, the next ones (7 days) and the last ones (for a late handover or correction). */
export async function myDuty(ctx: Ctx) {
  const me = requireActor(ctx).userId;
  const mine = and(isNull(dutyAssignments.withdrawnAt), or(sql`${me}::uuid = any(${dutyAssignments.people})`, eq(dutyAssignments.leaderId, me))!, inSubtrees(dutyAssignments.orgId, scopePaths(ctx.actor, DP.read)))!;
  const now = ctx.now;
  const today = dateIn(now, ctx.app.config.timeZone);
  const [cur, next, past] = await Promise.all([
    selectAssignment(ctx).where(and(mine, lte(dutyAssignments.startsAt, now), sql`${dutyAssignments.endsAt} > ${now}`)).orderBy(asc(dutyAssignments.startsAt)),
    selectAssignment(ctx).where(and(mine, sql`${dutyAssignments.startsAt} > ${now}`, lte(dutyAssignments.dutyDate, addDays(today, 7)))).orderBy(asc(dutyAssignments.startsAt)).limit(20),
    selectAssignment(ctx).where(and(mine, lte(dutyAssignments.endsAt, now), gte(dutyAssignments.dutyDate, addDays(today, -2)))).orderBy(sql`${dutyAssignments.startsAt} desc`).limit(5),
  ]);
  return { now: await presentAssignments(ctx, cur), upcoming: await presentAssignments(ctx, next), recent: await presentAssignments(ctx, past) };
}

