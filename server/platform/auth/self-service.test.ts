// SEC-01: a stolen session must not allow unlimited password guessing on the account's own pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auditEntries } from '../../test/audit-helpers.ts';
import { assertError } from '../../test/http-assert.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { signIn } from '../../test/people-helpers.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('SEC-01: wrong current passwords on the password page count towards the lockout; the 5th locks the account and ends the session', async () => {
  const c = await t.login('staff1');
  for (let i = 1; i <= 4; i++) {
    assertError(await c.post('/api/v1/auth/password', { currentPassword: `Guess#${i}x-Wrong`, newPassword: 'Anbao#Strong-2027' }), 422, 'CURRENT_PASSWORD_WRONG');
  }
  assertError(await c.post('/api/v1/auth/password', { currentPassword: 'Guess#5x-Wrong', newPassword: 'Anbao#Strong-2027' }), 403, 'ACCOUNT_LOCKED');
  assertError(await c.get('/api/v1/auth/me'), 401, 'SESSION_EXPIRED');
  assertError((await signIn(t, 'staff1', TEST_PASSWORD)).res, 403, 'ACCOUNT_LOCKED');
  const entries = await auditEntries(await t.login('auditor'), { action: 'auth.password.change', result: 'failure' });
  assert.equal(entries.filter((e) => e.targetLabel === 'staff1').length, 5, 'every wrong guess is in the audit trail');
});

test('SEC-01: a wrong current password retried with the same Idempotency-Key replays the same refusal and counts once (not a 200, not a second guess)', async () => {
  const c = await t.login('guard1');
  const key = '7d1c5a3e-0b7e-4c1a-9a57-3f2a1d4c5b6e';
  const send = () => c.request('POST', '/api/v1/auth/password', { currentPassword: 'Guess#1x-Wrong', newPassword: 'Anbao#Strong-2027' }, { headers: { 'idempotency-key': key } });
  const first = await send();
  assertError(first, 422, 'CURRENT_PASSWORD_WRONG');
  const again = await send();
  assertError(again, 422, 'CURRENT_PASSWORD_WRONG');
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(again.body.error.details[0].path, first.body.error.details[0].path);
  const entries = await auditEntries(await t.login('auditor'), { action: 'auth.password.change', result: 'failure' });
  assert.equal(entries.filter((e) => e.targetLabel === 'guard1').length, 1, 'the replay is not another guess');
  assert.equal((await c.get('/api/v1/auth/me')).status, 200, 'the session is still good');
});
