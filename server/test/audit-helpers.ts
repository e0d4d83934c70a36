// Reading the audit trail in tests the way a real auditor does: through GET /api/v1/audit/events
// with the auditor's session. Entries are searchable as soon as their transaction commits (sealing
// into the hash chain comes later and is not needed for search).
import type { Static } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { AuditEvent } from '../platform/audit/schema.ts';
import type { Client } from './harness.ts';

export type AuditEntry = Static<typeof AuditEvent>;

/** Audit entries matching `filter` (action, result, actorId, targetId, …), newest first. */
export async function auditEntries(auditor: Client, filter: Record<string, string>): Promise<AuditEntry[]> {
  const qs = new URLSearchParams({ pageSize: '200', ...filter });
  const r = await auditor.get(`/api/v1/audit/events?${qs}`);
  if (r.status !== 200) throw new Error(`audit search failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.items as AuditEntry[];
}

/** Denied requests (result 'denied') of one person, newest first. */
export function deniedRequestsOf(auditor: Client, actorId: string): Promise<AuditEntry[]> {
  return auditEntries(auditor, { result: 'denied', actorId });
}

/** Runs raw statements with the append-only trigger off, as an attacker with database access would. */
export async function withAuditTriggerOff(db: Executor, fn: () => Promise<unknown>): Promise<void> {
  await db.execute(sql`alter table audit_events disable trigger audit_events_no_change`);
  try {
    await fn();
  } finally {
    await db.execute(sql`alter table audit_events enable trigger audit_events_no_change`);
  }
}
