// Per-org duty settings (DUT-01): how many days ahead a gap in the roster is flagged to the unit head
// and the security head. Shipped default 3 days; the system administrator can change it per org.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { defineSettingsSection } from '../../platform/settings/registry.ts';

const DutySettingsSchema = Type.Object({ gapNoticeDays: Type.Integer({ minimum: 1, maximum: 30 }) }, { additionalProperties: false });
export type DutySettings = Static<typeof DutySettingsSchema>;

export const dutySettings = defineSettingsSection<DutySettings>({
  name: 'duty',
  schema: DutySettingsSchema,
  defaults: { gapNoticeDays: 3 },
});
