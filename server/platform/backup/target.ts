// The database a backup is restored into: is it empty, which migrations has it applied, what are its
// columns' types. Types are read from the database's own catalogue, not from this code's schema: an
// older backup is restored into the schema of its own migration level (restore.ts), which may differ.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from '../../db/client.ts';
import { expectedMigrations, migrate, MIGRATIONS_DIR } from '../../db/migrate.ts';
import { ident, queryOnce } from './session.ts';

export interface TargetColumn {
  /** format_type(): what a text parameter is cast to on insert. */
  type: string;
  /** 'a' = GENERATED ALWAYS AS IDENTITY (needs OVERRIDING SYSTEM VALUE), 'd', or ''. */
  identity: string;
  /** 's' for a generated (computed) column, which cannot be written. */
  generated: string;
  /** The sequence behind a serial or identity column, reset after the restore. */
  sequence: string | null;
}

export type Catalogue = Map<string, Map<string, TargetColumn>>;

export async function readCatalogue(database: Database): Promise<Catalogue> {
  const rs = await queryOnce(
    database,
    `select c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attidentity::text, a.attgenerated::text,
            pg_get_serial_sequence(quote_ident(c.relname), a.attname)
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`,
  );
  const out: Catalogue = new Map();
  for (const [table, column, type, identity, generated, sequence] of rs as string[][]) {
    if (!out.has(table)) out.set(table, new Map());
    out.get(table)!.set(column, { type, identity: identity ?? '', generated: generated ?? '', sequence: sequence ?? null });
  }
  return out;
}

/** Tables of the database that hold at least one row. */
export async function nonEmptyTables(database: Database): Promise<string[]> {
  const tables = [...(await readCatalogue(database)).keys()];
  if (!tables.length) return [];
  const literal = (t: string) => `'${t.replace(/'/g, "''")}'`;
  const rs = await queryOnce(database, tables.map((t) => `select ${literal(t)}::text where exists (select 1 from ${ident(t)})`).join(' union all '));
  return rs.map(([t]) => String(t));
}

/**
 * Applies the first `count` migrations only (a copy of the migrations folder with a shortened
 * journal; Drizzle applies whatever the journal lists beyond the last applied one). The target is a
 * new, empty database no server uses yet, so the advisory lock of db/migrate.ts is not needed here.
 */
export async function migrateTo(database: Database, count: number): Promise<void> {
  if (count >= expectedMigrations()) return migrate(database);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anbao-migrations-'));
  try {
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const journalFile = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    journal.entries = journal.entries.slice(0, count);
    writeFileSync(journalFile, JSON.stringify(journal));
    if (database.kind === 'pglite') await migratePglite(database.db as never, { migrationsFolder: dir });
    else await migratePg(database.db as never, { migrationsFolder: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
