// Where each dashboard figure leads (RPT-02): the register filter that lists exactly the records
// behind the number, as server/modules/dashboard/schema.ts names it for every field. The query names
// are those of the hazards and inspections list APIs (HazardListQuery, InspectionListQuery,
// SummaryQuery), which the web registers read from the address bar.
import type { Static } from 'typebox';
import type { Dashboard as DashboardSchema } from '../../../../server/modules/dashboard/schema.ts';

export type Dashboard = Static<typeof DashboardSchema>;
export type Grade = keyof Dashboard['hazards']['byGrade'];
export type TaskKey = keyof Dashboard['tasks'];

export const GRADES: readonly Grade[] = ['major', 'significant', 'general', 'ungraded'];
/** Open and graded: assessed, under rectification, or rectified awaiting verification. */
const OPEN_GRADED = ['assessed', 'rectifying', 'rectified'] as const;

function link(path: string, params: Array<[string, string]>): string {
  const q = new URLSearchParams(params).toString();
  return q ? `${path}?${q}` : path;
}

/** First and last day (YYYY-MM-DD) of a YYYY-MM month. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

export const hazardLinks = {
  open: (orgId: string) => link('/hazards', [['open', 'true'], ['orgId', orgId]]),
  overdue: (orgId: string) => link('/hazards', [['overdue', 'true'], ['orgId', orgId]]),
  grade: (grade: Grade, orgId: string) =>
    grade === 'ungraded'
      ? link('/hazards', [['status', 'reported'], ['orgId', orgId]])
      : link('/hazards', [['grade', grade], ...OPEN_GRADED.map((s): [string, string] => ['status', s]), ['orgId', orgId]]),
  opened: (month: string, orgId: string) => {
    const { first, last } = monthBounds(month);
    return link('/hazards', [['reportedFrom', first], ['reportedTo', last], ['orgId', orgId]]);
  },
  closed: (month: string, orgId: string) => {
    const { first, last } = monthBounds(month);
    return link('/hazards', [['closedFrom', first], ['closedTo', last], ['orgId', orgId]]);
  },
};

/** This month's inspection figures are those of the inspection summary (INS-05) for the month. */
export const inspectionLinks = {
  summary: (month: string, orgId: string) => {
    const { first, last } = monthBounds(month);
    return link('/inspections/summary', [['from', first], ['to', last], ['orgId', orgId]]);
  },
};

export const TASK_KEYS: readonly TaskKey[] = ['inspectionsDue', 'hazardsToAssess', 'signoffs', 'hazardsToRectify', 'hazardsToVerify', 'extensions'];

const HAZARD_TASK: Record<Exclude<TaskKey, 'inspectionsDue'>, string> = {
  hazardsToRectify: 'rectify',
  hazardsToVerify: 'verify',
  hazardsToAssess: 'assess',
  signoffs: 'signoff',
  extensions: 'extension',
};

/** The viewer's own work (not narrowed by the unit chosen). */
export function taskLink(key: TaskKey): string {
  if (key === 'inspectionsDue') return link('/inspections', [['mine', 'true'], ['status', 'planned'], ['status', 'in_progress'], ['sort', 'dueAt']]);
  return link('/hazards', [['task', HAZARD_TASK[key]]]);
}
