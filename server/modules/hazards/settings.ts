// Per-org hazard settings (HAZ-02, HAZ-04): the deadline each grade sets and the reminder thresholds.
// The numbers are the shipped defaults of the issue; the system administrator can change them per org.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { defineSettingsSection } from '../../platform/settings/registry.ts';
import { addDays } from '../../platform/time.ts';

const HazardSettingsSchema = Type.Object(
  {
    generalDays: Type.Integer({ minimum: 1, maximum: 365 }),
    significantDays: Type.Integer({ minimum: 1, maximum: 365 }),
    majorDays: Type.Integer({ minimum: 1, maximum: 365 }),
    dueSoonDays: Type.Integer({ minimum: 1, maximum: 30 }),
    verificationWaitDays: Type.Integer({ minimum: 1, maximum: 30 }),
  },
  { additionalProperties: false },
);
export type HazardSettings = Static<typeof HazardSettingsSchema>;

export const hazardSettings = defineSettingsSection<HazardSettings>({
  name: 'hazards',
  schema: HazardSettingsSchema,
  defaults: { generalDays: 30, significantDays: 15, majorDays: 7, dueSoonDays: 3, verificationWaitDays: 2 },
  check: (v) =>
    v.majorDays > v.significantDays
      ? ['hazards.majorDays', 'V_MAXIMUM', { limit: v.significantDays }]
      : v.significantDays > v.generalDays
        ? ['hazards.significantDays', 'V_MAXIMUM', { limit: v.generalDays }]
        : null,
});

/** HAZ-02: the local day each grade's default deadline falls on when graded on `today` (YYYY-MM-DD). */
export function defaultDueDays(s: HazardSettings, today: string): Record<'general' | 'significant' | 'major', string> {
  return { general: addDays(today, s.generalDays), significant: addDays(today, s.significantDays), major: addDays(today, s.majorDays) };
}
