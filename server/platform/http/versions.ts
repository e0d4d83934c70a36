// Optimistic concurrency (DESIGN §5): a change names the version it was made from (If-Match header
// or `version` in the body); the UPDATE matches on it, so of concurrent changes from one version
// exactly one wins and the others get 409 with the current version.
import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { conflict, invalidField } from './errors.ts';

export function expectedVersion(req: FastifyRequest, bodyVersion?: number): number {
  const h = req.headers['if-match'];
  if (typeof h === 'string' && h.trim()) {
    const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(h.trim());
    if (!m || Number(m[1]) < 1) throw invalidField('If-Match', 'V_FORMAT', { format: 'version number' });
    const v = Number(m[1]);
    if (bodyVersion !== undefined && bodyVersion !== v) throw invalidField('version', 'V_INVALID');
    return v;
  }
  if (bodyVersion === undefined) throw invalidField('version', 'VERSION_REQUIRED');
  return bodyVersion;
}

type Versioned = PgTable & { id: PgColumn; version: PgColumn };

/** UPDATE … SET …, version = version + 1 WHERE id = $id AND version = $expected; 409 when stale. */
export async function updateVersioned<T extends Versioned>(
  ex: Executor,
  table: T,
  id: string,
  expected: number,
  set: Record<string, unknown>,
): Promise<T['$inferSelect']> {
  const rows = (await ex
    .update(table)
    .set({ ...set, version: sql`${table.version} + 1` } as never)
    .where(and(eq(table.id, id), eq(table.version, expected)))
    .returning()) as unknown as Array<T['$inferSelect']>;
  if (rows.length) return rows[0] as T['$inferSelect'];
  const [cur] = await ex.select({ version: table.version }).from(table as PgTable).where(eq(table.id, id));
  throw conflict('VERSION_CONFLICT', { current: (cur as { version: number } | undefined)?.version ?? 'none' });
}
