// API shapes of the equipment module (EQP-01 … EQP-04); the web app derives its types from these.
import { Type } from '@fastify/type-provider-typebox';
import {
  EQUIPMENT_KINDS,
  EQUIPMENT_STATUSES,
  FAULT_SOURCES,
  FAULT_STATUSES,
  MAINTENANCE_RECURRENCES,
  MAINTENANCE_RESULTS,
  MAINTENANCE_TYPES,
  TASK_STATUSES,
} from '../../db/schema/equipment.ts';
import { SITE_KINDS } from '../../db/schema/orgs.ts';
import { Attachment } from '../../platform/files/schema.ts';
import { DateOnly, Id, Nullable, PagingQuery, Reason, RecordMeta, StringEnum, Text, Title } from '../../platform/http/types.ts';

const PersonRef = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));
const At = Nullable(Type.String({ format: 'date-time' }));
const Day = Nullable(Type.String({ format: 'date' }));
const AttachmentIds = Type.Array(Id(), { maxItems: 20, uniqueItems: true });
const Version = Type.Optional(Type.Integer({ minimum: 1 }));
const ShortText = (max = 100) => Type.Optional(Nullable(Type.String({ maxLength: max })));

// ---- equipment (EQP-01) ----
export const Equipment = Type.Object({
  id: Type.String(),
  number: Type.String(),
  kind: StringEnum(EQUIPMENT_KINDS),
  name: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  siteId: Nullable(Type.String()),
  siteName: Nullable(Type.String()),
  location: Nullable(Type.String()),
  model: Nullable(Type.String()),
  serialNo: Nullable(Type.String()),
  installedOn: Day,
  expiresOn: Day,
  /** EQP-04: days left until expiry (negative once expired), by the org's local day. */
  daysToExpiry: Nullable(Type.Integer()),
  status: StringEnum(EQUIPMENT_STATUSES),
  notes: Nullable(Type.String()),
  openFaults: Type.Integer(),
  overdueTasks: Type.Integer(),
  ...RecordMeta,
});

export const EquipmentFilter = {
  kind: Type.Optional(Type.Array(StringEnum(EQUIPMENT_KINDS), { maxItems: 10 })),
  status: Type.Optional(Type.Array(StringEnum(EQUIPMENT_STATUSES), { maxItems: 4 })),
  orgId: Type.Optional(Id({ description: 'Unit and its subtree' })),
  siteId: Type.Optional(Id()),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Number, name, model, serial number or location' })),
  /** EQP-04: not expired yet, expiring within this many days (today included). */
  expiringWithin: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
  expired: Type.Optional(Type.Boolean()),
  /** Equipment with maintenance tasks past their due day. */
  maintenanceOverdue: Type.Optional(Type.Boolean()),
  includeWithdrawn: Type.Optional(Type.Boolean()),
};
export const EquipmentListQuery = Type.Object({ ...PagingQuery, ...EquipmentFilter }, { additionalProperties: false });
export const EquipmentExportQuery = Type.Object({ ...EquipmentFilter, sort: PagingQuery.sort }, { additionalProperties: false });

export const EquipmentCreate = Type.Object(
  {
    kind: StringEnum(EQUIPMENT_KINDS),
    name: Title(),
    orgId: Id({ description: 'Owning unit' }),
    siteId: Type.Optional(Nullable(Id())),
    location: ShortText(200),
    model: ShortText(),
    serialNo: ShortText(),
    installedOn: Type.Optional(Nullable(DateOnly())),
    expiresOn: Type.Optional(Nullable(DateOnly())),
    notes: Type.Optional(Nullable(Text())),
  },
  { additionalProperties: false },
);

export const EquipmentPatch = Type.Object(
  {
    name: Type.Optional(Title()),
    siteId: Type.Optional(Nullable(Id())),
    location: ShortText(200),
    model: ShortText(),
    serialNo: ShortText(),
    installedOn: Type.Optional(Nullable(DateOnly())),
    expiresOn: Type.Optional(Nullable(DateOnly())),
    /** 'faulty' follows the fault tickets (EQP-03) and is never set by hand. */
    status: Type.Optional(StringEnum(['in_service', 'out_of_service', 'retired'] as const)),
    notes: Type.Optional(Nullable(Text())),
    version: Version,
  },
  { additionalProperties: false },
);

// ---- maintenance (EQP-02) ----
export const Readings = Type.Object(
  {
    temperature: Type.Optional(Type.Number({ minimum: -50, maximum: 100 })),
    humidity: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    voltage: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
    dischargeMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  },
  { additionalProperties: false },
);

export const MaintenancePlan = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  name: Type.String(),
  type: StringEnum(MAINTENANCE_TYPES),
  kinds: Type.Array(StringEnum(EQUIPMENT_KINDS)),
  siteKind: Nullable(StringEnum(SITE_KINDS)),
  recurrence: StringEnum(MAINTENANCE_RECURRENCES),
  assignee: PersonRef,
  remindDaysBefore: Type.Integer(),
  startsOn: Type.String({ format: 'date' }),
  active: Type.Boolean(),
  ...RecordMeta,
});

export const PlanCreate = Type.Object(
  {
    orgId: Id(),
    name: Title(),
    type: StringEnum(MAINTENANCE_TYPES),
    kinds: Type.Optional(Type.Array(StringEnum(EQUIPMENT_KINDS), { maxItems: 10, uniqueItems: true })),
    siteKind: Type.Optional(Nullable(StringEnum(SITE_KINDS))),
    recurrence: StringEnum(MAINTENANCE_RECURRENCES),
    assigneeId: Id(),
    remindDaysBefore: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
    startsOn: DateOnly(),
  },
  { additionalProperties: false },
);

export const PlanPatch = Type.Object(
  {
    name: Type.Optional(Title()),
    kinds: Type.Optional(Type.Array(StringEnum(EQUIPMENT_KINDS), { maxItems: 10, uniqueItems: true })),
    siteKind: Type.Optional(Nullable(StringEnum(SITE_KINDS))),
    assigneeId: Type.Optional(Id()),
    remindDaysBefore: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
    active: Type.Optional(Type.Boolean()),
    version: Version,
  },
  { additionalProperties: false },
);

export const PlanListQuery = Type.Object(
  { ...PagingQuery, orgId: Type.Optional(Id()), type: Type.Optional(StringEnum(MAINTENANCE_TYPES)), includeWithdrawn: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const MaintenanceTask = Type.Object({
  id: Type.String(),
  planId: Type.String(),
  planName: Type.String(),
  equipmentId: Type.String(),
  equipmentNumber: Type.String(),
  equipmentName: Type.String(),
  equipmentKind: StringEnum(EQUIPMENT_KINDS),
  orgId: Type.String(),
  orgName: Type.String(),
  type: StringEnum(MAINTENANCE_TYPES),
  periodKey: Type.String(),
  dueOn: Type.String({ format: 'date' }),
  overdue: Type.Boolean(),
  assignee: PersonRef,
  status: StringEnum(TASK_STATUSES),
  result: Nullable(StringEnum(MAINTENANCE_RESULTS)),
  readings: Nullable(Readings),
  note: Nullable(Type.String()),
  completedBy: PersonRef,
  completedAt: At,
  faultId: Nullable(Type.String()),
  ...RecordMeta,
});
export const MaintenanceTaskDetail = Type.Intersect([MaintenanceTask, Type.Object({ photos: Type.Array(Attachment) })]);

export const TaskListQuery = Type.Object(
  {
    ...PagingQuery,
    orgId: Type.Optional(Id()),
    equipmentId: Type.Optional(Id()),
    planId: Type.Optional(Id()),
    assigneeId: Type.Optional(Id()),
    status: Type.Optional(StringEnum(TASK_STATUSES)),
    type: Type.Optional(StringEnum(MAINTENANCE_TYPES)),
    overdue: Type.Optional(Type.Boolean()),
    dueFrom: Type.Optional(DateOnly()),
    dueTo: Type.Optional(DateOnly()),
  },
  { additionalProperties: false },
);

export const TaskComplete = Type.Object(
  {
    result: StringEnum(MAINTENANCE_RESULTS),
    readings: Type.Optional(Readings),
    note: Type.Optional(Nullable(Text())),
    /** EQP-03: what was found, when the result is fault_found (opens a fault ticket). */
    faultDescription: Type.Optional(Nullable(Text())),
    outOfService: Type.Optional(Type.Boolean()),
    attachmentIds: Type.Optional(AttachmentIds),
    version: Version,
  },
  { additionalProperties: false },
);

// ---- faults (EQP-03) ----
export const Fault = Type.Object({
  id: Type.String(),
  number: Type.String(),
  equipmentId: Type.String(),
  equipmentNumber: Type.String(),
  equipmentName: Type.String(),
  equipmentKind: StringEnum(EQUIPMENT_KINDS),
  equipmentStatus: StringEnum(EQUIPMENT_STATUSES),
  orgId: Type.String(),
  orgName: Type.String(),
  description: Type.String(),
  outOfService: Type.Boolean(),
  serious: Type.Boolean(),
  source: StringEnum(FAULT_SOURCES),
  sourceId: Nullable(Type.String()),
  status: StringEnum(FAULT_STATUSES),
  reportedBy: PersonRef,
  reportedAt: Type.String({ format: 'date-time' }),
  assignee: PersonRef,
  assignedAt: At,
  fixedBy: PersonRef,
  fixedAt: At,
  fixNote: Nullable(Type.String()),
  verifiedBy: PersonRef,
  verifiedAt: At,
  verificationNote: Nullable(Type.String()),
  closedAt: At,
  reopenCount: Type.Integer(),
  reopenReason: Nullable(Type.String()),
  hazardId: Nullable(Type.String()),
  ...RecordMeta,
});
export const FaultDetail = Type.Intersect([Fault, Type.Object({ photos: Type.Array(Attachment) })]);

export const FaultListQuery = Type.Object(
  {
    ...PagingQuery,
    orgId: Type.Optional(Id()),
    equipmentId: Type.Optional(Id()),
    status: Type.Optional(Type.Array(StringEnum(FAULT_STATUSES), { maxItems: 4 })),
    open: Type.Optional(Type.Boolean()),
    assigneeId: Type.Optional(Id()),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    includeWithdrawn: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const FaultReport = Type.Object(
  {
    equipmentId: Id(),
    description: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
    outOfService: Type.Optional(Type.Boolean()),
    /** A serious fault also opens a hazard (隐患) for the unit. */
    serious: Type.Optional(Type.Boolean()),
    source: Type.Optional(StringEnum(['report', 'patrol', 'inspection'] as const)),
    sourceId: Type.Optional(Nullable(Id())),
    attachmentIds: Type.Optional(AttachmentIds),
  },
  { additionalProperties: false },
);

export const FaultAssign = Type.Object({ assigneeId: Id(), note: Type.Optional(Nullable(Text(1000))), version: Version }, { additionalProperties: false });
export const FaultFix = Type.Object({ note: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }), attachmentIds: Type.Optional(AttachmentIds), version: Version }, { additionalProperties: false });
export const FaultVerify = Type.Object({ note: Type.Optional(Nullable(Text(1000))), version: Version }, { additionalProperties: false });
export const FaultReopen = Type.Object({ reason: Reason(), version: Version }, { additionalProperties: false });

export const EquipmentDetail = Type.Intersect([
  Equipment,
  Type.Object({ recentTasks: Type.Array(MaintenanceTask), faults: Type.Array(Fault), dueTasks: Type.Array(MaintenanceTask) }),
]);
