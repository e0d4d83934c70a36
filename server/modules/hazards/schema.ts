import { Type } from '@fastify/type-provider-typebox';
import { HAZARD_CATEGORIES, HAZARD_GRADES, HAZARD_SOURCES, HAZARD_STATUSES, HAZARD_STEPS } from '../../db/schema/hazards.ts';
import { Attachment } from '../../platform/files/schema.ts';
import { DateOnly, Id, Nullable, PagingQuery, Reason, RecordMeta, StringEnum, Text, Title } from '../../platform/http/types.ts';

const PersonRef = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));
const At = Nullable(Type.String({ format: 'date-time' }));
const AttachmentIds = Type.Array(Id(), { maxItems: 20, uniqueItems: true });

export const Extension = Type.Object({
  id: Type.String(),
  requestedBy: PersonRef,
  requestedAt: Type.String({ format: 'date-time' }),
  currentDueAt: Type.String({ format: 'date-time' }),
  requestedDueAt: Type.String({ format: 'date-time' }),
  reason: Type.String(),
  status: StringEnum(['pending', 'approved', 'rejected'] as const),
  decidedBy: PersonRef,
  decidedAt: At,
  decisionNote: Nullable(Type.String()),
  version: Type.Integer(),
  allowedActions: Type.Array(Type.String()),
});

export const Hazard = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  category: StringEnum(HAZARD_CATEGORIES),
  source: StringEnum(HAZARD_SOURCES),
  orgId: Type.String(),
  orgName: Type.String(),
  siteId: Nullable(Type.String()),
  siteName: Nullable(Type.String()),
  location: Nullable(Type.String()),
  /** Proposed while reported; set by the assessment from then on. */
  grade: Nullable(StringEnum(HAZARD_GRADES)),
  status: StringEnum(HAZARD_STATUSES),
  overdue: Type.Boolean(),
  dueAt: At,
  interimMeasures: Nullable(Type.String()),
  reportedBy: PersonRef,
  reportedAt: Type.String({ format: 'date-time' }),
  assessedBy: PersonRef,
  assessedAt: At,
  assessmentNote: Nullable(Type.String()),
  assessmentSignoffBy: PersonRef,
  assessmentSignoffAt: At,
  /** HAZ-06: which sign-off a major hazard is waiting for, if any. */
  signoffPending: Nullable(StringEnum(['assessment', 'closure'] as const)),
  noticeNumber: Nullable(Type.String()),
  noticeIssuedBy: PersonRef,
  noticeIssuedAt: At,
  measures: Nullable(Type.String()),
  responsibleUser: PersonRef,
  rectifiedBy: PersonRef,
  rectifiedAt: At,
  rectificationNote: Nullable(Type.String()),
  verifiedBy: PersonRef,
  verifiedAt: At,
  verificationNote: Nullable(Type.String()),
  closureSignoffBy: PersonRef,
  closureSignoffAt: At,
  closedAt: At,
  reopenCount: Type.Integer(),
  inspectionId: Nullable(Type.String()),
  inspectionItemKey: Nullable(Type.String()),
  pendingExtension: Nullable(Extension),
  ...RecordMeta,
});

export const TimelineEntry = Type.Object({
  id: Type.String(),
  step: StringEnum(HAZARD_STEPS),
  note: Nullable(Type.String()),
  fromStatus: Nullable(Type.String()),
  toStatus: Nullable(Type.String()),
  at: Type.String({ format: 'date-time' }),
  by: PersonRef,
  attachments: Type.Array(Attachment),
});

export const HazardDetail = Type.Intersect([
  Hazard,
  Type.Object({
    photos: Type.Array(Attachment),
    timeline: Type.Array(TimelineEntry),
    extensions: Type.Array(Extension),
    /** HAZ-02: the deadline (local day) each grade would set if graded now; only for a caller who may assess it. */
    defaultDueOn: Nullable(Type.Object({ general: Type.String({ format: 'date' }), significant: Type.String({ format: 'date' }), major: Type.String({ format: 'date' }) })),
  }),
]);

export const HazardFilter = {
  status: Type.Optional(Type.Array(StringEnum(HAZARD_STATUSES), { maxItems: 5 })),
  grade: Type.Optional(Type.Array(StringEnum(HAZARD_GRADES), { maxItems: 3 })),
  category: Type.Optional(Type.Array(StringEnum(HAZARD_CATEGORIES), { maxItems: 5 })),
  source: Type.Optional(Type.Array(StringEnum(HAZARD_SOURCES), { maxItems: 6 })),
  orgId: Type.Optional(Id({ description: 'Responsible unit and its subtree' })),
  siteId: Type.Optional(Id()),
  overdue: Type.Optional(Type.Boolean()),
  /** Open = not closed. */
  open: Type.Optional(Type.Boolean()),
  dueFrom: Type.Optional(DateOnly()),
  dueTo: Type.Optional(DateOnly()),
  reportedFrom: Type.Optional(DateOnly()),
  reportedTo: Type.Optional(DateOnly()),
  /** Closed (销号) on or after / on or before these local days. */
  closedFrom: Type.Optional(DateOnly()),
  closedTo: Type.Optional(DateOnly()),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Number, title, description or location' })),
  reporterId: Type.Optional(Id()),
  responsibleUserId: Type.Optional(Id()),
  inspectionId: Type.Optional(Id()),
  /** My work: hazards I must rectify, verify, grade, sign off or decide an extension of. */
  task: Type.Optional(StringEnum(['rectify', 'verify', 'assess', 'signoff', 'extension'] as const)),
  includeWithdrawn: Type.Optional(Type.Boolean()),
};

export const HazardListQuery = Type.Object({ ...PagingQuery, ...HazardFilter }, { additionalProperties: false });
export const HazardExportQuery = Type.Object({ ...HazardFilter, sort: PagingQuery.sort }, { additionalProperties: false });

export const HazardReport = Type.Object(
  {
    title: Title(),
    description: Type.Optional(Nullable(Text())),
    category: StringEnum(HAZARD_CATEGORIES),
    source: Type.Optional(StringEnum(['report', 'patrol', 'audit', 'assessment', 'other'] as const)),
    orgId: Id({ description: 'Responsible unit' }),
    siteId: Type.Optional(Nullable(Id())),
    location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    /** The reporter's view of its gravity; the assessment decides. */
    grade: Type.Optional(Nullable(StringEnum(HAZARD_GRADES))),
    attachmentIds: Type.Optional(AttachmentIds),
  },
  { additionalProperties: false },
);

const Version = Type.Optional(Type.Integer({ minimum: 1 }));

export const AssessBody = Type.Object(
  {
    grade: StringEnum(HAZARD_GRADES),
    dueOn: Type.Optional(DateOnly()),
    interimMeasures: Type.Optional(Nullable(Text())),
    note: Type.Optional(Nullable(Text())),
    version: Version,
  },
  { additionalProperties: false },
);

export const SignoffBody = Type.Object({ stage: StringEnum(['assessment', 'closure'] as const), note: Type.Optional(Nullable(Text())), version: Version }, { additionalProperties: false });

export const NoticeBody = Type.Object(
  { measures: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }), responsibleUserId: Id(), dueOn: Type.Optional(DateOnly()), note: Type.Optional(Nullable(Text())), version: Version },
  { additionalProperties: false },
);

export const ProgressBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }), attachmentIds: Type.Optional(AttachmentIds) }, { additionalProperties: false });

export const RectifyBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }), attachmentIds: AttachmentIds, version: Version },
  { additionalProperties: false },
);

export const VerifyBody = Type.Object({ note: Type.Optional(Nullable(Text())), version: Version }, { additionalProperties: false });
export const ReopenBody = Type.Object({ reason: Reason(), version: Version }, { additionalProperties: false });
export const ExtensionRequestBody = Type.Object({ requestedDueOn: DateOnly(), reason: Reason() }, { additionalProperties: false });
export const ExtensionDecisionBody = Type.Object({ note: Type.Optional(Nullable(Text(1000))), version: Version }, { additionalProperties: false });
export const ExtensionParams = Type.Object({ id: Id(), extensionId: Id() });

export const ReporterRanking = Type.Object({
  items: Type.Array(Type.Object({ userId: Type.String(), name: Type.String(), orgName: Type.String(), confirmed: Type.Integer(), major: Type.Integer(), lastReportedAt: Type.String({ format: 'date-time' }) })),
});
export const ReporterQuery = Type.Object({ from: Type.Optional(DateOnly()), to: Type.Optional(DateOnly()), orgId: Type.Optional(Id()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }, { additionalProperties: false });
