// The pattern every register shares: load one record together with its unit's path, answer 404 when
// it is absent or outside every subtree where the caller may read it (audited as denied), and build
// the meta fields and allowedActions the API returns with it.
import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { orgs } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { can, requireActor } from './scope.ts';

type Scoped = PgTable & { id: PgColumn; orgId: PgColumn };

export interface ScopedRecord<R> {
  row: R;
  orgPath: string;
}

export async function loadScoped<T extends Scoped>(
  ctx: Ctx,
  table: T,
  id: string,
  spec: { readPerm: string; notFoundCode: string; targetType: string; extra?: SQL },
): Promise<ScopedRecord<T['$inferSelect']>> {
  const actor = requireActor(ctx);
  const where = spec.extra ? and(eq(table.id, id), spec.extra) : eq(table.id, id);
  const [r] = (await ctx.tx
    .select({ row: table as PgTable, orgPath: orgs.path })
    .from(table as PgTable)
    .innerJoin(orgs, eq(orgs.id, table.orgId))
    .where(where)) as Array<{ row: T['$inferSelect']; orgPath: string }>;
  if (!r) throw notFound(spec.notFoundCode);
  if (!can(actor, spec.readPerm, r.orgPath)) {
    throw notFound(spec.notFoundCode, { action: spec.readPerm, targetType: spec.targetType, targetId: id, orgId: (r.row as { orgId: string }).orgId, reason: 'out of scope' });
  }
  return r;
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The meta fields every register record carries (DESIGN §4). */
export function recordMeta(r: {
  version: number;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  updatedBy: string | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  withdrawnReason: string | null;
}) {
  return {
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
    withdrawnAt: iso(r.withdrawnAt),
    withdrawnBy: r.withdrawnBy,
    withdrawnReason: r.withdrawnReason,
  };
}

/** allowedActions: each action whose permission the caller holds at the record's unit and whose state rule passes. */
export function allowedActions(ctx: Ctx, orgPath: string | undefined, rules: Record<string, { perm: string; when?: boolean }>): string[] {
  return Object.entries(rules)
    .filter(([, r]) => (r.when ?? true) && can(ctx.actor, r.perm, orgPath))
    .map(([a]) => a);
}
