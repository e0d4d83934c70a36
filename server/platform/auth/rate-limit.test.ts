// Sign-in attempts are rate-limited per IP address (DESIGN §6), on top of the per-account lockout:
// guessing across many accounts from one address is slowed down too. This file runs its own app
// with a limit of 5 attempts a minute (the window is real time; the test takes well under a minute).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertError, assertStatus } from '../../test/http-assert.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { signIn } from '../../test/people-helpers.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ loginRateLimit: 5 });
});
after(async () => t.close());

test('SEC-01: the 6th sign-in attempt from one address within a minute gets 429 RATE_LIMITED', async () => {
  // Five attempts on five different accounts: none is locked, yet the address is throttled.
  for (const u of ['staff1', 'staff2', 'staff3', 'staff4', 'staff5']) assertError((await signIn(t, u, 'Wrong#Pass1x')).res, 401, 'INVALID_CREDENTIALS');

  const limited = (await signIn(t, 'staff6', TEST_PASSWORD)).res;
  const e = assertError(limited, 429, 'RATE_LIMITED');
  assert.deepEqual(limited.body, { error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } });
  assert.equal(e.details, undefined);
  assert.equal(limited.headers['retry-after'], '60');

  const english = await t.anonymous().post('/api/v1/auth/login', { username: 'staff6', password: TEST_PASSWORD }, { headers: { 'accept-language': 'en' } });
  assertError(english, 429, 'RATE_LIMITED');
  assert.equal(english.body.error.message, 'Too many requests, please try again later');
});

test('SEC-01: the limit is per address: another address can still sign in', async () => {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: '10.20.30.40',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username: 'staff6', password: TEST_PASSWORD }),
  });
  assertStatus({ status: r.statusCode, body: r.json(), headers: r.headers, raw: r.body }, 200);
  // The throttled address is still throttled, and no account was locked by it.
  assertError((await signIn(t, 'staff1', TEST_PASSWORD)).res, 429, 'RATE_LIMITED');
});
