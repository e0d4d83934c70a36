// API shapes of the visitor register and the blocklist (VIS-01, VIS-02).
import { Type } from '@fastify/type-provider-typebox';
import { DOCUMENT_TYPES, VISIT_KINDS, VISITOR_STATUSES } from '../../db/schema/visitors.ts';
import { DateOnly, DateTime, Id, Nullable, PagingQuery, Reason, RecordMeta, StringEnum, Text, Title } from '../../platform/http/types.ts';

export const PersonRef = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));
export const At = Nullable(Type.String({ format: 'date-time' }));
export const Version = Type.Optional(Type.Integer({ minimum: 1 }));
/** Resident ID, passport or other document number: letters, digits and hyphens. */
export const DocumentNumber = () => Type.String({ minLength: 4, maxLength: 30, pattern: '^[0-9A-Za-z][0-9A-Za-z -]*$' });
const SiteRef = Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() });

export const Visitor = Type.Object({
  id: Type.String(),
  number: Type.String(),
  kind: StringEnum(VISIT_KINDS),
  orgId: Type.String(),
  orgName: Type.String(),
  name: Type.String(),
  company: Nullable(Type.String()),
  documentType: StringEnum(DOCUMENT_TYPES),
  /** VIS-01: masked (1101**********1234); reveal with a reason to see it. */
  documentNumber: Type.String(),
  purpose: Type.String(),
  host: PersonRef,
  sites: Type.Array(SiteRef),
  restricted: Type.Boolean(),
  escort: PersonRef,
  status: StringEnum(VISITOR_STATUSES),
  expectedAt: At,
  checkedInAt: At,
  checkedInBy: PersonRef,
  checkedOutAt: At,
  checkedOutBy: PersonRef,
  /** Still inside at the unit's closing time (flagged once). */
  afterClosingAt: At,
  endReason: Nullable(Type.String()),
  ...RecordMeta,
});

export const VisitorFilter = {
  status: Type.Optional(Type.Array(StringEnum(VISITOR_STATUSES), { maxItems: 5 })),
  kind: Type.Optional(StringEnum(VISIT_KINDS)),
  orgId: Type.Optional(Id({ description: 'Unit visited and its subtree' })),
  hostId: Type.Optional(Id()),
  siteId: Type.Optional(Id()),
  /** The visit's day (checked in, or expected) on or after / on or before these local days. */
  from: Type.Optional(DateOnly()),
  to: Type.Optional(DateOnly()),
  /** Inside now (checked in, not yet out). */
  inside: Type.Optional(Type.Boolean()),
  /** Still inside after the unit's closing time. */
  insideAfterClosing: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Number, name, company or purpose' })),
};
export const VisitorListQuery = Type.Object({ ...PagingQuery, ...VisitorFilter }, { additionalProperties: false });
export const VisitorExportQuery = Type.Object({ ...VisitorFilter, sort: PagingQuery.sort }, { additionalProperties: false });

export const VisitorCreate = Type.Object(
  {
    kind: StringEnum(VISIT_KINDS),
    orgId: Id({ description: 'Unit visited' }),
    name: Title(100),
    company: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    documentType: StringEnum(DOCUMENT_TYPES),
    documentNumber: DocumentNumber(),
    purpose: Title(500),
    hostId: Id(),
    siteIds: Type.Array(Id(), { maxItems: 10, uniqueItems: true }),
    escortId: Type.Optional(Nullable(Id())),
    /** Appointment: when the visitor is expected. */
    expectedAt: Type.Optional(Nullable(DateTime())),
    /** Walk-in: checked in at once (default true for a walk-in). */
    checkIn: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const StepBody = Type.Object({ version: Version }, { additionalProperties: false });
export const ReasonStepBody = Type.Object({ reason: Reason(), version: Version }, { additionalProperties: false });
export const RevealBody = Type.Object({ reason: Reason() }, { additionalProperties: false });
export const Revealed = Type.Object({ field: Type.String(), value: Type.String() });

export const BlocklistEntry = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  cooperativeId: Type.String(),
  name: Type.String(),
  documentType: StringEnum(DOCUMENT_TYPES),
  documentNumber: Type.String(),
  reason: Type.String(),
  addedBy: PersonRef,
  ...RecordMeta,
});
export const BlocklistCreate = Type.Object(
  { orgId: Id(), name: Title(100), documentType: StringEnum(DOCUMENT_TYPES), documentNumber: DocumentNumber(), reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) },
  { additionalProperties: false },
);
export const BlocklistQuery = Type.Object(
  { ...PagingQuery, orgId: Type.Optional(Id()), q: Type.Optional(Type.String({ maxLength: 100 })), includeWithdrawn: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const WithdrawReasonBody = Type.Object({ reason: Reason(), version: Version }, { additionalProperties: false });
export const NoteText = () => Type.Optional(Nullable(Text(2000)));
