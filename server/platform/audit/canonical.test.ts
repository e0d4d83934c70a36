// SEC-04: the chain's canonical form is fixed forever — every stored hash depends on its bytes. The
// field-by-field writer in chain.ts must produce exactly JSON.stringify of the key-sorted entry (the
// definition kept here) for any entry: random strings (quotes, control characters, astral and CJK
// characters, U+2028), nulls, and nested changes/detail objects with unsorted keys and arrays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { auditEntryArb } from '../../test/audit-arbitraries.ts';
import { type AuditRow, canonicalJson } from './chain.ts';

function sortedValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(sortedValue);
  if (typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedValue((v as Record<string, unknown>)[k])]));
  return v;
}

/** The definition: every field of the entry and its seq, keys sorted at every level. */
function reference(e: AuditRow, seq: number): string {
  const { id, occurredAt, actorType, actorId, actorName, tokenId, orgId, ip, userAgent, action, targetType, targetId, targetLabel, result, changes, detail, requestId } = e;
  return JSON.stringify(sortedValue({ id, seq, occurredAt, actorType, actorId, actorName, tokenId, orgId, ip, userAgent, action, targetType, targetId, targetLabel, result, changes, detail, requestId }));
}

const entry = fc.record({ id: fc.integer({ min: 1, max: 2 ** 53 - 1 }), fields: auditEntryArb({ storable: false }) }).map(({ id, fields }) => ({ id, ...fields }));

test('SEC-04: index-like keys keep the place JavaScript gives them (first, in numeric order), as when the chain was defined', () => {
  const row = { id: 1, occurredAt: new Date('2026-01-01T00:00:00Z'), actorType: 'user', action: 'x', result: 'success', detail: { b: 1, '10': 2, a: { '2': 0, '': 1, '1': 2 }, '': 3, '01': 4 } } as unknown as AuditRow;
  assert.equal(canonicalJson(row, 5), reference(row, 5));
  assert.match(canonicalJson(row, 5), /"detail":\{"10":2,"":3,"01":4,"a":\{"1":2,"2":0,"":1\},"b":1\}/);
});

test('SEC-04: the canonical JSON written field by field equals the key-sorted JSON of the entry, byte for byte', () => {
  fc.assert(
    fc.property(entry, fc.integer({ min: 1, max: 2 ** 40 }), (e, seq) => {
      const row = { ...e, seq, prevHash: null, hash: null, sealedAt: null } as unknown as AuditRow;
      assert.equal(canonicalJson(row, seq), reference(row, seq));
    }),
    { numRuns: 3000 },
  );
});
