// fast-check arbitraries for hostile requests, derived from a route's OpenAPI operation: path ids,
// query strings, JSON bodies and headers that are invalid, at the boundaries, or plain random.
import fc from 'fast-check';
import type { JsonSchema, Operation, Parameter } from '../schema-inputs.ts';
import { jsonBodySchema, queryParameters, sampleValue } from '../schema-inputs.ts';

/** Strings an attacker or a broken client sends. */
const nasty = fc.constantFrom(
  '',
  ' ',
  'null',
  'undefined',
  '0',
  '-1',
  '1e309',
  'NaN',
  'true',
  '../../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '{"$ne":null}',
  '__proto__',
  'constructor',
  '𪚥'.repeat(300),
  'x'.repeat(5001),
  '\u202E\u200B',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2026-02-30',
  '9999-12-31T23:59:59.999Z',
);

const text = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.uuid());
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, 0.5));
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const anyJson = fc.oneof({ weight: 3, arbitrary: scalar }, fc.array(scalar, { maxLength: 5 }), fc.dictionary(text, scalar, { maxKeys: 5 }));

/** A value near the edges of the schema (or of the wrong kind). */
function around(s: JsonSchema): fc.Arbitrary<unknown> {
  const out: fc.Arbitrary<unknown>[] = [anyJson];
  if (s.type === 'string' || s.enum) {
    if (s.maxLength !== undefined) out.push(fc.constantFrom('x'.repeat(s.maxLength), 'x'.repeat(s.maxLength + 1), '𪚥'.repeat(s.maxLength + 1)));
    if (s.minLength) out.push(fc.constant('x'.repeat(s.minLength - 1)));
    if (s.enum) out.push(fc.constantFrom(...(s.enum as unknown[])), fc.constant(String(s.enum[0]).toUpperCase()));
    if (s.format === 'uuid') out.push(fc.uuid());
  }
  if (s.type === 'integer' || s.type === 'number') {
    for (const b of [s.minimum, s.maximum]) if (b !== undefined) out.push(fc.constantFrom(b - 1, b, b + 1, b + 0.5));
  }
  if (s.type === 'array') out.push(fc.array(s.items ? around(s.items) : anyJson, { maxLength: (s.maxItems ?? 3) + 2 }));
  if (s.type === 'object' && s.properties) out.push(shaped(s));
  const alt = s.anyOf ?? s.oneOf;
  if (alt) out.push(...alt.map(around));
  return fc.oneof(...out);
}

/** An object with the schema's property names, each holding an edge or random value, some dropped. */
function shaped(s: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  if (!props.length) return fc.dictionary(text, scalar, { maxKeys: 3 });
  return fc.record(Object.fromEntries(props.map(([k, p]) => [k, around(p)])), { requiredKeys: [] });
}

/** A valid body (derived from the schema) with one field set to an edge or random value. */
function oneFieldOff(s: JsonSchema): fc.Arbitrary<unknown> {
  const props = Object.entries(s.properties ?? {});
  let base: Record<string, unknown>;
  try {
    base = sampleValue(s) as Record<string, unknown>;
  } catch {
    return shaped(s);
  }
  if (!props.length) return fc.constant(base);
  return fc.oneof(...props.map(([k, p]) => around(p).map((v) => ({ ...base, [k]: v }))));
}

export function bodyArb(op: Operation | undefined): fc.Arbitrary<unknown> {
  const s = jsonBodySchema(op);
  if (!s) return fc.oneof(fc.constant(undefined), anyJson);
  const target = (s.anyOf ?? s.oneOf)?.find((a) => a.type === 'object') ?? s;
  return fc.oneof(anyJson, shaped(target), oneFieldOff(target));
}

export function queryArb(op: Operation | undefined): fc.Arbitrary<string> {
  const params: Parameter[] = queryParameters(op);
  const known = params.length ? fc.record(Object.fromEntries(params.map((p) => [p.name, around(p.schema)])), { requiredKeys: [] }) : fc.constant({});
  const extra = fc.dictionary(fc.oneof(text, fc.constantFrom('__proto__', 'page[]', 'a.b', 'q[$ne]')), text, { maxKeys: 2 });
  return fc.tuple(known, extra, fc.boolean()).map(([k, e, repeat]) => {
    const q = new URLSearchParams();
    for (const [name, v] of Object.entries({ ...k, ...e })) {
      const value = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
      q.append(name, value);
      if (repeat) q.append(name, value);
    }
    return q.toString();
  });
}

export const pathValueArb = fc.oneof(fc.uuid(), nasty, fc.string({ maxLength: 30 }), fc.integer().map(String));

export const headersArb = fc.record(
  {
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data', 'garbage/;;'),
    'accept-language': fc.oneof(fc.constantFrom('en', 'zh-CN', 'xx', '*', 'en;q=abc'), fc.string({ maxLength: 20 })),
    'if-match': fc.oneof(fc.constantFrom('"1"', '*', 'W/"1"', '-1', '99999999999999999999', 'abc'), fc.string({ maxLength: 10 })),
    'idempotency-key': fc.oneof(fc.uuid(), fc.constantFrom('', 'x'.repeat(1000), '𪚥')),
    accept: fc.constantFrom('*/*', 'application/json', 'text/html', 'application/xml'),
  },
  { requiredKeys: [] },
);

/** Header values must be ISO-8859-1 printable to be sent at all. */
export function sendable(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).filter(([, v]) => /^[\x20-\x7e]*$/.test(v)));
}
