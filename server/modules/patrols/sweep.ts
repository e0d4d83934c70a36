// The patrols sweep, run by the platform scheduler once a minute on one instance at a time:
//   1. PAT-01: today's scheduled patrols of every active route (one per schedule time, made once:
//      unique (route, scheduled time));
//   2. PAT-02: a scheduled patrol not started by its start deadline is reminded to the unit's guards
//      and those who manage its routes — exactly once (the notice's key is the scheduled time);
//   3. PAT-04: a branch's opening / closing check not completed by the org's deadline is flagged
//      missed that day (a "missed" row when nothing was recorded) and reminded once;
//   4. PAT-03: an event's footage about to leave the retention window un-archived is reminded once.
import { and, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { monitoringLogs, notifications, openingChecks, orgs, patrolCheckpoints, patrolRoutes, patrols } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { defineSweep } from '../../platform/scheduler/registry.ts';
import { formatDateTime } from '../../platform/print/html.ts';
import { dateIn, startOfDayIn } from '../../platform/time.ts';
import { isoWeekday, localInstant, patrolSettingsOf, todayOf } from './common.ts';
import { PP } from './permissions.ts';

const BATCH = 500;
const ARCHIVE_WARNING_DAYS = 7;

async function generateToday(ctx: Ctx) {
  const day = todayOf(ctx);
  const weekday = isoWeekday(day);
  const start = startOfDayIn(day, ctx.app.config.timeZone);
  const routes = await ctx.tx
    .select({ r: patrolRoutes, orgPath: orgs.path })
    .from(patrolRoutes)
    .innerJoin(orgs, eq(orgs.id, patrolRoutes.orgId))
    .where(and(isNull(patrolRoutes.withdrawnAt), isNull(orgs.withdrawnAt), sql`${patrolRoutes.scheduleDays} @> ${JSON.stringify([weekday])}::jsonb`, sql`jsonb_array_length(${patrolRoutes.scheduleTimes}) > 0`));
  if (!routes.length) return;
  const existing = await ctx.tx.select({ routeId: patrols.routeId, at: patrols.scheduledAt }).from(patrols).where(and(eq(patrols.day, day), inArray(patrols.routeId, routes.map((r) => r.r.id))));
  const have = new Set(existing.map((e) => `${e.routeId} ${e.at?.getTime()}`));
  for (const { r, orgPath } of routes) {
    const missing = r.scheduleTimes.map((t) => localInstant(day, t, start)).filter((at) => !have.has(`${r.id} ${at.getTime()}`));
    if (!missing.length) continue;
    const cps = (await ctx.tx.select({ id: patrolCheckpoints.id }).from(patrolCheckpoints).where(and(eq(patrolCheckpoints.routeId, r.id), isNull(patrolCheckpoints.removedAt))).orderBy(patrolCheckpoints.seq)).map((c) => c.id);
    if (!cps.length) continue;
    const grace = (await patrolSettingsOf(ctx, orgPath)).startGraceMinutes;
    for (const at of missing) {
      const id = randomUUID();
      const made = await ctx.tx
        .insert(patrols)
        .values({ id, orgId: r.orgId, routeId: r.id, status: 'scheduled', scheduledAt: at, startDeadline: new Date(at.getTime() + grace * 60_000), day, checkpointIds: cps, createdAt: ctx.now, updatedAt: ctx.now })
        .onConflictDoNothing()
        .returning({ id: patrols.id });
      if (made.length) await audit(ctx, { action: 'patrols.schedule', targetType: 'patrol', targetId: id, targetLabel: `${r.name} ${day}`, orgId: r.orgId, detail: { scheduledAt: at.toISOString() } });
    }
  }
}

const notYet = (rule: string, target: ReturnType<typeof sql>, dueKey: ReturnType<typeof sql>) =>
  sql`not exists (select 1 from ${notifications} n where n.rule = ${rule} and n.target_id = ${target} and n.due_key = ${dueKey})`;

async function remindNotStarted(ctx: Ctx) {
  const key = sql`to_char(${patrols.scheduledAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const rows = await ctx.tx
    .select({ p: patrols, routeName: patrolRoutes.name, orgName: orgs.name, orgPath: orgs.path })
    .from(patrols)
    .innerJoin(patrolRoutes, eq(patrolRoutes.id, patrols.routeId))
    .innerJoin(orgs, eq(orgs.id, patrols.orgId))
    .where(and(eq(patrols.status, 'scheduled'), isNull(patrols.withdrawnAt), lt(patrols.startDeadline, ctx.now), notYet('patrol.not_started', sql`${patrols.id}`, key)))
    .limit(BATCH);
  for (const r of rows) {
    const recipients = [...(await holders(ctx, { roleCodes: ['guard'], orgPath: r.orgPath })), ...(await holders(ctx, { permission: PP.manage_routes, orgPath: r.orgPath }))];
    await notify(ctx, {
      rule: 'patrol.not_started',
      orgId: r.p.orgId,
      targetType: 'patrol',
      targetId: r.p.id,
      dueKey: r.p.scheduledAt!.toISOString(),
      recipients,
      messageCode: 'patrol.not_started',
      params: { route: r.routeName, unit: r.orgName, time: formatDateTime(r.p.scheduledAt, ctx.app.config.timeZone).slice(11) },
      link: `/patrols/${r.p.id}`,
    });
  }
}

const KIND_ZH = { opening: '营业前检查', closing: '营业后检查' } as const;

async function flagMissedChecks(ctx: Ctx) {
  const tz = ctx.app.config.timeZone;
  const day = dateIn(ctx.now, tz);
  const start = startOfDayIn(day, tz);
  const branches = await ctx.tx.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(and(eq(orgs.kind, 'branch'), isNull(orgs.withdrawnAt)));
  for (const b of branches) {
    const s = await patrolSettingsOf(ctx, b.path);
    for (const kind of ['opening', 'closing'] as const) {
      if (ctx.now.getTime() < localInstant(day, kind === 'opening' ? s.openingCheckBy : s.closingCheckBy, start).getTime()) continue;
      const [row] = await ctx.tx.select().from(openingChecks).where(and(eq(openingChecks.orgId, b.id), eq(openingChecks.day, day), eq(openingChecks.kind, kind), isNull(openingChecks.withdrawnAt)));
      if (row && (row.status === 'done' || row.missed)) continue;
      let id = row?.id;
      if (row) {
        await ctx.tx.update(openingChecks).set({ missed: true, updatedAt: ctx.now, version: sql`${openingChecks.version} + 1` }).where(eq(openingChecks.id, row.id));
      } else {
        id = randomUUID();
        const made = await ctx.tx.insert(openingChecks).values({ id, orgId: b.id, day, kind, status: 'missed', missed: true, items: [], createdAt: ctx.now, updatedAt: ctx.now }).onConflictDoNothing().returning({ id: openingChecks.id });
        if (!made.length) continue;
      }
      await audit(ctx, { action: 'opening_checks.missed', targetType: 'opening_check', targetId: id!, targetLabel: `${b.name} ${day} ${kind}`, orgId: b.id, detail: { day, kind, recorded: !!row } });
      await notify(ctx, {
        rule: 'opening_check.missed',
        orgId: b.id,
        targetType: 'opening_check',
        targetId: id!,
        dueKey: `${day}:${kind}`,
        recipients: await holders(ctx, { roleCodes: ['branch_head', 'security_officer'], orgPath: b.path }),
        messageCode: 'opening_check.missed',
        params: { unit: b.name, kind: KIND_ZH[kind], day },
        link: `/patrols/checks/${id}`,
      });
    }
  }
}

async function remindUnarchived(ctx: Ctx) {
  const soon = new Date(ctx.now.getTime() + ARCHIVE_WARNING_DAYS * 86_400_000);
  const rows = await ctx.tx
    .select({ m: monitoringLogs, orgName: orgs.name, orgPath: orgs.path })
    .from(monitoringLogs)
    .innerJoin(orgs, eq(orgs.id, monitoringLogs.orgId))
    .where(
      and(
        eq(monitoringLogs.kind, 'event'),
        isNull(monitoringLogs.withdrawnAt),
        sql`${monitoringLogs.retentionEndsAt} > ${ctx.now}`,
        lt(monitoringLogs.retentionEndsAt, soon),
        sql`not exists (select 1 from monitoring_logs a where a.org_id = ${monitoringLogs.orgId} and a.kind = 'archive' and a.withdrawn_at is null and a.from_at <= ${monitoringLogs.fromAt} and a.to_at >= coalesce(${monitoringLogs.toAt}, ${monitoringLogs.fromAt}))`,
        notYet('monitoring.unarchived', sql`${monitoringLogs.id}`, sql`'retention'`),
        ne(monitoringLogs.kind, 'archive'),
      ),
    )
    .limit(BATCH);
  for (const r of rows) {
    const days = Math.max(0, Math.ceil((r.m.retentionEndsAt!.getTime() - ctx.now.getTime()) / 86_400_000));
    await notify(ctx, {
      rule: 'monitoring.unarchived',
      orgId: r.m.orgId,
      targetType: 'monitoring_log',
      targetId: r.m.id,
      dueKey: 'retention',
      recipients: await holders(ctx, { permission: PP.monitor, orgPath: r.orgPath }),
      messageCode: 'monitoring.unarchived',
      params: { unit: r.orgName, from: formatDateTime(r.m.fromAt, ctx.app.config.timeZone), days },
      link: `/patrols/monitoring/${r.m.id}`,
    });
  }
}

export async function patrolSweep(ctx: Ctx): Promise<void> {
  await generateToday(ctx);
  await remindNotStarted(ctx);
  await flagMissedChecks(ctx);
  await remindUnarchived(ctx);
}

defineSweep({ name: 'patrols.sweep', run: patrolSweep });
