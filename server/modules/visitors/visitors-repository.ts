// Visitor register queries (VIS-01): the filter as SQL, always ANDed with the caller's scope.
import { and, count, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orgs, visitors } from '../../db/schema/index.ts';
import type { VisitorStatus } from '../../db/schema/visitors.ts';
import { type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { pathWithin } from '../../platform/access/scope.ts';

export const selectVisitors = (ex: Executor) => ex.select({ v: visitors, orgName: orgs.name, orgPath: orgs.path }).from(visitors).innerJoin(orgs, eq(orgs.id, visitors.orgId));
export type VisitorRow = Awaited<ReturnType<ReturnType<typeof selectVisitors>['where']>>[number];

export interface VisitorFilterSql {
  scope: SQL;
  status?: VisitorStatus[];
  kind?: 'appointment' | 'walk_in';
  withinPath?: string;
  hostId?: string;
  siteId?: string;
  from?: Date;
  toExclusive?: Date;
  inside?: boolean;
  insideAfterClosing?: boolean;
  q?: string;
}

/** The visit's instant: checked in, else expected, else registered. */
const visitAt = sql`coalesce(${visitors.checkedInAt}, ${visitors.expectedAt}, ${visitors.createdAt})`;

/** VIS-01: inside after the unit's closing time = inside now and flagged by the closing sweep. */
export const insideAfterClosing = () => and(eq(visitors.status, 'inside'), isNotNull(visitors.afterClosingAt))!;

export function visitorWhere(f: VisitorFilterSql): SQL {
  const c: SQL[] = [f.scope, isNull(visitors.withdrawnAt)];
  if (f.status?.length) c.push(inArray(visitors.status, f.status));
  if (f.kind) c.push(eq(visitors.kind, f.kind));
  if (f.withinPath) c.push(pathWithin(orgs.path, f.withinPath));
  if (f.hostId) c.push(eq(visitors.hostId, f.hostId));
  if (f.siteId) c.push(sql`${visitors.siteIds} @> ${JSON.stringify([f.siteId])}::jsonb`);
  if (f.from) c.push(gte(visitAt, f.from));
  if (f.toExclusive) c.push(lt(visitAt, f.toExclusive));
  if (f.inside === true) c.push(eq(visitors.status, 'inside'));
  if (f.inside === false) c.push(sql`${visitors.status} <> 'inside'`);
  if (f.insideAfterClosing === true) c.push(insideAfterClosing());
  if (f.insideAfterClosing === false) c.push(or(sql`${visitors.status} <> 'inside'`, isNull(visitors.afterClosingAt))!);
  if (f.q) {
    const p = `%${likeEscape(f.q)}%`;
    c.push(or(ilike(visitors.number, p), ilike(visitors.name, p), ilike(visitors.company, p), ilike(visitors.purpose, p))!);
  }
  return and(...c)!;
}

const SORTS = { visitAt, createdAt: visitors.createdAt, number: visitors.number, name: visitors.name, checkedInAt: visitors.checkedInAt };

export async function listVisitors(ex: Executor, where: SQL, p: PageParams, sort: string | undefined) {
  const [items, [{ n }]] = await Promise.all([
    selectVisitors(ex).where(where).orderBy(...sortOrder(sort, SORTS, '-visitAt', visitors.id)).limit(p.pageSize).offset(p.offset),
    ex.select({ n: count() }).from(visitors).innerJoin(orgs, eq(orgs.id, visitors.orgId)).where(where),
  ]);
  return { items, total: Number(n) };
}

export async function exportVisitors(ex: Executor, where: SQL, sort: string | undefined, limit: number) {
  return selectVisitors(ex).where(where).orderBy(...sortOrder(sort, SORTS, '-visitAt', visitors.id)).limit(limit);
}

export async function countVisitors(ex: Executor, where: SQL): Promise<number> {
  const [{ n }] = await ex.select({ n: count() }).from(visitors).innerJoin(orgs, eq(orgs.id, visitors.orgId)).where(where);
  return Number(n);
}
