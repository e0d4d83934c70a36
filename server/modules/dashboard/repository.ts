// Dashboard queries (RPT-02): a handful of aggregate queries per page, whatever the number of units.
// - Each figure is `count(*) filter (where <the register's condition>)` over rows already restricted to
//   the viewer's scope, so one scan answers all the figures of a panel.
// - Per unit, the direct child unit of the scope root is read from the materialised path in SQL
//   ("/<root…>/<child>/<…>/" → <child>) and grouped on: one query, no per-unit loop, no rows in JS.
// - Open-hazard figures and tasks scan open hazards only (hazards_open_due_idx, a partial index; most
//   hazards of a province are closed); the scope is on indexed columns (orgs_path_idx for the
//   subtree, hazards_org_status_due_idx / inspections_org_status_idx via org_id).
// Inspections are read from the inspections module's table directly: the dashboard is a reporting
// read model across modules. It applies that module's own read scope (readScope, passed in by the
// service), so what the inspections register hides from the viewer — another unit's records, an
// unannounced inspection not yet started (INS-02) — is not counted either.
import { and, asc, desc, eq, isNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, rows } from '../../db/client.ts';
import { hazards, inspections, orgs } from '../../db/schema/index.ts';
import { pathWithin } from '../../platform/access/scope.ts';

export interface Root {
  id: string;
  name: string;
  path: string;
}

type Figures<K extends string> = Record<K, SQL>;
type Counted<K extends string> = Record<K, number>;

/** The rows of `root`'s subtree (the register's orgId filter: orgs.path prefix). */
export const inSubtree = (root: Root) => pathWithin(orgs.path, root.path);

const counts = <K extends string>(figures: Figures<K>) =>
  Object.fromEntries(Object.entries<SQL>(figures).map(([k, cond]) => [k, sql<number>`(count(*) filter (where ${cond}))::int`.as(k)])) as Record<K, SQL.Aliased<number>>;

/** The child of `root` each row's unit lies under ('' for the root unit itself). */
const childOf = (root: Root) => sql<string>`split_part(substr(${orgs.path}, ${root.path.length + 1}::int), '/', 1)`;

type Source = typeof hazards | typeof inspections;
const rowsOf = (ex: Executor, table: Source, fields: Record<string, SQL.Aliased<unknown> | SQL>) => ex.select(fields).from(table).innerJoin(orgs, eq(orgs.id, table.orgId));

/** The figures over the rows of `where` (already scoped). */
export async function totals<K extends string>(ex: Executor, table: Source, where: SQL, figures: Figures<K>): Promise<Counted<K>> {
  const [row] = await rowsOf(ex, table, counts(figures)).where(where);
  return row as Counted<K>;
}

/**
 * The figures per direct child unit of `root` (each with its whole subtree), every child listed even
 * with nothing to count, ordered by `orderBy` (largest first), then by the org tree's own order.
 */
export async function perChildUnit<K extends string>(ex: Executor, table: Source, where: SQL, root: Root, figures: Figures<K>, orderBy: NoInfer<K>, limit: number) {
  const grouped = rowsOf(ex, table, { unitKey: childOf(root).as('unit_key'), ...counts(figures) })
    .where(and(where, ne(orgs.id, root.id)))
    .groupBy(sql`1`)
    .as('grouped');
  const unit = alias(orgs, 'unit');
  const cols = grouped as unknown as Record<K | 'unitKey', SQL>;
  const fields = Object.fromEntries((Object.keys(figures) as K[]).map((k) => [k, sql<number>`coalesce(${cols[k]}, 0)::int`.as(`${k}_n`)])) as Record<K, SQL.Aliased<number>>;
  const rs = await ex
    .select({ orgId: unit.id, orgName: unit.name, ...fields })
    .from(unit)
    .leftJoin(grouped, sql`${cols.unitKey} = ${unit.id}::text`)
    .where(and(eq(unit.parentId, root.id), isNull(unit.withdrawnAt)))
    .orderBy(desc(fields[orderBy]), asc(unit.sortOrder), asc(unit.code))
    .limit(limit);
  return rs as unknown as Array<{ orgId: string; orgName: string } & Counted<K>>;
}

/** Hazards of `where` reported and closed in each month ('YYYY-MM' in `tz`) from `from` on, in one scan. */
export async function openedClosedPerMonth(ex: Executor, where: SQL, from: Date, tz: string): Promise<Map<string, { opened: number; closed: number }>> {
  const rs = await rows<{ month: string; opened: number; closed: number }>(
    ex,
    sql`select to_char(e.at at time zone ${tz}, 'YYYY-MM') as month,
          (count(*) filter (where e.kind = 'opened'))::int as opened,
          (count(*) filter (where e.kind = 'closed'))::int as closed
        from ${hazards} inner join ${orgs} on ${orgs.id} = ${hazards.orgId}
        cross join lateral (values ('opened', ${hazards.reportedAt}), ('closed', ${hazards.closedAt})) as e(kind, at)
        where ${where} and (${hazards.reportedAt} >= ${from} or ${hazards.closedAt} >= ${from}) and e.at >= ${from}
        group by 1`,
  );
  return new Map(rs.map((r) => [r.month, { opened: Number(r.opened), closed: Number(r.closed) }]));
}

/** Due within [from, to] (instants): the period of the inspection summary (INS-05). */
export const dueWithin = (from: Date, to: Date) => sql`${inspections.dueAt} between ${from} and ${to}`;

/** Not submitted, due before `until` (overdue ones included). */
export const unsubmittedDueBefore = (until: Date) => and(ne(inspections.status, 'submitted'), isNull(inspections.withdrawnAt), lt(inspections.dueAt, until))!;
