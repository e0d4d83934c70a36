// The dashboard from maintained counters (RPT-02; table dashboard_counts, migration 0004): a few rows
// per unit instead of a scan of the province's registers. Each figure equals the scan of the register
// filter it names (service.ts): counts of the unit's subtree come from the unit's own counter rows
// (every change is counted for each ancestor), and what depends on the clock — overdue — is the
// counted months before the current one plus an exact, index-bounded count of the current month.
// Used only where the counters mean the same thing as the scan: the whole subtree lies in the viewer's
// read scope (and, for inspections, plan scope: nothing hidden, INS-02) and ANBAO_TIMEZONE is the zone
// the month buckets are cut in; service.ts falls back to the scans otherwise.
import { and, inArray, type SQL, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../db/client.ts';
import { dashboardCounts, hazards, inspections, orgs } from '../../db/schema/index.ts';
import { COUNTER_TIME_ZONE } from '../../db/schema/dashboard.ts';
import { type Root, inSubtree } from './repository.ts';

export const countersApply = (timeZone: string) => timeZone === COUNTER_TIME_ZONE;

/** True when `path`'s whole subtree lies inside one of `scope`'s subtrees. */
export const covered = (path: string, scope: string[]) => scope.some((p) => path.startsWith(p));

/** The subtrees in both lists (the deeper of each nested pair), none nested in another. */
export function intersect(a: string[], b: string[]): string[] {
  const out = new Set<string>();
  for (const x of a) for (const y of b) if (x.startsWith(y)) out.add(x);
  else if (y.startsWith(x)) out.add(y);
  const list = [...out].sort((p, q) => p.length - q.length);
  return list.filter((p, i) => !list.slice(0, i).some((q) => p.startsWith(q)));
}
const lastId = (path: string) => path.split('/').filter(Boolean).pop()!;

/**
 * A read that can share one statement with others (readPart): the scalar subqueries it selects — each
 * returns one value, a count or a row set as JSON — and how to turn their values into the figure. The
 * dashboard's panels and each viewer's tasks are read this way, a statement each: on a busy 2-core
 * server every statement costs a round trip, a wake-up of a database process and its own planning
 * (issue 4: ~26 statements a computation, 25–43 % of the server's time in writev).
 */
export interface Part<T> {
  columns: SQL[];
  decode: (values: unknown[]) => T;
}

/** The parts' figures, read in one statement (one round trip); a part with no columns reads nothing. */
export async function readPart<T>(ex: Executor, part: Part<T>): Promise<T> {
  if (!part.columns.length) return part.decode([]);
  const [r] = await rows<Record<string, unknown>>(ex, sql`select ${sql.join(part.columns.map((q, i) => sql`(${q}) as ${sql.identifier(`v${i}`)}`), sql`, `)}`);
  return part.decode(part.columns.map((_, i) => r[`v${i}`]));
}

/** Several parts as one: their columns side by side, their figures as a tuple. */
export function combine<T extends unknown[]>(parts: { [K in keyof T]: Part<T[K]> }): Part<T> {
  const list = parts as Array<Part<unknown>>;
  return {
    columns: list.flatMap((p) => p.columns),
    decode: (values) => {
      let at = 0;
      return list.map((p) => p.decode(values.slice(at, (at += p.columns.length)))) as T;
    },
  };
}

/** A part's figure turned into another. */
export const mapPart = <T, U>(part: Part<T>, f: (t: T) => U): Part<U> => ({ columns: part.columns, decode: (v) => f(part.decode(v)) });

/** A constant: no column read. */
export const constPart = <T>(value: T): Part<T> => ({ columns: [], decode: () => value });

/**
 * The rows of `query` as one JSON value, in the order of its `ord` column (json_agg keeps the order it
 * is given only by convention; ordering the aggregate by a column keeps it by definition).
 */
function rowsPart<R>(query: SQL, ordered: boolean): Part<R[]> {
  const agg = ordered ? sql`json_agg(x order by x.ord)` : sql`json_agg(x)`;
  return { columns: [sql`select coalesce(${agg}, '[]'::json) from (${query}) x`], decode: ([v]) => (typeof v === 'string' ? JSON.parse(v) : v) as R[] };
}

/** counts[orgId][metric \t bucket] for the given units and metrics. */
export function countsPart(orgIds: string[], metrics: string[]): Part<Map<string, Map<string, number>>> {
  const empty = () => new Map<string, Map<string, number>>(orgIds.map((id) => [id, new Map()]));
  if (!orgIds.length) return constPart(new Map());
  const query = sql`select ${dashboardCounts.orgId} as "orgId", ${dashboardCounts.metric} as metric, ${dashboardCounts.bucket} as bucket, ${dashboardCounts.n} as n
        from ${dashboardCounts} where ${and(inArray(dashboardCounts.orgId, orgIds), inArray(dashboardCounts.metric, metrics))}`;
  return mapPart(rowsPart<{ orgId: string; metric: string; bucket: string; n: number }>(query, false), (rs) => {
    const out = empty();
    for (const r of rs) out.get(r.orgId)!.set(`${r.metric}\t${r.bucket}`, Number(r.n));
    return out;
  });
}

/** A counter row condition for childTotals: the metric(s), optionally only buckets before / equal to one. */
export function metric(name: string | string[], bucket: { before?: string; in?: string } = {}): SQL {
  const conds = [typeof name === 'string' ? sql`${dashboardCounts.metric} = ${name}` : inArray(dashboardCounts.metric, name)];
  if (bucket.before !== undefined) conds.push(sql`${dashboardCounts.bucket} < ${bucket.before}`);
  if (bucket.in !== undefined) conds.push(sql`${dashboardCounts.bucket} = ${bucket.in}`);
  return and(...conds)!;
}

/** Σ n over one unit's buckets of `metric` whose bucket satisfies `keep`. */
export function sum(counts: Map<string, number> | undefined, metric: string, keep: (bucket: string) => boolean = () => true): number {
  let n = 0;
  for (const [k, v] of counts ?? []) {
    const [m, b] = k.split('\t');
    if (m === metric && keep(b)) n += v;
  }
  return n;
}

/** hz.open bucket "status:grade:VAC" (verified, assessment signed off, closure signed off: 0/1). */
export function openBucket(b: string) {
  const [status, grade, flags] = b.split(':');
  return { status, grade, verified: flags[0] === '1', assessmentSigned: flags[1] === '1', closureSigned: flags[2] === '1' };
}

/**
 * Per direct child of `root` (not withdrawn, in the org tree's order): its counter rows that match
 * `counted` (a condition on metric and bucket, so the primary key bounds the read), summed in SQL —
 * Σ n over the buckets each figure keeps — so a province root's ~80 children cost one grouped index
 * read, not thousands of bucket rows summed in JS.
 */
export function childTotals<K extends string>(root: Root, counted: SQL, figures: Record<K, SQL>): Part<Array<{ id: string; name: string } & Record<K, number>>> {
  const sums = Object.entries<SQL>(figures).map(([k, cond]) => sql`coalesce(sum(${dashboardCounts.n}) filter (where ${cond}), 0)::int as ${sql.identifier(k)}`);
  return rowsPart(
    sql`select ${orgs.id} as id, ${orgs.name} as name, ${sql.join(sums, sql`, `)}, row_number() over (order by ${orgs.sortOrder} asc, ${orgs.code} asc) as ord
        from ${orgs} left join ${dashboardCounts} on ${dashboardCounts.orgId} = ${orgs.id} and ${counted}
        where ${orgs.parentId} = ${root.id} and ${orgs.withdrawnAt} is null
        group by ${orgs.id}, ${orgs.name}, ${orgs.sortOrder}, ${orgs.code}`,
    true,
  );
}

/**
 * Per child unit of `root` ('' = the root unit itself): the records of `open` (one unit each) due in
 * [from, now). Counted per unit first, then summed per child: the join to the org tree then meets each
 * unit once instead of each record (~40 % less time on the provincial root).
 */
function dueSinceByChild(root: Root, records: { orgId: SQL; dueAt: SQL; from: SQL; open: SQL }, from: Date, now: Date): Part<Map<string, number>> {
  const query = sql`select split_part(substr(${orgs.path}, ${root.path.length + 1}::int), '/', 1) as unit, sum(d.n)::int as n
        from (select ${records.orgId} as org_id, count(*) as n from ${records.from}
              where ${records.open} and ${records.dueAt} >= ${from} and ${records.dueAt} < ${now} group by 1) d
        inner join ${orgs} on ${orgs.id} = d.org_id
        where ${inSubtree(root)}
        group by 1`;
  return mapPart(rowsPart<{ unit: string; n: number }>(query, false), (rs) => new Map(rs.map((r) => [r.unit, Number(r.n)])));
}

/** Per child unit of `root` ('' = the root unit itself): open, not withdrawn hazards due in [from, now). */
export function overdueSince(root: Root, from: Date, now: Date): Part<Map<string, number>> {
  const open = sql`${hazards.status} <> 'closed' and ${hazards.withdrawnAt} is null`;
  return dueSinceByChild(root, { orgId: sql`${hazards.orgId}`, dueAt: sql`${hazards.dueAt}`, from: sql`${hazards}`, open }, from, now);
}

/** Per child unit: inspections not withdrawn, not submitted, due in [from, now) (overdue this month). */
export function inspectionsOverdueSince(root: Root, from: Date, now: Date): Part<Map<string, number>> {
  const open = sql`${inspections.status} <> 'submitted' and ${inspections.withdrawnAt} is null`;
  return dueSinceByChild(root, { orgId: sql`${inspections.orgId}`, dueAt: sql`${inspections.dueAt}`, from: sql`${inspections}`, open }, from, now);
}

/**
 * For each (paths, keep): Σ of the hz.open counters of each subtree root in `paths` (none nested) over
 * the buckets that `keep` — all read in one query (the task counts usually share one root).
 */
export function openAcross(sets: Array<{ paths: string[]; keep: (b: ReturnType<typeof openBucket>) => boolean }>): Part<number[]> {
  return mapPart(countsPart([...new Set(sets.flatMap((s) => s.paths.map(lastId)))], ['hz.open']), (counts) => sets.map(({ paths, keep }) => paths.map(lastId).reduce((n, id) => n + sum(counts.get(id), 'hz.open', (b) => keep(openBucket(b))), 0)));
}

/**
 * The hazards the person `me` rectified or reported (`by`), among `where`: small and index-driven. A
 * plain OR of the person's columns: the planner ORs the two index scans (open_rectifier, reporter) and
 * visits only that person's hazards. (IN-subqueries here made it scan every open hazard in scope: 2–3 s
 * on the provincial data.)
 */
export function own(me: string, by: Array<'rectifiedBy' | 'reportedBy'>): SQL {
  return sql`(${sql.join(by.map((col) => sql`${col === 'rectifiedBy' ? hazards.rectifiedBy : hazards.reportedBy} = ${me}`), sql` or `)})`;
}

/**
 * How many rows of `table` match each condition: each count is its own scalar subquery, planned with
 * its own indexes, read in the statement of whatever part it is combined into. The rows are not joined
 * to the org tree: the conditions name units by id (scope subqueries), and a condition on the tree's
 * columns would fail here rather than count wrongly. A count of hazards with a pending extension
 * request is driven from the pending requests' index by the register's own EXISTS condition
 * (task=extension).
 */
export function countEach(table: typeof hazards | typeof inspections, conditions: SQL[]): Part<number[]> {
  return { columns: conditions.map((where) => sql`select count(*)::int from ${table} where ${where}`), decode: (values) => values.map(Number) };
}
