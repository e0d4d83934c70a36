// API shapes of checklist templates (INS-01) and inspection plans (INS-02).
import { Type } from '@fastify/type-provider-typebox';
import { HAZARD_CATEGORIES, HAZARD_GRADES } from '../../db/schema/hazards.ts';
import { INSPECTION_METHODS, RECURRENCES, TEMPLATE_KINDS } from '../../db/schema/inspections.ts';
import { DateOnly, Id, Nullable, PagingQuery, RecordMeta, StringEnum, Text, Title } from '../../platform/http/types.ts';

export const ItemKey = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9][a-z0-9_.-]*$', description: 'Unique in the template: a-z, 0-9, _ . -' });
const English = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const Long = () => Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' });

export const TemplateItem = Type.Object(
  {
    key: ItemKey,
    text: Title(),
    textEn: English(),
    /** 检查标准 */
    standard: Long(),
    standardEn: English(1000),
    method: StringEnum(INSPECTION_METHODS, { description: 'onsite 现场查看, technical 技术检测, documents 资料审核' }),
    category: StringEnum(HAZARD_CATEGORIES),
    /** The hazard grade a failure proposes. */
    defaultGrade: StringEnum(HAZARD_GRADES),
  },
  { additionalProperties: false },
);

export const TemplateSection = Type.Object({ title: Title(), titleEn: English(), items: Type.Array(TemplateItem, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false });
export const Sections = Type.Array(TemplateSection, { minItems: 1, maxItems: 30 });

export const Template = Type.Object({
  id: Type.String(),
  familyId: Type.String(),
  templateVersion: Type.Integer(),
  current: Type.Boolean(),
  kind: StringEnum(TEMPLATE_KINDS),
  name: Type.String(),
  nameEn: Type.String(),
  description: Nullable(Type.String()),
  shipped: Type.Boolean(),
  orgId: Type.String(),
  orgName: Type.String(),
  sectionCount: Type.Integer(),
  itemCount: Type.Integer(),
  ...RecordMeta,
});

const StoredItem = Type.Object({
  key: Type.String(),
  text: Type.String(),
  textEn: Type.String(),
  standard: Type.String(),
  standardEn: Type.String(),
  method: StringEnum(INSPECTION_METHODS),
  category: StringEnum(HAZARD_CATEGORIES),
  defaultGrade: StringEnum(HAZARD_GRADES),
});
export const StoredSection = Type.Object({ title: Type.String(), titleEn: Type.String(), items: Type.Array(StoredItem) });
export const TemplateDetail = Type.Intersect([Template, Type.Object({ sections: Type.Array(StoredSection) })]);

export const TemplateListQuery = Type.Object(
  {
    ...PagingQuery,
    kind: Type.Optional(StringEnum(TEMPLATE_KINDS)),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Name (Chinese or English)' })),
    orgId: Type.Optional(Id({ description: 'Templates of this unit' })),
    includeRetired: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const TemplateCreate = Type.Object(
  {
    orgId: Type.Optional(Id({ description: 'Owning unit; default: the cooperative of your unit' })),
    kind: StringEnum(TEMPLATE_KINDS),
    name: Title(),
    nameEn: English(),
    description: Type.Optional(Nullable(Text(2000))),
    sections: Sections,
  },
  { additionalProperties: false },
);

/** Editing makes a new version (If-Match: the current version's `version`). */
export const TemplatePatch = Type.Object(
  {
    kind: Type.Optional(StringEnum(TEMPLATE_KINDS)),
    name: Type.Optional(Title()),
    nameEn: English(),
    description: Type.Optional(Nullable(Text(2000))),
    sections: Type.Optional(Sections),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });
const Ids = (max: number) => Type.Array(Id(), { maxItems: max, uniqueItems: true });

export const Plan = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  name: Type.String(),
  templateFamilyId: Type.String(),
  templateName: Type.String(),
  templateVersion: Type.Integer(),
  scopeOrgs: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  scopeSites: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), orgId: Type.String() })),
  recurrence: StringEnum(RECURRENCES),
  unannounced: Type.Boolean(),
  startsOn: Type.String({ format: 'date' }),
  endsOn: Nullable(Type.String({ format: 'date' })),
  durationDays: Type.Integer(),
  leader: PersonRef,
  members: Type.Array(PersonRef),
  active: Type.Boolean(),
  generatedThrough: Nullable(Type.String()),
  ...RecordMeta,
});

const PlanFields = {
  name: Title(),
  /** A template id (any version of the family: plans follow the family's current version). */
  templateId: Id(),
  scopeOrgIds: Ids(200),
  scopeSiteIds: Ids(200),
  recurrence: StringEnum(RECURRENCES, { description: 'once = one-off (ad hoc / unannounced)' }),
  unannounced: Type.Boolean(),
  startsOn: DateOnly(),
  endsOn: Nullable(DateOnly()),
  durationDays: Type.Integer({ minimum: 1, maximum: 366 }),
  leaderId: Id(),
  memberIds: Ids(20),
  active: Type.Boolean(),
};

export const PlanCreate = Type.Object(
  {
    orgId: Id({ description: 'The planning unit; the scope lies within its subtree' }),
    name: PlanFields.name,
    templateId: PlanFields.templateId,
    scopeOrgIds: Type.Optional(PlanFields.scopeOrgIds),
    scopeSiteIds: Type.Optional(PlanFields.scopeSiteIds),
    recurrence: PlanFields.recurrence,
    unannounced: Type.Optional(PlanFields.unannounced),
    startsOn: PlanFields.startsOn,
    endsOn: Type.Optional(PlanFields.endsOn),
    durationDays: PlanFields.durationDays,
    leaderId: PlanFields.leaderId,
    memberIds: Type.Optional(PlanFields.memberIds),
  },
  { additionalProperties: false },
);

export const PlanPatch = Type.Object(
  {
    name: Type.Optional(PlanFields.name),
    templateId: Type.Optional(PlanFields.templateId),
    scopeOrgIds: Type.Optional(PlanFields.scopeOrgIds),
    scopeSiteIds: Type.Optional(PlanFields.scopeSiteIds),
    recurrence: Type.Optional(PlanFields.recurrence),
    unannounced: Type.Optional(PlanFields.unannounced),
    startsOn: Type.Optional(PlanFields.startsOn),
    endsOn: Type.Optional(PlanFields.endsOn),
    durationDays: Type.Optional(PlanFields.durationDays),
    leaderId: Type.Optional(PlanFields.leaderId),
    memberIds: Type.Optional(PlanFields.memberIds),
    /** false pauses the plan (no new inspections); true resumes it from the current period. */
    active: Type.Optional(PlanFields.active),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const PlanListQuery = Type.Object(
  {
    ...PagingQuery,
    orgId: Type.Optional(Id({ description: 'Plans of this unit and its subtree' })),
    active: Type.Optional(Type.Boolean()),
    recurrence: Type.Optional(StringEnum(RECURRENCES)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    includeWithdrawn: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
