// What a backup holds, derived from the Drizzle schema so that a module's new tables are picked up
// without a hand-kept list: every table, parents before children (topological order over foreign
// keys), each read in pages by keyset on its key, each value encoded so it round-trips exactly between
// PGlite and PostgreSQL.
import { is } from 'drizzle-orm';
import { getTableConfig, type PgColumn, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema/index.ts';
import { ident } from './session.ts';

/**
 * Leading sort columns for tables whose rows reference rows of the same table, so that parents are
 * written (and restored) before their children: orgs.parent_id → orgs.id, a parent is one level up.
 * The columns must be NOT NULL (keyset comparison). tables.test.ts fails when a self-referencing
 * table appears without an entry here.
 */
export const ROW_ORDER: Record<string, readonly string[]> = { orgs: ['depth'] };

/** Columns named *_enc hold KeyRing ciphertexts ("v1:<key id>:…"); a backup lists the key ids they need. */
export const ENCRYPTED_SUFFIX = '_enc';

/** Rows per page; far fewer for tables with files (an attachment may be 20 MB). */
const PAGE_ROWS = 2000;
const PAGE_ROWS_BINARY = 4;
/** PostgreSQL functions take at most 100 arguments. */
const MAX_ARGS = 100;

export interface DumpTable {
  name: string;
  columns: string[];
  /**
   * First page, and the next page after the key values (as text) of the previous page's last row.
   * Each row comes back as [JSON array of the values (the backup line), ...key values]: the database
   * builds the line itself, measured 2.5× faster on PGlite than mapping every value in JavaScript.
   */
  firstPageSql: string;
  nextPageSql: string;
  pageRows: number;
  encryptedColumns: string[];
}

/**
 * Read models derived from other tables by triggers in the same transaction (dashboard_counts,
 * migration 0004): not backed up — restoring the source rows fires the triggers that rebuild them, so a
 * copy in the backup would count everything twice.
 */
export const DERIVED_TABLES: ReadonlySet<string> = new Set(['dashboard_counts']);

/** Every table a backup holds: the schema's tables except the derived read models. */
export function schemaTables(): PgTable[] {
  return Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable) && !DERIVED_TABLES.has(getTableConfig(v).name));
}

/** ISO 8601 in UTC, milliseconds, or microseconds when the value has them (a Date would drop them). */
function isoTimestamp(q: string, utc: boolean): string {
  const v = utc ? `${q} at time zone 'UTC'` : q;
  const z = utc ? '"Z"' : '';
  return `case when not isfinite(${q}) then ${q}::text when date_trunc('milliseconds', ${q}) = ${q} then to_char(${v}, 'YYYY-MM-DD"T"HH24:MI:SS.MS${z}') else to_char(${v}, 'YYYY-MM-DD"T"HH24:MI:SS.US${z}') end`;
}

const JSON_NATIVE = new Set(['integer', 'smallint', 'serial', 'smallserial', 'boolean', 'text', 'uuid']);

/**
 * The expression that puts one column into the backup line as a JSON value. Types without an exact
 * JSON form travel as PostgreSQL's own text form, which the restore casts back.
 */
export function columnValue(c: PgColumn): string {
  const q = ident(c.name);
  const type = c.getSQLType().toLowerCase();
  if (/^timestamp.*with time zone$/.test(type)) return isoTimestamp(q, true);
  if (/^timestamp/.test(type)) return isoTimestamp(q, false);
  // PostgreSQL breaks base64 lines at 76 characters; the backup keeps one string per value.
  if (type === 'bytea') return `translate(encode(${q}, 'base64'), chr(10), '')`;
  // jsonb travels as its JSON text: exact (no float or big-number rounding in JavaScript) and it keeps
  // a JSON null apart from an SQL NULL.
  if (type === 'json' || type === 'jsonb') return `${q}::text`;
  // mode "number" columns (ids, seq) are JSON numbers; mode "bigint" ones stay exact strings.
  if (type === 'bigint' || type === 'bigserial') return c.columnType.endsWith('53') ? q : `${q}::text`;
  if (JSON_NATIVE.has(type) || /^(varchar|character varying|char)\b/.test(type)) return q;
  return `${q}::text`;
}

function jsonArray(values: string[]): string {
  if (values.length <= MAX_ARGS) return `json_build_array(${values.join(', ')})::text`;
  const groups: string[] = [];
  for (let i = 0; i < values.length; i += MAX_ARGS) groups.push(`jsonb_build_array(${values.slice(i, i + MAX_ARGS).join(', ')})`);
  return `(${groups.join(' || ')})::text`;
}

/** The SQL type a key value (sent as text) is compared as. */
function castType(c: PgColumn): string {
  const t = c.getSQLType();
  return ({ bigserial: 'bigint', serial: 'integer', smallserial: 'smallint' } as Record<string, string>)[t] ?? t;
}

function dumpTable(t: PgTable): DumpTable {
  const cfg = getTableConfig(t);
  const columns = cfg.columns.filter((c) => !c.generated);
  const byName = new Map(cfg.columns.map((c) => [c.name, c]));
  const pk = cfg.columns.filter((c) => c.primary);
  // A composite key's columns are the extra-config builder's stand-ins: look the real ones up by name.
  const compositeKey = (cfg.primaryKeys[0]?.columns ?? []).map((c) => byName.get(c.name)!);
  const keyCols = [...(ROW_ORDER[cfg.name] ?? []).map((n) => byName.get(n)!), ...(pk.length ? pk : compositeKey)];
  // Qualified, so that ORDER BY means the table's column and not a same-named output column.
  const table = ident(cfg.name);
  // A table without a primary key pages by physical row address: still a keyset, never OFFSET.
  const keys = keyCols.length ? keyCols.map((c) => ({ expr: `${table}.${ident(c.name)}`, cast: castType(c) })) : [{ expr: `${table}.ctid`, cast: 'tid' }];
  const pageRows = columns.some((c) => c.getSQLType() === 'bytea') ? PAGE_ROWS_BINARY : PAGE_ROWS;
  const select = [jsonArray(columns.map(columnValue)), ...keys.map((k) => `${k.expr}::text`)].join(', ');
  const order = keys.map((k) => k.expr).join(', ');
  const after = `(${order}) > (${keys.map((k, i) => `$${i + 1}::${k.cast}`).join(', ')})`;
  return {
    name: cfg.name,
    columns: columns.map((c) => c.name),
    firstPageSql: `select ${select} from ${table} order by ${order} limit ${pageRows}`,
    nextPageSql: `select ${select} from ${table} where ${after} order by ${order} limit ${pageRows}`,
    pageRows,
    encryptedColumns: columns.filter((c) => c.name.endsWith(ENCRYPTED_SUFFIX)).map((c) => c.name),
  };
}

/** Tables a self-referencing foreign key points back into. */
export function selfReferencingTables(): string[] {
  return schemaTables()
    .map(getTableConfig)
    .filter((cfg) => cfg.foreignKeys.some((fk) => getTableConfig(fk.reference().foreignTable).name === cfg.name))
    .map((cfg) => cfg.name);
}

/** Every table, each after the tables its foreign keys reference (ties by name, so the order is stable). */
export function backupTables(): DumpTable[] {
  const configs = new Map(schemaTables().map((t) => [getTableConfig(t).name, t]));
  const deps = new Map<string, Set<string>>();
  for (const [name, t] of configs) {
    const refs = getTableConfig(t).foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name);
    for (const r of refs) if (!configs.has(r)) throw new Error(`table ${name} references ${r}, which is not in the schema`);
    deps.set(name, new Set(refs.filter((r) => r !== name)));
  }
  const ordered: string[] = [];
  while (ordered.length < configs.size) {
    const ready = [...deps].filter(([n, d]) => !ordered.includes(n) && [...d].every((x) => ordered.includes(x))).map(([n]) => n);
    if (!ready.length) {
      const left = [...deps.keys()].filter((n) => !ordered.includes(n));
      throw new Error(`foreign keys form a cycle between ${left.join(', ')}: no restore order exists`);
    }
    ordered.push(...ready.sort());
  }
  return ordered.map((n) => dumpTable(configs.get(n)!));
}
