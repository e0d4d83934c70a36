// Patrols and daily checks (PAT-01 … PAT-04): patrol routes (巡逻路线) with ordered checkpoints
// (巡查点, each with an unguessable QR token), patrols (巡逻记录) with their scans and anomalies,
// the monitoring-room log (监控室值班记录: viewing shifts, events seen on camera, recordings archived)
// and the branches' opening / closing checks (营业前 / 营业后检查) signed by two people on duty.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerColumns, ts } from './common.ts';
import { orgs, sites } from './orgs.ts';
import { users } from './users.ts';

export const patrolRoutes = pgTable(
  'patrol_routes',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    description: text('description'),
    /** Local times of day a patrol starts ('HH:MM'), sorted. */
    scheduleTimes: jsonb('schedule_times').$type<string[]>().notNull(),
    /** ISO weekdays (1 = Monday … 7 = Sunday) the schedule applies to. */
    scheduleDays: jsonb('schedule_days').$type<number[]>().notNull(),
    ...registerColumns(),
  },
  (t) => [index('patrol_routes_org_idx').on(t.orgId)],
);

export const patrolCheckpoints = pgTable(
  'patrol_checkpoints',
  {
    id: uuid('id').primaryKey(),
    routeId: uuid('route_id').notNull().references(() => patrolRoutes.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    /** Order on the route (1, 2, …). */
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    siteId: uuid('site_id').references(() => sites.id),
    /** PAT-01: minutes from the start of the patrol within which the checkpoint is to be scanned. */
    windowMinutes: integer('window_minutes').notNull(),
    /** The QR code's secret (random, 128 bits, base64url): /patrols/scan/<token>. */
    token: text('token').notNull(),
    /** A checkpoint taken off the route is kept (past patrols name it), never deleted. */
    removedAt: ts('removed_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('patrol_checkpoints_token_uq').on(t.token), index('patrol_checkpoints_route_idx').on(t.routeId, t.seq)],
);

export const PATROL_STATUSES = ['scheduled', 'in_progress', 'completed'] as const;
export type PatrolStatus = (typeof PATROL_STATUSES)[number];

export const patrols = pgTable(
  'patrols',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    routeId: uuid('route_id').notNull().references(() => patrolRoutes.id),
    status: text('status', { enum: PATROL_STATUSES }).notNull(),
    /** Set for a patrol created by the schedule; null for one a guard started on their own. */
    scheduledAt: ts('scheduled_at'),
    /** PAT-02: a scheduled patrol not started by then is flagged and reminded. */
    startDeadline: ts('start_deadline'),
    /** Local day (YYYY-MM-DD) of the schedule or of the start: the register's day. */
    day: text('day').notNull(),
    /** The route's checkpoints (ids, in order) when the patrol was made: later route edits do not change it. */
    checkpointIds: jsonb('checkpoint_ids').$type<string[]>().notNull(),
    guardId: uuid('guard_id').references(() => users.id),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    note: text('note'),
    /** PAT-02: what finishing found (see modules/patrols/evaluate.ts). */
    result: jsonb('result'),
    missedCount: integer('missed_count').notNull().default(0),
    lateCount: integer('late_count').notNull().default(0),
    flagCount: integer('flag_count').notNull().default(0),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('patrols_schedule_uq').on(t.routeId, t.scheduledAt),
    index('patrols_org_day_idx').on(t.orgId, t.day),
    index('patrols_guard_idx').on(t.guardId, t.status),
    index('patrols_unstarted_idx').on(t.startDeadline).where(sql`${t.status} = 'scheduled' and ${t.withdrawnAt} is null`),
  ],
);

export const patrolScans = pgTable(
  'patrol_scans',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    patrolId: uuid('patrol_id').notNull().references(() => patrols.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    checkpointId: uuid('checkpoint_id').notNull().references(() => patrolCheckpoints.id),
    scannedAt: ts('scanned_at').notNull(),
    scannedBy: uuid('scanned_by').notNull().references(() => users.id),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    accuracy: doublePrecision('accuracy'),
  },
  (t) => [index('patrol_scans_patrol_idx').on(t.patrolId, t.seq)],
);

export const patrolAnomalies = pgTable(
  'patrol_anomalies',
  {
    id: uuid('id').primaryKey(),
    patrolId: uuid('patrol_id').notNull().references(() => patrols.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    checkpointId: uuid('checkpoint_id').references(() => patrolCheckpoints.id),
    note: text('note').notNull(),
    reportedBy: uuid('reported_by').notNull().references(() => users.id),
    reportedAt: ts('reported_at').notNull(),
    /** PAT-02: the hazard opened from it (source 'patrol'). */
    hazardId: uuid('hazard_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('patrol_anomalies_patrol_idx').on(t.patrolId)],
);

export const MONITORING_KINDS = ['shift', 'event', 'archive'] as const;
export type MonitoringKind = (typeof MONITORING_KINDS)[number];
export const ARCHIVE_MEDIA = ['hard_disk', 'nas', 'optical_disc', 'tape', 'cloud', 'other'] as const;

/** PAT-03: one monitoring-room entry — a viewing shift, an event seen on camera, or a recording archived. */
export const monitoringLogs = pgTable(
  'monitoring_logs',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    siteId: uuid('site_id').references(() => sites.id),
    kind: text('kind', { enum: MONITORING_KINDS }).notNull(),
    /** The viewer (shift), the person who saw it (event), the person who archived it (archive). */
    personId: uuid('person_id').notNull().references(() => users.id),
    /** Shift: from/to (to open while on shift); event: when seen (to = end of the footage); archive: the recording period. */
    fromAt: ts('from_at').notNull(),
    toAt: ts('to_at'),
    camera: text('camera'),
    description: text('description'),
    actionTaken: text('action_taken'),
    medium: text('medium', { enum: ARCHIVE_MEDIA }),
    storageRef: text('storage_ref'),
    /** Events: when the recorder overwrites the footage (end of the event + the org's retention days then in force). */
    retentionEndsAt: ts('retention_ends_at'),
    ...registerColumns(),
  },
  (t) => [index('monitoring_logs_org_kind_idx').on(t.orgId, t.kind, t.fromAt)],
);

export const CHECK_KINDS = ['opening', 'closing'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_STATUSES = ['awaiting_second', 'done', 'missed'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** PAT-04: one branch's opening or closing check of one day, by two people on duty. */
export const openingChecks = pgTable(
  'opening_checks',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    day: text('day').notNull(),
    kind: text('kind', { enum: CHECK_KINDS }).notNull(),
    status: text('status', { enum: CHECK_STATUSES }).notNull(),
    /** PAT-04: not done by the org's deadline (set by the sweep; stays when the check is done late). */
    missed: boolean('missed').notNull().default(false),
    items: jsonb('items').$type<Array<{ key: string; ok: boolean; note: string | null }>>().notNull(),
    note: text('note'),
    firstBy: uuid('first_by').references(() => users.id),
    firstAt: ts('first_at'),
    secondBy: uuid('second_by').references(() => users.id),
    secondAt: ts('second_at'),
    ...registerColumns(),
  },
  (t) => [uniqueIndex('opening_checks_day_uq').on(t.orgId, t.day, t.kind).where(sql`${t.withdrawnAt} is null`), index('opening_checks_day_idx').on(t.day, t.kind)],
);
