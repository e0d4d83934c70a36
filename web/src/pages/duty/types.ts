// Types of the duty API, taken from the server's TypeBox schemas (never hand-written twice).
import type { Static } from 'typebox';
import type {
  Assignment as AssignmentSchema,
  AssignmentDetail as AssignmentDetailSchema,
  Coverage as CoverageSchema,
  DutyLog as DutyLogSchema,
  Handover as HandoverSchema,
  HandoverDetail as HandoverDetailSchema,
  MyDuty as MyDutySchema,
  OpenItem as OpenItemSchema,
  Shift as ShiftSchema,
  ShiftList as ShiftListSchema,
  Swap as SwapSchema,
} from '../../../../server/modules/duty/schema.ts';

export type Assignment = Static<typeof AssignmentSchema>;
export type AssignmentDetail = Static<typeof AssignmentDetailSchema>;
export type Coverage = Static<typeof CoverageSchema>;
export type DutyLog = Static<typeof DutyLogSchema>;
export type Handover = Static<typeof HandoverSchema>;
export type HandoverDetail = Static<typeof HandoverDetailSchema>;
export type MyDuty = Static<typeof MyDutySchema>;
export type OpenItem = Static<typeof OpenItemSchema>;
export type Shift = Static<typeof ShiftSchema>;
export type ShiftList = Static<typeof ShiftListSchema>;
export type Swap = Static<typeof SwapSchema>;
