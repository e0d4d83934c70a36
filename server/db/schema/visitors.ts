// Visitors and key custody (VIS-01 … VIS-04): the visitor register (访客登记簿) with appointments and
// walk-ins, the per-cooperative blocklist (黑名单), the machine-room and vault entry register
// (机房出入管理登记簿) and the key sets of machine rooms and vaults (钥匙) with their handovers.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerColumns, ts } from './common.ts';
import { orgs, sites } from './orgs.ts';
import { users } from './users.ts';

export const DOCUMENT_TYPES = ['resident_id', 'passport', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const VISIT_KINDS = ['appointment', 'walk_in'] as const;
export const VISITOR_STATUSES = ['appointed', 'inside', 'left', 'cancelled', 'no_show'] as const;
export type VisitorStatus = (typeof VISITOR_STATUSES)[number];

export const visitors = pgTable(
  'visitors',
  {
    id: uuid('id').primaryKey(),
    /** The unit visited (the host's unit). */
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    /** The cooperative: its number series and its blocklist. */
    numberingOrgId: uuid('numbering_org_id').notNull().references(() => orgs.id),
    number: text('number').notNull(),
    kind: text('kind', { enum: VISIT_KINDS }).notNull(),
    name: text('name').notNull(),
    company: text('company'),
    documentType: text('document_type', { enum: DOCUMENT_TYPES }).notNull(),
    /** VIS-01: the identity document number, encrypted at rest, with a keyed hash for blocklist matching. */
    documentNumberEnc: text('document_number_enc').notNull(),
    documentNumberHash: text('document_number_hash').notNull(),
    purpose: text('purpose').notNull(),
    hostId: uuid('host_id').notNull().references(() => users.id),
    /** Sites (areas) the visit goes to. */
    siteIds: jsonb('site_ids').notNull().$type<string[]>(),
    /** VIS-02: the escorting employee (required for vaults, machine rooms, monitoring rooms). */
    escortId: uuid('escort_id').references(() => users.id),
    status: text('status', { enum: VISITOR_STATUSES }).notNull(),
    expectedAt: ts('expected_at'),
    checkedInAt: ts('checked_in_at'),
    checkedInBy: uuid('checked_in_by').references(() => users.id),
    checkedOutAt: ts('checked_out_at'),
    checkedOutBy: uuid('checked_out_by').references(() => users.id),
    /** Still inside at the unit's closing time: flagged once by the sweep. */
    afterClosingAt: ts('after_closing_at'),
    endReason: text('end_reason'),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('visitors_number_uq').on(t.numberingOrgId, t.number),
    index('visitors_org_status_idx').on(t.orgId, t.status),
    index('visitors_inside_idx').on(t.checkedInAt).where(sql`${t.status} = 'inside'`),
    index('visitors_expected_idx').on(t.expectedAt),
    index('visitors_doc_hash_idx').on(t.documentNumberHash),
  ],
);

export const visitorBlocklist = pgTable(
  'visitor_blocklist',
  {
    id: uuid('id').primaryKey(),
    /** The unit that added the entry. */
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    /** VIS-02: the cooperative the entry applies to (every unit under it). */
    cooperativeId: uuid('cooperative_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    documentType: text('document_type', { enum: DOCUMENT_TYPES }).notNull(),
    documentNumberEnc: text('document_number_enc').notNull(),
    documentNumberHash: text('document_number_hash').notNull(),
    reason: text('reason').notNull(),
    ...registerColumns(),
  },
  (t) => [index('visitor_blocklist_match_idx').on(t.cooperativeId, t.documentNumberHash)],
);

export const ROOM_ENTRY_STATUSES = ['pending_approval', 'approved', 'inside', 'left', 'rejected'] as const;
export type RoomEntryStatus = (typeof ROOM_ENTRY_STATUSES)[number];
export type ThirdParty = { name: string; company: string };

export const roomEntries = pgTable(
  'room_entries',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    numberingOrgId: uuid('numbering_org_id').notNull().references(() => orgs.id),
    number: text('number').notNull(),
    siteId: uuid('site_id').notNull().references(() => sites.id),
    /** VIS-03: employees entering (at least two people in all, with the third parties). */
    staffIds: jsonb('staff_ids').notNull().$type<string[]>(),
    /** Third-party engineers (外来维护人员). */
    thirdParties: jsonb('third_parties').notNull().$type<ThirdParty[]>(),
    /** The employee supervising the third parties in person throughout. */
    supervisorId: uuid('supervisor_id').references(() => users.id),
    purpose: text('purpose').notNull(),
    workDone: text('work_done'),
    status: text('status', { enum: ROOM_ENTRY_STATUSES }).notNull(),
    approvalRequired: boolean('approval_required').notNull().default(false),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: ts('approved_at'),
    approvalNote: text('approval_note'),
    enteredAt: ts('entered_at'),
    exitedAt: ts('exited_at'),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('room_entries_number_uq').on(t.numberingOrgId, t.number),
    index('room_entries_site_idx').on(t.siteId, t.enteredAt),
    index('room_entries_org_idx').on(t.orgId, t.status),
  ],
);

export const KEY_SET_STATUSES = ['normal', 'lost'] as const;

export const keySets = pgTable(
  'key_sets',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    siteId: uuid('site_id').notNull().references(() => sites.id),
    description: text('description').notNull(),
    copies: integer('copies').notNull(),
    /** VIS-04: the named holders (保管人). */
    holderIds: jsonb('holder_ids').notNull().$type<string[]>(),
    status: text('status', { enum: KEY_SET_STATUSES }).notNull(),
    lostAt: ts('lost_at'),
    lostBy: uuid('lost_by').references(() => users.id),
    lossNote: text('loss_note'),
    lockChangedAt: ts('lock_changed_at'),
    lockChangedBy: uuid('lock_changed_by').references(() => users.id),
    lockChangeNote: text('lock_change_note'),
    lossCount: integer('loss_count').notNull().default(0),
    ...registerColumns(),
  },
  (t) => [index('key_sets_org_idx').on(t.orgId), index('key_sets_lost_idx').on(t.orgId).where(sql`${t.status} = 'lost'`)],
);

export const KEY_HANDOVER_STATUSES = ['pending', 'confirmed', 'cancelled'] as const;

/** VIS-04: a handover signed by both sides — the giver records it, the receiver confirms it. */
export const keyHandovers = pgTable(
  'key_handovers',
  {
    id: uuid('id').primaryKey(),
    keySetId: uuid('key_set_id').notNull().references(() => keySets.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    fromUserId: uuid('from_user_id').notNull().references(() => users.id),
    toUserId: uuid('to_user_id').notNull().references(() => users.id),
    note: text('note'),
    status: text('status', { enum: KEY_HANDOVER_STATUSES }).notNull(),
    givenAt: ts('given_at').notNull(),
    confirmedAt: ts('confirmed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('key_handovers_set_idx').on(t.keySetId, t.givenAt)],
);
