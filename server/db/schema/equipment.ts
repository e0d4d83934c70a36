// Security equipment and facilities (安防设施, EQP-01 … EQP-04): the equipment register (设备台账),
// maintenance plans (维护保养计划) and the tasks their sweep creates per equipment and period, and
// fault tickets (故障工单) from report to verified repair.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerColumns, ts } from './common.ts';
import { orgs, sites } from './orgs.ts';
import { users } from './users.ts';

export const EQUIPMENT_KINDS = [
  'camera',
  'intrusion_alarm',
  'access_control',
  'fire_extinguisher',
  'fire_alarm',
  'emergency_light',
  'ups',
  'bulletproof_glass',
  'electronic_fence',
  'communication',
] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];
export const EQUIPMENT_STATUSES = ['in_service', 'faulty', 'out_of_service', 'retired'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

export const equipment = pgTable(
  'equipment',
  {
    id: uuid('id').primaryKey(),
    /** The owning unit (所属单位). */
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    /** The cooperative whose series the number belongs to (SB-YYYY-NNNNNN is unique within it). */
    numberingOrgId: uuid('numbering_org_id').notNull().references(() => orgs.id),
    number: text('number').notNull(),
    kind: text('kind', { enum: EQUIPMENT_KINDS }).notNull(),
    name: text('name').notNull(),
    siteId: uuid('site_id').references(() => sites.id),
    location: text('location'),
    model: text('model'),
    serialNo: text('serial_no'),
    installedOn: date('installed_on', { mode: 'string' }),
    /** EQP-04: expiry of the item, its battery or its certificate. */
    expiresOn: date('expires_on', { mode: 'string' }),
    status: text('status', { enum: EQUIPMENT_STATUSES }).notNull(),
    notes: text('notes'),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('equipment_number_uq').on(t.numberingOrgId, t.number),
    index('equipment_org_status_idx').on(t.orgId, t.status),
    index('equipment_expires_idx').on(t.expiresOn).where(sql`${t.withdrawnAt} is null and ${t.status} <> 'retired'`),
    index('equipment_site_idx').on(t.siteId),
  ],
);

export const MAINTENANCE_TYPES = ['daily_check', 'quarterly_inspection', 'ups_test', 'aircon_reading'] as const;
export type MaintenanceType = (typeof MAINTENANCE_TYPES)[number];
export const MAINTENANCE_RECURRENCES = ['daily', 'weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type MaintenanceRecurrence = (typeof MAINTENANCE_RECURRENCES)[number];

export const maintenancePlans = pgTable(
  'maintenance_plans',
  {
    id: uuid('id').primaryKey(),
    /** The unit whose equipment (its subtree) the plan covers. */
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    type: text('type', { enum: MAINTENANCE_TYPES }).notNull(),
    /** Equipment kinds in scope (empty: every kind). */
    kinds: jsonb('kinds').$type<EquipmentKind[]>().notNull(),
    /** Only equipment at sites of this kind (e.g. machine rooms for air-conditioning readings). */
    siteKind: text('site_kind'),
    recurrence: text('recurrence', { enum: MAINTENANCE_RECURRENCES }).notNull(),
    assigneeId: uuid('assignee_id').notNull().references(() => users.id),
    remindDaysBefore: integer('remind_days_before').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    active: boolean('active').notNull().default(true),
    ...registerColumns(),
  },
  (t) => [index('maintenance_plans_org_idx').on(t.orgId)],
);

export const MAINTENANCE_RESULTS = ['ok', 'fault_found'] as const;
export type MaintenanceResult = (typeof MAINTENANCE_RESULTS)[number];
export const TASK_STATUSES = ['due', 'done'] as const;

export interface Readings {
  temperature?: number;
  humidity?: number;
  voltage?: number;
  dischargeMinutes?: number;
}

/** One task per plan, equipment and period (EQP-02): the unique key makes the sweep idempotent. */
export const maintenanceTasks = pgTable(
  'maintenance_tasks',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id').notNull().references(() => maintenancePlans.id),
    equipmentId: uuid('equipment_id').notNull().references(() => equipment.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    type: text('type', { enum: MAINTENANCE_TYPES }).notNull(),
    periodKey: text('period_key').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    assigneeId: uuid('assignee_id').notNull().references(() => users.id),
    status: text('status', { enum: TASK_STATUSES }).notNull(),
    result: text('result', { enum: MAINTENANCE_RESULTS }),
    readings: jsonb('readings').$type<Readings>(),
    note: text('note'),
    completedBy: uuid('completed_by').references(() => users.id),
    completedAt: ts('completed_at'),
    faultId: uuid('fault_id'),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('maintenance_tasks_period_uq').on(t.planId, t.equipmentId, t.periodKey),
    index('maintenance_tasks_due_idx').on(t.dueOn).where(sql`${t.status} = 'due' and ${t.withdrawnAt} is null`),
    index('maintenance_tasks_equipment_idx').on(t.equipmentId, t.dueOn),
    index('maintenance_tasks_org_idx').on(t.orgId, t.status),
  ],
);

export const FAULT_STATUSES = ['reported', 'assigned', 'fixed', 'closed'] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];
export const FAULT_SOURCES = ['report', 'patrol', 'inspection', 'maintenance'] as const;
export type FaultSource = (typeof FAULT_SOURCES)[number];

export const equipmentFaults = pgTable(
  'equipment_faults',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    numberingOrgId: uuid('numbering_org_id').notNull().references(() => orgs.id),
    number: text('number').notNull(),
    equipmentId: uuid('equipment_id').notNull().references(() => equipment.id),
    description: text('description').notNull(),
    /** The reporter says the equipment cannot be used at all (停用) rather than faulty. */
    outOfService: boolean('out_of_service').notNull().default(false),
    serious: boolean('serious').notNull().default(false),
    source: text('source', { enum: FAULT_SOURCES }).notNull(),
    /** The patrol, inspection or maintenance task it came from. */
    sourceId: uuid('source_id'),
    status: text('status', { enum: FAULT_STATUSES }).notNull(),
    reportedBy: uuid('reported_by').notNull().references(() => users.id),
    reportedAt: ts('reported_at').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    assignedBy: uuid('assigned_by').references(() => users.id),
    assignedAt: ts('assigned_at'),
    fixedBy: uuid('fixed_by').references(() => users.id),
    fixedAt: ts('fixed_at'),
    fixNote: text('fix_note'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: ts('verified_at'),
    verificationNote: text('verification_note'),
    closedAt: ts('closed_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    reopenReason: text('reopen_reason'),
    /** The hazard a serious fault opened (hazards service). */
    hazardId: uuid('hazard_id'),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('equipment_faults_number_uq').on(t.numberingOrgId, t.number),
    index('equipment_faults_equipment_idx').on(t.equipmentId),
    index('equipment_faults_open_idx').on(t.orgId, t.status).where(sql`${t.status} <> 'closed' and ${t.withdrawnAt} is null`),
  ],
);
