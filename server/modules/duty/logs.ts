// DUT-02: the duty log (值班日志) — entries with the time, what happened and the action taken, by the
// person on duty. An urgent entry is reported upward at once: the security heads over the unit are
// notified in the same transaction (the platform's channels deliver it). Once the shift is handed over
// its entries are never edited; a correction is a new entry referring to the one it corrects.
import { and, asc, count, eq, gte, ilike, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { dutyAssignments, dutyHandovers, dutyLogs, dutyShifts, orgs, users } from '../../db/schema/index.ts';
import { recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { type PageParams, pageOf, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { dateIn, endOfDayIn, startOfDayIn } from '../../platform/time.ts';
import { type AssignmentFull, onDuty, unitWithin, requireOnDuty, requireVisible, visibleAssignment } from './common.ts';
import { DP } from './permissions.ts';

export const logSelection = { l: dutyLogs, a: dutyAssignments, shiftName: dutyShifts.name, orgName: orgs.name, orgPath: orgs.path, authorName: users.name };
const selectLogs = (ctx: Ctx) =>
  ctx.tx
    .select(logSelection)
    .from(dutyLogs)
    .innerJoin(dutyAssignments, eq(dutyAssignments.id, dutyLogs.assignmentId))
    .innerJoin(dutyShifts, eq(dutyShifts.id, dutyAssignments.shiftId))
    .innerJoin(orgs, eq(orgs.id, dutyLogs.orgId))
    .innerJoin(users, eq(users.id, dutyLogs.createdBy));
type LogRow = Awaited<ReturnType<ReturnType<typeof selectLogs>['where']>>[number];

/** Whether the assignment has been handed over (a handover submitted or confirmed): its log is then closed to edits. */
export async function handedOver(ctx: Ctx, assignmentIds: string[]): Promise<Set<string>> {
  if (!assignmentIds.length) return new Set();
  const rs = await ctx.tx.select({ id: dutyHandovers.assignmentId }).from(dutyHandovers).where(and(inArray(dutyHandovers.assignmentId, assignmentIds), isNull(dutyHandovers.withdrawnAt)));
  return new Set(rs.map((r) => r.id));
}

async function present(ctx: Ctx, rows: LogRow[]) {
  const locked = await handedOver(ctx, [...new Set(rows.map((r) => r.a.id))]);
  const ids = rows.map((r) => r.l.id);
  const corrections = ids.length ? await ctx.tx.select({ id: dutyLogs.id, of: dutyLogs.correctsId }).from(dutyLogs).where(inArray(dutyLogs.correctsId, ids)) : [];
  const me = ctx.actor?.userId;
  return rows.map((r) => {
    const isLocked = locked.has(r.a.id);
    const actions: string[] = [];
    if (!isLocked && r.l.createdBy === me) actions.push('edit');
    if (onDuty(r.a, me) && !r.a.withdrawnAt) actions.push('correct');
    return {
      id: r.l.id,
      orgId: r.l.orgId,
      orgName: r.orgName,
      assignmentId: r.a.id,
      shiftName: r.shiftName,
      dutyDate: r.a.dutyDate,
      occurredAt: r.l.occurredAt.toISOString(),
      happened: r.l.happened,
      actionTaken: r.l.actionTaken,
      urgent: r.l.urgent,
      correctsId: r.l.correctsId,
      correctedBy: corrections.filter((c) => c.of === r.l.id).map((c) => c.id),
      author: { id: r.l.createdBy!, name: r.authorName },
      locked: isLocked,
      ...recordMeta(r.l),
      allowedActions: actions,
    };
  });
}

export interface LogQuery {
  orgId?: string;
  assignmentId?: string;
  from?: string;
  to?: string;
  today?: boolean;
  urgent?: boolean;
  q?: string;
  sort?: string;
}

export async function logWhere(ctx: Ctx, q: LogQuery, scope?: SQL): Promise<SQL> {
  const tz = ctx.app.config.timeZone;
  const c: SQL[] = [scope ?? inSubtrees(dutyLogs.orgId, scopePaths(requireActor(ctx), DP.read))];
  if (q.orgId) c.push(unitWithin((await visibleOrg(ctx, q.orgId)).path));
  if (q.assignmentId) c.push(eq(dutyLogs.assignmentId, q.assignmentId));
  if (q.from) c.push(gte(dutyLogs.occurredAt, startOfDayIn(q.from, tz)));
  if (q.to) c.push(lte(dutyLogs.occurredAt, endOfDayIn(q.to, tz)));
  if (q.today) {
    const day = dateIn(ctx.now, tz);
    c.push(gte(dutyLogs.occurredAt, startOfDayIn(day, tz)), lte(dutyLogs.occurredAt, endOfDayIn(day, tz)));
  }
  if (q.urgent !== undefined) c.push(eq(dutyLogs.urgent, q.urgent));
  if (q.q) {
    const p = `%${likeEscape(q.q)}%`;
    c.push(or(ilike(dutyLogs.happened, p), ilike(dutyLogs.actionTaken, p))!);
  }
  return and(...c)!;
}

const SORTS = { occurredAt: dutyLogs.occurredAt, createdAt: dutyLogs.createdAt };

export async function listLogs(ctx: Ctx, q: LogQuery, p: PageParams) {
  const where = await logWhere(ctx, q);
  const [items, [{ n }]] = await Promise.all([
    selectLogs(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, '-occurredAt', dutyLogs.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(dutyLogs).innerJoin(orgs, eq(orgs.id, dutyLogs.orgId)).where(where),
  ]);
  return pageOf(await present(ctx, items), Number(n), p);
}

export async function countLogs(ctx: Ctx, where: SQL): Promise<number> {
  const [{ n }] = await ctx.tx.select({ n: count() }).from(dutyLogs).innerJoin(orgs, eq(orgs.id, dutyLogs.orgId)).where(where);
  return Number(n);
}

export async function exportLogRows(ctx: Ctx, q: LogQuery, limit: number) {
  const where = and(await logWhere(ctx, q), inSubtrees(dutyLogs.orgId, scopePaths(requireActor(ctx), DP.export)))!;
  return present(ctx, await selectLogs(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, 'occurredAt', dutyLogs.id)).limit(limit));
}

/** The log of one shift in time order (for the A4 print and the shift page). */
export async function logsOfAssignment(ctx: Ctx, assignmentId: string) {
  return present(ctx, await selectLogs(ctx).where(eq(dutyLogs.assignmentId, assignmentId)).orderBy(asc(dutyLogs.occurredAt), asc(dutyLogs.createdAt)));
}

async function visibleLog(ctx: Ctx, id: string): Promise<LogRow> {
  const [r] = await selectLogs(ctx).where(eq(dutyLogs.id, id));
  if (!r) throw notFound('DUTY_LOG_NOT_FOUND');
  requireVisible(ctx, 'DUTY_LOG_NOT_FOUND', 'duty_log', id, r.l.orgId, r.orgPath);
  return r;
}

export async function getLog(ctx: Ctx, id: string) {
  return (await present(ctx, [await visibleLog(ctx, id)]))[0];
}

/** DUT-02: escalation of an urgent entry — the security heads over the unit, at once. */
async function reportUrgent(ctx: Ctx, r: AssignmentFull, logId: string, occurredAt: Date, happened: string) {
  const heads = await holders(ctx, { roleCodes: ['security_head'], orgPath: r.orgPath });
  await notify(ctx, {
    rule: 'duty.urgent',
    orgId: r.a.orgId,
    targetType: 'duty_log',
    targetId: logId,
    dueKey: 'urgent',
    recipients: heads,
    messageCode: 'duty.urgent',
    params: { unit: r.orgName, time: new Intl.DateTimeFormat('zh-CN', { timeZone: ctx.app.config.timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(occurredAt), happened: happened.slice(0, 80) },
    link: `/duty/logs/${logId}`,
  });
}

export async function addLog(ctx: Ctx, b: { assignmentId: string; occurredAt?: string; happened: string; actionTaken?: string | null; urgent?: boolean; correctsId?: string | null }) {
  const r = await visibleAssignment(ctx, b.assignmentId, true);
  requireOnDuty(ctx, r);
  if (r.a.withdrawnAt) throw invalidState('withdrawn');
  const locked = (await handedOver(ctx, [r.a.id])).has(r.a.id);
  if (b.correctsId) {
    const [old] = await ctx.tx.select({ assignmentId: dutyLogs.assignmentId }).from(dutyLogs).where(eq(dutyLogs.id, b.correctsId));
    if (!old || old.assignmentId !== r.a.id) throw ruleRefused('CORRECTS_OTHER_SHIFT', {}, [{ path: 'correctsId', code: 'CORRECTS_OTHER_SHIFT' }]);
  } else if (locked) {
    // DUT-02: after the handover only corrections are added.
    throw conflict('SHIFT_HANDED_OVER');
  }
  const occurredAt = b.occurredAt ? new Date(b.occurredAt) : ctx.now;
  const within = occurredAt.getTime() >= r.a.startsAt.getTime() && occurredAt.getTime() <= Math.min(r.a.endsAt.getTime(), ctx.now.getTime());
  if (!within && !b.correctsId) throw ruleRefused('OCCURRED_OUTSIDE_SHIFT', {}, [{ path: 'occurredAt', code: 'OCCURRED_OUTSIDE_SHIFT' }]);
  if (b.correctsId && occurredAt.getTime() > ctx.now.getTime()) throw ruleRefused('OCCURRED_OUTSIDE_SHIFT', {}, [{ path: 'occurredAt', code: 'OCCURRED_OUTSIDE_SHIFT' }]);
  const id = randomUUID();
  const me = ctx.actor!.userId;
  await ctx.tx.insert(dutyLogs).values({ id, orgId: r.a.orgId, assignmentId: r.a.id, occurredAt, happened: b.happened, actionTaken: b.actionTaken ?? null, urgent: !!b.urgent, correctsId: b.correctsId ?? null, createdAt: ctx.now, createdBy: me, updatedAt: ctx.now, updatedBy: me });
  await audit(ctx, { action: b.correctsId ? 'duty.log_correct' : 'duty.log', targetType: 'duty_log', targetId: id, targetLabel: `${r.orgName} ${r.a.dutyDate} ${r.shiftName}`, orgId: r.a.orgId, detail: { urgent: !!b.urgent, correctsId: b.correctsId ?? null } });
  if (b.urgent) await reportUrgent(ctx, r, id, occurredAt, b.happened);
  return getLog(ctx, id);
}

/** Edits by the author while the shift is not handed over (DUT-02); afterwards 409 SHIFT_HANDED_OVER. */
export async function editLog(ctx: Ctx, id: string, b: { happened?: string; actionTaken?: string | null; version?: number }) {
  const r = await visibleLog(ctx, id);
  if (!can(ctx.actor, DP.log, r.orgPath) || r.l.createdBy !== ctx.actor?.userId) throw forbidden('LOG_NOT_AUTHOR', { action: DP.log, targetType: 'duty_log', targetId: id, orgId: r.l.orgId });
  await ctx.tx.select({ id: dutyAssignments.id }).from(dutyAssignments).where(eq(dutyAssignments.id, r.a.id)).for('update');
  if ((await handedOver(ctx, [r.a.id])).has(r.a.id)) throw conflict('SHIFT_HANDED_OVER');
  const after = await updateVersioned(ctx.tx, dutyLogs, id, b.version ?? r.l.version, {
    ...(b.happened !== undefined ? { happened: b.happened } : {}),
    ...(b.actionTaken !== undefined ? { actionTaken: b.actionTaken } : {}),
    updatedAt: ctx.now,
    updatedBy: ctx.actor!.userId,
  });
  await audit(ctx, { action: 'duty.log_edit', targetType: 'duty_log', targetId: id, targetLabel: `${r.orgName} ${r.a.dutyDate} ${r.shiftName}`, orgId: r.l.orgId, changes: diff(r.l, after, ['happened', 'actionTaken']) });
  return getLog(ctx, id);
}

