// Assertions on the API's error contract (DESIGN §5): { error: { code, message, details: [{ path, message }] } }.
import assert from 'node:assert/strict';
import type { Res } from './harness.ts';

export interface ApiError {
  code: string;
  message: string;
  details?: Array<{ path: string; message: string }>;
}

/** Asserts the status and error code (with a readable failure message) and returns the error. */
export function assertError(r: Res, status: number, code: string): ApiError {
  assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status} ${JSON.stringify(r.body)}`);
  assert.equal(r.body?.error?.code, code, `expected ${code}, got ${JSON.stringify(r.body)}`);
  assert.equal(typeof r.body.error.message, 'string');
  assert.ok(r.body.error.message.length > 0, 'an error message is present');
  return r.body.error as ApiError;
}

/** Asserts a 400 VALIDATION_FAILED whose details name exactly `path` (among others allowed). */
export function assertFieldError(r: Res, path: string, status = 400, code = 'VALIDATION_FAILED'): ApiError {
  const e = assertError(r, status, code);
  const paths = (e.details ?? []).map((d) => d.path);
  assert.ok(paths.includes(path), `expected a detail for ${path}, got ${JSON.stringify(e.details)}`);
  return e;
}

/** Asserts success with the expected status (the body is shown when it is not). */
export function assertStatus(r: Res, status: number): void {
  assert.equal(r.status, status, `expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
}
