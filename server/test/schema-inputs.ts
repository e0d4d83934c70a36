// Inputs derived from the OpenAPI document (GET /api/v1/openapi.json), so suites cover routes added
// later without being edited: a valid value for any schema, and one-field-wrong variants of a valid
// body or query (wrong type, too long, control character, out of range, not in the enum, unknown field),
// each with the field path the 400 must name.
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { randomUUID } from 'node:crypto';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}

export type OpenApiDoc = { paths: Record<string, Record<string, Operation>> };

/** The OpenAPI operation of a catalogue route (`/api/v1/orgs/:id` → `/api/v1/orgs/{id}`). */
export function operationOf(doc: OpenApiDoc, method: string, url: string): Operation | undefined {
  return doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
}

export function jsonBodySchema(op: Operation | undefined): JsonSchema | undefined {
  return op?.requestBody?.content?.['application/json']?.schema;
}

export function queryParameters(op: Operation | undefined): Parameter[] {
  return (op?.parameters ?? []).filter((p) => p.in === 'query');
}

const PATTERN_CANDIDATES = ['A1', 'abc', 'test_1', '123456', '13800138000', '110101199003070011', 'x', 'someone@example.com', 'https://example.com/hook', 'smtp.example.com', '08:00'];

function fromPattern(s: JsonSchema): string {
  const re = new RegExp(s.pattern!, 'u');
  const ok = PATTERN_CANDIDATES.find((c) => re.test(c) && c.length >= (s.minLength ?? 0) && c.length <= (s.maxLength ?? Infinity));
  if (ok === undefined) throw new Error(`no sample value matches pattern ${s.pattern}: add one to PATTERN_CANDIDATES`);
  return ok;
}

/** A valid value for the schema (required properties only). */
export function sampleValue(s: JsonSchema): unknown {
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sampleValue(alt.find((a) => a.type !== 'null') ?? alt[0]);
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'date') return '2026-01-01';
      if (s.format === 'email') return 'someone@example.com';
      if (s.format === 'uri') return 'https://example.com/hook';
      if (s.pattern && s.pattern !== '\\S') return fromPattern(s);
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
    case 'integer':
    case 'number':
      return s.minimum ?? Math.min(1, s.maximum ?? 1);
    case 'boolean':
      return false;
    case 'array': {
      const n = s.minItems ?? 0;
      if (s.items?.enum) return s.items.enum.slice(0, n);
      return Array.from({ length: n }, () => sampleValue(s.items ?? {}));
    }
    case 'object':
    case undefined: {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sampleValue(s.properties![k]);
      return out;
    }
    default:
      throw new Error(`no sample for schema type ${s.type}`);
  }
}

let ajv: Ajv | null = null;
/** Errors of `value` against `schema` (null when valid): proves a derived base body is valid. */
export function schemaErrors(schema: JsonSchema, value: unknown): string | null {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false });
    (formats as unknown as { default: (a: Ajv) => void }).default(ajv);
  }
  const validate = ajv.compile(schema);
  return validate(value) ? null : ajv.errorsText(validate.errors);
}

export interface Mutation {
  label: string;
  /** The field the 400 must name. */
  path: string;
  value: unknown;
}

const CONTROL = 'a\u0000b';

function wrongTypeValue(s: JsonSchema): unknown {
  const type = s.type ?? (s.anyOf ?? s.oneOf)?.find((a) => a.type !== 'null')?.type;
  if (type === 'string') return 12345;
  if (type === 'array') return 'not-an-array';
  if (type === 'object') return 'not-an-object';
  return 'not-a-number-or-boolean';
}

/** One-field-wrong variants for every property, nested objects included. */
export function fieldMutations(schema: JsonSchema, prefix = ''): Mutation[] {
  // A body that is one of several shapes: vary the first, which sampleValue() builds.
  const s = (schema.anyOf ?? schema.oneOf)?.find((a) => a.type !== 'null') ?? schema;
  const out: Mutation[] = [];
  const props = s.properties ?? {};
  for (const [name, raw] of Object.entries(props)) {
    const p = raw.anyOf?.find((a) => a.type !== 'null') ?? raw;
    const path = prefix ? `${prefix}.${name}` : name;
    out.push({ label: 'wrong type', path, value: wrongTypeValue(raw) });
    if (p.enum) out.push({ label: 'not in enum', path, value: '__not_allowed__' });
    if (p.type === 'string' && !p.enum) {
      out.push({ label: 'control character', path, value: CONTROL });
      if (p.maxLength !== undefined) out.push({ label: `longer than ${p.maxLength}`, path, value: 'x'.repeat(p.maxLength + 1) });
      if (p.format === 'uuid') out.push({ label: 'malformed id', path, value: 'not-a-uuid' });
    }
    if ((p.type === 'integer' || p.type === 'number') && p.maximum !== undefined) out.push({ label: 'above maximum', path, value: p.maximum + 1 });
    if ((p.type === 'integer' || p.type === 'number') && p.minimum !== undefined) out.push({ label: 'below minimum', path, value: p.minimum - 1 });
    if (p.type === 'object' && p.properties) out.push(...fieldMutations(p, path));
  }
  if (s.additionalProperties === false) out.push({ label: 'unknown field', path: prefix ? `${prefix}.__unknownField` : '__unknownField', value: 1 });
  return out;
}

/** A copy of `base` with the value at a dotted path replaced (intermediate objects created). */
export function withValue(base: unknown, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone((base ?? {}) as Record<string, unknown>);
  const keys = path.split('.');
  let cur = copy;
  for (const k of keys.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
  return copy;
}

/** One-parameter-wrong query strings for a route's query parameters (required ones filled validly). */
export function queryMutations(params: Parameter[]): Array<{ label: string; path: string; query: string }> {
  const base: Record<string, string> = {};
  for (const p of params) if (p.required) base[p.name] = String(sampleValue(p.schema));
  const q = (name: string, value: string) => new URLSearchParams({ ...base, [name]: value }).toString();
  const out: Array<{ label: string; path: string; query: string }> = [];
  for (const p of params) {
    const s = p.schema;
    if (p.name === 'pageSize') out.push({ label: 'pageSize over 200', path: p.name, query: q(p.name, '500') });
    if (p.name === 'page') out.push({ label: 'page 0', path: p.name, query: q(p.name, '0') });
    if (p.name === 'sort') out.push({ label: 'sort by an unknown field', path: p.name, query: q(p.name, 'noSuchField') });
    if (s.type === 'integer' || s.type === 'number' || s.type === 'boolean') out.push({ label: 'wrong type', path: p.name, query: q(p.name, 'abc') });
    if (s.enum) out.push({ label: 'not in enum', path: p.name, query: q(p.name, '__not_allowed__') });
    if (s.type === 'string' && !s.enum) {
      out.push({ label: 'control character', path: p.name, query: q(p.name, CONTROL) });
      if (s.format === 'uuid') out.push({ label: 'malformed id', path: p.name, query: q(p.name, 'not-a-uuid') });
      if (s.format === 'date-time') out.push({ label: 'malformed time', path: p.name, query: q(p.name, 'yesterday') });
      if (s.maxLength !== undefined) out.push({ label: `longer than ${s.maxLength}`, path: p.name, query: q(p.name, 'x'.repeat(s.maxLength + 1)) });
    }
  }
  if (params.length) out.push({ label: 'unknown parameter', path: '__unknownParam', query: q('__unknownParam', '1') });
  return out;
}
