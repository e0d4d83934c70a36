// Bulk loading on PostgreSQL: secondary indexes are dropped before the load and rebuilt after it
// from their own definitions (pg_indexes), which is several times faster than maintaining them row by
// row. Primary keys and constraint-backed indexes stay.
import type pg from 'pg';

export interface IndexDef {
  name: string;
  def: string;
}

export async function dropSecondaryIndexes(client: pg.Client, tables: string[]): Promise<IndexDef[]> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes i
      where schemaname = 'public' and tablename = any($1)
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
      order by tablename, indexname`,
    [tables],
  );
  for (const r of rows) await client.query(`drop index "${r.indexname}"`);
  return rows.map((r) => ({ name: r.indexname, def: r.indexdef }));
}

/** Rebuilds the indexes on `clients.length` connections at once. */
export async function rebuildIndexes(clients: pg.Client[], defs: IndexDef[]): Promise<void> {
  const queue = [...defs].reverse();
  await Promise.all(
    clients.map(async (c) => {
      for (let d = queue.pop(); d; d = queue.pop()) await c.query(d.def);
    }),
  );
}
