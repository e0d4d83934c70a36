// The hash chain (DESIGN §4, SEC-04): hash = SHA-256(prev_hash ‖ canonical JSON of the entry).
// The canonical form covers every column an entry is written with plus its place in the chain (seq),
// with keys sorted, so it is the same bytes on PGlite, on PostgreSQL and after a backup/restore.
import { createHash } from 'node:crypto';
import { canonicalJsonText } from '../../db/canonical-json.ts';
import type { auditEvents } from '../../db/schema/index.ts';

export type AuditRow = Omit<typeof auditEvents.$inferSelect, 'canonical'>;
export const GENESIS_HASH = '0'.repeat(64);

const str = (v: string | null | undefined) => (v === null || v === undefined ? 'null' : JSON.stringify(v));
const nested = canonicalJsonText;

/**
 * The entry's canonical JSON: its fields with keys in sorted order (nested objects too). Written out
 * field by field — the same bytes as JSON.stringify of the key-sorted object (canonical.test.ts holds
 * that reference and compares), without building and sorting an object per entry: verification hashes
 * millions of these, and building them cost as much as reading the rows.
 */
export function canonicalJson(e: AuditRow, seq: number): string {
  return (
    `{"action":${JSON.stringify(e.action)},"actorId":${str(e.actorId)},"actorName":${str(e.actorName)},"actorType":${JSON.stringify(e.actorType)}` +
    `,"changes":${nested(e.changes)},"detail":${nested(e.detail)},"id":${JSON.stringify(e.id)},"ip":${str(e.ip)}` +
    `,"occurredAt":${JSON.stringify(e.occurredAt.toISOString())},"orgId":${str(e.orgId)},"requestId":${str(e.requestId)},"result":${JSON.stringify(e.result)}` +
    `,"seq":${JSON.stringify(seq)},"targetId":${str(e.targetId)},"targetLabel":${str(e.targetLabel)},"targetType":${str(e.targetType)}` +
    `,"tokenId":${str(e.tokenId)},"userAgent":${str(e.userAgent)}}`
  );
}

export function chainHash(prevHash: string, e: AuditRow, seq: number): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(e, seq)).digest('hex');
}
