// Types of the equipment API, taken from the server's TypeBox schemas (never hand-written twice).
import type { Static } from 'typebox';
import type { EquipmentKind, EquipmentStatus, FaultStatus, MaintenanceRecurrence, MaintenanceType } from '../../../../server/db/schema/equipment.ts';
import type {
  Equipment as EquipmentSchema,
  EquipmentDetail as EquipmentDetailSchema,
  Fault as FaultSchema,
  FaultDetail as FaultDetailSchema,
  MaintenancePlan as PlanSchema,
  MaintenanceTask as TaskSchema,
  MaintenanceTaskDetail as TaskDetailSchema,
} from '../../../../server/modules/equipment/schema.ts';

export type { EquipmentKind, EquipmentStatus, FaultStatus, MaintenanceRecurrence, MaintenanceType };
export type Equipment = Static<typeof EquipmentSchema>;
export type EquipmentDetail = Static<typeof EquipmentDetailSchema>;
export type Fault = Static<typeof FaultSchema>;
export type FaultDetail = Static<typeof FaultDetailSchema>;
export type MaintenancePlan = Static<typeof PlanSchema>;
export type MaintenanceTask = Static<typeof TaskSchema>;
export type MaintenanceTaskDetail = Static<typeof TaskDetailSchema>;
