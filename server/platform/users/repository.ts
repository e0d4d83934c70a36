import { and, count, eq, exists, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { grants, orgs, roles, users } from '../../db/schema/index.ts';
import type { UserStatus } from '../../db/schema/users.ts';
import { type PageParams, sortOrder } from '../http/paging.ts';
import { likeEscape } from '../orgs/repository.ts';
import { pathWithin } from '../access/scope.ts';

export interface UserFilter {
  scope: SQL;
  withinPath?: string;
  status?: UserStatus;
  roleCode?: string;
  q?: string;
  phoneHash?: string;
}

const SORTS = { name: users.name, username: users.username, createdAt: users.createdAt, lastLoginAt: users.lastLoginAt, status: users.status };

export async function listUsers(ex: Executor, f: UserFilter, p: PageParams, sort?: string) {
  const conds: SQL[] = [f.scope, isNull(users.withdrawnAt)];
  if (f.withinPath) conds.push(pathWithin(orgs.path, f.withinPath));
  if (f.status) conds.push(eq(users.status, f.status));
  if (f.phoneHash) conds.push(eq(users.phoneHash, f.phoneHash));
  if (f.q) {
    const pat = `%${likeEscape(f.q)}%`;
    conds.push(or(ilike(users.name, pat), ilike(users.username, pat), ilike(users.employeeNo, pat), ilike(users.post, pat))!);
  }
  if (f.roleCode) {
    conds.push(
      exists(
        ex
          .select({ one: sql`1` })
          .from(grants)
          .innerJoin(roles, eq(roles.id, grants.roleId))
          .where(and(eq(grants.userId, users.id), isNull(grants.revokedAt), eq(roles.code, f.roleCode))),
      ),
    );
  }
  const w = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    ex
      .select({ user: users, orgName: orgs.name, orgPath: orgs.path })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(w)
      .orderBy(...sortOrder(sort, SORTS, 'name', users.id))
      .limit(p.pageSize)
      .offset(p.offset),
    ex.select({ n: count() }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(w),
  ]);
  return { items, total: Number(n) };
}

export async function usernameTaken(ex: Executor, username: string): Promise<boolean> {
  const [r] = await ex.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return !!r;
}
