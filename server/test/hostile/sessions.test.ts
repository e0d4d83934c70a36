// Sessions under attack (issue 4, SEC-01) — only what server/platform/auth/{login,rate-limit}.test.ts,
// api-tokens.test.ts and users.test.ts do not already prove: guessing spread over many addresses still
// locks the account, a forged X-Forwarded-For does not buy fresh attempts, a cookie planted before
// sign-in is never adopted, a CSRF token only works with its own session, a cross-site form post is
// refused, and a person who has left cannot replay an earlier write through its Idempotency-Key.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { totpCode } from '../../platform/auth/totp.ts';
import { type Res, startTestApp, TEST_PASSWORD, TEST_TOTP_SECRET, type TestApp } from '../harness.ts';
import { assertError, assertStatus } from '../http-assert.ts';
import { sessionCopy } from '../people-helpers.ts';
import { rowCounts } from '../row-counts.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

async function loginFrom(address: string, username: string, password: string, headers: Record<string, string> = {}, app: TestApp = t): Promise<Res> {
  const r = await app.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: address, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ username, password }) });
  return { status: r.statusCode, body: r.json(), headers: r.headers, raw: r.body };
}

test('SEC-01: guessing one password from many addresses (each under its limit) still locks the account', async () => {
  for (let i = 1; i <= 4; i++) assertError(await loginFrom(`10.1.0.${i}`, 'staff2', `Wrong#Pass${i}x`), 401, 'INVALID_CREDENTIALS');
  assertError(await loginFrom('10.1.0.5', 'staff2', 'Wrong#Pass5x'), 403, 'ACCOUNT_LOCKED');
  // The right password from a fresh address is refused while the lock holds.
  assertError(await loginFrom('10.1.0.6', 'staff2', TEST_PASSWORD), 403, 'ACCOUNT_LOCKED');
});

test('SEC-01: a forged X-Forwarded-For does not buy fresh attempts (the proxy is not trusted by default)', async () => {
  // Its own app with the per-address limit of 5 attempts a minute, as in rate-limit.test.ts.
  const limited = await startTestApp({ loginRateLimit: 5 });
  try {
    const accounts = ['staff3', 'staff4', 'staff5', 'staff6', 'staff7'];
    for (const [i, u] of accounts.entries()) {
      assertError(await loginFrom('10.2.0.1', u, 'Wrong#Pass1x', { 'x-forwarded-for': `198.51.100.${i + 1}` }, limited), 401, 'INVALID_CREDENTIALS');
    }
    assertError(await loginFrom('10.2.0.1', 'guard1', TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.77' }, limited), 429, 'RATE_LIMITED');
  } finally {
    await limited.close();
  }
});

test('SEC-01: a session id planted in the browser before sign-in is never adopted; the issued cookie is HttpOnly and SameSite', async () => {
  const planted = 'attacker-chosen-session-id-0123456789abcdef';
  const c = t.anonymous();
  c.cookie = planted;
  assertError(await c.get('/api/v1/auth/me'), 401, 'SESSION_EXPIRED');
  const r = await c.post('/api/v1/auth/login', { username: 'officer', password: TEST_PASSWORD });
  assertStatus(r, 200);
  assert.ok(c.cookie && c.cookie !== planted, 'a fresh session id is issued');
  const set = String(r.headers['set-cookie']);
  assert.match(set, /HttpOnly/i);
  assert.match(set, /SameSite=(Lax|Strict)/i);
  assert.match(set, /Path=\//);
  // The attacker, still holding the planted value, has nothing.
  const attacker = t.anonymous();
  attacker.cookie = planted;
  assertError(await attacker.get('/api/v1/auth/me'), 401, 'SESSION_EXPIRED');
  assertStatus(await c.get('/api/v1/auth/me'), 200);
});

test('SEC-01: a CSRF token works only with its own session — not with another session of the same person, not after signing in again, not in the query', async () => {
  const first = await t.login('sysadmin');
  const second = await t.login('sysadmin');
  assert.notEqual(first.csrf, second.csrf);
  const orgId = await t.orgId('SFX-001');
  const body = { orgId, kind: 'atm', name: 'CSRF 测试' };
  const before = await rowCounts(t);
  assertError(await first.post('/api/v1/sites', body, { noCsrf: true, headers: { 'x-csrf-token': second.csrf! } }), 403, 'CSRF_TOKEN_INVALID');
  assertError(await first.post(`/api/v1/sites?csrf=${first.csrf}&x-csrf-token=${first.csrf}`, body, { noCsrf: true }), 403, 'CSRF_TOKEN_INVALID');
  // Signing in again rotates the token with the session: the old one is refused on the new session.
  const old = sessionCopy(t, first);
  await first.post('/api/v1/auth/login', { username: 'sysadmin', password: TEST_PASSWORD, otp: await nextOtp() });
  assert.notEqual(first.csrf, old.csrf);
  assertError(await first.post('/api/v1/sites', body, { noCsrf: true, headers: { 'x-csrf-token': old.csrf! } }), 403, 'CSRF_TOKEN_INVALID');
  assert.deepEqual({ ...(await rowCounts(t)), audit_events: 0, sessions: 0 }, { ...before, audit_events: 0, sessions: 0 }, 'a refused write created something');
  assertStatus(await first.post('/api/v1/sites', body), 201);
});

async function nextOtp() {
  t.clock.advance(30_000);
  return totpCode(TEST_TOTP_SECRET, t.clock.now());
}

test('SEC-01: a cross-site form post (urlencoded or text/plain, no CSRF header) changes nothing', async () => {
  const sec = await t.login('secadmin');
  const before = await rowCounts(t);
  for (const [type, payload] of [
    ['application/x-www-form-urlencoded', `orgId=${await t.orgId('SFX-001')}&username=csrfform&name=x`],
    ['text/plain', JSON.stringify({ orgId: await t.orgId('SFX-001'), username: 'csrfplain', name: 'x' })],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\ncsrfmulti\r\n--x--\r\n'],
  ]) {
    const r = await sec.request('POST', '/api/v1/users', payload, { noCsrf: true, headers: { 'content-type': type, origin: 'https://evil.example' } });
    assert.ok(r.status === 403 || r.status === 415, `${type}: ${r.status} ${JSON.stringify(r.body)}`);
    assert.ok(r.body?.error?.code, `${type}: error shape`);
  }
  assert.deepEqual({ ...(await rowCounts(t)), audit_events: 0 }, { ...before, audit_events: 0 });
});

test('ORG-02, SEC-01: after a person leaves, replaying their earlier write with its Idempotency-Key returns nothing — neither by token nor by session', async () => {
  const sec = await t.login('secadmin');
  const staffId = await t.userId('staff1');
  const session = await t.login('staff1');
  // Where staff1 holds their role (hazards.report, hazards.read).
  const branchId = (await session.get('/api/v1/auth/me')).body.grants[0].orgId as string;
  const tok = await sec.post('/api/v1/api-tokens', { name: '离职回放测试', userId: staffId, orgId: branchId, permissions: ['hazards.report', 'hazards.read', 'orgs.read'], expiresInDays: 30 });
  assertStatus(tok, 201);
  const token = t.withToken(tok.body.token);
  const report = { title: '离职前报告的隐患', category: 'fire', orgId: branchId };
  const first = await token.post('/api/v1/hazards', report, { headers: { 'idempotency-key': 'leave-replay-token-1' } });
  assertStatus(first, 201);
  const bySession = await session.post('/api/v1/hazards', report, { headers: { 'idempotency-key': 'leave-replay-session-1' } });
  assertStatus(bySession, 201);
  // A replay before leaving returns the first response (the key works) …
  assert.equal((await token.post('/api/v1/hazards', report, { headers: { 'idempotency-key': 'leave-replay-token-1' } })).body.id, first.body.id);

  assertStatus(await sec.post(`/api/v1/users/${staffId}/status`, { status: 'left', reason: '离职' }), 200);
  // … and after leaving, neither the token nor the session gets it back, and nothing new is made.
  const before = await rowCounts(t);
  assertError(await token.post('/api/v1/hazards', report, { headers: { 'idempotency-key': 'leave-replay-token-1' } }), 401, 'TOKEN_INVALID');
  assertError(await session.post('/api/v1/hazards', report, { headers: { 'idempotency-key': 'leave-replay-session-1' } }), 401, 'SESSION_EXPIRED');
  assertError(await token.get(`/api/v1/hazards/${first.body.id}`), 401, 'TOKEN_INVALID');
  assert.deepEqual({ ...(await rowCounts(t)), audit_events: 0, sessions: 0 }, { ...before, audit_events: 0, sessions: 0 });
});
