// Dashboard counters (RPT-02): per unit AND per each of its ancestors, how many hazards and inspections
// fall in each figure's bucket, so the home page reads a few rows per unit instead of scanning the
// province's registers. Maintained by deferred triggers in the same transaction as the change
// (migration 0004), rebuilt from the registers by anbao_dash_rebuild() (after bulk loads and org moves).
// Metrics and buckets:
//   hz.open      status:grade:verified signed-off-assessment signed-off-closure (0/1 each) — open, not withdrawn
//   hz.due       'YYYY-MM' (UTC) of due_at — open, not withdrawn, with a deadline
//   hz.reported  'YYYY-MM' (COUNTER_TIME_ZONE) of reported_at — not withdrawn
//   hz.closed    'YYYY-MM' (COUNTER_TIME_ZONE) of closed_at — not withdrawn
//   in.due       'YYYY-MM' (COUNTER_TIME_ZONE) of due_at — inspections not withdrawn
//   in.done      'YYYY-MM' (COUNTER_TIME_ZONE) of due_at — submitted, not withdrawn
import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/** The zone the month buckets are cut in; the dashboard reads counters only when ANBAO_TIMEZONE is this zone. */
export const COUNTER_TIME_ZONE = 'Asia/Shanghai';

export const dashboardCounts = pgTable(
  'dashboard_counts',
  {
    /** The unit itself or one of its ancestors. */
    orgId: uuid('org_id').notNull(),
    metric: text('metric').notNull(),
    bucket: text('bucket').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.metric, t.bucket] })],
);
