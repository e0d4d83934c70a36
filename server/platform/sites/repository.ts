import { and, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orgs, sites } from '../../db/schema/index.ts';
import type { SiteKind } from '../../db/schema/orgs.ts';
import { type PageParams, sortOrder } from '../http/paging.ts';
import { likeEscape } from '../orgs/repository.ts';
import { pathWithin } from '../access/scope.ts';

export interface SiteFilter {
  scope: SQL;
  withinPath?: string;
  kind?: SiteKind;
  q?: string;
  includeWithdrawn?: boolean;
}

const SORTS = { name: sites.name, kind: sites.kind, createdAt: sites.createdAt };

export async function listSites(ex: Executor, f: SiteFilter, p: PageParams, sort?: string) {
  const conds: SQL[] = [f.scope];
  if (f.withinPath) conds.push(pathWithin(orgs.path, f.withinPath));
  if (f.kind) conds.push(eq(sites.kind, f.kind));
  if (f.q) conds.push(or(ilike(sites.name, `%${likeEscape(f.q)}%`), ilike(sites.location, `%${likeEscape(f.q)}%`))!);
  if (!f.includeWithdrawn) conds.push(isNull(sites.withdrawnAt));
  const w = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    ex
      .select({ site: sites, orgName: orgs.name, orgPath: orgs.path })
      .from(sites)
      .innerJoin(orgs, eq(orgs.id, sites.orgId))
      .where(w)
      .orderBy(...sortOrder(sort, SORTS, 'name', sites.id))
      .limit(p.pageSize)
      .offset(p.offset),
    ex.select({ n: count() }).from(sites).innerJoin(orgs, eq(orgs.id, sites.orgId)).where(w),
  ]);
  return { items, total: Number(n) };
}
