// The PostgreSQL driver (pg) behind openPostgres (client.ts), in a module of its own: it is imported on
// the first PostgreSQL connection, so an embedded start never loads pg (the server bundle keeps it in
// a chunk of its own, scripts/build-server.mjs).
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database, Db } from './client.ts';
import * as schema from './schema/index.ts';

// timestamptz → Date, int8 → number (ids and counts stay far below 2^53), numeric stays a string.
pg.types.setTypeParser(20, (v) => Number(v));

export function openPool(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'anbao' });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema }) as unknown as Db;
  return { kind: 'postgres', db, pool, close: () => pool.end() };
}
