// TypeBox schemas of the patrol routes and patrols API (PAT-01, PAT-02). The web takes its types from here.
import { Type } from '@fastify/type-provider-typebox';
import { PATROL_STATUSES } from '../../db/schema/patrols.ts';
import { Attachment } from '../../platform/files/schema.ts';
import { DateOnly, Id, Nullable, PagingQuery, RecordMeta, StringEnum, Text, Title } from '../../platform/http/types.ts';

export const PersonRef = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));
export const At = Nullable(Type.String({ format: 'date-time' }));
export const AttachmentIds = Type.Array(Id(), { maxItems: 10, uniqueItems: true });
export const Version = Type.Optional(Type.Integer({ minimum: 1 }));
const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time HH:MM' });

export const Checkpoint = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  name: Type.String(),
  siteId: Nullable(Type.String()),
  siteName: Nullable(Type.String()),
  windowMinutes: Type.Integer(),
  /** The QR token; only for those who may manage the route (it proves presence). */
  token: Nullable(Type.String()),
});

export const PatrolRoute = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  scheduleTimes: Type.Array(Type.String()),
  scheduleDays: Type.Array(Type.Integer()),
  checkpoints: Type.Array(Checkpoint),
  ...RecordMeta,
});

const CheckpointInput = Type.Object(
  {
    /** An existing checkpoint of the route (keeps its QR code); absent for a new one. */
    id: Type.Optional(Id()),
    name: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    siteId: Type.Optional(Nullable(Id())),
    windowMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  },
  { additionalProperties: false },
);

const RouteFields = {
  name: Title(100),
  description: Type.Optional(Nullable(Text(2000))),
  scheduleTimes: Type.Array(HHMM, { maxItems: 48 }),
  scheduleDays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7, uniqueItems: true }),
  checkpoints: Type.Array(CheckpointInput, { minItems: 1, maxItems: 50 }),
};

export const RouteCreate = Type.Object({ orgId: Id({ description: 'The unit the route belongs to' }), ...RouteFields }, { additionalProperties: false });
export const RouteUpdate = Type.Object(
  {
    name: Type.Optional(RouteFields.name),
    description: RouteFields.description,
    scheduleTimes: Type.Optional(RouteFields.scheduleTimes),
    scheduleDays: Type.Optional(RouteFields.scheduleDays),
    checkpoints: Type.Optional(RouteFields.checkpoints),
    version: Version,
  },
  { additionalProperties: false },
);
export const RouteListQuery = Type.Object(
  { ...PagingQuery, orgId: Type.Optional(Id()), q: Type.Optional(Type.String({ maxLength: 100 })), includeWithdrawn: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

const Outcome = Type.Object({
  checkpointId: Type.String(),
  seq: Type.Integer(),
  name: Type.String(),
  windowMinutes: Type.Integer(),
  dueAt: At,
  firstScanAt: At,
  scans: Type.Integer(),
  status: StringEnum(['ok', 'late', 'missed', 'pending'] as const),
  outOfOrder: Type.Boolean(),
});
const Flag = Type.Object({
  kind: StringEnum(['repeated_scans', 'too_fast'] as const),
  checkpointId: Type.String(),
  previousCheckpointId: Nullable(Type.String()),
  value: Type.Integer(),
  at: Type.String(),
});

export const Patrol = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  routeId: Type.String(),
  routeName: Type.String(),
  status: StringEnum(PATROL_STATUSES),
  day: Type.String({ format: 'date' }),
  scheduledAt: At,
  startDeadline: At,
  /** PAT-02: scheduled, not started, past its start deadline. */
  notStarted: Type.Boolean(),
  guard: PersonRef,
  startedAt: At,
  finishedAt: At,
  note: Nullable(Type.String()),
  checkpointCount: Type.Integer(),
  missedCount: Type.Integer(),
  lateCount: Type.Integer(),
  flagCount: Type.Integer(),
  ...RecordMeta,
});

export const Scan = Type.Object({
  id: Type.String(),
  checkpointId: Type.String(),
  checkpointName: Type.String(),
  scannedAt: Type.String({ format: 'date-time' }),
  scannedBy: PersonRef,
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  accuracy: Nullable(Type.Number()),
});

export const Anomaly = Type.Object({
  id: Type.String(),
  checkpointId: Nullable(Type.String()),
  checkpointName: Nullable(Type.String()),
  note: Type.String(),
  reportedBy: PersonRef,
  reportedAt: Type.String({ format: 'date-time' }),
  hazardId: Nullable(Type.String()),
  hazardNumber: Nullable(Type.String()),
  photos: Type.Array(Attachment),
  allowedActions: Type.Array(Type.String()),
});

export const PatrolDetail = Type.Intersect([
  Patrol,
  Type.Object({ checkpoints: Type.Array(Outcome), flags: Type.Array(Flag), scans: Type.Array(Scan), anomalies: Type.Array(Anomaly) }),
]);

export const PatrolFilter = {
  orgId: Type.Optional(Id({ description: 'Unit and its subtree' })),
  routeId: Type.Optional(Id()),
  status: Type.Optional(Type.Array(StringEnum(PATROL_STATUSES), { maxItems: 3 })),
  /** done: completed; problem: completed with a missed checkpoint, or scheduled and not started in time; flagged: late or impossible scans. */
  outcome: Type.Optional(StringEnum(['done', 'problem', 'not_started', 'missed_checkpoints', 'flagged'] as const)),
  dayFrom: Type.Optional(DateOnly()),
  dayTo: Type.Optional(DateOnly()),
  /** Today's patrols (the org's local day). */
  today: Type.Optional(Type.Boolean()),
  /** Patrols I started, and the scheduled ones of routes I may patrol (my patrols today). */
  mine: Type.Optional(Type.Boolean()),
  guardId: Type.Optional(Id()),
  includeWithdrawn: Type.Optional(Type.Boolean()),
};
export const PatrolListQuery = Type.Object({ ...PagingQuery, ...PatrolFilter }, { additionalProperties: false });
export const PatrolExportQuery = Type.Object({ ...PatrolFilter, sort: PagingQuery.sort }, { additionalProperties: false });

export const PatrolStart = Type.Object({ routeId: Id(), note: Type.Optional(Nullable(Text(1000))) }, { additionalProperties: false });
export const StartBody = Type.Object({ version: Version }, { additionalProperties: false });
export const FinishBody = Type.Object({ note: Type.Optional(Nullable(Text(2000))), version: Version }, { additionalProperties: false });

export const ScanParams = Type.Object({ token: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });
export const ScanBody = Type.Object(
  {
    lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
    accuracy: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100000 }))),
    /** Start a patrol of the route (the scheduled one now due, else an unscheduled one) when none is in progress. */
    start: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const ScanTarget = Type.Object({
  checkpointId: Type.String(),
  checkpointName: Type.String(),
  seq: Type.Integer(),
  routeId: Type.String(),
  routeName: Type.String(),
  orgName: Type.String(),
  /** The caller's patrol of this route in progress, if any. */
  patrol: Nullable(PatrolDetail),
  /** A scheduled patrol of the route today the caller could start. */
  scheduledPatrolId: Nullable(Type.String()),
});

export const AnomalyBody = Type.Object(
  { checkpointId: Type.Optional(Nullable(Id())), note: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }), attachmentIds: Type.Optional(AttachmentIds) },
  { additionalProperties: false },
);
export const AnomalyParams = Type.Object({ id: Id(), anomalyId: Id() });
export const AnomalyHazardBody = Type.Object(
  {
    title: Type.Optional(Title()),
    category: Type.Optional(StringEnum(['physical', 'network', 'fire', 'personnel', 'other'] as const)),
    grade: Type.Optional(Nullable(StringEnum(['general', 'significant', 'major'] as const))),
  },
  { additionalProperties: false },
);
