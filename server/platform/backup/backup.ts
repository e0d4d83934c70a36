// backupTo(database, out): every row of every table into one gzip NDJSON stream (format.ts), read in
// one consistent snapshot, page by page (keyset, never OFFSET), with backpressure from the output.
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database } from '../../db/client.ts';
import { appliedMigrations, expectedMigrations } from '../../db/migrate.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupSummary, refused } from './format.ts';
import { ident, inSession, type Session } from './session.ts';
import { backupTables, type DumpTable } from './tables.ts';

export interface BackupOptions {
  /** Called after each table with its row count (progress for the CLI). */
  onTable?: (table: string, rows: number) => void;
}

/** The key ids the encrypted fields were written with ("v1:<key id>:…"), so a restore can check its keys first. */
async function encryptionKeyIds(s: Session, tables: DumpTable[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const t of tables) {
    for (const c of t.encryptedColumns) {
      const rs = await s.query(`select distinct split_part(${ident(c)}, ':', 2) from ${ident(t.name)} where ${ident(c)} is not null`);
      for (const [id] of rs) ids.add(String(id));
    }
  }
  return [...ids].sort();
}

async function* backupLines(s: Session, tables: DumpTable[], header: BackupHeader, counts: Record<string, number>, opts: BackupOptions): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const t of tables) {
    yield `${JSON.stringify({ table: t.name, columns: t.columns })}\n`;
    let n = 0;
    let after: unknown[] | null = null;
    for (;;) {
      const page: unknown[][] = after ? await s.query(t.nextPageSql, after) : await s.query(t.firstPageSql);
      let chunk = '';
      for (const row of page) chunk += `${row[0] as string}\n`;
      if (chunk) yield chunk;
      n += page.length;
      if (page.length < t.pageRows) break;
      after = page[page.length - 1].slice(1);
    }
    counts[t.name] = n;
    opts.onTable?.(t.name, n);
  }
  yield `${JSON.stringify({ end: true, counts })}\n`;
}

export async function backupTo(database: Database, out: Writable, opts: BackupOptions = {}): Promise<BackupSummary> {
  const started = Date.now();
  const migrations = await appliedMigrations(database);
  const expected = expectedMigrations();
  // The table list comes from this code's schema: a database at another migration would not match it.
  if (migrations !== expected) {
    out.destroy();
    throw refused(
      `The database has ${migrations} of this Anbao's ${expected} migrations applied: run "anbao migrate" with the matching Anbao version first.`,
      `数据库已应用 ${migrations} 个迁移，本版本需要 ${expected} 个：请先用相应版本执行 anbao migrate。`,
    );
  }
  const tables = backupTables();
  const counts: Record<string, number> = {};
  const header = await inSession(database, 'snapshot', async (s) => {
    const h: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      migrations,
      source: database.kind,
      tables: tables.map((t) => t.name),
      keyIds: await encryptionKeyIds(s, tables),
    };
    await pipeline(backupLines(s, tables, h, counts, opts), createGzip(), out);
    return h;
  });
  return { header, counts, rows: Object.values(counts).reduce((a, b) => a + b, 0), durationMs: Date.now() - started };
}
