// Per-org inspection settings: how many days before the due date the team is reminded (the
// "due tomorrow" notice by default). Overdue is flagged as soon as the due time passes unsubmitted.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { defineSettingsSection } from '../../platform/settings/registry.ts';

const InspectionSettingsSchema = Type.Object({ dueReminderDays: Type.Integer({ minimum: 1, maximum: 30 }) }, { additionalProperties: false });
export type InspectionSettings = Static<typeof InspectionSettingsSchema>;

export const inspectionSettings = defineSettingsSection<InspectionSettings>({
  name: 'inspections',
  schema: InspectionSettingsSchema,
  defaults: { dueReminderDays: 1 },
});
