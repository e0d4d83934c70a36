// Row counts of every table in the Drizzle schema: a refused request must leave every count as it was
// (tables added later are counted without an edit here).
import { count, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema/index.ts';
import type { TestApp } from './harness.ts';

const TABLES = (Object.values(schema) as unknown[]).filter((x): x is PgTable => is(x, PgTable));

export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ n }] = await t.database.db.select({ n: count() }).from(table);
    out[getTableName(table)] = Number(n);
  }
  return out;
}
