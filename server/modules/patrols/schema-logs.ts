// TypeBox schemas of the monitoring-room log (PAT-03) and the opening / closing checks (PAT-04).
import { Type } from '@fastify/type-provider-typebox';
import { ARCHIVE_MEDIA, CHECK_KINDS, CHECK_STATUSES, MONITORING_KINDS } from '../../db/schema/patrols.ts';
import { DateOnly, DateTime, Id, Nullable, PagingQuery, RecordMeta, StringEnum, Text } from '../../platform/http/types.ts';
import { At, PersonRef, Version } from './schema.ts';

export const ARCHIVE_STATES = ['not_needed', 'archived', 'in_retention', 'lost'] as const;

export const MonitoringLog = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  siteId: Nullable(Type.String()),
  siteName: Nullable(Type.String()),
  kind: StringEnum(MONITORING_KINDS),
  person: PersonRef,
  fromAt: Type.String({ format: 'date-time' }),
  toAt: At,
  camera: Nullable(Type.String()),
  description: Nullable(Type.String()),
  actionTaken: Nullable(Type.String()),
  medium: Nullable(StringEnum(ARCHIVE_MEDIA)),
  storageRef: Nullable(Type.String()),
  /**
   * PAT-03, for events: the footage is archived (an archive entry of the unit covers it), still in the
   * recorder's retention window, or lost (neither: deleted before it was archived). Others: not_needed.
   */
  archiveState: StringEnum(ARCHIVE_STATES),
  /** When the recorder overwrites the footage (events not archived). */
  retentionEndsAt: At,
  ...RecordMeta,
});

export const MonitoringFilter = {
  orgId: Type.Optional(Id()),
  kind: Type.Optional(StringEnum(MONITORING_KINDS)),
  from: Type.Optional(DateOnly()),
  to: Type.Optional(DateOnly()),
  archiveState: Type.Optional(StringEnum(ARCHIVE_STATES)),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  includeWithdrawn: Type.Optional(Type.Boolean()),
};
export const MonitoringListQuery = Type.Object({ ...PagingQuery, ...MonitoringFilter }, { additionalProperties: false });
export const MonitoringExportQuery = Type.Object({ ...MonitoringFilter, sort: PagingQuery.sort }, { additionalProperties: false });

export const MonitoringCreate = Type.Object(
  {
    orgId: Id(),
    kind: StringEnum(MONITORING_KINDS),
    siteId: Type.Optional(Nullable(Id())),
    fromAt: DateTime(),
    toAt: Type.Optional(Nullable(DateTime())),
    camera: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    description: Type.Optional(Nullable(Text(2000))),
    actionTaken: Type.Optional(Nullable(Text(2000))),
    medium: Type.Optional(Nullable(StringEnum(ARCHIVE_MEDIA))),
    storageRef: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export const ShiftEndBody = Type.Object({ toAt: Type.Optional(DateTime()), version: Version }, { additionalProperties: false });

export const CheckItemResult = Type.Object({ key: Type.String(), text: Type.String(), ok: Type.Boolean(), note: Nullable(Type.String()) });

export const OpeningCheck = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  day: Type.String({ format: 'date' }),
  kind: StringEnum(CHECK_KINDS),
  status: StringEnum(CHECK_STATUSES),
  missed: Type.Boolean(),
  items: Type.Array(CheckItemResult),
  failedItems: Type.Integer(),
  note: Nullable(Type.String()),
  firstBy: PersonRef,
  firstAt: At,
  secondBy: PersonRef,
  secondAt: At,
  ...RecordMeta,
});

export const CheckFilter = {
  orgId: Type.Optional(Id()),
  kind: Type.Optional(StringEnum(CHECK_KINDS)),
  status: Type.Optional(StringEnum(CHECK_STATUSES)),
  missed: Type.Optional(Type.Boolean()),
  dayFrom: Type.Optional(DateOnly()),
  dayTo: Type.Optional(DateOnly()),
  today: Type.Optional(Type.Boolean()),
  /** Checks this person recorded or confirmed. */
  personId: Type.Optional(Id()),
  includeWithdrawn: Type.Optional(Type.Boolean()),
};
export const CheckListQuery = Type.Object({ ...PagingQuery, ...CheckFilter }, { additionalProperties: false });
export const CheckExportQuery = Type.Object({ ...CheckFilter, sort: PagingQuery.sort }, { additionalProperties: false });

export const CheckCreate = Type.Object(
  {
    orgId: Id({ description: 'The branch' }),
    kind: StringEnum(CHECK_KINDS),
    items: Type.Array(Type.Object({ key: Type.String({ maxLength: 40 }), ok: Type.Boolean(), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false }), { minItems: 1, maxItems: 30 }),
    note: Type.Optional(Nullable(Text(2000))),
  },
  { additionalProperties: false },
);
export const CheckConfirmBody = Type.Object(
  {
    note: Type.Optional(Nullable(Text(1000))),
    /** The second person confirming on the first person's device: their username and password. */
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    version: Version,
  },
  { additionalProperties: false },
);

export const Checklists = Type.Object({
  opening: Type.Array(Type.Object({ key: Type.String(), text: Type.String() })),
  closing: Type.Array(Type.Object({ key: Type.String(), text: Type.String() })),
});
