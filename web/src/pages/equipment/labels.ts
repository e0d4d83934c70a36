// Equipment enums with their labels and tones. Each list is a Record over the server's own union type,
// so a value added on the server fails the type check here until it is labelled in both languages.
import { i18next } from '../../app/i18n';
import type { Tone } from '../../components/StatusTag';
import type { EquipmentKind, EquipmentStatus, FaultStatus, MaintenanceRecurrence, MaintenanceType } from './types';

export const STATUS_TONES: Record<EquipmentStatus, Tone> = { in_service: 'success', faulty: 'error', out_of_service: 'warning', retired: 'neutral' };
export const FAULT_TONES: Record<FaultStatus, Tone> = { reported: 'error', assigned: 'warning', fixed: 'info', closed: 'success' };
const KINDS: Record<EquipmentKind, true> = {
  camera: true,
  intrusion_alarm: true,
  access_control: true,
  fire_extinguisher: true,
  fire_alarm: true,
  emergency_light: true,
  ups: true,
  bulletproof_glass: true,
  electronic_fence: true,
  communication: true,
};
const TYPES: Record<MaintenanceType, true> = { daily_check: true, quarterly_inspection: true, ups_test: true, aircon_reading: true };
const RECURRENCES: Record<MaintenanceRecurrence, true> = { daily: true, weekly: true, monthly: true, quarterly: true, half_yearly: true, yearly: true };

export const equipmentKinds = Object.keys(KINDS) as EquipmentKind[];
export const equipmentStatuses = Object.keys(STATUS_TONES) as EquipmentStatus[];
export const faultStatuses = Object.keys(FAULT_TONES) as FaultStatus[];
export const maintenanceTypes = Object.keys(TYPES) as MaintenanceType[];
export const recurrences = Object.keys(RECURRENCES) as MaintenanceRecurrence[];

export const kindLabel = (k: EquipmentKind) => i18next.t(`equipmentKind.${k}`);
export const statusLabel = (s: EquipmentStatus) => i18next.t(`equipmentStatus.${s}`);
export const faultStatusLabel = (s: FaultStatus) => i18next.t(`faultStatus.${s}`);
export const typeLabel = (s: MaintenanceType) => i18next.t(`maintenanceType.${s}`);
export const recurrenceLabel = (s: MaintenanceRecurrence) => i18next.t(`maintenanceRecurrence.${s}`);

export const options = <T extends string>(values: readonly T[], label: (v: T) => string) => values.map((value) => ({ value, label: label(value) }));
