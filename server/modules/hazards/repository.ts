// Hazard queries, always filtered to the caller's subtrees (the service passes the scope conditions).
import { and, asc, count, desc, eq, exists, gte, ilike, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { hazardExtensions, hazards, hazardUpdates, orgs, sites, users } from '../../db/schema/index.ts';
import type { HazardCategory, HazardGrade, HazardSource, HazardStatus } from '../../db/schema/hazards.ts';
import { type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { pathWithin } from '../../platform/access/scope.ts';

const reporter = alias(users, 'reporter');
const responsible = alias(users, 'responsible');

export const hazardSelection = {
  hazard: hazards,
  orgName: orgs.name,
  orgPath: orgs.path,
  siteName: sites.name,
  reporterName: reporter.name,
  responsibleName: responsible.name,
};

export const selectHazards = (ex: Executor) =>
  ex
    .select(hazardSelection)
    .from(hazards)
    .innerJoin(orgs, eq(orgs.id, hazards.orgId))
    .leftJoin(sites, eq(sites.id, hazards.siteId))
    .innerJoin(reporter, eq(reporter.id, hazards.reportedBy))
    .leftJoin(responsible, eq(responsible.id, hazards.responsibleUserId));

export type HazardRow = Awaited<ReturnType<ReturnType<typeof selectHazards>['where']>>[number];

export interface HazardFilterSql {
  scope: SQL;
  now: Date;
  status?: HazardStatus[];
  grade?: HazardGrade[];
  category?: HazardCategory[];
  source?: HazardSource[];
  withinPath?: string;
  siteId?: string;
  overdue?: boolean;
  open?: boolean;
  dueFrom?: Date;
  dueTo?: Date;
  reportedFrom?: Date;
  reportedTo?: Date;
  closedFrom?: Date;
  closedTo?: Date;
  q?: string;
  reporterId?: string;
  responsibleUserId?: string;
  inspectionId?: string;
  /** Extra condition for "my tasks" (built by the service from the caller's permissions). */
  task?: SQL;
  includeWithdrawn?: boolean;
}

export const isOpen = () => ne(hazards.status, 'closed');
export const isOverdue = (now: Date) => and(isOpen(), isNull(hazards.withdrawnAt), lt(hazards.dueAt, now))!;

export function hazardWhere(f: HazardFilterSql): SQL {
  const c: SQL[] = [f.scope];
  if (!f.includeWithdrawn) c.push(isNull(hazards.withdrawnAt));
  if (f.status?.length) c.push(inArray(hazards.status, f.status));
  if (f.grade?.length) c.push(inArray(hazards.grade, f.grade));
  if (f.category?.length) c.push(inArray(hazards.category, f.category));
  if (f.source?.length) c.push(inArray(hazards.source, f.source));
  if (f.withinPath) c.push(pathWithin(orgs.path, f.withinPath));
  if (f.siteId) c.push(eq(hazards.siteId, f.siteId));
  if (f.overdue === true) c.push(isOverdue(f.now));
  if (f.overdue === false) c.push(or(eq(hazards.status, 'closed'), isNull(hazards.dueAt), gte(hazards.dueAt, f.now))!);
  if (f.open === true) c.push(isOpen());
  if (f.open === false) c.push(eq(hazards.status, 'closed'));
  if (f.dueFrom) c.push(gte(hazards.dueAt, f.dueFrom));
  if (f.dueTo) c.push(lte(hazards.dueAt, f.dueTo));
  if (f.reportedFrom) c.push(gte(hazards.reportedAt, f.reportedFrom));
  if (f.reportedTo) c.push(lte(hazards.reportedAt, f.reportedTo));
  if (f.closedFrom) c.push(gte(hazards.closedAt, f.closedFrom));
  if (f.closedTo) c.push(lte(hazards.closedAt, f.closedTo));
  if (f.reporterId) c.push(eq(hazards.reportedBy, f.reporterId));
  if (f.responsibleUserId) c.push(eq(hazards.responsibleUserId, f.responsibleUserId));
  if (f.inspectionId) c.push(eq(hazards.inspectionId, f.inspectionId));
  if (f.q) {
    const p = `%${likeEscape(f.q)}%`;
    c.push(or(ilike(hazards.number, p), ilike(hazards.title, p), ilike(hazards.description, p), ilike(hazards.location, p))!);
  }
  if (f.task) c.push(f.task);
  return and(...c)!;
}

// Grade sorts by gravity and status by the order of the workflow, not alphabetically.
const SORTS = {
  dueAt: hazards.dueAt,
  createdAt: hazards.createdAt,
  reportedAt: hazards.reportedAt,
  number: hazards.number,
  grade: sql`case ${hazards.grade} when 'major' then 3 when 'significant' then 2 when 'general' then 1 else 0 end`,
  status: sql`case ${hazards.status} when 'reported' then 1 when 'assessed' then 2 when 'rectifying' then 3 when 'rectified' then 4 else 5 end`,
};

export async function listHazards(ex: Executor, where: SQL, p: PageParams, sort: string | undefined) {
  const order = sortOrder(sort, SORTS, '-reportedAt', hazards.id);
  const [items, [{ n }]] = await Promise.all([
    selectHazards(ex).where(where).orderBy(...order).limit(p.pageSize).offset(p.offset),
    ex.select({ n: count() }).from(hazards).innerJoin(orgs, eq(orgs.id, hazards.orgId)).where(where),
  ]);
  return { items, total: Number(n) };
}

export async function exportHazards(ex: Executor, where: SQL, sort: string | undefined, limit: number) {
  return selectHazards(ex).where(where).orderBy(...sortOrder(sort, SORTS, '-reportedAt', hazards.id)).limit(limit);
}

export async function countHazards(ex: Executor, where: SQL): Promise<number> {
  const [{ n }] = await ex.select({ n: count() }).from(hazards).innerJoin(orgs, eq(orgs.id, hazards.orgId)).where(where);
  return Number(n);
}

export async function hazardById(ex: Executor, id: string): Promise<HazardRow | undefined> {
  const [r] = await selectHazards(ex).where(eq(hazards.id, id));
  return r;
}

/** Names of the people a hazard refers to, for presenters. */
export async function peopleNames(ex: Executor, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  return new Map((await ex.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted))).map((u) => [u.id, u.name]));
}

export async function timelineOf(ex: Executor, hazardId: string) {
  return ex.select().from(hazardUpdates).where(eq(hazardUpdates.hazardId, hazardId)).orderBy(asc(hazardUpdates.seq));
}

export async function extensionsOf(ex: Executor, hazardIds: string[]) {
  if (!hazardIds.length) return [];
  return ex.select().from(hazardExtensions).where(inArray(hazardExtensions.hazardId, hazardIds)).orderBy(desc(hazardExtensions.requestedAt));
}

export const hasPendingExtension = () =>
  exists(
    sql`(select 1 from ${hazardExtensions} where ${hazardExtensions.hazardId} = ${hazards.id} and ${hazardExtensions.status} = 'pending')`,
  );

/** HAZ-07: reporters of confirmed (assessed or later, not withdrawn) hazards, most first. */
export async function reporterRanking(ex: Executor, scope: SQL, from: Date | undefined, to: Date | undefined, limit: number) {
  const conds: SQL[] = [scope, isNull(hazards.withdrawnAt), isNotNull(hazards.assessedAt)];
  if (from) conds.push(gte(hazards.reportedAt, from));
  if (to) conds.push(lte(hazards.reportedAt, to));
  const unit = alias(orgs, 'unit');
  return ex
    .select({
      userId: users.id,
      name: users.name,
      orgName: unit.name,
      confirmed: sql<number>`count(*)::int`,
      major: sql<number>`count(*) filter (where ${hazards.grade} = 'major')::int`,
      lastReportedAt: sql<Date>`max(${hazards.reportedAt})`,
    })
    .from(hazards)
    .innerJoin(orgs, eq(orgs.id, hazards.orgId))
    .innerJoin(users, eq(users.id, hazards.reportedBy))
    .innerJoin(unit, eq(unit.id, users.orgId))
    .where(and(...conds))
    .groupBy(users.id, users.name, unit.name)
    .orderBy(sql`count(*) desc`, asc(users.name))
    .limit(limit);
}
