// Inspection record queries. The service passes the caller's scope as SQL; unannounced inspections
// that have not started are hidden from everyone but their team and the planners (INS-02: the
// inspected unit is not told in advance).
import { and, count, eq, gte, ilike, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { inspectionPlans, inspectionResults, inspections, inspectionTemplates, orgs, sites, users } from '../../db/schema/index.ts';
import type { InspectionStatus } from '../../db/schema/inspections.ts';
import { type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { pathWithin } from '../../platform/access/scope.ts';

const leader = alias(users, 'leader');

const itemCount = sql<number>`(select count(*)::int from jsonb_array_elements(${inspectionTemplates.sections}) s cross join lateral jsonb_array_elements(s->'items') it)`;
const answeredCount = sql<number>`(select count(*)::int from ${inspectionResults} r where r.inspection_id = ${inspections.id})`;
const failedCount = sql<number>`(select count(*)::int from ${inspectionResults} r where r.inspection_id = ${inspections.id} and r.result = 'fail')`;

export const selectInspections = (ex: Executor) =>
  ex
    .select({
      i: inspections,
      orgName: orgs.name,
      orgPath: orgs.path,
      siteName: sites.name,
      planName: inspectionPlans.name,
      templateName: inspectionTemplates.name,
      templateNameEn: inspectionTemplates.nameEn,
      templateVersion: inspectionTemplates.templateVersion,
      leaderName: leader.name,
      itemCount,
      answeredCount,
      failedCount,
    })
    .from(inspections)
    .innerJoin(orgs, eq(orgs.id, inspections.orgId))
    .leftJoin(sites, eq(sites.id, inspections.siteId))
    .leftJoin(inspectionPlans, eq(inspectionPlans.id, inspections.planId))
    .innerJoin(inspectionTemplates, eq(inspectionTemplates.id, inspections.templateId))
    .innerJoin(leader, eq(leader.id, inspections.leaderId));

export type InspectionRow = Awaited<ReturnType<ReturnType<typeof selectInspections>['where']>>[number];

/** The caller is the leader or a member of the team. */
export const onTeam = (userId: string) => or(eq(inspections.leaderId, userId), sql`${inspections.memberIds} @> ${JSON.stringify([userId])}::jsonb`)!;

/**
 * Unannounced, not started and not overdue: only the team and the planners (`planners` = SQL on the
 * unit) see it. Once missed, the unit may know (the overdue notice tells its head).
 */
export const notHiddenFrom = (userId: string, planners: SQL) =>
  or(sql`not (${inspections.unannounced} and ${inspections.status} = 'planned' and ${inspections.overdueAt} is null)`, onTeam(userId), planners)!;

export const isOverdue = (now: Date) => and(ne(inspections.status, 'submitted'), isNull(inspections.withdrawnAt), lt(inspections.dueAt, now))!;

export interface InspectionFilterSql {
  scope: SQL;
  now: Date;
  status?: InspectionStatus[];
  withinPath?: string;
  siteId?: string;
  planId?: string;
  overdue?: boolean;
  scheduledFrom?: string;
  scheduledTo?: string;
  /** The caller's id when listing "mine" (leader or member). */
  mine?: string;
  q?: string;
  includeWithdrawn?: boolean;
}

export function inspectionWhere(f: InspectionFilterSql): SQL {
  const c: SQL[] = [f.scope];
  if (!f.includeWithdrawn) c.push(isNull(inspections.withdrawnAt));
  if (f.status?.length) c.push(inArray(inspections.status, f.status));
  if (f.withinPath) c.push(pathWithin(orgs.path, f.withinPath));
  if (f.siteId) c.push(eq(inspections.siteId, f.siteId));
  if (f.planId) c.push(eq(inspections.planId, f.planId));
  if (f.overdue === true) c.push(isOverdue(f.now));
  if (f.overdue === false) c.push(sql`not (${isOverdue(f.now)})`);
  if (f.scheduledFrom) c.push(gte(inspections.scheduledFor, f.scheduledFrom));
  if (f.scheduledTo) c.push(lte(inspections.scheduledFor, f.scheduledTo));
  if (f.mine) c.push(onTeam(f.mine));
  if (f.q) {
    const p = `%${likeEscape(f.q)}%`;
    c.push(or(ilike(inspections.number, p), ilike(orgs.name, p), ilike(sites.name, p), ilike(inspectionPlans.name, p), ilike(inspectionTemplates.name, p))!);
  }
  return and(...c)!;
}

const SORTS = {
  scheduledFor: inspections.scheduledFor,
  dueAt: inspections.dueAt,
  number: inspections.number,
  createdAt: inspections.createdAt,
  status: inspections.status,
  submittedAt: inspections.submittedAt,
};

export async function listInspections(ex: Executor, where: SQL, p: PageParams, sort: string | undefined) {
  const order = sortOrder(sort, SORTS, '-scheduledFor', inspections.id);
  const [items, [{ n }]] = await Promise.all([
    selectInspections(ex).where(where).orderBy(...order).limit(p.pageSize).offset(p.offset),
    ex
      .select({ n: count() })
      .from(inspections)
      .innerJoin(orgs, eq(orgs.id, inspections.orgId))
      .leftJoin(sites, eq(sites.id, inspections.siteId))
      .leftJoin(inspectionPlans, eq(inspectionPlans.id, inspections.planId))
      .innerJoin(inspectionTemplates, eq(inspectionTemplates.id, inspections.templateId))
      .where(where),
  ]);
  return { items, total: Number(n) };
}

export async function exportInspections(ex: Executor, where: SQL, sort: string | undefined, limit: number) {
  return selectInspections(ex).where(where).orderBy(...sortOrder(sort, SORTS, '-scheduledFor', inspections.id)).limit(limit);
}

export async function inspectionById(ex: Executor, id: string): Promise<InspectionRow | undefined> {
  const [r] = await selectInspections(ex).where(eq(inspections.id, id));
  return r;
}

/** The records matching `where` (already scoped by the caller), unordered. */
export const inspectionsMatching = (ex: Executor, where: SQL) => selectInspections(ex).where(where);

export type ResultRow = typeof inspectionResults.$inferSelect;

export async function resultsOf(ex: Executor, inspectionId: string): Promise<ResultRow[]> {
  return ex.select().from(inspectionResults).where(eq(inspectionResults.inspectionId, inspectionId));
}

/** Names of people by id, for presenters. */
export async function peopleNames(ex: Executor, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  return new Map((await ex.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted))).map((u) => [u.id, u.name]));
}
