// Human document numbers per kind, per year, per org (DESIGN §4), e.g. YH-2026-000123. The counter row
// is incremented inside the creating transaction: concurrent creations queue on its row lock, and a
// rolled-back creation gives its number back, so numbers are unique and gap-free.
import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.ts';
import { yearIn } from './time.ts';

export async function nextNumber(ex: Executor, orgId: string, kind: string, year: number): Promise<number> {
  const [r] = await rows<{ value: number }>(
    ex,
    sql`insert into doc_counters (org_id, kind, year, value) values (${orgId}, ${kind}, ${year}, 1)
        on conflict (org_id, kind, year) do update set value = doc_counters.value + 1
        returning value`,
  );
  return r.value;
}

/** Allocates the next number and formats it as PREFIX-YYYY-NNNNNN (year in the org's time zone). */
export async function allocateDocNumber(ex: Executor, orgId: string, prefix: string, now: Date, timeZone: string): Promise<string> {
  const year = yearIn(now, timeZone);
  const n = await nextNumber(ex, orgId, prefix, year);
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}
