// API shapes of inspection records (INS-03, INS-04) and the summary (INS-05).
import { Type } from '@fastify/type-provider-typebox';
import { HAZARD_CATEGORIES, HAZARD_GRADES, HAZARD_STATUSES } from '../../db/schema/hazards.ts';
import { INSPECTION_METHODS, INSPECTION_STATUSES, ITEM_RESULTS, SIGNATURE_METHODS } from '../../db/schema/inspections.ts';
import { Attachment } from '../../platform/files/schema.ts';
import { DateOnly, Id, Nullable, PagingQuery, Reason, RecordMeta, StringEnum, Text, Title } from '../../platform/http/types.ts';
import { ItemKey } from './schema-setup.ts';

const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });
const At = Nullable(Type.String({ format: 'date-time' }));
const Version = Type.Optional(Type.Integer({ minimum: 1 }));

export const Signature = Nullable(
  Type.Object({
    signedBy: Nullable(PersonRef),
    /** The name shown on the record (the account's name, or the name written with a drawn signature). */
    signerName: Type.String(),
    signedAt: Type.String({ format: 'date-time' }),
    method: StringEnum(SIGNATURE_METHODS),
    /** The drawn image (an attachment of the inspection), when drawn. */
    imageId: Nullable(Type.String()),
  }),
);

export const Inspection = Type.Object({
  id: Type.String(),
  number: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  siteId: Nullable(Type.String()),
  siteName: Nullable(Type.String()),
  planId: Nullable(Type.String()),
  planName: Nullable(Type.String()),
  periodKey: Nullable(Type.String()),
  templateId: Type.String(),
  templateName: Type.String(),
  templateNameEn: Type.String(),
  templateVersion: Type.Integer(),
  status: StringEnum(INSPECTION_STATUSES),
  unannounced: Type.Boolean(),
  scheduledFor: Type.String({ format: 'date' }),
  dueAt: Type.String({ format: 'date-time' }),
  overdue: Type.Boolean(),
  overdueAt: At,
  leader: PersonRef,
  members: Type.Array(PersonRef),
  startedAt: At,
  startedBy: Nullable(PersonRef),
  location: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  submittedAt: At,
  submittedBy: Nullable(PersonRef),
  itemCount: Type.Integer(),
  answeredCount: Type.Integer(),
  failedCount: Type.Integer(),
  inspectorSignature: Signature,
  unitSignature: Signature,
  ...RecordMeta,
});

export const ItemResultOut = Nullable(
  Type.Object({
    result: StringEnum(ITEM_RESULTS),
    note: Nullable(Type.String()),
    /** Failed items: the grade the inspector confirmed (default: the item's). */
    grade: Nullable(StringEnum(HAZARD_GRADES)),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Nullable(PersonRef),
    photos: Type.Array(Attachment),
    hazard: Nullable(Type.Object({ id: Type.String(), number: Type.String(), status: StringEnum(HAZARD_STATUSES) })),
  }),
);

const ItemOut = Type.Object({
  key: Type.String(),
  text: Type.String(),
  textEn: Type.String(),
  standard: Type.String(),
  standardEn: Type.String(),
  method: StringEnum(INSPECTION_METHODS),
  category: StringEnum(HAZARD_CATEGORIES),
  defaultGrade: StringEnum(HAZARD_GRADES),
  result: ItemResultOut,
});

export const InspectionDetail = Type.Intersect([
  Inspection,
  Type.Object({ sections: Type.Array(Type.Object({ title: Type.String(), titleEn: Type.String(), items: Type.Array(ItemOut) })) }),
]);

const Filter = {
  status: Type.Optional(Type.Array(StringEnum(INSPECTION_STATUSES), { maxItems: 3 })),
  orgId: Type.Optional(Id({ description: 'Inspected unit and its subtree' })),
  siteId: Type.Optional(Id()),
  planId: Type.Optional(Id()),
  overdue: Type.Optional(Type.Boolean()),
  scheduledFrom: Type.Optional(DateOnly()),
  scheduledTo: Type.Optional(DateOnly()),
  /** Inspections where I am the leader or a member. */
  mine: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Number, unit, site, plan or template' })),
  includeWithdrawn: Type.Optional(Type.Boolean()),
};

export const InspectionListQuery = Type.Object({ ...PagingQuery, ...Filter }, { additionalProperties: false });
export const InspectionExportQuery = Type.Object({ ...Filter, sort: PagingQuery.sort }, { additionalProperties: false });

export const AdhocCreate = Type.Object(
  {
    templateId: Id(),
    orgId: Id({ description: 'The inspected unit' }),
    siteId: Type.Optional(Nullable(Id())),
    leaderId: Id(),
    memberIds: Type.Optional(Type.Array(Id(), { maxItems: 20, uniqueItems: true })),
    unannounced: Type.Optional(Type.Boolean()),
    scheduledFor: Type.Optional(DateOnly()),
    dueOn: DateOnly(),
  },
  { additionalProperties: false },
);

export const StartBody = Type.Object({ location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), version: Version }, { additionalProperties: false });

export const ResultParams = Type.Object({ id: Id(), itemKey: ItemKey });
export const ResultBody = Type.Object(
  {
    result: StringEnum(ITEM_RESULTS),
    note: Type.Optional(Nullable(Text(2000))),
    grade: Type.Optional(Nullable(StringEnum(HAZARD_GRADES))),
    attachmentIds: Type.Optional(Type.Array(Id(), { maxItems: 10, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const SignBody = Type.Object(
  {
    role: StringEnum(['inspector', 'unit'] as const),
    method: StringEnum(SIGNATURE_METHODS, { description: 'drawn: an uploaded PNG; password: the signer confirms with their password; account: the caller signs from their own session' }),
    signatureAttachmentId: Type.Optional(Id()),
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    signerName: Type.Optional(Title(50)),
  },
  { additionalProperties: false },
);

export const SubmitBody = Type.Object(
  { summary: Type.Optional(Nullable(Text())), location: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), version: Version },
  { additionalProperties: false },
);

export const InspectionWithdrawBody = Type.Object({ reason: Reason(), version: Version }, { additionalProperties: false });

export const SummaryQuery = Type.Object({ from: DateOnly(), to: DateOnly(), orgId: Type.Optional(Id()) }, { additionalProperties: false });

const UnitFigures = {
  due: Type.Integer(),
  done: Type.Integer(),
  overdue: Type.Integer(),
  /** Percentage of due inspections submitted, one decimal; null when none was due. */
  coverage: Nullable(Type.Number()),
};

export const Summary = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  totals: Type.Object({ ...UnitFigures, failedItems: Type.Integer() }),
  units: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), ...UnitFigures, failedItems: Type.Integer() })),
  failedByCategory: Type.Array(Type.Object({ category: StringEnum(HAZARD_CATEGORIES), count: Type.Integer() })),
  topUnits: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), failedItems: Type.Integer() })),
});
