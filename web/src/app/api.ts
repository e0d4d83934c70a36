// The one API client: fetch with the session cookie, the CSRF token on unsafe methods, the UI
// language as Accept-Language, If-Match for versioned changes and an Idempotency-Key on creates
// (DESIGN §5). Errors arrive as {error:{code,message,details}} and are thrown as ApiError.
import type { ErrorBody, ErrorDetail } from './api-types';
import { currentLanguage } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Session states the server forces before anything else (403 with these codes). */
export const FORCED_STEP_CODES = new Set(['PASSWORD_CHANGE_REQUIRED', 'TOTP_ENROLMENT_REQUIRED']);

interface SessionHooks {
  /** 401 on a call other than sign-in: the session ended (idle, absolute, revoked). */
  onUnauthorized(code: string): void;
  /** 403 PASSWORD_CHANGE_REQUIRED / TOTP_ENROLMENT_REQUIRED: the session must take a forced step. */
  onForcedStep(code: string): void;
}

let csrfToken: string | null = null;
let hooks: SessionHooks | null = null;
let lastCallAt = Date.now();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function setSessionHooks(h: SessionHooks): void {
  hooks = h;
}
/** When the server last heard from this tab (the idle timer keeps the server session in step). */
export function lastApiCallAt(): number {
  return lastCallAt;
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function queryString(q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A random key without crypto.randomUUID, which browsers only offer on HTTPS or localhost. */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sent as multipart/form-data instead of JSON (uploads). */
  form?: FormData;
  /** The record version the change was made from (If-Match). */
  version?: number;
  /** Creates: a retry of the same call returns the first response instead of a duplicate. */
  idempotent?: boolean;
}

const SAFE = new Set(['GET', 'HEAD']);

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opts.version !== undefined) headers['If-Match'] = String(opts.version);
  if (opts.idempotent) headers['Idempotency-Key'] = idempotencyKey();
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  lastCallAt = Date.now();
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${queryString(opts.query)}`, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', currentLanguage() === 'en' ? 'The server cannot be reached. Check the network and try again.' : '无法连接服务器，请检查网络后重试。');
  }
  if (!res.ok) throw await toError(res, path);
  return res;
}

async function toError(res: Response, path: string): Promise<ApiError> {
  let parsed: ErrorBody | null = null;
  try {
    parsed = (await res.json()) as ErrorBody;
  } catch {
    parsed = null;
  }
  const e = parsed?.error;
  const err = new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `${res.status} ${res.statusText}`, e?.details ?? []);
  if (res.status === 401 && path !== '/auth/login') hooks?.onUnauthorized(err.code);
  if (res.status === 403 && FORCED_STEP_CODES.has(err.code)) hooks?.onForcedStep(err.code);
  return err;
}

export async function request<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  create: <T>(path: string, body: unknown) => request<T>('POST', path, { body, idempotent: true }),
  patch: <T>(path: string, body: unknown, version: number) => request<T>('PATCH', path, { body, version }),
  upload: <T>(path: string, file: File, query?: Query) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, { form, query, idempotent: true });
  },
};

/** Downloads a file the API produces (Excel exports, checkpoints) and saves it under the server's name. */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const res = await send('GET', path, { query });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Whether an error carries this code (for the refusals a page explains in its own words). */
export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}
