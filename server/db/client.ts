// One database API over two engines: embedded PGlite in a data folder, or a PostgreSQL server via pg.
// Both go through Drizzle's own drivers, which return the same shapes (STACK.md).
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type pg from 'pg';
import { EMBEDDED_CACHE_MB } from '../config.ts';
import { embeddedStartOptions } from './embedded-start.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  close(): Promise<void>;
  /** The PGlite instance (embedded only), for dumps in tests. */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob | File; cacheMb?: number }): Promise<Database> {
  const pglite = await PGlite.create({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir, ...(await embeddedStartOptions(opts.cacheMb ?? EMBEDDED_CACHE_MB)) });
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * A PostgreSQL server (DATABASE_URL). Its driver (pg) is loaded only here, so an embedded start does
 * not load it (issue 4, cold start).
 */
export async function openPostgres(url: string, max = 10): Promise<Database> {
  const { openPool } = await import('./postgres.ts');
  return openPool(url, max);
}

/** Rows of a raw SQL query, the same on both drivers. */
export async function rows<T = Record<string, unknown>>(ex: Executor, query: SQL): Promise<T[]> {
  const res = (await ex.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
