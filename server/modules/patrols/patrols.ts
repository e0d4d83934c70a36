// Patrols (巡逻记录, PAT-01, PAT-02): the register, one patrol with what its scans prove, starting,
// finishing (missed / late checkpoints and impossible patterns computed and stored) and withdrawal.
import { and, asc, eq, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { hazards, patrolRoutes, patrols } from '../../db/schema/index.ts';
import { recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { conflict, forbidden, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams } from '../../platform/http/paging.ts';
import { listForOwner } from '../../platform/files/service.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { patrolSettingsOf, todayOf } from './common.ts';
import { type Evaluation, evaluatePatrol } from './evaluate.ts';
import { PATROL_EXPORT_COLUMNS } from './export.ts';
import { PP } from './permissions.ts';
import { checkpointsOf, visibleRoute } from './patrol-routes.ts';
import { anomaliesOf, checkpointsByIds, countPatrols, exportPatrols, listPatrols, type Outcome, patrolById, patrolWhere, type PatrolRow, scansOf } from './repository.ts';

export const EXPORT_LIMIT = 50_000;

export async function visiblePatrol(ctx: Ctx, id: string): Promise<PatrolRow> {
  const r = await patrolById(ctx.tx, id);
  if (!r) throw notFound('PATROL_NOT_FOUND');
  if (!can(requireActor(ctx), PP.read, r.orgPath)) throw notFound('PATROL_NOT_FOUND', { action: PP.read, targetType: 'patrol', targetId: id, orgId: r.p.orgId, reason: 'out of scope' });
  return r;
}

/** The patrol, locked for a change (concurrent scans / finish of one patrol serialise). */
export async function lockPatrol(ctx: Ctx, id: string): Promise<PatrolRow> {
  const r = await visiblePatrol(ctx, id);
  await ctx.tx.select({ id: patrols.id }).from(patrols).where(eq(patrols.id, id)).for('update');
  return (await patrolById(ctx.tx, id))!;
}

function actions(ctx: Ctx, r: PatrolRow): string[] {
  const p = r.p;
  if (p.withdrawnAt || !ctx.actor) return [];
  const me = ctx.actor.userId;
  const out: string[] = [];
  const patrolHere = can(ctx.actor, PP.patrol, r.orgPath);
  if (p.status === 'scheduled' && patrolHere) out.push('start');
  if (p.status === 'in_progress' && (p.guardId === me || can(ctx.actor, PP.manage_routes, r.orgPath))) out.push('finish');
  if (p.status !== 'scheduled' && patrolHere) out.push('anomaly');
  if (can(ctx.actor, PP.withdraw, r.orgPath)) out.push('withdraw');
  out.push('print');
  return out;
}

export function presentPatrol(ctx: Ctx, r: PatrolRow) {
  const p = r.p;
  return {
    id: p.id,
    orgId: p.orgId,
    orgName: r.orgName,
    routeId: p.routeId,
    routeName: r.routeName,
    status: p.status,
    day: p.day,
    scheduledAt: p.scheduledAt?.toISOString() ?? null,
    startDeadline: p.startDeadline?.toISOString() ?? null,
    notStarted: p.status === 'scheduled' && !!p.startDeadline && p.startDeadline.getTime() < ctx.now.getTime(),
    guard: p.guardId ? { id: p.guardId, name: r.guardName ?? '' } : null,
    startedAt: p.startedAt?.toISOString() ?? null,
    finishedAt: p.finishedAt?.toISOString() ?? null,
    note: p.note,
    checkpointCount: p.checkpointIds.length,
    missedCount: p.missedCount,
    lateCount: p.lateCount,
    flagCount: p.flagCount,
    ...recordMeta(p),
    allowedActions: actions(ctx, r),
  };
}

/** PAT-02: what the scans prove, live (in progress) or as stored when finished. */
export async function evaluationOf(ctx: Ctx, r: PatrolRow, finished: boolean): Promise<Evaluation> {
  if (r.p.status === 'completed' && r.p.result && !finished) return r.p.result as Evaluation;
  const cps = await checkpointsByIds(ctx.tx, r.p.checkpointIds);
  const scans = (await scansOf(ctx.tx, r.p.id)).map((x) => x.s);
  const settings = await patrolSettingsOf(ctx, r.orgPath);
  const ordered = r.p.checkpointIds.map((id) => cps.find((c) => c.id === id)!).map((c, i) => ({ id: c.id, seq: i + 1, name: c.name, windowMinutes: c.windowMinutes }));
  return evaluatePatrol(ordered, scans, r.p.startedAt, settings, { finished, now: ctx.now });
}

export async function get(ctx: Ctx, id: string) {
  return detail(ctx, await visiblePatrol(ctx, id));
}

export async function detail(ctx: Ctx, r: PatrolRow) {
  const ev = await evaluationOf(ctx, r, false);
  const scans = await scansOf(ctx.tx, r.p.id);
  const anomalies = await anomaliesOf(ctx.tx, r.p.id);
  const hazardNumbers = new Map<string, string>();
  const hids = anomalies.map((a) => a.a.hazardId).filter((x): x is string => !!x);
  if (hids.length) for (const h of await ctx.tx.select({ id: hazards.id, number: hazards.number }).from(hazards).where(inArray(hazards.id, hids))) hazardNumbers.set(h.id, h.number);
  const canPatrol = !r.p.withdrawnAt && can(ctx.actor, PP.patrol, r.orgPath);
  const anomalyOut = [];
  for (const a of anomalies) {
    anomalyOut.push({
      id: a.a.id,
      checkpointId: a.a.checkpointId,
      checkpointName: a.checkpointName,
      note: a.a.note,
      reportedBy: { id: a.a.reportedBy, name: a.byName },
      reportedAt: a.a.reportedAt.toISOString(),
      hazardId: a.a.hazardId,
      hazardNumber: a.a.hazardId ? (hazardNumbers.get(a.a.hazardId) ?? null) : null,
      photos: await listForOwner(ctx, 'patrol_anomaly', a.a.id, false),
      allowedActions: canPatrol && !a.a.hazardId ? ['openHazard'] : [],
    });
  }
  return {
    ...presentPatrol(ctx, r),
    checkpoints: ev.checkpoints,
    flags: ev.flags,
    scans: scans.map((s) => ({ id: s.s.id, checkpointId: s.s.checkpointId, checkpointName: s.checkpointName, scannedAt: s.s.scannedAt.toISOString(), scannedBy: { id: s.s.scannedBy, name: s.byName }, lat: s.s.lat, lng: s.s.lng, accuracy: s.s.accuracy })),
    anomalies: anomalyOut,
  };
}

export interface PatrolQuery {
  orgId?: string;
  routeId?: string;
  status?: Array<'scheduled' | 'in_progress' | 'completed'>;
  outcome?: Outcome;
  dayFrom?: string;
  dayTo?: string;
  today?: boolean;
  mine?: boolean;
  guardId?: string;
  includeWithdrawn?: boolean;
  sort?: string;
}

/** The register's filter as SQL over patrols ⋈ orgs: exactly the rows GET /patrols?… lists (the dashboard tiles count with it). */
export async function whereFor(ctx: Ctx, q: PatrolQuery): Promise<SQL> {
  const actor = requireActor(ctx);
  const within = q.orgId ? (await visibleOrg(ctx, q.orgId, PP.read)).path : undefined;
  const today = todayOf(ctx);
  const mine = q.mine ? or(eq(patrols.guardId, actor.userId), and(eq(patrols.status, 'scheduled'), inSubtrees(patrols.orgId, scopePaths(actor, PP.patrol))))! : undefined;
  return patrolWhere({
    scope: inSubtrees(patrols.orgId, scopePaths(actor, PP.read)),
    now: ctx.now,
    withinPath: within,
    routeId: q.routeId,
    status: q.status,
    outcome: q.outcome,
    dayFrom: q.today ? today : q.dayFrom,
    dayTo: q.today ? today : q.dayTo,
    guardId: q.guardId,
    mine,
    includeWithdrawn: q.includeWithdrawn,
  });
}

export async function list(ctx: Ctx, q: PatrolQuery, p: PageParams) {
  const r = await listPatrols(ctx.tx, await whereFor(ctx, q), p, q.sort);
  return pageOf(r.items.map((x) => presentPatrol(ctx, x)), r.total, p);
}

export async function count(ctx: Ctx, q: PatrolQuery): Promise<number> {
  return countPatrols(ctx.tx, await whereFor(ctx, q));
}

export async function exportXlsx(ctx: Ctx, q: PatrolQuery) {
  const where = and(await whereFor(ctx, q), inSubtrees(patrols.orgId, scopePaths(requireActor(ctx), PP.export)))!;
  const n = await countPatrols(ctx.tx, where);
  if (n > EXPORT_LIMIT) throw ruleRefused('EXPORT_TOO_LARGE', { limit: EXPORT_LIMIT });
  const rows = (await exportPatrols(ctx.tx, where, q.sort, EXPORT_LIMIT)).map((x) => presentPatrol(ctx, x));
  const { sort: _s, ...filter } = q;
  await audit(ctx, { action: 'patrols.export', targetType: 'patrols', targetLabel: `${rows.length}`, detail: { filter, rows: rows.length } });
  return buildXlsx({ zh: '巡逻记录', en: 'Patrols' }, PATROL_EXPORT_COLUMNS(ctx.lang, ctx.app.config.timeZone), rows, ctx.lang, ctx.app.config.timeZone);
}

function requirePatrolAt(ctx: Ctx, orgPath: string, target: { type: string; id: string; orgId: string }) {
  if (!can(ctx.actor, PP.patrol, orgPath)) throw forbidden('FORBIDDEN', { action: PP.patrol, targetType: target.type, targetId: target.id, orgId: target.orgId });
}

/** The caller's patrol of the route in progress, if any. */
export async function myPatrolInProgress(ctx: Ctx, routeId: string): Promise<PatrolRow | undefined> {
  const [p] = await ctx.tx
    .select({ id: patrols.id })
    .from(patrols)
    .where(and(eq(patrols.routeId, routeId), eq(patrols.status, 'in_progress'), eq(patrols.guardId, requireActor(ctx).userId), isNull(patrols.withdrawnAt)))
    .orderBy(asc(patrols.startedAt))
    .limit(1);
  return p ? patrolById(ctx.tx, p.id) : undefined;
}

/** The scheduled patrol of the route the caller would start now: today's earliest not started, due within the hour. */
export async function dueScheduled(ctx: Ctx, routeId: string): Promise<string | null> {
  const [p] = await ctx.tx
    .select({ id: patrols.id })
    .from(patrols)
    .where(and(eq(patrols.routeId, routeId), eq(patrols.status, 'scheduled'), eq(patrols.day, todayOf(ctx)), isNull(patrols.withdrawnAt), lte(patrols.scheduledAt, new Date(ctx.now.getTime() + 3_600_000))))
    .orderBy(asc(patrols.scheduledAt))
    .limit(1);
  return p?.id ?? null;
}

async function begin(ctx: Ctx, r: PatrolRow, version: number | undefined) {
  const me = requireActor(ctx).userId;
  const after = await updateVersioned(ctx.tx, patrols, r.p.id, version ?? r.p.version, { status: 'in_progress', guardId: me, startedAt: ctx.now, updatedAt: ctx.now, updatedBy: me });
  await audit(ctx, { action: 'patrols.start', targetType: 'patrol', targetId: r.p.id, targetLabel: `${r.routeName} ${r.p.day}`, orgId: r.p.orgId, detail: { scheduledAt: r.p.scheduledAt?.toISOString() ?? null, late: after.startDeadline ? after.startDeadline.getTime() < ctx.now.getTime() : false } });
  return (await patrolById(ctx.tx, r.p.id))!;
}

/**
 * Starts a patrol of the route: the scheduled one now due, else an unscheduled one (PAT-01).
 * `join`: the caller's patrol of the route already in progress is returned instead of refused.
 */
export async function startOfRoute(ctx: Ctx, routeId: string, note?: string | null, opts: { join?: boolean } = {}): Promise<PatrolRow> {
  const route = await visibleRoute(ctx, routeId);
  requirePatrolAt(ctx, route.orgPath, { type: 'patrol_route', id: routeId, orgId: route.row.orgId });
  if (route.row.withdrawnAt) throw conflict('ROUTE_WITHDRAWN');
  await ctx.tx.select({ id: patrolRoutes.id }).from(patrolRoutes).where(eq(patrolRoutes.id, routeId)).for('update');
  const current = await myPatrolInProgress(ctx, routeId);
  if (current && opts.join) return current;
  if (current) throw conflict('PATROL_ALREADY_IN_PROGRESS');
  const scheduled = await dueScheduled(ctx, routeId);
  if (scheduled) return begin(ctx, (await patrolById(ctx.tx, scheduled))!, undefined);
  const me = requireActor(ctx).userId;
  const cps = (await checkpointsOf(ctx, [routeId])).map((c) => c.c.id);
  const id = randomUUID();
  await ctx.tx.insert(patrols).values({ id, orgId: route.row.orgId, routeId, status: 'in_progress', day: todayOf(ctx), checkpointIds: cps, guardId: me, startedAt: ctx.now, note: note ?? null, createdAt: ctx.now, createdBy: me, updatedAt: ctx.now, updatedBy: me });
  await audit(ctx, { action: 'patrols.start', targetType: 'patrol', targetId: id, targetLabel: `${route.row.name} ${todayOf(ctx)}`, orgId: route.row.orgId, detail: { scheduled: false, checkpoints: cps.length } });
  return (await patrolById(ctx.tx, id))!;
}

export async function start(ctx: Ctx, routeId: string, note?: string | null) {
  return detail(ctx, await startOfRoute(ctx, routeId, note));
}

/** Starts a scheduled patrol from the guard's list. */
export async function startScheduled(ctx: Ctx, id: string, version: number | undefined) {
  const r = await lockPatrol(ctx, id);
  requirePatrolAt(ctx, r.orgPath, { type: 'patrol', id, orgId: r.p.orgId });
  if (r.p.withdrawnAt) throw invalidState('withdrawn');
  if (r.p.status !== 'scheduled') throw invalidState(r.p.status);
  if (await myPatrolInProgress(ctx, r.p.routeId)) throw conflict('PATROL_ALREADY_IN_PROGRESS');
  return detail(ctx, await begin(ctx, r, version));
}

/** PAT-02: finishing computes and stores missed and late checkpoints and impossible patterns. */
export async function finish(ctx: Ctx, id: string, b: { note?: string | null; version?: number }) {
  const r = await lockPatrol(ctx, id);
  const me = requireActor(ctx).userId;
  if (r.p.withdrawnAt) throw invalidState('withdrawn');
  if (r.p.status !== 'in_progress') throw invalidState(r.p.status);
  if (r.p.guardId !== me && !can(ctx.actor, PP.manage_routes, r.orgPath)) throw forbidden('NOT_YOUR_PATROL', { action: 'patrols.finish', targetType: 'patrol', targetId: id, orgId: r.p.orgId });
  const ev = await evaluationOf(ctx, r, true);
  await updateVersioned(ctx.tx, patrols, id, b.version ?? r.p.version, {
    status: 'completed',
    finishedAt: ctx.now,
    note: b.note ?? r.p.note,
    result: ev,
    missedCount: ev.missed,
    lateCount: ev.late,
    flagCount: ev.flags.length,
    updatedAt: ctx.now,
    updatedBy: me,
  });
  await audit(ctx, {
    action: 'patrols.finish',
    targetType: 'patrol',
    targetId: id,
    targetLabel: `${r.routeName} ${r.p.day}`,
    orgId: r.p.orgId,
    changes: { status: ['in_progress', 'completed'] },
    detail: { missed: ev.missed, late: ev.late, flags: ev.flags.map((f) => f.kind) },
  });
  return get(ctx, id);
}

export async function withdraw(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const r = await lockPatrol(ctx, id);
  if (!can(ctx.actor, PP.withdraw, r.orgPath)) throw forbidden('FORBIDDEN', { action: PP.withdraw, targetType: 'patrol', targetId: id, orgId: r.p.orgId });
  if (r.p.withdrawnAt) throw invalidState('withdrawn');
  await updateVersioned(ctx.tx, patrols, id, version ?? r.p.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'patrols.withdraw', targetType: 'patrol', targetId: id, targetLabel: `${r.routeName} ${r.p.day}`, orgId: r.p.orgId, detail: { reason } });
  return get(ctx, id);
}

