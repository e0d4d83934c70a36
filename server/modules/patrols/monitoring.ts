// The monitoring-room log (监控室值班记录, PAT-03): viewing shifts (who, from/to), events seen on
// camera, and recordings archived (period, medium, by whom). An event's footage must be archived before
// the recorder overwrites it: an event not covered by an archive entry of its unit is "in retention"
// until the org's retention days have passed, then "lost" (flagged: deleted before it was archived).
import { and, count, eq, gte, ilike, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { randomUUID } from 'node:crypto';
import { monitoringLogs, orgs, sites, users } from '../../db/schema/index.ts';
import type { MonitoringKind } from '../../db/schema/patrols.ts';
import { allowedActions, loadScoped, recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { conflict, forbidden, invalidField, invalidState, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { endOfDayIn, startOfDayIn } from '../../platform/time.ts';
import { patrolSettingsOf, siteOfUnit } from './common.ts';
import { MONITORING_EXPORT_COLUMNS } from './export.ts';
import { PP } from './permissions.ts';

type Row = typeof monitoringLogs.$inferSelect;
const archive = alias(monitoringLogs, 'archive');

/** SQL: an archive entry of the same unit covers the event's whole period. */
const archived = sql<boolean>`exists (select 1 from ${monitoringLogs} ${archive} where ${archive.orgId} = ${monitoringLogs.orgId} and ${archive.kind} = 'archive' and ${archive.withdrawnAt} is null and ${archive.fromAt} <= ${monitoringLogs.fromAt} and ${archive.toAt} >= coalesce(${monitoringLogs.toAt}, ${monitoringLogs.fromAt}))`;

const archiveStateSql = (now: Date) =>
  sql<string>`case when ${monitoringLogs.kind} <> 'event' then 'not_needed' when ${archived} then 'archived' when ${monitoringLogs.retentionEndsAt} > ${now} then 'in_retention' else 'lost' end`;

const person = alias(users, 'person');
const select = (ctx: Ctx) =>
  ctx.tx
    .select({ m: monitoringLogs, orgName: orgs.name, orgPath: orgs.path, siteName: sites.name, personName: person.name, archiveState: archiveStateSql(ctx.now) })
    .from(monitoringLogs)
    .innerJoin(orgs, eq(orgs.id, monitoringLogs.orgId))
    .leftJoin(sites, eq(sites.id, monitoringLogs.siteId))
    .innerJoin(person, eq(person.id, monitoringLogs.personId));
type ListRow = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

function present(ctx: Ctx, r: ListRow) {
  const m = r.m;
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: r.orgName,
    siteId: m.siteId,
    siteName: r.siteName,
    kind: m.kind,
    person: { id: m.personId, name: r.personName },
    fromAt: m.fromAt.toISOString(),
    toAt: m.toAt?.toISOString() ?? null,
    camera: m.camera,
    description: m.description,
    actionTaken: m.actionTaken,
    medium: m.medium,
    storageRef: m.storageRef,
    archiveState: r.archiveState as 'not_needed' | 'archived' | 'in_retention' | 'lost',
    retentionEndsAt: m.kind === 'event' && r.archiveState !== 'archived' ? (m.retentionEndsAt?.toISOString() ?? null) : null,
    ...recordMeta(m),
    allowedActions: m.withdrawnAt
      ? []
      : allowedActions(ctx, r.orgPath, { endShift: { perm: PP.monitor, when: m.kind === 'shift' && !m.toAt && m.personId === ctx.actor?.userId }, withdraw: { perm: PP.withdraw } }),
  };
}

export async function visibleLog(ctx: Ctx, id: string) {
  return loadScoped(ctx, monitoringLogs, id, { readPerm: PP.read, notFoundCode: 'MONITORING_LOG_NOT_FOUND', targetType: 'monitoring_log' });
}

export async function getLog(ctx: Ctx, id: string) {
  await visibleLog(ctx, id);
  const [r] = await select(ctx).where(eq(monitoringLogs.id, id));
  return present(ctx, r);
}

export interface MonitoringQuery {
  orgId?: string;
  kind?: MonitoringKind;
  from?: string;
  to?: string;
  archiveState?: 'not_needed' | 'archived' | 'in_retention' | 'lost';
  q?: string;
  includeWithdrawn?: boolean;
  sort?: string;
}

export async function logWhere(ctx: Ctx, q: MonitoringQuery): Promise<SQL> {
  const tz = ctx.app.config.timeZone;
  const c: SQL[] = [inSubtrees(monitoringLogs.orgId, scopePaths(requireActor(ctx), PP.read))];
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId, PP.read)).path));
  if (!q.includeWithdrawn) c.push(isNull(monitoringLogs.withdrawnAt));
  if (q.kind) c.push(eq(monitoringLogs.kind, q.kind));
  if (q.from) c.push(gte(sql`coalesce(${monitoringLogs.toAt}, ${monitoringLogs.fromAt})`, startOfDayIn(q.from, tz)));
  if (q.to) c.push(lte(monitoringLogs.fromAt, endOfDayIn(q.to, tz)));
  if (q.archiveState) c.push(sql`${archiveStateSql(ctx.now)} = ${q.archiveState}`);
  if (q.q) {
    const p = `%${likeEscape(q.q)}%`;
    c.push(or(ilike(monitoringLogs.description, p), ilike(monitoringLogs.camera, p), ilike(monitoringLogs.actionTaken, p), ilike(monitoringLogs.storageRef, p))!);
  }
  return and(...c)!;
}

const SORTS = { fromAt: monitoringLogs.fromAt, createdAt: monitoringLogs.createdAt };

export async function listLogs(ctx: Ctx, q: MonitoringQuery, p: PageParams) {
  const where = await logWhere(ctx, q);
  const [rows, [{ n }]] = await Promise.all([
    select(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, '-fromAt', monitoringLogs.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(monitoringLogs).innerJoin(orgs, eq(orgs.id, monitoringLogs.orgId)).where(where),
  ]);
  return pageOf(rows.map((r) => present(ctx, r)), Number(n), p);
}

export async function exportLogs(ctx: Ctx, q: MonitoringQuery) {
  const where = and(await logWhere(ctx, q), inSubtrees(monitoringLogs.orgId, scopePaths(requireActor(ctx), PP.export)))!;
  const rows = (await select(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, '-fromAt', monitoringLogs.id)).limit(50_001)).map((r) => present(ctx, r));
  if (rows.length > 50_000) throw ruleRefused('EXPORT_TOO_LARGE', { limit: 50_000 });
  const { sort: _s, ...filter } = q;
  await audit(ctx, { action: 'monitoring_logs.export', targetType: 'monitoring_logs', targetLabel: `${rows.length}`, detail: { filter, rows: rows.length } });
  return buildXlsx({ zh: '监控室值班记录', en: 'Monitoring-room log' }, MONITORING_EXPORT_COLUMNS(ctx.lang), rows, ctx.lang, ctx.app.config.timeZone);
}

export interface LogInput {
  orgId: string;
  kind: MonitoringKind;
  siteId?: string | null;
  fromAt: string;
  toAt?: string | null;
  camera?: string | null;
  description?: string | null;
  actionTaken?: string | null;
  medium?: Row['medium'];
  storageRef?: string | null;
}

const SKEW_MS = 5 * 60_000;

export async function createLog(ctx: Ctx, b: LogInput) {
  const actor = requireActor(ctx);
  const unit = await visibleOrg(ctx, b.orgId, PP.monitor);
  if (!can(actor, PP.monitor, unit.path)) throw forbidden('FORBIDDEN', { action: PP.monitor, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (unit.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  const from = new Date(b.fromAt);
  const to = b.toAt ? new Date(b.toAt) : null;
  if (from.getTime() > ctx.now.getTime() + SKEW_MS) throw ruleRefused('TIME_IN_FUTURE', {}, [{ path: 'fromAt', code: 'TIME_IN_FUTURE' }]);
  if (to && to.getTime() <= from.getTime()) throw ruleRefused('TIME_ORDER', {}, [{ path: 'toAt', code: 'TIME_ORDER' }]);
  if (to && to.getTime() > ctx.now.getTime() + SKEW_MS) throw ruleRefused('TIME_IN_FUTURE', {}, [{ path: 'toAt', code: 'TIME_IN_FUTURE' }]);
  if (b.kind === 'archive' && !b.medium) throw invalidField('medium', 'MEDIUM_REQUIRED');
  if (b.kind === 'archive' && !to) throw invalidField('toAt', 'MEDIUM_REQUIRED');
  if (b.kind === 'event' && !b.description?.trim()) throw invalidField('description', 'DESCRIPTION_REQUIRED');
  const site = b.siteId ? await siteOfUnit(ctx, b.siteId, unit.path, 'siteId') : null;
  const retentionDays = (await patrolSettingsOf(ctx, unit.path)).retentionDays;
  const id = randomUUID();
  const [m] = await ctx.tx
    .insert(monitoringLogs)
    .values({
      id,
      orgId: unit.id,
      siteId: site?.id ?? null,
      kind: b.kind,
      personId: actor.userId,
      fromAt: from,
      toAt: to,
      camera: b.camera?.trim() || null,
      description: b.description?.trim() || null,
      actionTaken: b.actionTaken?.trim() || null,
      medium: b.kind === 'archive' ? (b.medium ?? null) : null,
      storageRef: b.kind === 'archive' ? b.storageRef?.trim() || null : null,
      retentionEndsAt: b.kind === 'event' ? new Date((to ?? from).getTime() + retentionDays * 86_400_000) : null,
      createdAt: ctx.now,
      createdBy: actor.userId,
      updatedAt: ctx.now,
      updatedBy: actor.userId,
    })
    .returning();
  await audit(ctx, { action: 'monitoring_logs.create', targetType: 'monitoring_log', targetId: id, targetLabel: `${unit.name} ${m.kind}`, orgId: unit.id, detail: { kind: m.kind, from: m.fromAt.toISOString(), to: m.toAt?.toISOString() ?? null, medium: m.medium } });
  return getLog(ctx, id);
}

export async function endShift(ctx: Ctx, id: string, b: { toAt?: string; version?: number }) {
  const r = await visibleLog(ctx, id);
  const m = r.row;
  if (!can(ctx.actor, PP.monitor, r.orgPath)) throw forbidden('FORBIDDEN', { action: PP.monitor, targetType: 'monitoring_log', targetId: id, orgId: m.orgId });
  if (m.withdrawnAt) throw invalidState('withdrawn');
  if (m.kind !== 'shift') throw invalidState(m.kind);
  if (m.toAt) throw conflict('SHIFT_ALREADY_CLOSED');
  const to = b.toAt ? new Date(b.toAt) : ctx.now;
  if (to.getTime() > ctx.now.getTime() + SKEW_MS) throw ruleRefused('TIME_IN_FUTURE', {}, [{ path: 'toAt', code: 'TIME_IN_FUTURE' }]);
  if (to.getTime() <= m.fromAt.getTime()) throw ruleRefused('TIME_ORDER', {}, [{ path: 'toAt', code: 'TIME_ORDER' }]);
  await updateVersioned(ctx.tx, monitoringLogs, id, b.version ?? m.version, { toAt: to, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'monitoring_logs.end_shift', targetType: 'monitoring_log', targetId: id, targetLabel: 'shift', orgId: m.orgId, changes: { toAt: [null, to.toISOString()] } });
  return getLog(ctx, id);
}

export async function withdrawLog(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const r = await visibleLog(ctx, id);
  if (!can(ctx.actor, PP.withdraw, r.orgPath)) throw forbidden('FORBIDDEN', { action: PP.withdraw, targetType: 'monitoring_log', targetId: id, orgId: r.row.orgId });
  if (r.row.withdrawnAt) throw invalidState('withdrawn');
  await updateVersioned(ctx.tx, monitoringLogs, id, version ?? r.row.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'monitoring_logs.withdraw', targetType: 'monitoring_log', targetId: id, targetLabel: r.row.kind, orgId: r.row.orgId, detail: { reason } });
  return getLog(ctx, id);
}


