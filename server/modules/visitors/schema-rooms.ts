// API shapes of the machine-room and vault entry register (VIS-03) and of key custody (VIS-04).
import { Type } from '@fastify/type-provider-typebox';
import { KEY_HANDOVER_STATUSES, KEY_SET_STATUSES, ROOM_ENTRY_STATUSES } from '../../db/schema/visitors.ts';
import { DateOnly, Id, Nullable, PagingQuery, RecordMeta, StringEnum, Text, Title } from '../../platform/http/types.ts';
import { At, PersonRef, Version } from './schema.ts';

const Entrant = Type.Object({ kind: StringEnum(['staff', 'third_party'] as const), id: Nullable(Type.String()), name: Type.String(), company: Nullable(Type.String()) });

export const RoomEntry = Type.Object({
  id: Type.String(),
  number: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  siteKind: Type.String(),
  people: Type.Array(Entrant),
  thirdParty: Type.Boolean(),
  supervisor: PersonRef,
  purpose: Type.String(),
  workDone: Nullable(Type.String()),
  status: StringEnum(ROOM_ENTRY_STATUSES),
  /** VIS-03: approval needed (someone outside the IT department, or a third party). */
  approvalRequired: Type.Boolean(),
  requestedBy: PersonRef,
  approvedBy: PersonRef,
  approvedAt: At,
  approvalNote: Nullable(Type.String()),
  enteredAt: At,
  exitedAt: At,
  ...RecordMeta,
});

const EntryFilter = {
  siteId: Type.Optional(Id()),
  orgId: Type.Optional(Id({ description: 'Unit and its subtree' })),
  status: Type.Optional(Type.Array(StringEnum(ROOM_ENTRY_STATUSES), { maxItems: 5 })),
  thirdParty: Type.Optional(Type.Boolean()),
  /** Entered (or requested) on or after / on or before these local days. */
  from: Type.Optional(DateOnly()),
  to: Type.Optional(DateOnly()),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Number, purpose, work done or a third party' })),
  includeWithdrawn: Type.Optional(Type.Boolean()),
};
export const EntryListQuery = Type.Object({ ...PagingQuery, ...EntryFilter }, { additionalProperties: false });
export const EntryExportQuery = Type.Object({ ...EntryFilter, sort: PagingQuery.sort }, { additionalProperties: false });
export const EntryPrintQuery = Type.Object({ siteId: Id(), from: DateOnly(), to: DateOnly() }, { additionalProperties: false });

export const EntryCreate = Type.Object(
  {
    siteId: Id(),
    staffIds: Type.Array(Id(), { maxItems: 20, uniqueItems: true }),
    thirdParties: Type.Optional(Type.Array(Type.Object({ name: Title(100), company: Title(200) }, { additionalProperties: false }), { maxItems: 20 })),
    supervisorId: Type.Optional(Nullable(Id())),
    purpose: Title(1000),
  },
  { additionalProperties: false },
);
export const DecisionBody = Type.Object({ note: Type.Optional(Nullable(Text(1000))), version: Version }, { additionalProperties: false });
export const ExitBody = Type.Object({ workDone: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }), version: Version }, { additionalProperties: false });

export const Handover = Type.Object({
  id: Type.String(),
  from: PersonRef,
  to: PersonRef,
  note: Nullable(Type.String()),
  status: StringEnum(KEY_HANDOVER_STATUSES),
  givenAt: Type.String({ format: 'date-time' }),
  confirmedAt: At,
  allowedActions: Type.Array(Type.String()),
});

export const KeySet = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  siteKind: Type.String(),
  description: Type.String(),
  copies: Type.Integer(),
  holders: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  /** VIS-04: lost stays flagged until the lock change is recorded. */
  status: StringEnum(KEY_SET_STATUSES),
  lostAt: At,
  lostBy: PersonRef,
  lossNote: Nullable(Type.String()),
  lockChangedAt: At,
  lockChangedBy: PersonRef,
  lockChangeNote: Nullable(Type.String()),
  lossCount: Type.Integer(),
  ...RecordMeta,
});
export const KeySetDetail = Type.Intersect([KeySet, Type.Object({ handovers: Type.Array(Handover) })]);

const KeyFilter = {
  siteId: Type.Optional(Id()),
  orgId: Type.Optional(Id()),
  status: Type.Optional(StringEnum(KEY_SET_STATUSES)),
  holderId: Type.Optional(Id()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  includeWithdrawn: Type.Optional(Type.Boolean()),
};
export const KeyListQuery = Type.Object({ ...PagingQuery, ...KeyFilter }, { additionalProperties: false });
export const KeyExportQuery = Type.Object({ ...KeyFilter, sort: PagingQuery.sort }, { additionalProperties: false });
export const KeySetCreate = Type.Object(
  { siteId: Id(), description: Title(500), copies: Type.Integer({ minimum: 1, maximum: 50 }), holderIds: Type.Array(Id(), { minItems: 1, maxItems: 10, uniqueItems: true }) },
  { additionalProperties: false },
);
export const HandoverBody = Type.Object({ toUserId: Id(), note: Type.Optional(Nullable(Text(1000))) }, { additionalProperties: false });
export const ConfirmBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const HandoverParams = Type.Object({ id: Id(), handoverId: Id() });
export const LossBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }), version: Version }, { additionalProperties: false });
export const LockChangeBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }), version: Version }, { additionalProperties: false });
