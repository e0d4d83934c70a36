// EQP-04: how many days ahead of its expiry each kind of equipment is announced, per org (0: no
// advance notice, only on expiry). Shipped defaults: extinguishers 30, UPS batteries 60, the others 30.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { EQUIPMENT_KINDS, type EquipmentKind } from '../../db/schema/equipment.ts';
import { defineSettingsSection } from '../../platform/settings/registry.ts';

const Days = Type.Integer({ minimum: 0, maximum: 365 });
const EquipmentExpirySchema = Type.Object(Object.fromEntries(EQUIPMENT_KINDS.map((k) => [k, Days])) as Record<EquipmentKind, typeof Days>, { additionalProperties: false });
export type EquipmentExpirySettings = Static<typeof EquipmentExpirySchema>;

export const DEFAULT_EXPIRY_DAYS: EquipmentExpirySettings = {
  camera: 30,
  intrusion_alarm: 30,
  access_control: 30,
  fire_extinguisher: 30,
  fire_alarm: 30,
  emergency_light: 30,
  ups: 60,
  bulletproof_glass: 30,
  electronic_fence: 30,
  communication: 30,
};

export const equipmentExpirySettings = defineSettingsSection<EquipmentExpirySettings>({
  name: 'equipmentExpiry',
  schema: EquipmentExpirySchema,
  defaults: DEFAULT_EXPIRY_DAYS,
});
