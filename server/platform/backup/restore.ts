// restoreFrom(database, input): recreates every record of a backup in an EMPTY database (embedded or
// PostgreSQL), in one transaction: a damaged, truncated or refused file leaves the database empty.
// Audit entries go back exactly as they were sealed (the trigger refuses only UPDATE and DELETE), so
// the restored chain verifies with the same head hash.
//
// An older backup (fewer migrations than this code) is restored into the schema of its own migration
// level, and the later migrations are applied afterwards, so they transform its records exactly as
// they transformed every live database (a column they add gets its default, a data migration runs).
// That is why the target must not be ahead of the backup, and why types come from the catalogue.
import type { Readable } from 'node:stream';
import type { Database } from '../../db/client.ts';
import { appliedMigrations, expectedMigrations, migrate } from '../../db/migrate.ts';
import { type BackupHeader, type BackupSummary, corrupt, type EndLine, parseHeader, readLines, refused, type TableLine } from './format.ts';
import { ident, inSession, type Session } from './session.ts';
import { type Catalogue, migrateTo, nonEmptyTables, readCatalogue } from './target.ts';

export interface RestoreOptions {
  /** Key ids this installation can decrypt with (current and old keys); omit to skip the check. */
  keyIds?: string[];
  /** Called after each table with its row count (progress for the CLI). */
  onTable?: (table: string, rows: number) => void;
}

// One INSERT carries at most this many rows and roughly this much data.
const MAX_ROWS = 1000;
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * Buffers the lines of one table and inserts them in batches: the lines go to the database as they
 * are, one JSON array parameter, and are taken apart there (jsonb_array_elements). Measured on PGlite
 * about twice as fast as a multi-row VALUES list with one parameter per value.
 */
class TableWriter {
  private lines: string[] = [];
  private bytes = 0;
  private count = 0;
  private readonly width: number;
  private readonly sql: string;

  constructor(
    private readonly s: Session,
    readonly name: string,
    columns: string[],
    catalogue: Catalogue,
  ) {
    this.width = columns.length;
    const target = catalogue.get(name);
    if (!target) throw corrupt(`table ${name} does not exist at the backup's migration level`);
    const cols = columns.map((c) => {
      const t = target.get(c);
      if (!t || t.generated) throw corrupt(`column ${name}.${c} cannot be written`);
      return t;
    });
    const values = cols.map((t, i) => (t.type === 'bytea' ? `decode(r->>${i}, 'base64')` : `(r->>${i})::${t.type}`));
    const overriding = cols.some((t) => t.identity === 'a') ? ' overriding system value' : '';
    this.sql = `insert into ${ident(name)} (${columns.map(ident).join(', ')})${overriding} select ${values.join(', ')} from jsonb_array_elements($1::jsonb) as r`;
  }

  async add(row: unknown, line: string): Promise<void> {
    if (!Array.isArray(row) || row.length !== this.width) throw corrupt(`a row of ${this.name} does not match its columns`);
    this.lines.push(line);
    this.bytes += line.length;
    if (this.lines.length >= MAX_ROWS || this.bytes >= MAX_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.lines.length) return;
    await this.s.query(this.sql, [`[${this.lines.join(',')}]`]);
    this.count += this.lines.length;
    this.lines = [];
    this.bytes = 0;
  }

  async finish(): Promise<number> {
    await this.flush();
    return this.count;
  }
}

function parseLine(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw corrupt(`line ${lineNo} is not valid`);
  }
}

async function insertAll(s: Session, lines: AsyncGenerator<string>, header: BackupHeader, catalogue: Catalogue, opts: RestoreOptions): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let writer: TableWriter | null = null;
  let end: EndLine | null = null;
  let lineNo = 1;
  const finishTable = async () => {
    if (!writer) return;
    counts[writer.name] = await writer.finish();
    opts.onTable?.(writer.name, counts[writer.name]);
    writer = null;
  };
  for await (const line of lines) {
    lineNo++;
    if (end) throw corrupt(`data after the end line (line ${lineNo})`);
    const value = parseLine(line, lineNo);
    if (Array.isArray(value)) {
      if (!writer) throw corrupt(`line ${lineNo}: a row before any table`);
      await (writer as TableWriter).add(value, line);
      continue;
    }
    await finishTable();
    const obj = value as Partial<TableLine & EndLine> | null;
    if (obj?.end === true && obj.counts && typeof obj.counts === 'object') {
      end = obj as EndLine;
    } else if (typeof obj?.table === 'string' && Array.isArray(obj.columns) && obj.columns.every((c) => typeof c === 'string')) {
      if (!header.tables.includes(obj.table) || obj.table in counts) throw corrupt(`line ${lineNo}: unexpected table ${obj.table}`);
      writer = new TableWriter(s, obj.table, obj.columns, catalogue);
    } else {
      throw corrupt(`line ${lineNo} is not a table, a row or the end`);
    }
  }
  if (!end) throw corrupt('the end line is missing: the file was cut short');
  const endCounts = (end as EndLine).counts;
  for (const t of header.tables) {
    if (counts[t] === undefined || counts[t] !== endCounts[t]) throw corrupt(`table ${t}: ${counts[t] ?? 0} rows read, ${endCounts[t] ?? 0} written`);
  }
  // Serial and identity columns continue after the restored ids (audit_events.id).
  for (const [table, columns] of catalogue) {
    for (const [column, c] of columns) {
      if (c.sequence) await s.query(`select setval($1::regclass, coalesce((select max(${ident(column)}) from ${ident(table)}), 0) + 1, false)`, [c.sequence]);
    }
  }
  return counts;
}

/** Refuses a backup this installation cannot restore, before anything is touched: newer, or keys missing. */
export function checkHeader(header: BackupHeader, keyIds?: string[]): void {
  const expected = expectedMigrations();
  if (header.migrations > expected) {
    throw refused(
      `This backup was made by a newer Anbao (${header.migrations} migrations; this one knows ${expected}): upgrade Anbao, then restore.`,
      `该备份来自更新版本的安保系统（${header.migrations} 个迁移，本版本 ${expected} 个），请先升级再恢复。`,
    );
  }
  const missingKeys = keyIds ? header.keyIds.filter((k) => !keyIds!.includes(k)) : [];
  if (missingKeys.length) {
    throw refused(
      `The backup's encrypted fields (phone and ID numbers, authenticator secrets) use key ${missingKeys.join(', ')}, which this configuration does not hold. ` +
        'Set ANBAO_SECRET_KEY to the key of the installation the backup came from (an embedded installation keeps it in DATA_DIR/secret.key: copy that file into the new DATA_DIR), ' +
        'or give it in ANBAO_OLD_SECRET_KEYS and run "anbao rekey" after the restore.',
      `备份中的加密字段使用的密钥（${missingKeys.join(', ')}）未配置：请将 ANBAO_SECRET_KEY 设为原系统的密钥（内嵌数据库的密钥在 DATA_DIR/secret.key，可复制到新的 DATA_DIR）。`,
    );
  }
}

export async function restoreFrom(database: Database, input: Readable, opts: RestoreOptions = {}): Promise<BackupSummary> {
  const started = Date.now();
  const lines = readLines(input);
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value);
    checkHeader(header, opts.keyIds);
    const expected = expectedMigrations();
    const applied = await appliedMigrations(database);
    if (applied > 0) {
      const full = await nonEmptyTables(database);
      if (full.length) {
        throw refused(
          `The target database is not empty (rows in ${full.join(', ')}): restore only into a new, empty database or data folder. Nothing was changed.`,
          `目标数据库不为空（${full.join('、')} 中有数据），只能恢复到新的空数据库或数据目录，未做任何更改。`,
        );
      }
      if (applied > header.migrations) {
        throw refused(
          `The target database already has ${applied} migrations applied; this backup was made at ${header.migrations}. Restore it into a new database, so that the later migrations are applied to its records.`,
          `目标数据库已应用 ${applied} 个迁移，而备份制作于第 ${header.migrations} 个迁移：请恢复到新建的数据库。`,
        );
      }
    }
    await migrateTo(database, header.migrations);
    const catalogue = await readCatalogue(database);
    const counts = await inSession(database, 'write', (s) => insertAll(s, lines, header, catalogue, opts));
    if (header.migrations < expected) await migrate(database);
    return { header, counts, rows: Object.values(counts).reduce((a, b) => a + b, 0), durationMs: Date.now() - started };
  } finally {
    await lines.return(undefined);
  }
}
