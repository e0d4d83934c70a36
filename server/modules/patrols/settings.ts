// Per-org patrol settings (PAT-02 … PAT-04), shipped defaults the system administrator can change per
// org: how fast two checkpoints can honestly follow each other, what counts as repeated scanning,
// how long a scheduled patrol may wait to start, how long recordings are kept, and the times by
// which the branches' opening and closing checks must be done.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { defineSettingsSection } from '../../platform/settings/registry.ts';

const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

const PatrolSettingsSchema = Type.Object(
  {
    /** Two consecutive scans of different checkpoints closer than this are flagged (walking takes longer). */
    minSecondsBetweenCheckpoints: Type.Integer({ minimum: 1, maximum: 3600 }),
    /** The same checkpoint scanned this many times … */
    repeatScanCount: Type.Integer({ minimum: 2, maximum: 50 }),
    /** … within this many minutes is flagged. */
    repeatScanMinutes: Type.Integer({ minimum: 1, maximum: 240 }),
    /** A scheduled patrol not started this many minutes after its time is flagged and reminded. */
    startGraceMinutes: Type.Integer({ minimum: 1, maximum: 240 }),
    /** PAT-03: days the recorder keeps footage; older un-archived periods are lost. */
    retentionDays: Type.Integer({ minimum: 1, maximum: 3650 }),
    /** PAT-04: local time by which the opening / closing check must be done. */
    openingCheckBy: HHMM,
    closingCheckBy: HHMM,
  },
  { additionalProperties: false },
);
export type PatrolSettings = Static<typeof PatrolSettingsSchema>;

export const patrolSettings = defineSettingsSection<PatrolSettings>({
  name: 'patrols',
  schema: PatrolSettingsSchema,
  defaults: { minSecondsBetweenCheckpoints: 30, repeatScanCount: 3, repeatScanMinutes: 10, startGraceMinutes: 15, retentionDays: 90, openingCheckBy: '09:00', closingCheckBy: '18:30' },
});
