// Inspections (INS-01 … INS-05): versioned checklist templates, plans that generate due inspections,
// and inspection records (《安全检查记录表》) with per-item results and signatures.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerColumns, ts } from './common.ts';
import { HAZARD_CATEGORIES, HAZARD_GRADES, hazards } from './hazards.ts';
import { orgs, sites } from './orgs.ts';
import { users } from './users.ts';

export const INSPECTION_METHODS = ['onsite', 'technical', 'documents'] as const;
export type InspectionMethod = (typeof INSPECTION_METHODS)[number];
export const TEMPLATE_KINDS = ['business_hall', 'machine_room', 'vault', 'fire', 'atm', 'network', 'personnel', 'other'] as const;

export interface TemplateItem {
  key: string;
  text: string;
  textEn: string;
  standard: string;
  standardEn: string;
  method: InspectionMethod;
  category: (typeof HAZARD_CATEGORIES)[number];
  defaultGrade: (typeof HAZARD_GRADES)[number];
}
export interface TemplateSection {
  title: string;
  titleEn: string;
  items: TemplateItem[];
}

/**
 * A template version. Editing a template makes a new row with the same family and version + 1; the
 * previous version stays (records keep the version they used) and is no longer current.
 */
export const inspectionTemplates = pgTable(
  'inspection_templates',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    familyId: uuid('family_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    current: boolean('current').notNull(),
    kind: text('kind', { enum: TEMPLATE_KINDS }).notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    sections: jsonb('sections').notNull().$type<TemplateSection[]>(),
    /** Shipped with Anbao (built from the regulations) rather than written by the org. */
    shipped: boolean('shipped').notNull().default(false),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('inspection_templates_family_version_uq').on(t.familyId, t.templateVersion),
    uniqueIndex('inspection_templates_family_current_uq').on(t.familyId).where(sql`${t.current}`),
    index('inspection_templates_org_idx').on(t.orgId),
  ],
);

export const RECURRENCES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'once'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const inspectionPlans = pgTable(
  'inspection_plans',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    templateFamilyId: uuid('template_family_id').notNull(),
    /** Units inspected (each unit itself, not its subtree) and/or sites. */
    scopeOrgIds: jsonb('scope_org_ids').notNull().$type<string[]>(),
    scopeSiteIds: jsonb('scope_site_ids').notNull().$type<string[]>(),
    recurrence: text('recurrence', { enum: RECURRENCES }).notNull(),
    /** Unannounced: the inspected unit is not told in advance (no reminder to it). */
    unannounced: boolean('unannounced').notNull().default(false),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on'),
    /** Days an inspection may take from the start of its period. */
    durationDays: integer('duration_days').notNull(),
    leaderId: uuid('leader_id').notNull().references(() => users.id),
    memberIds: jsonb('member_ids').notNull().$type<string[]>(),
    active: boolean('active').notNull().default(true),
    /** The last period the scheduler generated (e.g. "2026-11"). */
    generatedThrough: text('generated_through'),
    ...registerColumns(),
  },
  (t) => [index('inspection_plans_org_idx').on(t.orgId), index('inspection_plans_active_idx').on(t.active)],
);

export const INSPECTION_STATUSES = ['planned', 'in_progress', 'submitted'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const SIGNATURE_METHODS = ['drawn', 'password', 'account'] as const;

export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey(),
    /** The inspected unit. */
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    numberingOrgId: uuid('numbering_org_id').notNull().references(() => orgs.id),
    number: text('number').notNull(),
    siteId: uuid('site_id').references(() => sites.id),
    planId: uuid('plan_id').references(() => inspectionPlans.id),
    /** Period of the plan this inspection belongs to ("2026-11", "2026-Q4", "2026-W47", "2026-11-23"). */
    periodKey: text('period_key'),
    templateId: uuid('template_id').notNull().references(() => inspectionTemplates.id),
    status: text('status', { enum: INSPECTION_STATUSES }).notNull(),
    unannounced: boolean('unannounced').notNull().default(false),
    scheduledFor: text('scheduled_for').notNull(),
    dueAt: ts('due_at').notNull(),
    leaderId: uuid('leader_id').notNull().references(() => users.id),
    memberIds: jsonb('member_ids').notNull().$type<string[]>(),
    startedAt: ts('started_at'),
    startedBy: uuid('started_by').references(() => users.id),
    location: text('location'),
    summary: text('summary'),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    inspectorSignedBy: uuid('inspector_signed_by').references(() => users.id),
    inspectorSignedAt: ts('inspector_signed_at'),
    inspectorSignMethod: text('inspector_sign_method', { enum: SIGNATURE_METHODS }),
    inspectorSignatureId: uuid('inspector_signature_id'),
    unitSignedBy: uuid('unit_signed_by').references(() => users.id),
    unitSignerName: text('unit_signer_name'),
    unitSignedAt: ts('unit_signed_at'),
    unitSignMethod: text('unit_sign_method', { enum: SIGNATURE_METHODS }),
    unitSignatureId: uuid('unit_signature_id'),
    /** Set once by the scheduler when the due time passed unsubmitted. */
    overdueAt: ts('overdue_at'),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('inspections_number_uq').on(t.numberingOrgId, t.number),
    // One inspection per plan, unit, site and period. A unit-scoped inspection has no site, and NULLs
    // never conflict in a unique index, so the site is coalesced; ad-hoc inspections (no plan) are exempt.
    uniqueIndex('inspections_plan_period_uq')
      .on(t.planId, t.orgId, sql`coalesce(${t.siteId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.periodKey)
      .where(sql`${t.planId} is not null`),
    index('inspections_org_status_idx').on(t.orgId, t.status, t.dueAt),
    index('inspections_due_idx').on(t.dueAt).where(sql`${t.status} <> 'submitted' and ${t.withdrawnAt} is null`),
    index('inspections_leader_idx').on(t.leaderId),
    // "My inspections due" (RPT-02) reads only the leader's unsubmitted records; the overdue sweep
    // (INS-02) only those not yet marked overdue.
    index('inspections_open_leader_idx').on(t.leaderId, t.dueAt).where(sql`${t.status} <> 'submitted' and ${t.withdrawnAt} is null`),
    index('inspections_overdue_pending_idx').on(t.dueAt).where(sql`${t.status} <> 'submitted' and ${t.withdrawnAt} is null and ${t.overdueAt} is null`),
    // "Mine" (leader or member, INS-03) without scanning the records: the dashboard's inspections due.
    // fastupdate off: with GIN's default, new entries wait in a pending list that every search reads
    // through until a vacuum merges it — 30,000 of them made each dashboard's look-up 2.6 ms instead
    // of 0.1 ms on the provincial data. Inspections are written far less often than dashboards read.
    index('inspections_members_idx').using('gin', t.memberIds.op('jsonb_path_ops')).with({ fastupdate: false }),
  ],
);

export const ITEM_RESULTS = ['pass', 'fail', 'na'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

export const inspectionResults = pgTable(
  'inspection_results',
  {
    id: uuid('id').primaryKey(),
    inspectionId: uuid('inspection_id').notNull().references(() => inspections.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    itemKey: text('item_key').notNull(),
    result: text('result', { enum: ITEM_RESULTS }).notNull(),
    note: text('note'),
    /** For a failed item: the grade the inspector confirmed, and the hazard it opened at submission. */
    grade: text('grade', { enum: HAZARD_GRADES }),
    hazardId: uuid('hazard_id').references(() => hazards.id),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [uniqueIndex('inspection_results_item_uq').on(t.inspectionId, t.itemKey), index('inspection_results_hazard_idx').on(t.hazardId)],
);
