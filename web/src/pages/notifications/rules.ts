// The notification rules a channel can be limited to (the rule codes the hazards and inspections
// modules send; HAZ-04, INS-02). An empty list on a channel means every rule.
export const NOTIFICATION_RULES = [
  'hazard.reported',
  'hazard.signoff_needed',
  'hazard.notice_issued',
  'hazard.rectified',
  'hazard.reopened',
  'hazard.closed',
  'hazard.extension_requested',
  'hazard.extension_decided',
  'hazard.due_soon',
  'hazard.due_today',
  'hazard.overdue',
  'hazard.verification_waiting',
  'inspection.due_tomorrow',
  'inspection.overdue',
] as const;

export const ruleKey = (rule: string) => `notificationChannels.rule.${rule.replace(/\./g, '_')}`;
