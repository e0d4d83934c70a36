// Maintenance plans and tasks (维护保养, EQP-02): a plan names the kind of work (daily check by the
// security officer, quarterly inspection by an engineer, UPS charge/discharge test, air-conditioning
// readings in machine rooms), the equipment in scope (kinds, site kind, unit subtree), how often and
// who; the sweep (sweeps.ts) creates one task per equipment and period. Completing a task records the
// result, readings, note and photos; "fault found" opens a fault ticket (EQP-03).
import { and, eq, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { maintenancePlans, maintenanceTasks, orgs } from '../../db/schema/index.ts';
import type { EquipmentKind, MaintenanceRecurrence, MaintenanceResult, MaintenanceType, Readings } from '../../db/schema/equipment.ts';
import type { SiteKind } from '../../db/schema/orgs.ts';
import { can, inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { listForOwner, linkAttachments } from '../../platform/files/service.ts';
import { conflict, forbidden, invalidField, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { sql } from 'drizzle-orm';
import { peopleNames, requireEligiblePerson } from './common.ts';
import { openFault } from './faults.ts';
import { EP } from './permissions.ts';
import { mayComplete } from './policy.ts';
import { presentPlan } from './present.ts';
import { generatePlanTasks } from './sweeps.ts';
import { planRows, planSelect, presentTasks, selectTasks } from './tasks-repository.ts';

// ---- plans ----

async function visiblePlan(ctx: Ctx, id: string) {
  const [r] = await planSelect(ctx).where(eq(maintenancePlans.id, id));
  if (!r) throw notFound('MAINTENANCE_PLAN_NOT_FOUND');
  if (!can(requireActor(ctx), EP.read, r.orgPath)) throw notFound('MAINTENANCE_PLAN_NOT_FOUND', { action: EP.read, targetType: 'maintenance_plan', targetId: id, orgId: r.p.orgId, reason: 'out of scope' });
  return r;
}

export async function getPlan(ctx: Ctx, id: string) {
  const r = await visiblePlan(ctx, id);
  return presentPlan(ctx, r.p, r.orgName, r.orgPath, await peopleNames(ctx.tx, [r.p.assigneeId]));
}

export async function listPlans(ctx: Ctx, q: { orgId?: string; type?: MaintenanceType; includeWithdrawn?: boolean; sort?: string }, p: PageParams) {
  const c: SQL[] = [inSubtrees(maintenancePlans.orgId, scopePaths(requireActor(ctx), EP.read))];
  if (!q.includeWithdrawn) c.push(sql`${maintenancePlans.withdrawnAt} is null`);
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId)).path));
  if (q.type) c.push(eq(maintenancePlans.type, q.type));
  const { rows, total } = await planRows(ctx, and(...c)!, p, q.sort);
  const names = await peopleNames(ctx.tx, rows.map((r) => r.p.assigneeId));
  return pageOf(rows.map((r) => presentPlan(ctx, r.p, r.orgName, r.orgPath, names)), total, p);
}

export interface PlanInput {
  orgId: string;
  name: string;
  type: MaintenanceType;
  kinds?: EquipmentKind[];
  siteKind?: SiteKind | null;
  recurrence: MaintenanceRecurrence;
  assigneeId: string;
  remindDaysBefore?: number;
  startsOn: string;
}

/** The readings each type of work must record (EQP-02). */
export const REQUIRED_READINGS: Partial<Record<MaintenanceType, Array<keyof Readings>>> = {
  aircon_reading: ['temperature', 'humidity'],
  ups_test: ['dischargeMinutes'],
};

export async function createPlan(ctx: Ctx, input: PlanInput) {
  const actor = requireActor(ctx);
  const unit = await visibleOrg(ctx, input.orgId);
  if (!can(actor, EP.plan, unit.path)) throw forbidden('FORBIDDEN', { action: EP.plan, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (unit.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  await requireEligiblePerson(ctx, input.assigneeId, unit.path, 'assigneeId');
  const id = randomUUID();
  await ctx.tx.insert(maintenancePlans).values({
    id,
    orgId: unit.id,
    name: input.name,
    type: input.type,
    kinds: input.kinds ?? [],
    siteKind: input.siteKind ?? null,
    recurrence: input.recurrence,
    assigneeId: input.assigneeId,
    remindDaysBefore: input.remindDaysBefore ?? 1,
    startsOn: input.startsOn,
    active: true,
    createdAt: ctx.now,
    createdBy: actor.userId,
    updatedAt: ctx.now,
    updatedBy: actor.userId,
  });
  await audit(ctx, { action: 'maintenance_plans.create', targetType: 'maintenance_plan', targetId: id, targetLabel: input.name, orgId: unit.id, detail: { type: input.type, recurrence: input.recurrence, kinds: input.kinds ?? [] } });
  // The current period's tasks at once (the sweep does the same every minute; idempotent).
  await generatePlanTasks(ctx, id);
  return getPlan(ctx, id);
}

const PLAN_FIELDS = ['name', 'kinds', 'siteKind', 'assigneeId', 'remindDaysBefore', 'active', 'withdrawnReason'] as const;

export async function updatePlan(ctx: Ctx, id: string, patch: Partial<Pick<PlanInput, 'name' | 'kinds' | 'siteKind' | 'assigneeId' | 'remindDaysBefore'>> & { active?: boolean }, version: number) {
  const r = await visiblePlan(ctx, id);
  if (!can(ctx.actor, EP.plan, r.orgPath)) throw forbidden('FORBIDDEN', { action: EP.plan, targetType: 'maintenance_plan', targetId: id, orgId: r.p.orgId });
  if (r.p.withdrawnAt) throw invalidState('withdrawn');
  if (patch.assigneeId) await requireEligiblePerson(ctx, patch.assigneeId, r.orgPath, 'assigneeId');
  const after = await updateVersioned(ctx.tx, maintenancePlans, id, version, { ...patch, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'maintenance_plans.update', targetType: 'maintenance_plan', targetId: id, targetLabel: r.p.name, orgId: r.p.orgId, changes: diff(r.p, after, PLAN_FIELDS) });
  return getPlan(ctx, id);
}

export async function withdrawPlan(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const r = await visiblePlan(ctx, id);
  if (!can(ctx.actor, EP.plan, r.orgPath)) throw forbidden('FORBIDDEN', { action: EP.plan, targetType: 'maintenance_plan', targetId: id, orgId: r.p.orgId });
  if (r.p.withdrawnAt) throw invalidState('withdrawn');
  const after = await updateVersioned(ctx.tx, maintenancePlans, id, version ?? r.p.version, { active: false, withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'maintenance_plans.withdraw', targetType: 'maintenance_plan', targetId: id, targetLabel: r.p.name, orgId: r.p.orgId, changes: diff(r.p, after, PLAN_FIELDS), detail: { reason } });
  return getPlan(ctx, id);
}

// ---- tasks ----

export async function visibleTask(ctx: Ctx, id: string) {
  const [r] = await selectTasks(ctx).where(eq(maintenanceTasks.id, id));
  if (!r) throw notFound('MAINTENANCE_TASK_NOT_FOUND');
  if (!can(requireActor(ctx), EP.read, r.orgPath)) throw notFound('MAINTENANCE_TASK_NOT_FOUND', { action: EP.read, targetType: 'maintenance_task', targetId: id, orgId: r.t.orgId, reason: 'out of scope' });
  return r;
}

export async function getTask(ctx: Ctx, id: string) {
  const r = await visibleTask(ctx, id);
  const [task] = await presentTasks(ctx, [r]);
  return { ...task, photos: await listForOwner(ctx, 'maintenance_task', id, false) };
}

export interface CompleteInput {
  result: MaintenanceResult;
  readings?: Readings;
  note?: string | null;
  faultDescription?: string | null;
  outOfService?: boolean;
  attachmentIds?: string[];
  version?: number;
}

/** EQP-02: records the check; a fault found opens a ticket (EQP-03) linked both ways. */
export async function completeTask(ctx: Ctx, id: string, b: CompleteInput) {
  const r = await visibleTask(ctx, id);
  if (!can(ctx.actor, EP.maintain, r.orgPath)) throw forbidden('FORBIDDEN', { action: EP.maintain, targetType: 'maintenance_task', targetId: id, orgId: r.t.orgId });
  if (r.t.withdrawnAt) throw invalidState('withdrawn');
  if (r.t.status !== 'due') throw invalidState(r.t.status);
  if (!mayComplete(ctx, r.t, r.orgPath)) throw forbidden('FORBIDDEN', { action: EP.maintain, targetType: 'maintenance_task', targetId: id, orgId: r.t.orgId, reason: 'not the assignee' });
  const missing = (REQUIRED_READINGS[r.t.type] ?? []).filter((k) => b.readings?.[k] === undefined);
  if (missing.length) throw ruleRefused('READINGS_REQUIRED', { fields: missing.join(', ') }, missing.map((k) => ({ path: `readings.${k}`, code: 'READINGS_REQUIRED' })));
  if (b.result === 'fault_found' && !b.faultDescription?.trim()) throw invalidField('faultDescription', 'FAULT_DESCRIPTION_REQUIRED');
  const after = await updateVersioned(ctx.tx, maintenanceTasks, id, b.version ?? r.t.version, {
    status: 'done',
    result: b.result,
    readings: b.readings ?? null,
    note: b.note ?? null,
    completedBy: ctx.actor!.userId,
    completedAt: ctx.now,
    updatedAt: ctx.now,
    updatedBy: ctx.actor!.userId,
  });
  await linkAttachments(ctx, b.attachmentIds ?? [], { type: 'maintenance_task', id, orgId: r.t.orgId });
  await audit(ctx, {
    action: 'maintenance_tasks.complete',
    targetType: 'maintenance_task',
    targetId: id,
    targetLabel: `${r.equipmentNumber} ${r.equipmentName} ${r.t.periodKey}`,
    orgId: r.t.orgId,
    changes: diff(r.t, after, ['status', 'result', 'readings', 'note'] as const),
  });
  if (b.result === 'fault_found') {
    const f = await openFault(ctx, { equipmentId: r.t.equipmentId, description: b.faultDescription!, outOfService: b.outOfService, source: 'maintenance', sourceId: id, attachmentIds: [] });
    await ctx.tx.update(maintenanceTasks).set({ faultId: f.id }).where(eq(maintenanceTasks.id, id));
  }
  return getTask(ctx, id);
}
