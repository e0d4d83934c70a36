// Org queries, always filtered to the caller's subtrees.
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orgs } from '../../db/schema/index.ts';
import type { OrgKind } from '../../db/schema/orgs.ts';
import { type PageParams, sortOrder } from '../http/paging.ts';
import { pathWithin } from '../access/scope.ts';

export type OrgRow = typeof orgs.$inferSelect;

export async function findOrg(ex: Executor, id: string): Promise<OrgRow | undefined> {
  const [o] = await ex.select().from(orgs).where(eq(orgs.id, id));
  return o;
}

export async function findOrgByCode(ex: Executor, code: string): Promise<OrgRow | undefined> {
  const [o] = await ex.select().from(orgs).where(sql`lower(${orgs.code}) = lower(${code})`);
  return o;
}

export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface OrgFilter {
  scope: SQL;
  parentId?: string;
  withinPath?: string;
  kind?: OrgKind;
  q?: string;
  includeWithdrawn?: boolean;
}

function where(f: OrgFilter): SQL {
  const conds: SQL[] = [f.scope];
  if (f.parentId) conds.push(eq(orgs.parentId, f.parentId));
  if (f.withinPath) conds.push(pathWithin(orgs.path, f.withinPath));
  if (f.kind) conds.push(eq(orgs.kind, f.kind));
  if (f.q) {
    const pat = `%${likeEscape(f.q)}%`;
    conds.push(or(ilike(orgs.name, pat), ilike(orgs.code, pat), ilike(orgs.shortName, pat))!);
  }
  if (!f.includeWithdrawn) conds.push(isNull(orgs.withdrawnAt));
  return and(...conds)!;
}

const SORTS = { name: orgs.name, code: orgs.code, sortOrder: orgs.sortOrder, createdAt: orgs.createdAt, depth: orgs.depth };

export async function listOrgs(ex: Executor, f: OrgFilter, p: PageParams, sort?: string) {
  const w = where(f);
  const [items, [{ n }]] = await Promise.all([
    ex.select().from(orgs).where(w).orderBy(...sortOrder(sort, SORTS, 'sortOrder', orgs.path)).limit(p.pageSize).offset(p.offset),
    ex.select({ n: count() }).from(orgs).where(w),
  ]);
  return { items, total: Number(n) };
}

/** The whole visible tree, for the tree view (a provincial union has a few thousand units). */
export async function orgTree(ex: Executor, scope: SQL, includeWithdrawn: boolean) {
  return ex
    .select()
    .from(orgs)
    .where(includeWithdrawn ? scope : and(scope, isNull(orgs.withdrawnAt)))
    .orderBy(asc(orgs.depth), asc(orgs.sortOrder), asc(orgs.name));
}

/** Re-roots a subtree: every path under oldPrefix now starts with newPrefix; depths shift with it. */
export async function rewriteSubtree(ex: Executor, oldPrefix: string, newPrefix: string, depthDelta: number) {
  await ex.execute(sql`
    update orgs set path = ${newPrefix} || substr(path, ${oldPrefix.length + 1}), depth = depth + ${depthDelta}
    where path like ${`${likeEscape(oldPrefix)}%`}`);
}

/** The ids of a unit and its ancestors, root first: the segments of its materialized path ('/a/b/c/'). */
export const pathIds = (path: string): string[] => path.split('/').filter(Boolean);
