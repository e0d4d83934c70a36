// The canonical JSON text of a value (SEC-04): object keys sorted at every level, no spaces. The audit
// chain hashes entries in this form (platform/audit/chain.ts), and the audit trail's changes/detail
// columns store their values as this very text (schema/audit.ts), so the database can rebuild an
// entry's canonical bytes without parsing JSON (platform/audit/verify.ts).

/** An array-index key ("0", "17"): JavaScript objects list these first, in numeric order. */
const isIndexKey = (k: string) => {
  const n = Number(k) >>> 0;
  return String(n) === k && n !== 0xffffffff;
};

/**
 * JSON of `v` with object keys sorted at every level, written straight out (no sorted copy is built).
 * The order is the one JSON.stringify gives a key-sorted copy — how the chain was defined: index-like
 * keys first in numeric order (as every JavaScript object lists them), then the others sorted.
 */
export function canonicalJsonText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJsonText).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  let i = 0;
  while (i < keys.length && isIndexKey(keys[i])) i++;
  const ordered = i === 0 ? keys.sort() : [...keys.slice(0, i), ...keys.slice(i).sort()];
  return `{${ordered.map((k) => `${JSON.stringify(k)}:${canonicalJsonText(o[k])}`).join(',')}}`;
}
