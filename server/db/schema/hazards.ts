// Hazards and rectification (HAZ-01 … HAZ-08): the register (隐患整改台账), its timeline of steps with
// evidence, and deadline-extension requests approved by the security head.
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerColumns, ts } from './common.ts';
import { orgs, sites } from './orgs.ts';
import { users } from './users.ts';

export const HAZARD_CATEGORIES = ['physical', 'network', 'fire', 'personnel', 'other'] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];
export const HAZARD_SOURCES = ['inspection', 'patrol', 'report', 'audit', 'assessment', 'other'] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];
export const HAZARD_GRADES = ['general', 'significant', 'major'] as const;
export type HazardGrade = (typeof HAZARD_GRADES)[number];
export const HAZARD_STATUSES = ['reported', 'assessed', 'rectifying', 'rectified', 'closed'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export const hazards = pgTable(
  'hazards',
  {
    id: uuid('id').primaryKey(),
    /** The responsible unit (责任单位). */
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    /** The cooperative whose number series the hazard belongs to (YH-YYYY-NNNNNN is unique within it). */
    numberingOrgId: uuid('numbering_org_id').notNull().references(() => orgs.id),
    number: text('number').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    category: text('category', { enum: HAZARD_CATEGORIES }).notNull(),
    source: text('source', { enum: HAZARD_SOURCES }).notNull(),
    siteId: uuid('site_id').references(() => sites.id),
    location: text('location'),
    grade: text('grade', { enum: HAZARD_GRADES }),
    status: text('status', { enum: HAZARD_STATUSES }).notNull(),
    dueAt: ts('due_at'),
    interimMeasures: text('interim_measures'),
    reportedBy: uuid('reported_by').notNull().references(() => users.id),
    reportedAt: ts('reported_at').notNull(),
    assessedBy: uuid('assessed_by').references(() => users.id),
    assessedAt: ts('assessed_at'),
    assessmentNote: text('assessment_note'),
    /** HAZ-06: a security head's sign-off of a major hazard's assessment. */
    assessmentSignoffBy: uuid('assessment_signoff_by').references(() => users.id),
    assessmentSignoffAt: ts('assessment_signoff_at'),
    noticeNumber: text('notice_number'),
    noticeIssuedBy: uuid('notice_issued_by').references(() => users.id),
    noticeIssuedAt: ts('notice_issued_at'),
    measures: text('measures'),
    responsibleUserId: uuid('responsible_user_id').references(() => users.id),
    rectifiedBy: uuid('rectified_by').references(() => users.id),
    rectifiedAt: ts('rectified_at'),
    rectificationNote: text('rectification_note'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: ts('verified_at'),
    verificationNote: text('verification_note'),
    /** HAZ-06: a security head's sign-off at the closure of a major hazard. */
    closureSignoffBy: uuid('closure_signoff_by').references(() => users.id),
    closureSignoffAt: ts('closure_signoff_at'),
    closedAt: ts('closed_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** INS-04: the inspection record and item that found it. */
    inspectionId: uuid('inspection_id'),
    inspectionItemKey: text('inspection_item_key'),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('hazards_number_uq').on(t.numberingOrgId, t.number),
    index('hazards_org_status_due_idx').on(t.orgId, t.status, t.dueAt),
    index('hazards_open_due_idx').on(t.dueAt).where(sql`${t.status} <> 'closed' and ${t.withdrawnAt} is null`),
    index('hazards_inspection_idx').on(t.inspectionId),
    index('hazards_reporter_idx').on(t.reportedBy),
    index('hazards_created_idx').on(t.createdAt),
    // The dashboard's task counts (RPT-02) subtract the open hazards the viewer rectified themself.
    // The register's usual question — a subtree's open hazards, by deadline — per unit, from the index alone.
    index('hazards_open_org_idx').on(t.orgId, t.dueAt).where(sql`${t.status} <> 'closed' and ${t.withdrawnAt} is null`),
    // The dashboard's "to verify" excludes the person's own open hazards (HAZ-05): by person and state,
    // so a prolific reporter's hundreds of open reports are not each fetched to be filtered out.
    index('hazards_open_rectifier_idx').on(t.rectifiedBy, t.status).where(sql`${t.status} <> 'closed'`),
    index('hazards_open_reporter_idx').on(t.reportedBy, t.status).where(sql`${t.status} <> 'closed'`),
  ],
);

export const HAZARD_STEPS = ['report', 'assess', 'signoff_assessment', 'issue_notice', 'progress', 'submit_rectification', 'verify', 'signoff_closure', 'reopen', 'extension_request', 'extension_decision', 'withdraw'] as const;
export type HazardStep = (typeof HAZARD_STEPS)[number];

/** The hazard's timeline: each step with its note; photos and evidence are attachments of the entry. */
export const hazardUpdates = pgTable(
  'hazard_updates',
  {
    id: uuid('id').primaryKey(),
    /** Insertion order: steps in the same millisecond still read in the order they happened. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    hazardId: uuid('hazard_id').notNull().references(() => hazards.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    step: text('step', { enum: HAZARD_STEPS }).notNull(),
    note: text('note'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    createdAt: ts('created_at').notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id),
  },
  (t) => [index('hazard_updates_hazard_idx').on(t.hazardId, t.seq)],
);

export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected'] as const;

/** A deadline extension is a request approved by the security head, never a silent edit of due_at. */
export const hazardExtensions = pgTable(
  'hazard_extensions',
  {
    id: uuid('id').primaryKey(),
    hazardId: uuid('hazard_id').notNull().references(() => hazards.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    requestedBy: uuid('requested_by').notNull().references(() => users.id),
    requestedAt: ts('requested_at').notNull(),
    currentDueAt: ts('current_due_at').notNull(),
    requestedDueAt: ts('requested_due_at').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: EXTENSION_STATUSES }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('hazard_extensions_hazard_idx').on(t.hazardId), index('hazard_extensions_pending_idx').on(t.status, t.requestedAt)],
);
