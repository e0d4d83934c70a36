// The equipment sweeps, run by the platform scheduler once a minute on one instance at a time:
// - EQP-02 tasks: each active plan gets one task per equipment in scope for the current period
//   (idempotent: the unique key (plan, equipment, period) and ON CONFLICT DO NOTHING);
// - EQP-02 reminders: the assignee hears before the due day (the plan's remindDaysBefore) and once
//   the task is overdue (with the unit's equipment managers) — each exactly once per task (the notice
//   key (rule, task, due day, recipient) is unique);
// - EQP-04 expiry: the unit's security officers and heads hear N days ahead (N per kind in the org
//   settings) and on expiry, exactly once per threshold and expiry date.
import { and, eq, inArray, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { equipment, maintenancePlans, maintenanceTasks, notifications, orgs, sites } from '../../db/schema/index.ts';
import type { MaintenanceRecurrence } from '../../db/schema/equipment.ts';
import type { Ctx } from '../../platform/context.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { defineSweep } from '../../platform/scheduler/registry.ts';
import { effectiveSettings } from '../../platform/settings/service.ts';
import { addDays, daysBetween } from '../../platform/time.ts';
import { periodOf } from '../inspections/periods.ts';
import { equipmentLink, taskLink, today } from './common.ts';
import { EP } from './permissions.ts';
import type { EquipmentExpirySettings } from './settings.ts';
import { pathWithin } from '../../platform/access/scope.ts';

const BATCH = 500;

/** The period of `recurrence` containing `day`: its key (sorts in time order) and last day (the due day). */
export function maintenancePeriod(recurrence: MaintenanceRecurrence, day: string): { key: string; end: string } {
  if (recurrence === 'half_yearly') {
    const [y, m] = day.split('-').map(Number);
    return m <= 6 ? { key: `${y}-H1`, end: `${y}-06-30` } : { key: `${y}-H2`, end: `${y}-12-31` };
  }
  const p = periodOf(recurrence, day);
  return { key: p.key, end: p.end };
}

/** EQP-02: creates the current period's tasks of one plan; returns how many were created. */
export async function generatePlanTasks(ctx: Ctx, planId: string): Promise<number> {
  const [plan] = await ctx.tx.select().from(maintenancePlans).where(eq(maintenancePlans.id, planId));
  const day = today(ctx);
  if (!plan || !plan.active || plan.withdrawnAt || plan.startsOn > day) return 0;
  const [unit] = await ctx.tx.select({ path: orgs.path, withdrawnAt: orgs.withdrawnAt }).from(orgs).where(eq(orgs.id, plan.orgId));
  if (!unit || unit.withdrawnAt) return 0;
  const period = maintenancePeriod(plan.recurrence, day);
  const conds = [
    pathWithin(orgs.path, unit.path),
    isNull(equipment.withdrawnAt),
    ne(equipment.status, 'retired'),
    sql`not exists (select 1 from ${maintenanceTasks} mt where mt.plan_id = ${plan.id} and mt.equipment_id = ${equipment.id} and mt.period_key = ${period.key})`,
  ];
  if (plan.kinds.length) conds.push(inArray(equipment.kind, plan.kinds));
  if (plan.siteKind) conds.push(eq(sites.kind, plan.siteKind as never));
  const targets = await ctx.tx
    .select({ id: equipment.id, orgId: equipment.orgId })
    .from(equipment)
    .innerJoin(orgs, eq(orgs.id, equipment.orgId))
    .leftJoin(sites, eq(sites.id, equipment.siteId))
    .where(and(...conds));
  if (!targets.length) return 0;
  const created = await ctx.tx
    .insert(maintenanceTasks)
    .values(
      targets.map((t) => ({
        id: randomUUID(),
        planId: plan.id,
        equipmentId: t.id,
        orgId: t.orgId,
        type: plan.type,
        periodKey: period.key,
        dueOn: period.end,
        assigneeId: plan.assigneeId,
        status: 'due' as const,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: maintenanceTasks.id });
  return created.length;
}

export async function generateAllTasks(ctx: Ctx): Promise<number> {
  const plans = await ctx.tx.select({ id: maintenancePlans.id }).from(maintenancePlans).where(and(eq(maintenancePlans.active, true), isNull(maintenancePlans.withdrawnAt)));
  let n = 0;
  for (const p of plans) n += await generatePlanTasks(ctx, p.id);
  return n;
}

const notYet = (rule: string, target: ReturnType<typeof sql>, dueKey: ReturnType<typeof sql>) =>
  sql`not exists (select 1 from ${notifications} n where n.rule = ${rule} and n.target_id = ${target} and n.due_key = ${dueKey})`;

const TYPE_LABEL: Record<string, string> = { daily_check: '日常检查', quarterly_inspection: '季度检测', ups_test: 'UPS 充放电试验', aircon_reading: '空调温湿度记录' };

/** EQP-02: due-soon and overdue reminders, each once per task. */
export async function taskReminders(ctx: Ctx): Promise<void> {
  const day = today(ctx);
  const dueKey = sql`${maintenanceTasks.dueOn}::text`;
  const open = and(eq(maintenanceTasks.status, 'due'), isNull(maintenanceTasks.withdrawnAt), isNull(equipment.withdrawnAt))!;
  const base = () =>
    ctx.tx
      .select({ t: maintenanceTasks, remind: maintenancePlans.remindDaysBefore, number: equipment.number, name: equipment.name, orgPath: orgs.path })
      .from(maintenanceTasks)
      .innerJoin(maintenancePlans, eq(maintenancePlans.id, maintenanceTasks.planId))
      .innerJoin(equipment, eq(equipment.id, maintenanceTasks.equipmentId))
      .innerJoin(orgs, eq(orgs.id, maintenanceTasks.orgId));
  // Due soon: from remindDaysBefore days ahead through the due day itself.
  const soon = await base()
    .where(and(open, sql`${maintenanceTasks.dueOn} >= ${day}::date`, sql`${maintenanceTasks.dueOn} <= ${day}::date + ${maintenancePlans.remindDaysBefore}`, notYet('equipment.task_due_soon', sql`${maintenanceTasks.id}`, dueKey)))
    .limit(BATCH);
  for (const c of soon) {
    const params = { number: c.number, name: c.name, type: TYPE_LABEL[c.t.type], due: c.t.dueOn };
    await notify(ctx, { rule: 'equipment.task_due_soon', orgId: c.t.orgId, targetType: 'maintenance_task', targetId: c.t.id, dueKey: c.t.dueOn, recipients: [c.t.assigneeId], messageCode: 'equipment.task_due_soon', params, link: taskLink(c.t.id) });
  }
  // Overdue: the assignee and the unit's equipment managers, once.
  const late = await base()
    .where(and(open, sql`${maintenanceTasks.dueOn} < ${day}::date`, notYet('equipment.task_overdue', sql`${maintenanceTasks.id}`, dueKey)))
    .limit(BATCH);
  for (const c of late) {
    const params = { number: c.number, name: c.name, type: TYPE_LABEL[c.t.type], due: c.t.dueOn };
    const recipients = [c.t.assigneeId, ...(await holders(ctx, { permission: EP.manage, orgPath: c.orgPath }))];
    await notify(ctx, { rule: 'equipment.task_overdue', orgId: c.t.orgId, targetType: 'maintenance_task', targetId: c.t.id, dueKey: c.t.dueOn, recipients, messageCode: 'equipment.task_overdue', params, link: taskLink(c.t.id) });
  }
}

/** EQP-04: expiry notices, N days ahead (per kind, per org) and on expiry, each once per expiry date. */
export async function expiryAlerts(ctx: Ctx): Promise<void> {
  const day = today(ctx);
  const cache = new Map<string, EquipmentExpirySettings>();
  const inUse = and(isNull(equipment.withdrawnAt), ne(equipment.status, 'retired'), isNotNull(equipment.expiresOn))!;
  const rows = await ctx.tx
    .select({ e: equipment, orgPath: orgs.path, orgName: orgs.name })
    .from(equipment)
    .innerJoin(orgs, eq(orgs.id, equipment.orgId))
    .where(
      and(
        inUse,
        lte(equipment.expiresOn, addDays(day, 365)),
        sql`((${equipment.expiresOn} >= ${day}::date and ${notYet('equipment.expiring', sql`${equipment.id}`, sql`'ahead:' || ${equipment.expiresOn}::text`)}) or (${equipment.expiresOn} < ${day}::date and ${notYet('equipment.expired', sql`${equipment.id}`, sql`'expired:' || ${equipment.expiresOn}::text`)}))`,
      ),
    )
    .orderBy(equipment.expiresOn)
    .limit(BATCH);
  for (const r of rows) {
    if (!cache.has(r.orgPath)) cache.set(r.orgPath, (await effectiveSettings(ctx.tx, r.orgPath)).equipmentExpiry as EquipmentExpirySettings);
    const lead = cache.get(r.orgPath)![r.e.kind];
    const left = daysBetween(day, r.e.expiresOn!);
    const expired = left < 0;
    if (!expired && left > lead) continue;
    const recipients = [...(await holders(ctx, { roleCodes: ['security_officer', 'security_head', 'branch_head'], orgPath: r.orgPath }))];
    const rule = expired ? 'equipment.expired' : 'equipment.expiring';
    const params = { number: r.e.number, name: r.e.name, unit: r.orgName, expires: r.e.expiresOn, days: left };
    // An item found already expired gets the expiry notice only (the advance notice is past).
    await notify(ctx, { rule, orgId: r.e.orgId, targetType: 'equipment', targetId: r.e.id, dueKey: `${expired ? 'expired' : 'ahead'}:${r.e.expiresOn}`, recipients, messageCode: rule, params, link: equipmentLink(r.e.id) });
  }
}

defineSweep({ name: 'equipment.tasks', run: async (ctx) => void (await generateAllTasks(ctx)) });
defineSweep({ name: 'equipment.reminders', run: taskReminders });
defineSweep({ name: 'equipment.expiry', run: expiryAlerts });
