// Per-org visitor settings (VIS-01): the unit's closing time (local HH:MM); a visitor still inside then
// is flagged and the host and the unit head are told once.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { defineSettingsSection } from '../../platform/settings/registry.ts';

const VisitorSettingsSchema = Type.Object({ closingTime: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }) }, { additionalProperties: false });
export type VisitorSettings = Static<typeof VisitorSettingsSchema>;

export const visitorSettings = defineSettingsSection<VisitorSettings>({
  name: 'visitors',
  schema: VisitorSettingsSchema,
  defaults: { closingTime: '18:00' },
});
