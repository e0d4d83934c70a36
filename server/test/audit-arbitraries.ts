// Random audit entries for property tests of the chain's canonical form (SEC-04): strings with quotes,
// backslashes, control, CJK and astral characters and U+2028, uuids or nulls, and nested changes/detail
// objects with unsorted and index-like keys.
import fc from 'fast-check';

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

/**
 * An entry's written fields (no id, seq or hashes). `storable` leaves U+0000 out of the strings, which
 * PostgreSQL text cannot hold; the in-memory tests keep it.
 */
export function auditEntryArb({ storable }: { storable: boolean }) {
  const raw = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"\\\u0000\u0001\u001f\u007f\u2028\u2029', '隐患整改𪚥', '</script>', '=cmd|x', ''));
  const text = storable ? raw.map((s) => s.replaceAll('\u0000', '')) : raw;
  const json = fc.jsonValue().filter((v) => v !== null && typeof v === 'object') as fc.Arbitrary<Record<string, unknown>>;
  return fc.record({
    occurredAt: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
    actorType: fc.constantFrom('user' as const, 'token' as const, 'system' as const, 'anonymous' as const),
    actorId: maybe(fc.uuid()),
    actorName: maybe(text),
    tokenId: maybe(fc.uuid()),
    orgId: maybe(fc.uuid()),
    ip: maybe(text),
    userAgent: maybe(text),
    action: text,
    targetType: maybe(text),
    targetId: maybe(text),
    targetLabel: maybe(text),
    result: fc.constantFrom('success' as const, 'failure' as const, 'denied' as const),
    changes: maybe(json),
    detail: maybe(json),
    requestId: maybe(text),
  });
}
