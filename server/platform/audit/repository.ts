// Audit trail search for auditors: by person, unit subtree, action, target, result and time range.
import { and, count, desc, eq, gte, ilike, isNull, like, lte, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditEntryColumns, auditEvents, orgs } from '../../db/schema/index.ts';
import type { AuditResult } from '../../db/schema/audit.ts';
import type { PageParams } from '../http/paging.ts';
import { likeEscape } from '../orgs/repository.ts';

export interface AuditSearch {
  /** Visible events: in these subtrees, plus events with no unit when `includeUnscoped`. */
  scope: SQL;
  includeUnscoped: boolean;
  withinPath?: string;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  result?: AuditResult;
  from?: Date;
  to?: Date;
  q?: string;
}

export function auditWhere(f: AuditSearch, withinScope: (path: string) => SQL): SQL {
  const conds: SQL[] = [f.includeUnscoped ? or(f.scope, isNull(auditEvents.orgId))! : f.scope];
  if (f.withinPath) conds.push(withinScope(f.withinPath));
  if (f.actorId) conds.push(eq(auditEvents.actorId, f.actorId));
  if (f.action) conds.push(f.action.endsWith('.') ? like(auditEvents.action, `${likeEscape(f.action)}%`) : eq(auditEvents.action, f.action));
  if (f.targetType) conds.push(eq(auditEvents.targetType, f.targetType));
  if (f.targetId) conds.push(eq(auditEvents.targetId, f.targetId));
  if (f.result) conds.push(eq(auditEvents.result, f.result));
  if (f.from) conds.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) conds.push(lte(auditEvents.occurredAt, f.to));
  if (f.q) {
    const pat = `%${likeEscape(f.q)}%`;
    conds.push(or(ilike(auditEvents.actorName, pat), ilike(auditEvents.targetLabel, pat))!);
  }
  return and(...conds)!;
}

const selectEvents = (ex: Executor) =>
  ex.select({ e: auditEntryColumns, orgName: orgs.name }).from(auditEvents).leftJoin(orgs, eq(orgs.id, auditEvents.orgId));

export async function searchAudit(ex: Executor, where: SQL, p: PageParams, ascending: boolean) {
  const order = ascending ? [auditEvents.occurredAt, auditEvents.id] : [desc(auditEvents.occurredAt), desc(auditEvents.id)];
  const [items, [{ n }]] = await Promise.all([
    selectEvents(ex).where(where).orderBy(...order).limit(p.pageSize).offset(p.offset),
    ex.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { items, total: Number(n) };
}

export async function auditEventById(ex: Executor, id: number, where: SQL) {
  const [r] = await selectEvents(ex).where(and(eq(auditEvents.id, id), where));
  return r;
}

export async function exportRows(ex: Executor, where: SQL, limit: number) {
  return selectEvents(ex).where(where).orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id)).limit(limit);
}
