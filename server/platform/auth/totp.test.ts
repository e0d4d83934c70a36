// Second factor (SEC-01, DESIGN §6): the three administrator roles must give a TOTP code; an org can
// require it for more roles; enrolment is forced at sign-in; a code is accepted once; it cannot be
// turned off where policy requires it; the security administrator can reset a lost authenticator.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auditEntries } from '../../test/audit-helpers.ts';
import { assertError, assertStatus } from '../../test/http-assert.ts';
import { type Client, startTestApp, TEST_PASSWORD, TEST_TOTP_SECRET, type TestApp } from '../../test/harness.ts';
import { createPerson, GOOD_PASSWORDS, grant, signIn, signInWithTotp } from '../../test/people-helpers.ts';
import { totpCode } from './totp.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

/** A 6-digit code that is valid in none of the steps around now (the accepted drift is ±1 step). */
function wrongCode(secret: string, now: Date): string {
  const near = [-30_000, 0, 30_000].map((d) => totpCode(secret, new Date(now.getTime() + d)));
  for (let i = 0; ; i++) {
    const c = String((Number(near[1]) + 1 + i) % 1_000_000).padStart(6, '0');
    if (!near.includes(c)) return c;
  }
}

/** Sets up an authenticator in the current session and confirms it; returns the secret. */
async function enrol(c: Client): Promise<string> {
  const setup = await c.post('/api/v1/auth/totp/setup');
  assertStatus(setup, 200);
  const { secret, uri, qrDataUrl } = setup.body;
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.ok(uri.startsWith('otpauth://totp/') && uri.includes(`secret=${secret}`));
  assert.match(qrDataUrl, /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
  const bad = await c.post('/api/v1/auth/totp/confirm', { otp: wrongCode(secret, t.clock.now()) });
  assertError(bad, 422, 'OTP_INVALID');
  const ok = await c.post('/api/v1/auth/totp/confirm', { otp: totpCode(secret, t.clock.now()) });
  assertStatus(ok, 200);
  assert.equal(ok.body.state, 'active');
  assert.equal(ok.body.user.totpEnabled, true);
  return secret;
}

test('SEC-01: an administrator must give the code: OTP_REQUIRED, OTP_INVALID, and a used code is refused', async () => {
  const noCode = await signIn(t, 'sysadmin', TEST_PASSWORD);
  const e = assertError(noCode.res, 401, 'OTP_REQUIRED');
  assert.equal(e.message, '请输入身份验证器中的 6 位动态码');
  assert.equal(noCode.client.cookie, null, 'no session without the second factor');

  t.clock.advance(30_000);
  assertError((await signIn(t, 'sysadmin', TEST_PASSWORD, wrongCode(TEST_TOTP_SECRET, t.clock.now()))).res, 401, 'OTP_INVALID');
  const code = totpCode(TEST_TOTP_SECRET, t.clock.now());
  assertStatus((await signIn(t, 'sysadmin', TEST_PASSWORD, code)).res, 200);
  // The same code again, within its validity window: refused (replay).
  assertError((await signIn(t, 'sysadmin', TEST_PASSWORD, code)).res, 401, 'OTP_INVALID');
  // A wrong password with a good code does not reveal that the code was good.
  t.clock.advance(30_000);
  assertError((await signIn(t, 'sysadmin', 'Wrong#Pass1x', totpCode(TEST_TOTP_SECRET, t.clock.now()))).res, 401, 'INVALID_CREDENTIALS');

  const auditor = await t.login('auditor');
  const failures = await auditEntries(auditor, { action: 'auth.login', result: 'failure', targetId: await t.userId('sysadmin') });
  assert.deepEqual(failures.map((f) => f.detail?.reason), ['wrong password', 'wrong otp', 'wrong otp']);
});

test('SEC-01: an org can require the second factor for more roles; the person enrols at next sign-in', async () => {
  const sysadmin = await t.login('sysadmin');
  const sfx = await t.orgId('SFX');
  const set = await sysadmin.patch(`/api/v1/orgs/${sfx}/settings`, { security: { totpRoles: ['security_officer'] } });
  assertStatus(set, 200);
  assert.deepEqual(set.body.effective.security.totpRoles, ['security_officer']);

  const { client, res } = await signIn(t, 'officer', TEST_PASSWORD);
  assertStatus(res, 200);
  assert.equal(res.body.state, 'enrol_totp');
  assert.equal(res.body.policy.totpRequired, true);
  assertError(await client.get('/api/v1/orgs'), 403, 'TOTP_ENROLMENT_REQUIRED');
  assertError(await client.post('/api/v1/auth/totp/disable', { password: TEST_PASSWORD, otp: '123456' }), 403, 'TOTP_ENROLMENT_REQUIRED');

  const secret = await enrol(client);
  assertStatus(await client.get('/api/v1/orgs'), 200);
  // The code used to confirm cannot sign in again; the next step's code can, and is then required.
  assertError((await signIn(t, 'officer', TEST_PASSWORD, totpCode(secret, t.clock.now()))).res, 401, 'OTP_INVALID');
  assertError((await signIn(t, 'officer', TEST_PASSWORD)).res, 401, 'OTP_REQUIRED');
  const next = await signInWithTotp(t, 'officer', TEST_PASSWORD, secret);
  assertStatus(next.res, 200);
  assert.equal(next.res.body.state, 'active');

  // Where policy requires it, the second factor cannot be turned off.
  t.clock.advance(30_000);
  const off = await next.client.post('/api/v1/auth/totp/disable', { password: TEST_PASSWORD, otp: totpCode(secret, t.clock.now()) });
  assertError(off, 422, 'TOTP_REQUIRED_BY_POLICY');
  assertError((await signIn(t, 'officer', TEST_PASSWORD)).res, 401, 'OTP_REQUIRED');

  const auditor = await t.login('auditor');
  const enabled = await auditEntries(auditor, { action: 'auth.totp.enable', targetId: await t.userId('officer') });
  assert.equal(enabled.length, 1);
});

test('SEC-01, SEC-03: a new person granted the auditor role must change the password, then enrol, before reading the trail', async () => {
  const secadmin = await t.login('secadmin');
  const p = await createPerson(t, secadmin, 'SFX-JHB', 'auditor2');
  assertStatus(await grant(t, secadmin, p.id, 'auditor', 'SFX'), 201);
  // Administrator roles need 12 characters, from the first change on.
  const { client, res } = await signIn(t, p.username, p.initialPassword);
  assert.equal(res.body.state, 'change_password');
  assertError(await client.post('/api/v1/auth/password', { currentPassword: p.initialPassword, newPassword: 'Rk8#mVq2zP' }), 422, 'PASSWORD_NOT_ACCEPTED');
  const changed = await client.post('/api/v1/auth/password', { currentPassword: p.initialPassword, newPassword: GOOD_PASSWORDS[0] });
  assertStatus(changed, 200);
  assert.equal(changed.body.state, 'enrol_totp');
  assertError(await client.get('/api/v1/audit/events'), 403, 'TOTP_ENROLMENT_REQUIRED');
  const secret = await enrol(client);
  assertStatus(await client.get('/api/v1/audit/events'), 200);
  assertError((await signIn(t, p.username, GOOD_PASSWORDS[0])).res, 401, 'OTP_REQUIRED');
  assertStatus((await signInWithTotp(t, p.username, GOOD_PASSWORDS[0], secret)).res, 200);
});

test('SEC-01: the security administrator’s TOTP reset ends the person’s sessions; the old authenticator stops working', async () => {
  const secadmin = await t.login('secadmin');
  const head = await t.login('head');
  await enrol(head);
  const id = await t.userId('head');
  const r = await secadmin.post(`/api/v1/users/${id}/reset-totp`, { reason: '手机丢失，本人书面申请' });
  assertStatus(r, 200);
  assert.equal(r.body.totpEnabled, false);
  assertError(await head.get('/api/v1/orgs'), 401, 'SESSION_EXPIRED');
  // No code is asked any more; the head's role does not require one, so the session is active.
  const { res } = await signIn(t, 'head', TEST_PASSWORD);
  assertStatus(res, 200);
  assert.equal(res.body.state, 'active');
  // Nobody resets their own second factor.
  assertError(await secadmin.post(`/api/v1/users/${await t.userId('secadmin')}/reset-totp`, { reason: '测试' }), 422, 'SELF_ACTION');
});

test('SEC-03: the security administrator cannot reset another administrator’s password or authenticator (no account takeover)', async () => {
  const secadmin = await t.login('secadmin');
  const sysadmin = await t.login('sysadmin');
  const id = await t.userId('sysadmin');
  assertError(await secadmin.post(`/api/v1/users/${id}/reset-totp`, { reason: '手机丢失' }), 422, 'ADMIN_CREDENTIALS_BY_OPERATIONS');
  assertError(await secadmin.post(`/api/v1/users/${id}/reset-password`, { reason: '忘记密码' }), 422, 'ADMIN_CREDENTIALS_BY_OPERATIONS');
  // Nothing changed: the sysadmin's session and authenticator still work.
  assertStatus(await sysadmin.get('/api/v1/orgs'), 200);
  const { res } = await signIn(t, 'sysadmin', TEST_PASSWORD);
  assertError(res, 401, 'OTP_REQUIRED');
});

test('SEC-01: where no policy requires it, a person may enrol and later turn the second factor off with password and code', async () => {
  const c = await t.login('staff1');
  const secret = await enrol(c);
  assertError((await signIn(t, 'staff1', TEST_PASSWORD)).res, 401, 'OTP_REQUIRED');
  const s = await signInWithTotp(t, 'staff1', TEST_PASSWORD, secret);
  assertStatus(s.res, 200);
  t.clock.advance(30_000);
  const code = totpCode(secret, t.clock.now());
  assertError(await s.client.post('/api/v1/auth/totp/disable', { password: 'Wrong#Pass1x', otp: code }), 422, 'CURRENT_PASSWORD_WRONG');
  assertStatus(await s.client.post('/api/v1/auth/totp/disable', { password: TEST_PASSWORD, otp: code }), 204);
  assertStatus((await signIn(t, 'staff1', TEST_PASSWORD)).res, 200);
});
