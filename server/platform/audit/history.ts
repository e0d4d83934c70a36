// A record's own history for its detail page (DESIGN §8, HAZ-08): who changed which fields, when and
// why — derived from the audit trail, shown to whoever may see the record. The trail itself (IP
// addresses, sign-ins, denied requests, reveals) stays readable by the auditor only (SEC-03).
import { Type } from '@fastify/type-provider-typebox';
import { and, asc, eq, notLike } from 'drizzle-orm';
import { auditEvents } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { Nullable } from '../http/types.ts';

export const HistoryEntry = Type.Object({
  at: Type.String({ format: 'date-time' }),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  changes: Nullable(Type.Record(Type.String(), Type.Array(Type.Unknown()))),
  reason: Nullable(Type.String()),
});

/** Call after checking that the caller may see the record. */
export async function recordHistory(ctx: Ctx, targetType: string, targetId: string) {
  const rs = await ctx.tx
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.targetType, targetType),
        eq(auditEvents.targetId, targetId),
        eq(auditEvents.result, 'success'),
        notLike(auditEvents.action, 'auth.%'),
        notLike(auditEvents.action, '%.reveal'),
      ),
    )
    .orderBy(asc(auditEvents.id))
    .limit(500);
  return rs.map((e) => ({
    at: e.occurredAt.toISOString(),
    actorName: e.actorName,
    action: e.action,
    changes: e.changes as Record<string, unknown[]> | null,
    reason: typeof e.detail?.reason === 'string' ? e.detail.reason : null,
  }));
}
