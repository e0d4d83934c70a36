// Human document numbers per kind, per year, per org (DESIGN §4), e.g. YH-2026-000123. The counter row
// is incremented inside the creating transaction (SQL function anbao_next_doc_number, migration 0010):
// concurrent creations queue on its row lock, and a rolled-back creation gives its number back, so
// numbers are unique and gap-free.
import { type SQL, sql } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.ts';
import { yearIn } from './time.ts';

/**
 * The next number as an SQL expression, to write as the record's `number` in its INSERT: the counter
 * is then locked by that statement rather than by one of its own, a round trip less inside the
 * section where creations queue (year in the org's time zone).
 */
export function docNumber(orgId: string, prefix: string, now: Date, timeZone: string): SQL<string> {
  return sql<string>`anbao_next_doc_number(${orgId}::text, ${prefix}::text, ${yearIn(now, timeZone)}::int)`;
}

/** Allocates the next number on its own, formatted PREFIX-YYYY-NNNNNN (where the record is written later). */
export async function allocateDocNumber(ex: Executor, orgId: string, prefix: string, now: Date, timeZone: string): Promise<string> {
  const [r] = await rows<{ number: string }>(ex, sql`select ${docNumber(orgId, prefix, now, timeZone)} as number`);
  return r.number;
}
