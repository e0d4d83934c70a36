// Per-org security policy (SEC-01, SEC-03, DESIGN §6): changed only by the system administrator,
// inherited down the org tree unless a unit overrides it, validated as a whole, versioned, audited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auditEntries } from '../../test/audit-helpers.ts';
import { assertError, assertFieldError, assertStatus } from '../../test/http-assert.ts';
import { type Client, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { createPerson, GOOD_PASSWORDS, grant, signIn } from '../../test/people-helpers.ts';
import { eq } from 'drizzle-orm';
import { orgs } from '../../db/schema/index.ts';
import { effectiveSettings } from './service.ts';
import { SECURITY_DEFAULTS } from './security.ts';

let t: TestApp;
let sysadmin: Client;
before(async () => {
  t = await startTestApp();
  sysadmin = await t.login('sysadmin');
});
after(async () => t.close());

const settingsUrl = async (code: string) => `/api/v1/orgs/${await t.orgId(code)}/settings`;

test('SEC-03: only the system administrator changes settings (the security administrator and the auditor get 403)', async () => {
  const url = await settingsUrl('SFX');
  for (const who of ['secadmin', 'auditor', 'head']) {
    const c = await t.login(who);
    assertError(await c.patch(url, { security: { passwordMinLength: 6 } }), 403, 'FORBIDDEN');
    assertError(await c.get(url), 403, 'FORBIDDEN');
  }
  const view = await sysadmin.get(url);
  assertStatus(view, 200);
  assert.equal(view.body.version, 0);
  assert.deepEqual(view.body.own, {});
  assert.deepEqual(view.body.effective.security, SECURITY_DEFAULTS);
});

test('SEC-01: a longer minimum set at the county applies to its branches, not to the province above', async () => {
  const set = await sysadmin.patch(await settingsUrl('SFX'), { security: { passwordMinLength: 10 }, version: 0 });
  assertStatus(set, 200);
  assert.equal(set.body.version, 1);
  assert.deepEqual(set.body.own, { security: { passwordMinLength: 10 } });
  assert.equal(set.body.effective.security.passwordMinLength, 10);
  assert.equal(set.body.defaults.security.passwordMinLength, 8);

  const branch = await sysadmin.get(await settingsUrl('SFX-001'));
  assert.deepEqual(branch.body.own, {});
  assert.equal(branch.body.effective.security.passwordMinLength, 10);
  assert.equal(branch.body.effective.security.adminPasswordMinLength, 12);
  // The province root is outside the county system administrator's scope; its policy stays the default.
  assertError(await sysadmin.get(await settingsUrl('SFS')), 404, 'ORG_NOT_FOUND');
  const [sfs] = await t.database.db.select().from(orgs).where(eq(orgs.code, 'SFS'));
  assert.deepEqual((await effectiveSettings(t.database.db, sfs.path, { fresh: true })).security, SECURITY_DEFAULTS);

  // A person of branch SFX-001: 9 characters are refused now, 10 are fine.
  const staff1 = await t.login('staff1');
  assert.equal((await staff1.get('/api/v1/auth/me')).body.policy.passwordMinLength, 10);
  const nine = await staff1.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Rk8#mVq2z' });
  const e = assertError(nine, 422, 'PASSWORD_NOT_ACCEPTED');
  assert.deepEqual(e.details, [{ path: 'newPassword', message: '至少 10 个字符' }]);
  assertStatus(await staff1.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Rk8#mVq2zP' }), 200);
});

test('SEC-01: invalid values are refused naming the field, and nothing changes', async () => {
  const url = await settingsUrl('SFX');
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ security: { passwordMinLength: 3 } }, 'security.passwordMinLength'],
    [{ security: { adminPasswordMinLength: 9 } }, 'security.adminPasswordMinLength'],
    [{ security: { lockoutThreshold: 0 } }, 'security.lockoutThreshold'],
    [{ security: { totpRoles: ['superuser'] } }, 'security.totpRoles.0'],
    [{ security: { noSuchKey: true } }, 'security.noSuchKey'],
    [{ noSuchSection: {} }, 'noSuchSection'],
  ];
  for (const [body, path] of cases) assertFieldError(await sysadmin.patch(url, body), path);
  // The admin minimum may not fall below the ordinary one inherited from above either.
  const child = await sysadmin.patch(await settingsUrl('SFX-001'), { security: { adminPasswordMinLength: 9 } }, { headers: { 'accept-language': 'en' } });
  assert.deepEqual(assertFieldError(child, 'security.adminPasswordMinLength').details, [{ path: 'security.adminPasswordMinLength', message: 'must be at least 10' }]);
  const view = await sysadmin.get(url);
  assert.equal(view.body.version, 1);
  assert.deepEqual(view.body.own, { security: { passwordMinLength: 10 } });
  assert.deepEqual((await sysadmin.get(await settingsUrl('SFX-001'))).body.own, {});
});

test('SEC-01: a change from a stale version is refused with 409 and the winner’s value stays', async () => {
  const url = await settingsUrl('SFX');
  assertStatus(await sysadmin.patch(url, { security: { lockoutMinutes: 30 }, version: 1 }), 200);
  assertError(await sysadmin.patch(url, { security: { lockoutMinutes: 5 }, version: 1 }), 409, 'VERSION_CONFLICT');
  const view = await sysadmin.get(url);
  assert.equal(view.body.version, 2);
  assert.equal(view.body.effective.security.lockoutMinutes, 30);
});

test('SEC-04: each settings change is in the audit trail with before and after', async () => {
  const sfx = await t.orgId('SFX');
  assertStatus(await sysadmin.patch(`/api/v1/orgs/${sfx}/settings`, { security: { passwordMinLength: 11 }, version: 2 }), 200);
  const auditor = await t.login('auditor');
  const entries = await auditEntries(auditor, { action: 'settings.update', targetId: sfx });
  assert.deepEqual(
    entries.map((e) => e.changes),
    [{ 'security.passwordMinLength': [10, 11] }, { 'security.lockoutMinutes': [null, 30] }, { 'security.passwordMinLength': [null, 10] }],
  );
  const sysadminId = await t.userId('sysadmin');
  assert.ok(entries.every((e) => e.actorId === sysadminId && e.result === 'success'));
});

test('SEC-01: administrators never need a shorter password than everyone else, even when a unit’s own minimum falls behind its parent’s', async () => {
  const secadmin = await t.login('secadmin');
  const p = await createPerson(t, secadmin, 'SFX-001', 'auditor3');
  assertStatus(await grant(t, secadmin, p.id, 'auditor', 'SFX-001'), 201);
  // The branch's own administrator minimum (11) is valid when set: the county asks 11 of everyone…
  assertStatus(await sysadmin.patch(await settingsUrl('SFX-001'), { security: { adminPasswordMinLength: 11 } }), 200);
  // …then the county raises everyone's minimum to 12, above the branch's administrator minimum.
  assertStatus(await sysadmin.patch(await settingsUrl('SFX'), { security: { passwordMinLength: 12 }, version: 3 }), 200);

  const { client, res } = await signIn(t, p.username, p.initialPassword);
  assert.equal(res.body.policy.passwordMinLength, 12);
  const eleven = await client.post('/api/v1/auth/password', { currentPassword: p.initialPassword, newPassword: 'Xk7#pqLm2@v' });
  assert.deepEqual(assertError(eleven, 422, 'PASSWORD_NOT_ACCEPTED').details, [{ path: 'newPassword', message: '至少 12 个字符' }]);
  assertStatus(await client.post('/api/v1/auth/password', { currentPassword: p.initialPassword, newPassword: GOOD_PASSWORDS[0] }), 200);
});
