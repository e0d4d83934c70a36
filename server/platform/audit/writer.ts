// Appends audit entries (SEC-04). A business write appends in its own transaction (ctx.tx), so the
// entry exists if and only if the change does; denied requests and failed logins are appended on
// their own, since the request they describe changes nothing.
import { auditEvents } from '../../db/schema/index.ts';
import type { AuditResult } from '../../db/schema/audit.ts';
import type { Ctx } from '../context.ts';

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string | null;
  targetLabel?: string | null;
  /** The unit the event concerns; defaults to the actor's unit. */
  orgId?: string | null;
  result?: AuditResult;
  changes?: Record<string, [unknown, unknown]> | null;
  detail?: Record<string, unknown> | null;
  /** For events without an authenticated actor (e.g. a failed login): who was named. */
  actorName?: string;
  actorId?: string | null;
}

export async function audit(ctx: Ctx, e: AuditInput): Promise<void> {
  const a = ctx.actor;
  const entry = {
    occurredAt: ctx.app.clock.now(),
    actorType: a ? a.kind : e.actorId ? ('user' as const) : ctx.requestId ? ('anonymous' as const) : ('system' as const),
    actorId: a?.userId ?? e.actorId ?? null,
    actorName: a?.name ?? e.actorName ?? null,
    tokenId: a?.tokenId ?? null,
    orgId: e.orgId === undefined ? (a?.orgId ?? null) : e.orgId,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    targetLabel: e.targetLabel?.slice(0, 300) ?? null,
    result: e.result ?? 'success',
    changes: e.changes && Object.keys(e.changes).length ? e.changes : null,
    detail: e.detail ?? null,
    requestId: ctx.requestId,
  };
  if (ctx.auditBuffer) ctx.auditBuffer.push(entry);
  else await ctx.tx.insert(auditEvents).values(entry);
  ctx.afterCommit(() => ctx.app.kickSealer());
}

/**
 * Appends the entries a write held back (ctx.auditBuffer), in the order they were made, in one
 * statement of the same transaction: a write that opens hazards audits several times, and every
 * statement is a round trip to the database.
 */
export async function flushAudit(ctx: Ctx): Promise<void> {
  if (ctx.auditBuffer?.length) await ctx.tx.insert(auditEvents).values(ctx.auditBuffer.splice(0));
}

type Plain = Record<string, unknown>;

const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);

/**
 * Changed fields as { field: [before, after] }. `mask` replaces values of sensitive fields (the fact
 * that they changed is recorded, never the value); fields not listed in `fields` are ignored.
 */
export function diff(before: Plain | null, after: Plain | null, fields: readonly string[], mask: readonly string[] = []): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const f of fields) {
    const b = norm(before?.[f]);
    const a = norm(after?.[f]);
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    out[f] = mask.includes(f) ? [b === null ? null : '***', a === null ? null : '***'] : [b, a];
  }
  return out;
}
