// The SQL of GET /api/v1/dashboard for a viewer whose scope is the whole province (the bench user),
// as server/modules/dashboard/from-counters.ts and counters.ts issue it: child units, counter rows, the
// exact current-month overdue counts, the viewer's inspections and task corrections.
export interface Q {
  text: string;
  values: unknown[];
}

const CHILD = `split_part(substr(o.path, $2::int), '/', 1)`;

export function dashboardSql(org: { id: string; path: string }, userId: string, now: Date): Record<string, Q> {
  const utcMonthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const local = new Date(now.getTime() + 8 * 3600_000);
  const monthStart = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 8 * 3600_000);
  const subtree = `${org.path}%`;
  const scope = `h.org_id in (select o2.id from orgs o2 where o2.path like $1) and h.withdrawn_at is null and h.status <> 'closed'`;
  return {
    root: { text: `select id, name, path from orgs where path = $1`, values: [org.path] },
    children: { text: `select id, name from orgs where parent_id = $1 and withdrawn_at is null order by sort_order, code`, values: [org.id] },
    hazardCounts: {
      text: `select org_id, metric, bucket, n from dashboard_counts where org_id in (select $1::uuid union all select id from orgs where parent_id = $1) and metric = any($2)`,
      values: [org.id, ['hz.open', 'hz.due', 'hz.reported', 'hz.closed']],
    },
    overdueThisMonth: {
      text: `select ${CHILD} as unit, count(*)::int as n from hazards h join orgs o on o.id = h.org_id
             where h.status <> 'closed' and h.withdrawn_at is null and h.due_at >= $3 and h.due_at < $4 and o.path like $1 group by 1`,
      values: [subtree, org.path.length + 1, utcMonthStart, now],
    },
    children2: { text: `select id, name from orgs where parent_id = $1 and withdrawn_at is null order by sort_order, code`, values: [org.id] },
    inspectionCounts: {
      text: `select org_id, metric, bucket, n from dashboard_counts where org_id in (select $1::uuid union all select id from orgs where parent_id = $1) and metric = any($2)`,
      values: [org.id, ['in.due', 'in.done']],
    },
    inspectionsOverdue: {
      text: `select ${CHILD} as unit, count(*)::int as n from inspections i join orgs o on o.id = i.org_id
             where i.status <> 'submitted' and i.withdrawn_at is null and i.due_at >= $3 and i.due_at < $4 and o.path like $1 group by 1`,
      values: [subtree, org.path.length + 1, monthStart, now],
    },
    myInspections: {
      text: `select count(*)::int as n from inspections i join orgs o on o.id = i.org_id
             where i.org_id in (select o2.id from orgs o2 where o2.path like $1) and (i.leader_id = $2 or i.member_ids @> $3::jsonb)
               and i.status <> 'submitted' and i.withdrawn_at is null and i.due_at < $4`,
      values: [subtree, userId, JSON.stringify([userId]), new Date(now.getTime() + 7 * 86_400_000)],
    },
    taskCounts: { text: `select org_id, metric, bucket, n from dashboard_counts where org_id = any($1::uuid[]) and metric = 'hz.open'`, values: [[org.id]] },
    ownToVerify: {
      text: `select count(*)::int as n from hazards h join orgs o on o.id = h.org_id where ${scope} and h.status = 'rectified' and h.verified_at is null
             and (h.id in (select id from hazards where rectified_by = $2 and status <> 'closed') or h.id in (select id from hazards where reported_by = $2 and status <> 'closed'))`,
      values: [subtree, userId],
    },
    ownToSignoff: {
      text: `select count(*)::int as n from hazards h join orgs o on o.id = h.org_id where ${scope} and h.grade = 'major' and h.status = 'rectified'
             and h.verified_at is not null and h.closure_signoff_at is null and h.id in (select id from hazards where rectified_by = $2 and status <> 'closed')`,
      values: [subtree, userId],
    },
    extensions: {
      text: `select count(*)::int as n from hazards h join orgs o on o.id = h.org_id where h.id in (select hazard_id from hazard_extensions where status = 'pending') and ${scope}
             and h.status in ('assessed', 'rectifying') and exists (select 1 from hazard_extensions e where e.hazard_id = h.id and e.status = 'pending' and e.requested_by <> $2)`,
      values: [subtree, userId],
    },
  };
}
