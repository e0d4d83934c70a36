// Presenters: explicit output fields, names of the people involved, derived flags, allowedActions.
import type { equipmentFaults, maintenancePlans, maintenanceTasks } from '../../db/schema/index.ts';
import { iso, recordMeta } from '../../platform/access/records.ts';
import { can } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { daysBetween } from '../../platform/time.ts';
import { ref, today } from './common.ts';
import { EP } from './permissions.ts';
import { faultActions, taskActions } from './policy.ts';
import type { EquipmentRow } from './repository.ts';

export function presentEquipment(ctx: Ctx, r: EquipmentRow) {
  const e = r.e;
  const live = !e.withdrawnAt;
  const at = (perm: string) => can(ctx.actor, perm, r.orgPath);
  const actions: string[] = [];
  if (live && at(EP.manage)) actions.push('edit', 'withdraw');
  if (live && e.status !== 'retired' && at(EP.report_fault)) actions.push('reportFault');
  if (at(EP.read)) actions.push('print');
  return {
    id: e.id,
    number: e.number,
    kind: e.kind,
    name: e.name,
    orgId: e.orgId,
    orgName: r.orgName,
    siteId: e.siteId,
    siteName: r.siteName,
    location: e.location,
    model: e.model,
    serialNo: e.serialNo,
    installedOn: e.installedOn,
    expiresOn: e.expiresOn,
    daysToExpiry: e.expiresOn ? daysBetween(today(ctx), e.expiresOn) : null,
    status: e.status,
    notes: e.notes,
    openFaults: Number(r.openFaults),
    overdueTasks: Number(r.overdueTasks),
    ...recordMeta(e),
    allowedActions: live ? actions : actions.filter((a) => a === 'print'),
  };
}

type PlanRow = typeof maintenancePlans.$inferSelect;
export function presentPlan(ctx: Ctx, p: PlanRow, orgName: string, orgPath: string, names: Map<string, string>) {
  const manage = !p.withdrawnAt && can(ctx.actor, EP.plan, orgPath);
  return {
    id: p.id,
    orgId: p.orgId,
    orgName,
    name: p.name,
    type: p.type,
    kinds: p.kinds,
    siteKind: p.siteKind as never,
    recurrence: p.recurrence,
    assignee: ref(names, p.assigneeId),
    remindDaysBefore: p.remindDaysBefore,
    startsOn: p.startsOn,
    active: p.active,
    ...recordMeta(p),
    allowedActions: manage ? ['edit', 'withdraw'] : [],
  };
}

export interface TaskRow {
  t: typeof maintenanceTasks.$inferSelect;
  planName: string;
  equipmentNumber: string;
  equipmentName: string;
  equipmentKind: (typeof import('../../db/schema/equipment.ts').EQUIPMENT_KINDS)[number];
  orgName: string;
  orgPath: string;
}

export function presentTask(ctx: Ctx, r: TaskRow, names: Map<string, string>) {
  const t = r.t;
  return {
    id: t.id,
    planId: t.planId,
    planName: r.planName,
    equipmentId: t.equipmentId,
    equipmentNumber: r.equipmentNumber,
    equipmentName: r.equipmentName,
    equipmentKind: r.equipmentKind,
    orgId: t.orgId,
    orgName: r.orgName,
    type: t.type,
    periodKey: t.periodKey,
    dueOn: t.dueOn,
    overdue: t.status === 'due' && !t.withdrawnAt && t.dueOn < today(ctx),
    assignee: ref(names, t.assigneeId),
    status: t.status,
    result: t.result,
    readings: t.readings ?? null,
    note: t.note,
    completedBy: ref(names, t.completedBy),
    completedAt: iso(t.completedAt),
    faultId: t.faultId,
    ...recordMeta(t),
    allowedActions: taskActions(ctx, t, r.orgPath),
  };
}

export const taskPeople = (r: TaskRow) => [r.t.assigneeId, r.t.completedBy];

export interface FaultRow {
  f: typeof equipmentFaults.$inferSelect;
  equipmentNumber: string;
  equipmentName: string;
  equipmentKind: TaskRow['equipmentKind'];
  equipmentStatus: 'in_service' | 'faulty' | 'out_of_service' | 'retired';
  orgName: string;
  orgPath: string;
}

export const faultPeople = (r: FaultRow) => [r.f.reportedBy, r.f.assigneeId, r.f.fixedBy, r.f.verifiedBy];

export function presentFault(ctx: Ctx, r: FaultRow, names: Map<string, string>) {
  const f = r.f;
  return {
    id: f.id,
    number: f.number,
    equipmentId: f.equipmentId,
    equipmentNumber: r.equipmentNumber,
    equipmentName: r.equipmentName,
    equipmentKind: r.equipmentKind,
    equipmentStatus: r.equipmentStatus,
    orgId: f.orgId,
    orgName: r.orgName,
    description: f.description,
    outOfService: f.outOfService,
    serious: f.serious,
    source: f.source,
    sourceId: f.sourceId,
    status: f.status,
    reportedBy: ref(names, f.reportedBy),
    reportedAt: f.reportedAt.toISOString(),
    assignee: ref(names, f.assigneeId),
    assignedAt: iso(f.assignedAt),
    fixedBy: ref(names, f.fixedBy),
    fixedAt: iso(f.fixedAt),
    fixNote: f.fixNote,
    verifiedBy: ref(names, f.verifiedBy),
    verifiedAt: iso(f.verifiedAt),
    verificationNote: f.verificationNote,
    closedAt: iso(f.closedAt),
    reopenCount: f.reopenCount,
    reopenReason: f.reopenReason,
    hazardId: f.hazardId,
    ...recordMeta(f),
    allowedActions: faultActions(ctx, f, r.orgPath),
  };
}
