// Types of the hazards API, taken from the server's TypeBox schemas (never hand-written twice).
// Type-only imports: nothing of the server reaches the browser bundle.
import type { Static } from 'typebox';
import type { HazardCategory, HazardGrade, HazardSource, HazardStatus, HazardStep } from '../../../../server/db/schema/hazards.ts';
import type { Extension as ExtensionSchema, Hazard as HazardSchema, HazardDetail as HazardDetailSchema, ReporterRanking as ReporterRankingSchema, TimelineEntry as TimelineEntrySchema } from '../../../../server/modules/hazards/schema.ts';

export type { HazardCategory, HazardGrade, HazardSource, HazardStatus, HazardStep };
export type Hazard = Static<typeof HazardSchema>;
export type HazardDetail = Static<typeof HazardDetailSchema>;
export type HazardExtension = Static<typeof ExtensionSchema>;
export type HazardTimelineEntry = Static<typeof TimelineEntrySchema>;
export type ReporterRanking = Static<typeof ReporterRankingSchema>;
