// The backup file (one portable file, OPERATIONS.md): gzip-compressed NDJSON, written and read as a
// stream so that no database is ever held in memory whole.
//   line 1          {"format":"anbao-backup","version":1,"createdAt","migrations","source","tables":[…],"keyIds":[…]}
//   per table       {"table":"orgs","columns":["id","parent_id",…]} then one JSON array per row
//   last line       {"end":true,"counts":{"orgs":14,…}}  — a file cut short has no end line and is refused
// Values: timestamps as ISO strings in UTC (milliseconds, microseconds when present), bytea as base64,
// json/jsonb as their JSON text, bigint as numbers, other types as JSON scalars or PostgreSQL text.
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export const BACKUP_FORMAT = 'anbao-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** Migrations applied to the source database: a restore refuses a backup newer than its code. */
  migrations: number;
  source: 'pglite' | 'postgres';
  /** Tables in restore order. */
  tables: string[];
  /** Key ids of the encrypted fields: the restoring installation must hold these keys. */
  keyIds: string[];
}

export interface TableLine {
  table: string;
  columns: string[];
}

export interface EndLine {
  end: true;
  counts: Record<string, number>;
}

export interface BackupSummary {
  header: BackupHeader;
  counts: Record<string, number>;
  rows: number;
  durationMs: number;
}

/** A backup or restore refused for a reason the operator can act on; nothing was changed. */
export class BackupRefusedError extends Error {
  override name = 'BackupRefusedError';
}

export function refused(en: string, zh: string): BackupRefusedError {
  return new BackupRefusedError(`${en} / ${zh}`);
}

export function corrupt(detail: string): BackupRefusedError {
  return refused(`The backup file is damaged or incomplete (${detail}); nothing was restored.`, `备份文件已损坏或不完整（${detail}），未恢复任何数据。`);
}

export function parseHeader(line: string | undefined): BackupHeader {
  let h: Partial<BackupHeader> | null = null;
  try {
    h = line ? (JSON.parse(line) as Partial<BackupHeader>) : null;
  } catch {
    /* not JSON: refused below */
  }
  if (!h || h.format !== BACKUP_FORMAT) throw refused('This file is not an Anbao backup.', '该文件不是安保系统的备份文件。');
  if (h.version !== BACKUP_VERSION) {
    throw refused(`This backup has format version ${h.version}; this Anbao reads version ${BACKUP_VERSION}.`, `备份格式版本 ${h.version} 不受支持。`);
  }
  if (!Number.isInteger(h.migrations) || h.migrations! < 1 || !Array.isArray(h.tables) || !Array.isArray(h.keyIds)) throw corrupt('header');
  return h as BackupHeader;
}

/**
 * The lines of a gzip-compressed backup. A file cut short makes gunzip fail ("unexpected end of
 * file"), which surfaces here as an error. Long lines (a 20 MB photo is one line) are assembled from
 * their pieces once, not re-scanned chunk after chunk.
 */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let parts: string[] = [];
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
        parts.push(chunk.slice(start, nl));
        yield parts.join('');
        parts = [];
        start = nl + 1;
      }
      if (start < chunk.length) parts.push(chunk.slice(start));
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') throw corrupt(code === 'Z_BUF_ERROR' ? 'the file ends too early' : 'not gzip data');
    throw e;
  } finally {
    input.destroy();
  }
  if (parts.length) yield parts.join('');
}

/** The header of a backup file, read without going further (a restore checks it before opening anything). */
export async function readHeader(input: Readable): Promise<BackupHeader> {
  const lines = readLines(input);
  try {
    const first = await lines.next();
    return parseHeader(first.done ? undefined : first.value);
  } finally {
    await lines.return(undefined);
  }
}
