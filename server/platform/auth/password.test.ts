// Password policy (SEC-01, DESIGN §6) on the person's own change and on passwords an administrator
// sets: length (8; 12 for the three administrator roles), 3 of 4 character classes, no username /
// name / employee number, no date, no sequence, not a common password, not one of the last 5.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { t as translate, type Lang } from '../http/i18n.ts';
import { auditEntries } from '../../test/audit-helpers.ts';
import { assertError, assertStatus } from '../../test/http-assert.ts';
import { startTestApp, TEST_PASSWORD, type Client, type Res, type TestApp } from '../../test/harness.ts';
import { GOOD_PASSWORDS, sessionCopy, signIn } from '../../test/people-helpers.ts';

let t: TestApp;
/** secadmin's password once a test below has changed it. */
let secadminPassword = TEST_PASSWORD;
before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

/** The policy messages of a refused change, all of which must name `field`. */
function refusal(r: Res, field: string): string[] {
  const e = assertError(r, 422, 'PASSWORD_NOT_ACCEPTED');
  assert.ok(e.details?.length, 'the broken rules are listed');
  for (const d of e.details!) assert.equal(d.path, field);
  return e.details!.map((d) => d.message);
}

const msg = (lang: Lang, code: string, params?: Record<string, unknown>) => translate(lang, code, params);

async function changeOwn(c: Client, currentPassword: string, newPassword: string, headers?: Record<string, string>) {
  return c.post('/api/v1/auth/password', { currentPassword, newPassword }, { headers });
}

test('SEC-01: each broken password rule is refused with 422 PASSWORD_NOT_ACCEPTED naming newPassword, in Chinese by default', async () => {
  const staff2 = await t.login('staff2');
  const [row] = await t.database.db.select({ employeeNo: users.employeeNo }).from(users).where(eq(users.username, 'staff2'));
  assert.ok(row.employeeNo && row.employeeNo.length >= 3);
  const cases: Array<[string, string, Record<string, unknown>?]> = [
    ['Xk7#pq2', 'PASSWORD_TOO_SHORT', { min: 8 }],
    ['kfpvzrt9w2', 'PASSWORD_TOO_SIMPLE', { classes: 3 }],
    ['Xq#Staff2Lm', 'PASSWORD_CONTAINS_NAME'],
    [`Xq#${row.employeeNo!.toLowerCase()}Lm`, 'PASSWORD_CONTAINS_NAME'],
    ['Kp#19900101x', 'PASSWORD_CONTAINS_DATE'],
    ['Zr#71234Mx', 'PASSWORD_SEQUENCE'],
    ['Zr#7abcdMx', 'PASSWORD_SEQUENCE'],
    ['Zr#7qwerMx', 'PASSWORD_SEQUENCE'],
    ['Zr#7aaaaMx', 'PASSWORD_SEQUENCE'],
    ['Password@123', 'PASSWORD_COMMON'],
    [TEST_PASSWORD, 'PASSWORD_REUSED', { count: 5 }],
  ];
  for (const [pw, code, params] of cases) {
    const r = await changeOwn(staff2, TEST_PASSWORD, pw);
    assert.deepEqual(refusal(r, 'newPassword'), [msg('zh-CN', code, params)], `${pw} → ${code}`);
    assert.match(r.body.error.message, /^新密码不符合密码策略/);
  }
  // Nothing changed: the old password still signs in, the refused ones do not.
  assertStatus((await signIn(t, 'staff2', TEST_PASSWORD)).res, 200);
  assertError((await signIn(t, 'staff2', 'Password@123')).res, 401, 'INVALID_CREDENTIALS');
});

test('SEC-01: the refusal is in English with Accept-Language: en', async () => {
  const staff3 = await t.login('staff3');
  const r = await changeOwn(staff3, TEST_PASSWORD, 'Zr#7abcdMx', { 'accept-language': 'en-US,en;q=0.9' });
  assert.deepEqual(refusal(r, 'newPassword'), ['must not contain runs such as 1234, abcd, aaaa or qwer']);
  assert.match(r.body.error.message, /^The new password does not meet the policy: newPassword must not contain runs/);
});

test('SEC-01: a wrong current password is refused and names currentPassword', async () => {
  const staff4 = await t.login('staff4');
  const r = await changeOwn(staff4, 'Not-the-Password9', GOOD_PASSWORDS[0]);
  const e = assertError(r, 422, 'CURRENT_PASSWORD_WRONG');
  assert.deepEqual(e.details?.map((d) => d.path), ['currentPassword']);
  assertStatus((await signIn(t, 'staff4', TEST_PASSWORD)).res, 200);
});

test('SEC-01: the three administrator roles need 12 characters where others need 8', async () => {
  const secadmin = await t.login('secadmin');
  const eleven = 'Xk7#pqLm2@v';
  assert.equal(eleven.length, 11);
  assert.deepEqual(refusal(await changeOwn(secadmin, TEST_PASSWORD, eleven), 'newPassword'), [msg('zh-CN', 'PASSWORD_TOO_SHORT', { min: 12 })]);
  // The same 11 characters are fine for a person without an administrator role.
  const staff5 = await t.login('staff5');
  assertStatus(await changeOwn(staff5, TEST_PASSWORD, eleven), 200);
  assertStatus(await changeOwn(secadmin, TEST_PASSWORD, GOOD_PASSWORDS[1]), 200);
  secadminPassword = GOOD_PASSWORDS[1];
});

test('SEC-01: none of the last 5 passwords can be reused; the 6th back can', async () => {
  const c = await t.login('staff6');
  let current = TEST_PASSWORD;
  for (const pw of GOOD_PASSWORDS.slice(0, 5)) {
    assertStatus(await changeOwn(c, current, pw), 200);
    current = pw;
  }
  // History: demo password, then the five new ones; the last 5 are GOOD_PASSWORDS[0..4].
  for (const old of GOOD_PASSWORDS.slice(0, 4)) {
    assert.deepEqual(refusal(await changeOwn(c, current, old), 'newPassword'), [msg('zh-CN', 'PASSWORD_REUSED', { count: 5 })]);
  }
  assertStatus(await changeOwn(c, current, TEST_PASSWORD), 200);
});

test('SEC-01: a password set by the security administrator for a new person follows the policy too', async () => {
  const secadmin = await t.login('secadmin', secadminPassword);
  const orgId = await t.orgId('SFX-001');
  const base = { orgId, username: 'newteller', name: '新柜员' };
  const tooShort = await secadmin.post('/api/v1/users', { ...base, password: 'Ab1#xyz' });
  assert.deepEqual(refusal(tooShort, 'password'), [msg('zh-CN', 'PASSWORD_TOO_SHORT', { min: 8 })]);
  const withName = await secadmin.post('/api/v1/users', { ...base, password: 'Newteller#92' });
  assert.deepEqual(refusal(withName, 'password'), [msg('zh-CN', 'PASSWORD_CONTAINS_NAME')]);
  const common = await secadmin.post('/api/v1/users', { ...base, password: 'Password@123' }, { headers: { 'accept-language': 'en' } });
  assert.deepEqual(refusal(common, 'password'), ['is too common and easy to guess']);
  // Nothing was created by the refused attempts.
  assert.equal((await secadmin.get('/api/v1/users?q=newteller')).body.total, 0);
  const ok = await secadmin.post('/api/v1/users', { ...base, password: GOOD_PASSWORDS[2] });
  assertStatus(ok, 201);
  assert.equal(ok.body.initialPassword, null, 'a password the administrator chose is not echoed back');
  assert.equal(ok.body.user.mustChangePassword, true);
});

test('SEC-01: an accepted change ends the person’s other sessions and rotates the current one', async () => {
  const laptop = await t.login('staff7');
  const phone = await t.login('staff7');
  const before = sessionCopy(t, laptop);
  assertStatus(await phone.get('/api/v1/auth/me'), 200);

  const r = await changeOwn(laptop, TEST_PASSWORD, GOOD_PASSWORDS[3]);
  assertStatus(r, 200);
  assert.equal(r.body.state, 'active');
  assert.notEqual(laptop.cookie, before.cookie, 'a new session cookie is issued');
  assert.notEqual(laptop.csrf, before.csrf, 'a new CSRF token is issued');

  assertError(await phone.get('/api/v1/auth/me'), 401, 'SESSION_EXPIRED');
  assertError(await before.get('/api/v1/auth/me'), 401, 'SESSION_EXPIRED');
  assertStatus(await laptop.get('/api/v1/auth/me'), 200);
  assertStatus(await laptop.post('/api/v1/auth/logout'), 204);

  assertError((await signIn(t, 'staff7', TEST_PASSWORD)).res, 401, 'INVALID_CREDENTIALS');
  assertStatus((await signIn(t, 'staff7', GOOD_PASSWORDS[3])).res, 200);

  const auditor = await t.login('auditor');
  const [e] = await auditEntries(auditor, { action: 'auth.password.change', targetId: await t.userId('staff7') });
  assert.equal(e.result, 'success');
  assert.equal(e.detail?.otherSessionsEnded, 1);
  assert.ok(!JSON.stringify(e).includes(GOOD_PASSWORDS[3]), 'the password never enters the audit trail');
});
