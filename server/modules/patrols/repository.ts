// Patrol queries, always ANDed with the caller's scope condition built by the service.
import { and, asc, count, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orgs, patrolAnomalies, patrolCheckpoints, patrolRoutes, patrols, patrolScans, users } from '../../db/schema/index.ts';
import type { PatrolStatus } from '../../db/schema/patrols.ts';
import { type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { pathWithin } from '../../platform/access/scope.ts';

export const selectPatrols = (ex: Executor) =>
  ex
    .select({ p: patrols, orgName: orgs.name, orgPath: orgs.path, routeName: patrolRoutes.name, guardName: users.name })
    .from(patrols)
    .innerJoin(orgs, eq(orgs.id, patrols.orgId))
    .innerJoin(patrolRoutes, eq(patrolRoutes.id, patrols.routeId))
    .leftJoin(users, eq(users.id, patrols.guardId));

export type PatrolRow = Awaited<ReturnType<ReturnType<typeof selectPatrols>['where']>>[number];

export type Outcome = 'done' | 'problem' | 'not_started' | 'missed_checkpoints' | 'flagged';

export interface PatrolFilterSql {
  scope: SQL;
  now: Date;
  withinPath?: string;
  routeId?: string;
  status?: PatrolStatus[];
  outcome?: Outcome;
  dayFrom?: string;
  dayTo?: string;
  guardId?: string;
  mine?: SQL;
  includeWithdrawn?: boolean;
}

export const notStarted = (now: Date) => and(eq(patrols.status, 'scheduled'), lt(patrols.startDeadline, now))!;

export function patrolWhere(f: PatrolFilterSql): SQL {
  const c: SQL[] = [f.scope];
  if (!f.includeWithdrawn) c.push(isNull(patrols.withdrawnAt));
  if (f.withinPath) c.push(pathWithin(orgs.path, f.withinPath));
  if (f.routeId) c.push(eq(patrols.routeId, f.routeId));
  if (f.status?.length) c.push(inArray(patrols.status, f.status));
  if (f.dayFrom) c.push(gte(patrols.day, f.dayFrom));
  if (f.dayTo) c.push(lte(patrols.day, f.dayTo));
  if (f.guardId) c.push(eq(patrols.guardId, f.guardId));
  if (f.mine) c.push(f.mine);
  const missedCps = and(eq(patrols.status, 'completed'), gt(patrols.missedCount, 0))!;
  switch (f.outcome) {
    case 'done':
      c.push(eq(patrols.status, 'completed'));
      break;
    case 'problem':
      c.push(or(notStarted(f.now), missedCps)!);
      break;
    case 'not_started':
      c.push(notStarted(f.now));
      break;
    case 'missed_checkpoints':
      c.push(missedCps);
      break;
    case 'flagged':
      c.push(or(gt(patrols.lateCount, 0), gt(patrols.flagCount, 0))!);
      break;
  }
  return and(...c)!;
}

const SORTS = { day: patrols.day, scheduledAt: patrols.scheduledAt, startedAt: patrols.startedAt, createdAt: patrols.createdAt };

export async function listPatrols(ex: Executor, where: SQL, p: PageParams, sort: string | undefined) {
  const order = sortOrder(sort, SORTS, '-day', patrols.id);
  const [items, [{ n }]] = await Promise.all([
    selectPatrols(ex).where(where).orderBy(...order, sql`coalesce(${patrols.scheduledAt}, ${patrols.startedAt}) desc`).limit(p.pageSize).offset(p.offset),
    countPatrolsQ(ex, where),
  ]);
  return { items, total: Number(n) };
}

const countPatrolsQ = (ex: Executor, where: SQL) => ex.select({ n: count() }).from(patrols).innerJoin(orgs, eq(orgs.id, patrols.orgId)).where(where);

export async function countPatrols(ex: Executor, where: SQL): Promise<number> {
  return Number((await countPatrolsQ(ex, where))[0].n);
}

export async function exportPatrols(ex: Executor, where: SQL, sort: string | undefined, limit: number) {
  return selectPatrols(ex).where(where).orderBy(...sortOrder(sort, SORTS, '-day', patrols.id)).limit(limit);
}

export async function patrolById(ex: Executor, id: string): Promise<PatrolRow | undefined> {
  const [r] = await selectPatrols(ex).where(eq(patrols.id, id));
  return r;
}

export async function scansOf(ex: Executor, patrolId: string) {
  return ex
    .select({ s: patrolScans, checkpointName: patrolCheckpoints.name, byName: users.name })
    .from(patrolScans)
    .innerJoin(patrolCheckpoints, eq(patrolCheckpoints.id, patrolScans.checkpointId))
    .innerJoin(users, eq(users.id, patrolScans.scannedBy))
    .where(eq(patrolScans.patrolId, patrolId))
    .orderBy(asc(patrolScans.seq));
}

export async function anomaliesOf(ex: Executor, patrolId: string) {
  return ex
    .select({ a: patrolAnomalies, checkpointName: patrolCheckpoints.name, byName: users.name })
    .from(patrolAnomalies)
    .leftJoin(patrolCheckpoints, eq(patrolCheckpoints.id, patrolAnomalies.checkpointId))
    .innerJoin(users, eq(users.id, patrolAnomalies.reportedBy))
    .where(eq(patrolAnomalies.patrolId, patrolId))
    .orderBy(asc(patrolAnomalies.reportedAt));
}

export async function checkpointsByIds(ex: Executor, ids: string[]) {
  if (!ids.length) return [];
  return ex.select().from(patrolCheckpoints).where(inArray(patrolCheckpoints.id, ids));
}
