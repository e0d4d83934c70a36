// Signing in and out (SEC-01, DESIGN §6): lockout after 5 failures for 15 minutes, unknown and
// departed accounts, session rotation at login, logout, and the CSRF check on cookie sessions.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents, users } from '../../db/schema/index.ts';
import { auditEntries, deniedRequestsOf } from '../../test/audit-helpers.ts';
import { assertError, assertStatus } from '../../test/http-assert.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { sessionCopy, signIn } from '../../test/people-helpers.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

const MINUTE = 60_000;

test('SEC-01: 5 wrong passwords lock the account for 15 minutes, even against the right password', async () => {
  for (let i = 1; i <= 4; i++) assertError((await signIn(t, 'staff1', `Wrong#Pass${i}x`)).res, 401, 'INVALID_CREDENTIALS');
  const fifth = assertError((await signIn(t, 'staff1', 'Wrong#Pass5x')).res, 403, 'ACCOUNT_LOCKED');
  assert.match(fifth.message, /15 分钟/);
  assertError((await signIn(t, 'staff1', TEST_PASSWORD)).res, 403, 'ACCOUNT_LOCKED');

  t.clock.advance(14 * MINUTE);
  const stillLocked = (await signIn(t, 'staff1', TEST_PASSWORD)).res;
  assertError(stillLocked, 403, 'ACCOUNT_LOCKED');
  t.clock.advance(2 * MINUTE);
  const { client, res } = await signIn(t, 'staff1', TEST_PASSWORD);
  assertStatus(res, 200);
  assertStatus(await client.get('/api/v1/orgs'), 200);

  // The failures, the refusals while locked and the lockout itself are in the audit trail.
  const auditor = await t.login('auditor');
  const staff1 = await t.userId('staff1');
  const failures = await auditEntries(auditor, { action: 'auth.login', result: 'failure', targetId: staff1 });
  assert.equal(failures.length, 7, '5 wrong passwords + 2 attempts while locked');
  assert.equal(failures.filter((e) => e.detail?.reason === 'wrong password').length, 5);
  assert.equal(failures.filter((e) => e.detail?.reason === 'locked').length, 2);
  const lockouts = await auditEntries(auditor, { action: 'auth.lockout', targetId: staff1 });
  assert.equal(lockouts.length, 1);
  assert.equal(lockouts[0].detail?.minutes, 15);
  assert.equal(lockouts[0].targetLabel, 'staff1');
  const ok = await auditEntries(auditor, { action: 'auth.login', result: 'success', targetId: staff1 });
  assert.equal(ok.length, 1);
});

test('SEC-01: the security administrator can lift a lockout early, with a reason that is audited', async () => {
  for (let i = 1; i <= 5; i++) await signIn(t, 'guard2', `Wrong#Pass${i}x`);
  assertError((await signIn(t, 'guard2', TEST_PASSWORD)).res, 403, 'ACCOUNT_LOCKED');
  const secadmin = await t.login('secadmin');
  const id = await t.userId('guard2');
  const person = (await secadmin.get(`/api/v1/users/${id}`)).body;
  assert.ok(person.lockedUntil, 'the lock is shown on the person');
  assert.ok(person.allowedActions.includes('unlock'));
  const r = await secadmin.post(`/api/v1/users/${id}/unlock`, { reason: '本人来电核实身份' });
  assertStatus(r, 200);
  assert.equal(r.body.lockedUntil, null);
  assertStatus((await signIn(t, 'guard2', TEST_PASSWORD)).res, 200);
  const auditor = await t.login('auditor');
  const [e] = await auditEntries(auditor, { action: 'users.unlock', targetId: id });
  assert.equal(e.detail?.reason, '本人来电核实身份');
});

test('SEC-01: a successful sign-in resets the failure count', async () => {
  for (let i = 1; i <= 4; i++) assertError((await signIn(t, 'staff2', `Wrong#Pass${i}x`)).res, 401, 'INVALID_CREDENTIALS');
  assertStatus((await signIn(t, 'staff2', TEST_PASSWORD)).res, 200);
  // Four more failures do not lock: the count started again.
  for (let i = 1; i <= 4; i++) assertError((await signIn(t, 'staff2', `Wrong#Pass${i}y`)).res, 401, 'INVALID_CREDENTIALS');
  assertStatus((await signIn(t, 'staff2', TEST_PASSWORD)).res, 200);
});

test('SEC-01: an unknown username gets the same 401 INVALID_CREDENTIALS and is audited', async () => {
  const r = (await signIn(t, 'nobody-here', TEST_PASSWORD)).res;
  const e = assertError(r, 401, 'INVALID_CREDENTIALS');
  assert.equal(e.message, '用户名或密码错误');
  // A wrong password for a real account reads exactly the same (no account enumeration).
  assert.deepEqual((await signIn(t, 'staff3', 'Wrong#Pass1x')).res.body, r.body);
  // The attempt names no unit, so it is stored without one (SEC-04: every login failure is recorded).
  const rows = await t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'auth.login'), eq(auditEvents.targetLabel, 'nobody-here')));
  assert.equal(rows.length, 1);
  assert.equal(rows[0].result, 'failure');
  assert.deepEqual(rows[0].detail, { reason: 'unknown user' });
});

test('SEC-01, ORG-02: a person who has left cannot sign in (403 ACCOUNT_DISABLED); a wrong password still reads 401', async () => {
  const e = assertError((await signIn(t, 'former1', TEST_PASSWORD)).res, 403, 'ACCOUNT_DISABLED');
  assert.equal(e.message, '账号已停用（人员已离职或调离）');
  assertError((await signIn(t, 'former1', 'Wrong#Pass1x')).res, 401, 'INVALID_CREDENTIALS');
  const auditor = await t.login('auditor');
  const entries = await auditEntries(auditor, { action: 'auth.login', result: 'failure', targetId: await t.userId('former1') });
  assert.deepEqual(entries.map((e) => e.detail?.reason), ['wrong password', 'account left']);
});

test('SEC-01: signing in rotates the session: a cookie held before login stops working', async () => {
  const c = await t.login('guard1');
  const held = sessionCopy(t, c);
  const r = await c.post('/api/v1/auth/login', { username: 'guard1', password: TEST_PASSWORD });
  assertStatus(r, 200);
  assert.notEqual(c.cookie, held.cookie);
  assertError(await held.get('/api/v1/auth/me'), 401, 'SESSION_EXPIRED');
  assertStatus(await c.get('/api/v1/auth/me'), 200);
  // A failed login does not touch the session the browser holds.
  const failed = await c.post('/api/v1/auth/login', { username: 'guard1', password: 'Wrong#Pass1x' });
  assertError(failed, 401, 'INVALID_CREDENTIALS');
  assertStatus(await c.get('/api/v1/auth/me'), 200);
});

test('SEC-01: logout ends the session on the server', async () => {
  const c = await t.login('officer2');
  const held = sessionCopy(t, c);
  const heldToo = sessionCopy(t, c);
  assertStatus(await c.post('/api/v1/auth/logout'), 204);
  assert.equal(c.cookie, null, 'the cookie is cleared');
  assertError(await held.get('/api/v1/orgs'), 401, 'SESSION_EXPIRED');
  assertError(await heldToo.post('/api/v1/auth/logout'), 401, 'SESSION_EXPIRED');
  assertError(await t.anonymous().get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
});

test('SEC-01: a session signed out while a burst of its requests is being answered refuses every request that follows the sign-out', async () => {
  const c = await t.login('officer2');
  const held = sessionCopy(t, c);
  const burst = Array.from({ length: 30 }, () => held.get('/api/v1/auth/me'));
  assertStatus(await c.post('/api/v1/auth/logout'), 204);
  for (const res of await Promise.all(Array.from({ length: 10 }, () => held.get('/api/v1/auth/me')))) assertError(res, 401, 'SESSION_EXPIRED');
  for (const res of await Promise.all(burst)) assert.ok(res.status === 200 || res.status === 401, `burst request answered ${res.status}`);
});

test('SEC-01: a cookie session’s write without the X-CSRF-Token is refused (403 CSRF_TOKEN_INVALID), changes nothing and is audited as denied', async () => {
  const secadmin = await t.login('secadmin');
  const body = { orgId: await t.orgId('SFX-001'), username: 'csrfvictim', name: '跨站测试' };
  assertError(await secadmin.post('/api/v1/users', body, { noCsrf: true }), 403, 'CSRF_TOKEN_INVALID');
  assertError(await secadmin.post('/api/v1/users', body, { noCsrf: true, headers: { 'x-csrf-token': 'forged-token' } }), 403, 'CSRF_TOKEN_INVALID');
  const [created] = await t.database.db.select().from(users).where(eq(users.username, 'csrfvictim'));
  assert.equal(created, undefined, 'nothing was created');
  // A GET needs no token; the same write with the token works.
  assertStatus(await secadmin.get('/api/v1/users?pageSize=1'), 200);
  assertStatus(await secadmin.post('/api/v1/users', body), 201);

  const auditor = await t.login('auditor');
  const denied = (await deniedRequestsOf(auditor, await t.userId('secadmin'))).filter((e) => e.action === 'csrf');
  assert.equal(denied.length, 2);
  assert.equal(denied[0].detail?.code, 'CSRF_TOKEN_INVALID');
  assert.equal(denied[0].detail?.route, 'POST /api/v1/users');
});
