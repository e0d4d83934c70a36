// Raw driver access for backup and restore. They move every row of every table, so they talk to the
// driver directly (rows as arrays, no ORM mapping: a Date would cut microseconds) inside one
// transaction on one connection: a REPEATABLE READ READ ONLY snapshot for a backup (consistent while
// servers keep writing on PostgreSQL), a plain transaction for a restore (all or nothing).
import type { Database } from '../../db/client.ts';

export interface Session {
  /** Runs one statement with $1… parameters; rows come back as arrays in select-list order. */
  query(text: string, params?: unknown[]): Promise<unknown[][]>;
}

export type SessionMode = 'snapshot' | 'write';

export async function inSession<T>(database: Database, mode: SessionMode, fn: (s: Session) => Promise<T>): Promise<T> {
  if (database.kind === 'pglite') {
    const pglite = database.pglite!;
    return pglite.transaction(async (tx) => {
      if (mode === 'snapshot') await tx.query('set transaction isolation level repeatable read, read only');
      return fn({ query: async (text, params) => (await tx.query<unknown[]>(text, params, { rowMode: 'array' })).rows });
    });
  }
  const client = await database.pool!.connect();
  let broken: Error | undefined;
  try {
    await client.query(mode === 'snapshot' ? 'begin isolation level repeatable read, read only' : 'begin');
    const result = await fn({ query: async (text, values) => (await client.query<unknown[]>({ text, values, rowMode: 'array' })).rows });
    await client.query('commit');
    return result;
  } catch (e) {
    await client.query('rollback').catch((r: Error) => (broken = r));
    throw e;
  } finally {
    // A connection that could not even roll back is discarded rather than returned to the pool.
    client.release(broken);
  }
}

/** One statement outside any transaction (catalogue look-ups before a restore starts). */
export async function queryOnce(database: Database, text: string, params: unknown[] = []): Promise<unknown[][]> {
  if (database.kind === 'pglite') return (await database.pglite!.query<unknown[]>(text, params, { rowMode: 'array' })).rows;
  return (await database.pool!.query<unknown[]>({ text, values: params, rowMode: 'array' })).rows;
}

/** A double-quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
