// DUT-03: handover (交接班). The outgoing officer lists open items (each optionally linked to a hazard)
// and submits the handover of their shift; the unit's open items of earlier handovers are carried over
// into it until someone closes them (who and when recorded). The incoming officer — a different person,
// on duty on the next shift (or a duty manager of the unit) — confirms it with their own password.
import { and, asc, count, eq, gt, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { dutyAssignments, dutyHandoverItems, dutyHandovers, dutyShifts, hazards, orgs } from '../../db/schema/index.ts';
import { confirmationRefusal, confirmOwnPassword } from '../../platform/auth/confirm-password.ts';
import { recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { type AppError, conflict, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { type PageParams, pageOf, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { notify } from '../../platform/notify/service.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { namesOf, onDuty, unitWithin, ref, requireAt, requireOnDuty, requireVisible, selectAssignment, visibleAssignment, type AssignmentFull } from './common.ts';
import { DP } from './permissions.ts';
import { presentItems } from './present.ts';

const selectHandovers = (ctx: Ctx) =>
  ctx.tx
    .select({ h: dutyHandovers, a: dutyAssignments, shiftName: dutyShifts.name, orgName: orgs.name, orgPath: orgs.path })
    .from(dutyHandovers)
    .innerJoin(dutyAssignments, eq(dutyAssignments.id, dutyHandovers.assignmentId))
    .innerJoin(dutyShifts, eq(dutyShifts.id, dutyAssignments.shiftId))
    .innerJoin(orgs, eq(orgs.id, dutyHandovers.orgId));
type HandoverRow = Awaited<ReturnType<ReturnType<typeof selectHandovers>['where']>>[number];

export const handoverLink = (id: string) => `/duty/handovers/${id}`;

/** The unit's next assignment after this one (the incoming shift), if rostered. */
export async function nextAssignment(ctx: Ctx, a: AssignmentFull['a']): Promise<AssignmentFull | undefined> {
  const [n] = await selectAssignment(ctx)
    .where(and(eq(dutyAssignments.orgId, a.orgId), isNull(dutyAssignments.withdrawnAt), gt(dutyAssignments.startsAt, a.startsAt), sql`cardinality(${dutyAssignments.people}) > 0`))
    .orderBy(asc(dutyAssignments.startsAt))
    .limit(1);
  return n;
}

/** DUT-03: who may take over: someone other than the outgoing officer, on duty on the next shift, or a duty manager of the unit. */
async function incomingRefusal(ctx: Ctx, r: HandoverRow, userId: string): Promise<string | null> {
  if (userId === r.h.outgoingBy) return 'HANDOVER_SAME_PERSON';
  const next = await nextAssignment(ctx, r.a);
  if (next && onDuty(next.a, userId)) return null;
  return can(ctx.actor, DP.manage, r.orgPath) ? null : 'HANDOVER_NOT_INCOMING';
}

async function present(ctx: Ctx, rows: HandoverRow[]) {
  const names = await namesOf(ctx, rows.flatMap((r) => [r.h.outgoingBy, r.h.incomingBy]));
  const ids = rows.map((r) => r.h.id);
  const open = ids.length
    ? await ctx.tx.select({ handoverId: dutyHandoverItems.handoverId, n: count() }).from(dutyHandoverItems).where(and(inArray(dutyHandoverItems.handoverId, ids), isNull(dutyHandoverItems.closedAt))).groupBy(dutyHandoverItems.handoverId)
    : [];
  const out = [];
  for (const r of rows) {
    const actions: string[] = ['print'];
    if (r.h.status === 'submitted' && !r.h.withdrawnAt && can(ctx.actor, DP.log, r.orgPath) && !(await incomingRefusal(ctx, r, ctx.actor!.userId))) actions.push('confirm');
    out.push({
      id: r.h.id,
      orgId: r.h.orgId,
      orgName: r.orgName,
      assignmentId: r.a.id,
      shiftName: r.shiftName,
      dutyDate: r.a.dutyDate,
      status: r.h.status,
      outgoing: ref(names, r.h.outgoingBy)!,
      submittedAt: r.h.submittedAt.toISOString(),
      note: r.h.note,
      incoming: ref(names, r.h.incomingBy),
      confirmedAt: r.h.confirmedAt?.toISOString() ?? null,
      confirmMethod: r.h.confirmMethod,
      openItemCount: Number(open.find((o) => o.handoverId === r.h.id)?.n ?? 0),
      ...recordMeta(r.h),
      allowedActions: actions,
    });
  }
  return out;
}

export interface HandoverQuery {
  orgId?: string;
  from?: string;
  to?: string;
  status?: 'submitted' | 'confirmed';
  withOpenItems?: boolean;
  sort?: string;
}

async function handoverWhere(ctx: Ctx, q: HandoverQuery, perm: string = DP.read): Promise<SQL> {
  const c: SQL[] = [inSubtrees(dutyHandovers.orgId, scopePaths(requireActor(ctx), perm)), isNull(dutyHandovers.withdrawnAt)];
  if (q.orgId) c.push(unitWithin((await visibleOrg(ctx, q.orgId)).path));
  if (q.from) c.push(gte(dutyAssignments.dutyDate, q.from));
  if (q.to) c.push(lte(dutyAssignments.dutyDate, q.to));
  if (q.status) c.push(eq(dutyHandovers.status, q.status));
  if (q.withOpenItems) c.push(sql`exists (select 1 from ${dutyHandoverItems} i where i.handover_id = ${dutyHandovers.id} and i.closed_at is null)`);
  return and(...c)!;
}

const SORTS = { submittedAt: dutyHandovers.submittedAt, dutyDate: dutyAssignments.dutyDate };

export async function listHandovers(ctx: Ctx, q: HandoverQuery, p: PageParams) {
  const where = await handoverWhere(ctx, q);
  const [items, [{ n }]] = await Promise.all([
    selectHandovers(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, '-submittedAt', dutyHandovers.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(dutyHandovers).innerJoin(dutyAssignments, eq(dutyAssignments.id, dutyHandovers.assignmentId)).innerJoin(orgs, eq(orgs.id, dutyHandovers.orgId)).where(where),
  ]);
  return pageOf(await present(ctx, items), Number(n), p);
}

export async function exportHandoverRows(ctx: Ctx, q: HandoverQuery, limit: number) {
  const where = and(await handoverWhere(ctx, q), inSubtrees(dutyHandovers.orgId, scopePaths(requireActor(ctx), DP.export)))!;
  return present(ctx, await selectHandovers(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, 'dutyDate', dutyHandovers.id)).limit(limit));
}

async function visibleHandover(ctx: Ctx, id: string, lock = false): Promise<HandoverRow> {
  const q = selectHandovers(ctx).where(eq(dutyHandovers.id, id));
  const [r] = lock ? await q.for('update', { of: dutyHandovers }) : await q;
  if (!r) throw notFound('HANDOVER_NOT_FOUND');
  requireVisible(ctx, 'HANDOVER_NOT_FOUND', 'duty_handover', id, r.h.orgId, r.orgPath);
  return r;
}

export async function getHandover(ctx: Ctx, id: string) {
  const r = await visibleHandover(ctx, id);
  const [h] = await present(ctx, [r]);
  const items = await ctx.tx.select().from(dutyHandoverItems).where(eq(dutyHandoverItems.handoverId, id)).orderBy(asc(dutyHandoverItems.createdAt), asc(dutyHandoverItems.id));
  const carried = r.h.carriedItemIds.length ? await ctx.tx.select().from(dutyHandoverItems).where(inArray(dutyHandoverItems.id, r.h.carriedItemIds)).orderBy(asc(dutyHandoverItems.createdAt), asc(dutyHandoverItems.id)) : [];
  return { ...h, items: await presentItems(ctx, items), carried: await presentItems(ctx, carried) };
}

async function requireHazardOfUnit(ctx: Ctx, unit: AssignmentFull, hazardId: string, field: string) {
  const [h] = await ctx.tx.select({ path: orgs.path }).from(hazards).innerJoin(orgs, eq(orgs.id, hazards.orgId)).where(eq(hazards.id, hazardId));
  if (!h || !h.path.startsWith(unit.orgPath)) throw ruleRefused('HAZARD_NOT_IN_UNIT', {}, [{ path: field, code: 'HAZARD_NOT_IN_UNIT' }]);
}

type ItemRow = typeof dutyHandoverItems.$inferSelect;

async function closeItem(ctx: Ctx, item: ItemRow, note: string | null, orgId: string, label: string) {
  await updateVersioned(ctx.tx, dutyHandoverItems, item.id, item.version, { closedBy: ctx.actor!.userId, closedAt: ctx.now, closeNote: note });
  await audit(ctx, { action: 'duty.item_close', targetType: 'duty_handover', targetId: item.handoverId, targetLabel: label, orgId, changes: { closedAt: [null, ctx.now.toISOString()] }, detail: { itemId: item.id, text: item.text, note } });
}

export async function submitHandover(ctx: Ctx, b: { assignmentId: string; note?: string | null; items?: Array<{ text: string; hazardId?: string | null }>; closeItemIds?: string[] }) {
  const r = await visibleAssignment(ctx, b.assignmentId, true);
  requireOnDuty(ctx, r);
  if (r.a.withdrawnAt) throw invalidState('withdrawn');
  if (r.a.startsAt.getTime() > ctx.now.getTime()) throw ruleRefused('HANDOVER_TOO_EARLY');
  const [existing] = await ctx.tx.select({ id: dutyHandovers.id }).from(dutyHandovers).where(and(eq(dutyHandovers.assignmentId, r.a.id), isNull(dutyHandovers.withdrawnAt)));
  if (existing) throw conflict('HANDOVER_EXISTS');
  const items = b.items ?? [];
  for (const [i, it] of items.entries()) if (it.hazardId) await requireHazardOfUnit(ctx, r, it.hazardId, `items/${i}/hazardId`);
  const open = await ctx.tx.select().from(dutyHandoverItems).where(and(eq(dutyHandoverItems.orgId, r.a.orgId), isNull(dutyHandoverItems.closedAt))).for('update');
  const closing = b.closeItemIds ?? [];
  for (const [i, id] of closing.entries()) if (!open.some((o) => o.id === id)) throw ruleRefused('ITEM_CLOSED', {}, [{ path: `closeItemIds/${i}`, code: 'ITEM_CLOSED' }]);
  const id = randomUUID();
  const me = ctx.actor!.userId;
  const label = `${r.orgName} ${r.a.dutyDate} ${r.shiftName}`;
  // DUT-03: every open item of the unit's earlier handovers is carried over into this one.
  const carried = open.map((o) => o.id);
  await ctx.tx.insert(dutyHandovers).values({ id, orgId: r.a.orgId, assignmentId: r.a.id, outgoingBy: me, submittedAt: ctx.now, note: b.note ?? null, status: 'submitted', carriedItemIds: carried, createdAt: ctx.now, createdBy: me, updatedAt: ctx.now, updatedBy: me });
  for (const it of items) await ctx.tx.insert(dutyHandoverItems).values({ id: randomUUID(), orgId: r.a.orgId, handoverId: id, text: it.text, hazardId: it.hazardId ?? null, createdAt: ctx.now, createdBy: me });
  await audit(ctx, { action: 'duty.handover_submit', targetType: 'duty_handover', targetId: id, targetLabel: label, orgId: r.a.orgId, detail: { assignmentId: r.a.id, newItems: items.length, carried: carried.length, closed: closing.length } });
  for (const o of open.filter((x) => closing.includes(x.id))) await closeItem(ctx, o, null, r.a.orgId, label);
  const next = await nextAssignment(ctx, r.a);
  if (next) {
    await notify(ctx, {
      rule: 'duty.handover_submitted',
      orgId: r.a.orgId,
      targetType: 'duty_handover',
      targetId: id,
      dueKey: 'submitted',
      recipients: [...next.a.people, next.a.leaderId].filter((x): x is string => !!x && x !== me),
      messageCode: 'duty.handover_submitted',
      params: { unit: r.orgName, date: r.a.dutyDate, shift: r.shiftName },
      link: handoverLink(id),
    });
  }
  return getHandover(ctx, id);
}

/**
 * Step one of the confirmation, in a transaction of its own: the caller may take over (DUT-03, not the
 * outgoing officer) and re-enters their password. A wrong password counts towards the lockout like a
 * failed login and is audited — the refusal is raised after this transaction commits.
 */
export async function checkConfirmation(ctx: Ctx, id: string, password: string): Promise<{ refusal?: AppError }> {
  const r = await visibleHandover(ctx, id);
  requireAt(ctx, DP.log, 'duty_handover', id, r.h.orgId, r.orgPath);
  if (r.h.status !== 'submitted') throw invalidState(r.h.status);
  const me = requireActor(ctx).userId;
  const refusal = await incomingRefusal(ctx, r, me);
  if (refusal) throw ruleRefused(refusal);
  const c = await confirmOwnPassword(ctx, me, password, 'handover confirmation');
  if (c.ok) return {};
  const refused = confirmationRefusal(c);
  await audit(ctx, { action: 'duty.handover_confirm', targetType: 'duty_handover', targetId: id, orgId: r.h.orgId, result: 'failure', detail: { reason: refused.code } });
  return { refusal: refused };
}

/** Step two: records the confirmation (the checks run again under the row lock). */
export async function confirmHandover(ctx: Ctx, id: string, b: { version?: number }) {
  const r = await visibleHandover(ctx, id, true);
  requireAt(ctx, DP.log, 'duty_handover', id, r.h.orgId, r.orgPath);
  if (r.h.status !== 'submitted') throw invalidState(r.h.status);
  const me = ctx.actor!.userId;
  const refusal = await incomingRefusal(ctx, r, me);
  if (refusal) throw ruleRefused(refusal);
  await updateVersioned(ctx.tx, dutyHandovers, id, b.version ?? r.h.version, { status: 'confirmed', incomingBy: me, confirmedAt: ctx.now, confirmMethod: 'password', updatedAt: ctx.now, updatedBy: me });
  await audit(ctx, { action: 'duty.handover_confirm', targetType: 'duty_handover', targetId: id, targetLabel: `${r.orgName} ${r.a.dutyDate} ${r.shiftName}`, orgId: r.h.orgId, changes: { status: ['submitted', 'confirmed'], incomingBy: [null, me] } });
  return getHandover(ctx, id);
}

/** DUT-03: closing an open item records who and when; it stops carrying over. */
export async function closeOpenItem(ctx: Ctx, handoverId: string, itemId: string, b: { note?: string | null }) {
  const r = await visibleHandover(ctx, handoverId);
  const [item] = await ctx.tx.select().from(dutyHandoverItems).where(and(eq(dutyHandoverItems.id, itemId), eq(dutyHandoverItems.orgId, r.h.orgId))).for('update');
  if (!item || (item.handoverId !== handoverId && !r.h.carriedItemIds.includes(itemId))) throw notFound('HANDOVER_ITEM_NOT_FOUND');
  requireAt(ctx, DP.log, 'duty_handover', handoverId, r.h.orgId, r.orgPath);
  if (item.closedAt) throw conflict('ITEM_CLOSED');
  await closeItem(ctx, item, b.note ?? null, r.h.orgId, `${r.orgName} ${r.a.dutyDate} ${r.shiftName}`);
  return getHandover(ctx, handoverId);
}
