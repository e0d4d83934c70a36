// Custom roles (SEC-02): built from the permission catalogue by the security administrator, never
// with an administrator-only permission (SEC-03); built-in roles are read-only; a role in use cannot
// be withdrawn; a custom role grants exactly its permissions over exactly its subtree.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { roles } from '../../db/schema/index.ts';
import { auditEntries } from '../../test/audit-helpers.ts';
import { assertError, assertFieldError, assertStatus } from '../../test/http-assert.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { grant } from '../../test/people-helpers.ts';

let t: TestApp;
let secadmin: Client;
before(async () => {
  t = await startTestApp();
  secadmin = await t.login('secadmin');
});
after(async () => t.close());

const roleCount = async () => (await t.database.db.select().from(roles)).length;

test('SEC-02: the security administrator creates a custom role from catalogue permissions (audited)', async () => {
  const catalogue = await secadmin.get('/api/v1/permissions');
  assertStatus(catalogue, 200);
  const codes = catalogue.body.map((p: { code: string }) => p.code);
  for (const c of ['orgs.read', 'users.read', 'sites.manage', 'users.manage']) assert.ok(codes.includes(c), c);
  assert.equal(catalogue.body.find((p: { code: string }) => p.code === 'users.manage').adminOnly, true);

  const r = await secadmin.post('/api/v1/roles', { code: 'site_keeper', name: '场所维护员', nameEn: 'Site keeper', permissions: ['sites.manage', 'orgs.read'] });
  assertStatus(r, 201);
  assert.equal(r.body.builtin, false);
  assert.deepEqual(r.body.permissions, ['orgs.read', 'sites.manage']);
  assert.deepEqual(r.body.allowedActions.sort(), ['update', 'withdraw']);

  const auditor = await t.login('auditor');
  const [e] = await auditEntries(auditor, { action: 'roles.create', targetId: r.body.id });
  assert.deepEqual(e.detail, { permissions: ['orgs.read', 'sites.manage'] });
});

test('SEC-03: an administrator-only permission cannot go into a custom role (422 ADMIN_PERMISSION_NOT_ASSIGNABLE)', async () => {
  const before = await roleCount();
  for (const perm of ['users.manage', 'roles.manage', 'audit.read', 'settings.manage', 'api_tokens.manage', 'users.reveal']) {
    const r = await secadmin.post('/api/v1/roles', { code: 'sneaky', name: '越权角色', nameEn: 'Sneaky', permissions: ['orgs.read', perm] });
    const e = assertError(r, 422, 'ADMIN_PERMISSION_NOT_ASSIGNABLE');
    assert.deepEqual(e.details?.map((d) => d.path), ['permissions.1'], perm);
  }
  // Nor by a later change of an existing custom role.
  const keeper = (await secadmin.get('/api/v1/roles')).body.find((r: { code: string }) => r.code === 'site_keeper');
  assertError(await secadmin.patch(`/api/v1/roles/${keeper.id}`, { permissions: ['orgs.read', 'users.manage'], version: keeper.version }), 422, 'ADMIN_PERMISSION_NOT_ASSIGNABLE');
  assert.equal(await roleCount(), before);
  assert.deepEqual((await secadmin.get(`/api/v1/roles/${keeper.id}`)).body.permissions, ['orgs.read', 'sites.manage']);
});

test('SEC-02: an unknown permission is refused with 400 naming permissions.N', async () => {
  const r = await secadmin.post('/api/v1/roles', { code: 'typo', name: '笔误', nameEn: 'Typo', permissions: ['orgs.read', 'users.read', 'hazards.fly'] });
  const e = assertFieldError(r, 'permissions.2');
  assert.match(e.details![0].message, /hazards\.fly/);
  assertFieldError(await secadmin.post('/api/v1/roles', { code: 'Bad Code', name: '坏', nameEn: 'Bad', permissions: [] }), 'code');
  assert.equal((await t.database.db.select().from(roles).where(eq(roles.code, 'typo'))).length, 0);
});

test('SEC-02: built-in roles cannot be edited or withdrawn (BUILTIN_ROLE_READONLY)', async () => {
  const staff = (await secadmin.get('/api/v1/roles')).body.find((r: { code: string }) => r.code === 'staff');
  assert.equal(staff.builtin, true);
  assert.deepEqual(staff.allowedActions, []);
  assertError(await secadmin.patch(`/api/v1/roles/${staff.id}`, { permissions: ['orgs.read', 'sites.manage'], version: staff.version }), 422, 'BUILTIN_ROLE_READONLY');
  assertError(await secadmin.post(`/api/v1/roles/${staff.id}/withdraw`, { reason: '不再使用' }), 422, 'BUILTIN_ROLE_READONLY');
  const after = (await secadmin.get(`/api/v1/roles/${staff.id}`)).body;
  assert.deepEqual(after.permissions, staff.permissions);
  assert.equal(after.version, staff.version);
  assert.equal(after.withdrawnAt, null);
});

test('SEC-02: a custom role grants exactly its permissions over exactly its subtree', async () => {
  const keeper = (await secadmin.get('/api/v1/roles')).body.find((r: { code: string }) => r.code === 'site_keeper');
  const staff1 = await t.login('staff1');
  const sfx001 = await t.orgId('SFX-001');
  const site = { orgId: sfx001, kind: 'atm', name: '城关信用社离行式 ATM' };
  assertError(await staff1.post('/api/v1/sites', site), 403, 'FORBIDDEN');
  assertStatus(await secadmin.post(`/api/v1/users/${await t.userId('staff1')}/grants`, { roleId: keeper.id, orgId: sfx001 }), 201);
  assertStatus(await staff1.post('/api/v1/sites', site), 201);
  // Another branch is outside the grant: it does not even exist for them.
  assertError(await staff1.post('/api/v1/sites', { ...site, orgId: await t.orgId('SFX-002') }), 404, 'ORG_NOT_FOUND');
});

test('SEC-02: a role with active grants cannot be withdrawn; once revoked it can, and is no longer grantable', async () => {
  const keeper = (await secadmin.get('/api/v1/roles')).body.find((r: { code: string }) => r.code === 'site_keeper');
  assert.equal(keeper.activeGrants, 1);
  assert.ok(!keeper.allowedActions.includes('withdraw'));
  const e = assertError(await secadmin.post(`/api/v1/roles/${keeper.id}/withdraw`, { reason: '合并角色' }), 422, 'ROLE_IN_USE');
  assert.match(e.message, /1 项有效授权/);

  const person = (await secadmin.get(`/api/v1/users/${await t.userId('staff1')}`)).body;
  const g = person.grants.find((x: { roleCode: string; revokedAt: string | null }) => x.roleCode === 'site_keeper' && !x.revokedAt);
  assertStatus(await secadmin.post(`/api/v1/grants/${g.id}/revoke`, { reason: '任务结束' }), 200);
  const withdrawn = await secadmin.post(`/api/v1/roles/${keeper.id}/withdraw`, { reason: '合并角色' });
  assertStatus(withdrawn, 200);
  assert.ok(withdrawn.body.withdrawnAt);
  assert.equal(withdrawn.body.withdrawnReason, '合并角色');
  assertError(await grant(t, secadmin, await t.userId('staff2'), 'site_keeper', 'SFX-001'), 409, 'ROLE_WITHDRAWN');
  // Withdrawn, not deleted (SEC-05): still listed on request, with who and why.
  const all = (await secadmin.get('/api/v1/roles?includeWithdrawn=true')).body;
  assert.equal(all.find((r: { code: string }) => r.code === 'site_keeper').withdrawnBy, await t.userId('secadmin'));
  assert.ok(!(await secadmin.get('/api/v1/roles')).body.some((r: { code: string }) => r.code === 'site_keeper'));
});

test('SEC-03: only the security administrator manages roles; a stale version is refused with 409', async () => {
  const sysadmin = await t.login('sysadmin');
  const before = await roleCount();
  assertError(await sysadmin.post('/api/v1/roles', { code: 'sys_made', name: '系统建', nameEn: 'Sys made', permissions: ['orgs.read'] }), 403, 'FORBIDDEN');
  assert.equal(await roleCount(), before);

  const r = await secadmin.post('/api/v1/roles', { code: 'reader', name: '只读', nameEn: 'Reader', permissions: ['orgs.read'] });
  assertStatus(r, 201);
  assertStatus(await secadmin.patch(`/api/v1/roles/${r.body.id}`, { permissions: ['orgs.read', 'users.read'] }, { headers: { 'if-match': '1' } }), 200);
  assertError(await secadmin.patch(`/api/v1/roles/${r.body.id}`, { permissions: ['orgs.read'] }, { headers: { 'if-match': '1' } }), 409, 'VERSION_CONFLICT');
  assert.deepEqual((await secadmin.get(`/api/v1/roles/${r.body.id}`)).body.permissions, ['orgs.read', 'users.read']);

  const auditor = await t.login('auditor');
  const updates = await auditEntries(auditor, { action: 'roles.update', targetId: r.body.id });
  assert.equal(updates.length, 1, 'the refused change left no entry');
  assert.deepEqual(updates[0].detail, { added: ['users.read'], removed: [] });
});
