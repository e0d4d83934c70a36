// TypeBox schemas of the duty API (DUT-01 … DUT-03); the web derives its types from them.
import { Type } from '@fastify/type-provider-typebox';
import { HANDOVER_STATUSES, SWAP_STATUSES } from '../../db/schema/duty.ts';
import { DateOnly, DateTime, Id, Nullable, PagingQuery, RecordMeta, StringEnum, Text, Title } from '../../platform/http/types.ts';

const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });
const At = Nullable(Type.String({ format: 'date-time' }));
const Version = Type.Optional(Type.Integer({ minimum: 1 }));
const Hm = (description: string) => Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description });
const Note = Type.Optional(Nullable(Text(1000)));
const People = Type.Array(Id(), { maxItems: 20, uniqueItems: true });

export const Shift = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  name: Type.String(),
  startTime: Type.String(),
  endTime: Type.String(),
  crossesMidnight: Type.Boolean(),
  ...RecordMeta,
  allowedActions: Type.Array(Type.String()),
});
export const ShiftList = Type.Object({ items: Type.Array(Shift) });
export const ShiftQuery = Type.Object({ orgId: Type.Optional(Id()), includeWithdrawn: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const ShiftBody = Type.Object({ orgId: Id({ description: 'The unit' }), name: Title(50), startTime: Hm('Local start HH:MM'), endTime: Hm('Local end HH:MM; not after the start: crosses midnight') }, { additionalProperties: false });
export const ShiftPatch = Type.Object({ name: Type.Optional(Title(50)), startTime: Type.Optional(Hm('HH:MM')), endTime: Type.Optional(Hm('HH:MM')), version: Version }, { additionalProperties: false });

export const Swap = Type.Object({
  id: Type.String(),
  assignmentId: Type.String(),
  requester: PersonRef,
  counterpart: PersonRef,
  counterpartAssignmentId: Nullable(Type.String()),
  reason: Type.String(),
  status: StringEnum(SWAP_STATUSES),
  decidedBy: Nullable(PersonRef),
  decidedAt: At,
  decisionNote: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
  allowedActions: Type.Array(Type.String()),
});

export const Assignment = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  shiftId: Type.String(),
  shiftName: Type.String(),
  dutyDate: Type.String({ format: 'date' }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  people: Type.Array(PersonRef),
  leader: Nullable(PersonRef),
  /** none: not handed over; submitted: waiting for the incoming officer; confirmed (DUT-03). */
  handoverStatus: StringEnum(['none', 'submitted', 'confirmed'] as const),
  handoverId: Nullable(Type.String()),
  /** DUT-03: the shift ended without a confirmed handover. */
  missingHandover: Type.Boolean(),
  onDutyNow: Type.Boolean(),
  ...RecordMeta,
  allowedActions: Type.Array(Type.String()),
});

export const OpenItem = Type.Object({
  id: Type.String(),
  text: Type.String(),
  hazardId: Nullable(Type.String()),
  handoverId: Type.String(),
  raisedBy: PersonRef,
  raisedAt: Type.String({ format: 'date-time' }),
  closedBy: Nullable(PersonRef),
  closedAt: At,
  closeNote: Nullable(Type.String()),
});

export const AssignmentDetail = Type.Intersect([
  Assignment,
  Type.Object({
    swaps: Type.Array(Swap),
    /** DUT-03: the unit's open items, to carry over into this shift's handover. */
    openItems: Type.Array(OpenItem),
    logCount: Type.Integer(),
  }),
]);

const RosterFilter = {
  orgId: Type.Optional(Id({ description: 'The unit and its subtree' })),
  from: Type.Optional(DateOnly()),
  to: Type.Optional(DateOnly()),
  userId: Type.Optional(Id({ description: 'On duty (person or leader)' })),
  missingHandover: Type.Optional(Type.Boolean()),
  includeWithdrawn: Type.Optional(Type.Boolean()),
};
export const RosterListQuery = Type.Object({ ...PagingQuery, ...RosterFilter }, { additionalProperties: false });
export const RosterExportQuery = Type.Object({ ...RosterFilter, sort: PagingQuery.sort }, { additionalProperties: false });
export const AssignmentBody = Type.Object(
  { shiftId: Id(), dutyDate: DateOnly(), personIds: Type.Array(Id(), { minItems: 1, maxItems: 20, uniqueItems: true }), leaderId: Type.Optional(Nullable(Id())) },
  { additionalProperties: false },
);
export const AssignmentPatch = Type.Object({ personIds: Type.Optional(People), leaderId: Type.Optional(Nullable(Id())), version: Version }, { additionalProperties: false });

export const CoverageQuery = Type.Object({ orgId: Type.Optional(Id()), from: DateOnly(), to: DateOnly() }, { additionalProperties: false });
const Gap = Type.Object({ date: Type.String({ format: 'date' }), from: Type.String(), to: Type.String(), startsAt: DateTime(), endsAt: DateTime() });
export const Coverage = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  gapCount: Type.Integer(),
  units: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), gaps: Type.Array(Gap) })),
});

export const MyDuty = Type.Object({ now: Type.Array(Assignment), upcoming: Type.Array(Assignment), recent: Type.Array(Assignment) });

export const SwapBody = Type.Object({ counterpartId: Id(), counterpartAssignmentId: Type.Optional(Nullable(Id())), reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }) }, { additionalProperties: false });
export const SwapDecisionBody = Type.Object({ note: Note, version: Version }, { additionalProperties: false });
export const SwapParams = Type.Object({ id: Id(), swapId: Id() });

export const DutyLog = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  assignmentId: Type.String(),
  shiftName: Type.String(),
  dutyDate: Type.String({ format: 'date' }),
  occurredAt: Type.String({ format: 'date-time' }),
  happened: Type.String(),
  actionTaken: Nullable(Type.String()),
  urgent: Type.Boolean(),
  correctsId: Nullable(Type.String()),
  correctedBy: Type.Array(Type.String()),
  author: PersonRef,
  locked: Type.Boolean(),
  ...RecordMeta,
  allowedActions: Type.Array(Type.String()),
});
const LogFilter = {
  orgId: Type.Optional(Id()),
  assignmentId: Type.Optional(Id()),
  from: Type.Optional(DateOnly()),
  to: Type.Optional(DateOnly()),
  today: Type.Optional(Type.Boolean({ description: 'Occurred today (local day)' })),
  urgent: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
};
export const LogListQuery = Type.Object({ ...PagingQuery, ...LogFilter }, { additionalProperties: false });
export const LogExportQuery = Type.Object({ ...LogFilter, sort: PagingQuery.sort }, { additionalProperties: false });
export const LogBody = Type.Object(
  {
    assignmentId: Id(),
    occurredAt: Type.Optional(DateTime()),
    happened: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
    actionTaken: Type.Optional(Nullable(Text())),
    urgent: Type.Optional(Type.Boolean()),
    correctsId: Type.Optional(Nullable(Id())),
  },
  { additionalProperties: false },
);
export const LogPatch = Type.Object({ happened: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' })), actionTaken: Type.Optional(Nullable(Text())), version: Version }, { additionalProperties: false });

export const Handover = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  assignmentId: Type.String(),
  shiftName: Type.String(),
  dutyDate: Type.String({ format: 'date' }),
  status: StringEnum(HANDOVER_STATUSES),
  outgoing: PersonRef,
  submittedAt: Type.String({ format: 'date-time' }),
  note: Nullable(Type.String()),
  incoming: Nullable(PersonRef),
  confirmedAt: At,
  confirmMethod: Nullable(Type.String()),
  openItemCount: Type.Integer(),
  ...RecordMeta,
  allowedActions: Type.Array(Type.String()),
});
export const HandoverDetail = Type.Intersect([Handover, Type.Object({ items: Type.Array(OpenItem), carried: Type.Array(OpenItem) })]);
const HandoverFilter = {
  orgId: Type.Optional(Id()),
  from: Type.Optional(DateOnly()),
  to: Type.Optional(DateOnly()),
  status: Type.Optional(StringEnum(HANDOVER_STATUSES)),
  withOpenItems: Type.Optional(Type.Boolean()),
};
export const HandoverListQuery = Type.Object({ ...PagingQuery, ...HandoverFilter }, { additionalProperties: false });
export const HandoverExportQuery = Type.Object({ ...HandoverFilter, sort: PagingQuery.sort }, { additionalProperties: false });
export const HandoverBody = Type.Object(
  {
    assignmentId: Id(),
    note: Type.Optional(Nullable(Text())),
    items: Type.Optional(Type.Array(Type.Object({ text: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }), hazardId: Type.Optional(Nullable(Id())) }, { additionalProperties: false }), { maxItems: 50 })),
    /** Carried items the outgoing officer closes as they hand over. */
    closeItemIds: Type.Optional(Type.Array(Id(), { maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export const ConfirmBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 200, description: "The incoming officer's own password (re-confirmation)" }), version: Version }, { additionalProperties: false });
export const CloseItemBody = Type.Object({ note: Note }, { additionalProperties: false });
export const ItemParams = Type.Object({ id: Id(), itemId: Id() });
