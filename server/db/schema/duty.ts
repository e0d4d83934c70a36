// Duty and handover (值班与交接班, DUT-01 … DUT-03): shift definitions (班次) per unit, the roster
// (值班表) of assignments per date and shift with the people on duty and the leader on duty (值班领导),
// swap requests (换班), the duty log (值班日志) and handovers (交接班) with their open items (遗留事项).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerColumns, ts } from './common.ts';
import { orgs } from './orgs.ts';
import { users } from './users.ts';

/** A shift of a unit: local start and end time (HH:MM); end ≤ start means it crosses midnight. */
export const dutyShifts = pgTable(
  'duty_shifts',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    ...registerColumns(),
  },
  (t) => [index('duty_shifts_org_idx').on(t.orgId)],
);

/**
 * One shift on one date (DUT-01). The instants it starts and ends are fixed when it is rostered (the
 * shift's times then), so coverage, "my shift now" and missing handovers are plain range queries.
 */
export const dutyAssignments = pgTable(
  'duty_assignments',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    shiftId: uuid('shift_id').notNull().references(() => dutyShifts.id),
    /** The local date the shift starts on (YYYY-MM-DD). */
    dutyDate: text('duty_date').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    /** The people on duty (值班人员). */
    people: uuid('people').array().notNull(),
    /** The leader on duty (值班领导), optional. */
    leaderId: uuid('leader_id').references(() => users.id),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('duty_assignments_shift_date_uq').on(t.shiftId, t.dutyDate).where(sql`${t.withdrawnAt} is null`),
    index('duty_assignments_org_start_idx').on(t.orgId, t.startsAt),
    index('duty_assignments_ends_idx').on(t.endsAt),
  ],
);

export const SWAP_STATUSES = ['pending', 'approved', 'rejected'] as const;

/** A swap request (换班申请): the requester's place on the assignment goes to the counterpart once approved. */
export const dutySwaps = pgTable(
  'duty_swaps',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    assignmentId: uuid('assignment_id').notNull().references(() => dutyAssignments.id),
    requesterId: uuid('requester_id').notNull().references(() => users.id),
    counterpartId: uuid('counterpart_id').notNull().references(() => users.id),
    /** Optional: the counterpart's own assignment, which the requester takes in exchange. */
    counterpartAssignmentId: uuid('counterpart_assignment_id').references(() => dutyAssignments.id),
    reason: text('reason').notNull(),
    status: text('status', { enum: SWAP_STATUSES }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    ...registerColumns(),
  },
  (t) => [index('duty_swaps_assignment_idx').on(t.assignmentId), index('duty_swaps_pending_idx').on(t.orgId, t.status)],
);

/** A duty log entry (DUT-02). Never edited once its shift is handed over: a correction is a new entry. */
export const dutyLogs = pgTable(
  'duty_logs',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    assignmentId: uuid('assignment_id').notNull().references(() => dutyAssignments.id),
    occurredAt: ts('occurred_at').notNull(),
    happened: text('happened').notNull(),
    actionTaken: text('action_taken'),
    urgent: boolean('urgent').notNull().default(false),
    /** The entry this one corrects (更正). */
    correctsId: uuid('corrects_id'),
    ...registerColumns(),
  },
  (t) => [index('duty_logs_org_time_idx').on(t.orgId, t.occurredAt), index('duty_logs_assignment_idx').on(t.assignmentId)],
);

export const HANDOVER_STATUSES = ['submitted', 'confirmed'] as const;

/** A handover (交接班, DUT-03) of one assignment: submitted by the outgoing, confirmed by a different incoming person. */
export const dutyHandovers = pgTable(
  'duty_handovers',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    assignmentId: uuid('assignment_id').notNull().references(() => dutyAssignments.id),
    outgoingBy: uuid('outgoing_by').notNull().references(() => users.id),
    submittedAt: ts('submitted_at').notNull(),
    note: text('note'),
    status: text('status', { enum: HANDOVER_STATUSES }).notNull(),
    incomingBy: uuid('incoming_by').references(() => users.id),
    confirmedAt: ts('confirmed_at'),
    confirmMethod: text('confirm_method'),
    /** Open items of earlier handovers carried over into this one (遗留事项), fixed at submission. */
    carriedItemIds: uuid('carried_item_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('duty_handovers_assignment_uq').on(t.assignmentId).where(sql`${t.withdrawnAt} is null`),
    index('duty_handovers_org_idx').on(t.orgId, t.submittedAt),
  ],
);

/** An open item raised at a handover; it carries over until someone closes it (who and when recorded). */
export const dutyHandoverItems = pgTable(
  'duty_handover_items',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    handoverId: uuid('handover_id').notNull().references(() => dutyHandovers.id),
    text: text('text').notNull(),
    hazardId: uuid('hazard_id'),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: ts('closed_at'),
    closeNote: text('close_note'),
    createdAt: ts('created_at').notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('duty_handover_items_open_idx').on(t.orgId).where(sql`${t.closedAt} is null`), index('duty_handover_items_handover_idx').on(t.handoverId)],
);
