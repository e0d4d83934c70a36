// Types of the inspections API, taken from the server's TypeBox schemas and Drizzle enums (type-only
// imports: nothing of the server reaches the browser bundle).
import type { Static } from 'typebox';
import type { HazardCategory, HazardGrade } from '../../../../server/db/schema/hazards.ts';
import type { InspectionMethod, InspectionStatus, ItemResult, Recurrence, TEMPLATE_KINDS } from '../../../../server/db/schema/inspections.ts';
import type { Inspection as InspectionSchema, InspectionDetail as InspectionDetailSchema, Summary as SummarySchema, AdhocCreate as AdhocCreateSchema } from '../../../../server/modules/inspections/schema.ts';
import type {
  Plan as PlanSchema,
  PlanCreate as PlanCreateSchema,
  Template as TemplateSchema,
  TemplateCreate as TemplateCreateSchema,
  TemplateDetail as TemplateDetailSchema,
  TemplateSection as TemplateSectionSchema,
} from '../../../../server/modules/inspections/schema-setup.ts';

export type { HazardCategory, HazardGrade, InspectionMethod, InspectionStatus, ItemResult, Recurrence };

export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export type Inspection = Static<typeof InspectionSchema>;
export type InspectionDetail = Static<typeof InspectionDetailSchema>;
export type InspectionSection = InspectionDetail['sections'][number];
export type InspectionItem = InspectionSection['items'][number];
export type Signature = NonNullable<Inspection['inspectorSignature']>;
export type AdhocCreate = Static<typeof AdhocCreateSchema>;
export type InspectionSummary = Static<typeof SummarySchema>;

export type Template = Static<typeof TemplateSchema>;
export type TemplateDetail = Static<typeof TemplateDetailSchema>;
export type TemplateCreate = Static<typeof TemplateCreateSchema>;
export type TemplateSection = Static<typeof TemplateSectionSchema>;

export type Plan = Static<typeof PlanSchema>;
export type PlanCreate = Static<typeof PlanCreateSchema>;
