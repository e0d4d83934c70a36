// The home page's figures (RPT-02). Every number is the size of a register filter: the description of
// each field names the filter (on the web app's /hazards and /inspections registers, and the API's
// GET /api/v1/hazards and /api/v1/inspections) that lists exactly the records behind it, so the web
// app links every figure. {scope} is scope.orgId; {first}/{last} are the first and last day of the
// figure's month (YYYY-MM-DD, org time zone). The inspection figures are those of the inspection
// summary (INS-05) of this month: inspections due this month, by their due date.
import { Type } from '@fastify/type-provider-typebox';
import { Id, Nullable } from '../../platform/http/types.ts';

export const DashboardQuery = Type.Object(
  { orgId: Type.Optional(Id({ description: "A unit within the viewer's scope: the figures cover its subtree. Default: the viewer's widest scope" })) },
  { additionalProperties: false },
);

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM in the org time zone' });
const OPEN_GRADED = 'status=assessed&status=rectifying&status=rectified';

const HazardUnit = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  open: Count('/hazards?open=true&orgId={orgId}'),
  overdue: Count('/hazards?overdue=true&orgId={orgId}'),
});

const InspectionUnit = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  due: Count('Due this month: /inspections/summary?from={first}&to={last}&orgId={orgId} → totals.due'),
  done: Count('Of those, submitted: … → totals.done'),
  overdue: Count('Of those, past their due time and not submitted: … → totals.overdue'),
  coverage: Nullable(Type.Number({ description: 'done / due in per cent, one decimal; null when nothing was due' })),
});

export const Dashboard = Type.Object({
  scope: Type.Object({ orgId: Type.String(), orgName: Type.String() }, { description: 'The unit whose subtree the figures cover' }),
  hazards: Type.Object({
    open: Count('Not closed: /hazards?open=true&orgId={scope}'),
    overdue: Count('Past the deadline and not closed: /hazards?overdue=true&orgId={scope}'),
    byGrade: Type.Object(
      {
        general: Count(`/hazards?grade=general&${OPEN_GRADED}&orgId={scope}`),
        significant: Count(`/hazards?grade=significant&${OPEN_GRADED}&orgId={scope}`),
        major: Count(`/hazards?grade=major&${OPEN_GRADED}&orgId={scope}`),
        ungraded: Count('Reported, not yet graded (a reporter’s proposed grade is not a grade): /hazards?status=reported&orgId={scope}'),
      },
      { description: 'Open hazards by their assessed grade; the four add up to hazards.open' },
    ),
    byUnit: Type.Array(HazardUnit, {
      description: 'The direct child units of the scope, each with its whole subtree, most open first (at most 20). Hazards of the scope unit itself are in the totals only',
    }),
    monthly: Type.Array(
      Type.Object({
        month: Month,
        opened: Count('Reported that month: /hazards?reportedFrom={first}&reportedTo={last}&orgId={scope}'),
        closed: Count('Closed (销号) that month: /hazards?closedFrom={first}&closedTo={last}&orgId={scope}'),
      }),
      { description: 'The last 12 months, oldest first, the current month last' },
    ),
  }),
  inspections: Type.Object({
    month: Month,
    due: Count('Due this month: /inspections/summary?from={first}&to={last}&orgId={scope} → totals.due'),
    done: Count('Of those, submitted: … → totals.done'),
    overdue: Count('Of those, past their due time and not submitted: … → totals.overdue'),
    coverage: Nullable(Type.Number({ description: 'done / due in per cent, one decimal; null when nothing is due (… → totals.coverage)' })),
    byUnit: Type.Array(InspectionUnit, { description: 'The direct child units of the scope, each with its whole subtree, most due first (at most 20)' }),
  }),
  tasks: Type.Object(
    {
      inspectionsDue: Count('Inspections I lead or am a member of, not submitted, due within 7 days or overdue: the first rows of /inspections?mine=true&status=planned&status=in_progress&sort=dueAt'),
      hazardsToRectify: Count('/hazards?task=rectify'),
      hazardsToVerify: Count('/hazards?task=verify'),
      hazardsToAssess: Count('/hazards?task=assess'),
      signoffs: Count('/hazards?task=signoff'),
      extensions: Count('/hazards?task=extension'),
    },
    { description: "The viewer's own work across their whole scope (orgId does not narrow it)" },
  ),
  today: Type.Array(
    Type.Object({
      key: Type.String({ description: '<module>.<figure>' }),
      label: Type.String({ description: "In the request's language" }),
      value: Count("Over the scope's subtree, what the viewer may read"),
      link: Type.String({ description: 'Web path of the register filter that lists the records behind the figure' }),
      tone: Type.Union([Type.Literal('normal'), Type.Literal('warn')], { description: 'warn: a non-zero value needs attention' }),
    }),
    { description: "Figures of the day added by the daily-operations modules (patrols, duty, visitors, equipment), each shown when the viewer holds its module's read permission" },
  ),
});
