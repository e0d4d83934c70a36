// Types of the patrols API, taken from the server's TypeBox schemas (never hand-written twice).
import type { Static } from 'typebox';
import type { Patrol as PatrolSchema, PatrolDetail as PatrolDetailSchema, PatrolRoute as PatrolRouteSchema, ScanTarget as ScanTargetSchema } from '../../../../server/modules/patrols/schema.ts';
import type { Checklists as ChecklistsSchema, MonitoringLog as MonitoringLogSchema, OpeningCheck as OpeningCheckSchema } from '../../../../server/modules/patrols/schema-logs.ts';

export type Patrol = Static<typeof PatrolSchema>;
export type PatrolDetail = Static<typeof PatrolDetailSchema>;
export type PatrolRoute = Static<typeof PatrolRouteSchema>;
export type ScanTarget = Static<typeof ScanTargetSchema>;
export type MonitoringLog = Static<typeof MonitoringLogSchema>;
export type OpeningCheck = Static<typeof OpeningCheckSchema>;
export type Checklists = Static<typeof ChecklistsSchema>;
