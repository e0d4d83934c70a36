// Turns schema violations into field-named details, and refuses control characters and broken
// Unicode anywhere in the input (PostgreSQL cannot store NUL; lone surrogates would be altered).
import type { FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from './errors.ts';

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const toPath = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

function resolve(value: unknown, pointer: string): unknown {
  let cur = value;
  for (const seg of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

export function translateSchemaErrors(errors: SchemaError[], input: unknown): ErrorDetail[] {
  const out = new Map<string, ErrorDetail>();
  const add = (d: ErrorDetail) => {
    if (!out.has(d.path)) out.set(d.path, d);
  };
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of errors) {
    const path = toPath(e.instancePath);
    const p = e.params ?? {};
    switch (e.keyword) {
      case 'required': {
        const here = resolve(input, e.instancePath) as Record<string, unknown> | undefined;
        const props = (p.requiredProperties as string[] | undefined) ?? (p.missingProperty ? [String(p.missingProperty)] : []);
        for (const prop of props) {
          if (!here || typeof here !== 'object' || here[prop] === undefined) add({ path: join(path, prop), code: 'V_REQUIRED' });
        }
        break;
      }
      case 'additionalProperties':
        for (const prop of (p.additionalProperties as string[] | undefined) ?? []) add({ path: join(path, prop), code: 'V_ADDITIONAL' });
        if (p.additionalProperty) add({ path: join(path, String(p.additionalProperty)), code: 'V_ADDITIONAL' });
        break;
      case 'boolean':
        add({ path, code: 'V_ADDITIONAL' });
        break;
      case 'maxLength':
        add({ path, code: 'V_MAX_LENGTH', params: { limit: p.limit } });
        break;
      case 'minLength':
        add({ path, code: 'V_MIN_LENGTH', params: { limit: p.limit } });
        break;
      case 'maxItems':
        add({ path, code: 'V_MAX_ITEMS', params: { limit: p.limit } });
        break;
      case 'minItems':
        add({ path, code: 'V_MIN_ITEMS', params: { limit: p.limit } });
        break;
      case 'uniqueItems':
        add({ path, code: 'V_UNIQUE_ITEMS' });
        break;
      case 'minimum':
      case 'exclusiveMinimum':
        add({ path, code: 'V_MINIMUM', params: { limit: p.limit } });
        break;
      case 'maximum':
      case 'exclusiveMaximum':
        add({ path, code: 'V_MAXIMUM', params: { limit: p.limit } });
        break;
      case 'format':
        add({ path, code: 'V_FORMAT', params: { format: p.format } });
        break;
      case 'pattern':
        add({ path, code: p.pattern === '\\S' ? 'V_BLANK' : 'V_PATTERN' });
        break;
      case 'enum':
        add({ path, code: 'V_ENUM', params: { allowed: ((p.allowedValues as unknown[]) ?? []).join(', ') } });
        break;
      case 'type':
        add({ path, code: 'V_TYPE', params: { type: Array.isArray(p.type) ? p.type.join('|') : p.type } });
        break;
      case 'const':
        if (!anyOfPaths.has(e.instancePath)) add({ path, code: 'V_ENUM', params: { allowed: String(p.allowedValue) } });
        break;
      case 'anyOf': {
        const allowed = errors
          .filter((x) => x.keyword === 'const' && x.instancePath === e.instancePath)
          .map((x) => String(x.params.allowedValue));
        add(allowed.length ? { path, code: 'V_ENUM', params: { allowed: allowed.join(', ') } } : { path, code: 'V_INVALID' });
        break;
      }
      default:
        add({ path, code: 'V_INVALID' });
    }
  }
  const details = [...out.values()];
  // A leaf message beats a parent's "invalid" that only restates it.
  return details.filter((d) => !(d.code === 'V_INVALID' && details.some((o) => o !== d && o.path.startsWith(d.path))));
}

// C0 controls except TAB, LF and CR; DEL; lone UTF-16 surrogates.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function findBadString(value: unknown, path: string, depth = 0): string | undefined {
  if (depth > 32) return path;
  if (typeof value === 'string') return FORBIDDEN.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadString(value[i], join(path, String(i)), depth + 1);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN.test(k)) return join(path, k);
      const bad = findBadString(v, join(path, k), depth + 1);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

/** preValidation hook: control characters anywhere in the body, query or params → 400 naming the field. */
export async function rejectControlCharacters(req: FastifyRequest): Promise<void> {
  for (const part of [req.params, req.query, req.body]) {
    if (part === undefined || part === null || Buffer.isBuffer(part)) continue;
    const bad = findBadString(part, '');
    if (bad !== undefined) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: bad || '(body)', code: 'V_CONTROL_CHARS' }]);
  }
}
