// Reading the audit trail straight from the database in tests, to prove what a request left behind
// (SEC-04) independently of the auditor's API.
import { and, asc, count, eq, gt, max, type SQL } from 'drizzle-orm';
import { auditEvents } from '../db/schema/index.ts';
import type { AuditResult } from '../db/schema/audit.ts';
import type { TestApp } from './harness.ts';

export interface AuditMatch {
  actorId?: string;
  targetId?: string;
  targetType?: string;
  action?: string;
  result?: AuditResult;
  /** Only entries with an id above this (entries written after a mark). */
  after?: number;
}

function where(m: AuditMatch): SQL | undefined {
  const c: SQL[] = [];
  if (m.actorId) c.push(eq(auditEvents.actorId, m.actorId));
  if (m.targetId) c.push(eq(auditEvents.targetId, m.targetId));
  if (m.targetType) c.push(eq(auditEvents.targetType, m.targetType));
  if (m.action) c.push(eq(auditEvents.action, m.action));
  if (m.result) c.push(eq(auditEvents.result, m.result));
  if (m.after !== undefined) c.push(gt(auditEvents.id, m.after));
  return c.length ? and(...c) : undefined;
}

export async function auditRows(t: TestApp, m: AuditMatch = {}) {
  return t.database.db.select().from(auditEvents).where(where(m)).orderBy(asc(auditEvents.id));
}

export async function auditRowCount(t: TestApp, m: AuditMatch = {}): Promise<number> {
  const [{ n }] = await t.database.db.select({ n: count() }).from(auditEvents).where(where(m));
  return Number(n);
}

/** The id of the newest entry: pass it as `after` to see only what happens next. */
export async function auditMark(t: TestApp): Promise<number> {
  const [r] = await t.database.db.select({ id: max(auditEvents.id) }).from(auditEvents);
  return Number(r?.id ?? 0);
}
