// Grants and the three administrator roles (SEC-02, SEC-03, ITS-07): only the security administrator
// grants, never to themselves; one person never holds two administrator roles; the last active
// holder of an administrator role cannot lose it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import { grants, roles } from '../../db/schema/index.ts';
import { auditEntries } from '../../test/audit-helpers.ts';
import { assertError, assertStatus } from '../../test/http-assert.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { createPerson, grant } from '../../test/people-helpers.ts';

let t: TestApp;
let secadmin: Client;
before(async () => {
  t = await startTestApp();
  secadmin = await t.login('secadmin');
});
after(async () => t.close());

/** Role codes of a person's active grants, straight from the database. */
async function activeRoles(userId: string): Promise<string[]> {
  const rs = await t.database.db
    .select({ code: roles.code })
    .from(grants)
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .where(and(eq(grants.userId, userId), isNull(grants.revokedAt)));
  return rs.map((r) => r.code).sort();
}

async function grantIdOf(userId: string, roleCode: string): Promise<string> {
  const [g] = await t.database.db
    .select({ id: grants.id })
    .from(grants)
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .where(and(eq(grants.userId, userId), eq(roles.code, roleCode), isNull(grants.revokedAt)));
  return g.id;
}

test('SEC-03: the last active auditor cannot lose the role, neither by revocation nor by leaving', async () => {
  const auditorId = await t.userId('auditor');
  const grantId = await grantIdOf(auditorId, 'auditor');
  const e = assertError(await secadmin.post(`/api/v1/grants/${grantId}/revoke`, { reason: '调岗' }), 422, 'LAST_ADMINISTRATOR');
  assert.equal(e.message, '张志强 是“安全审计员”角色的最后一名在岗人员，不能失去该角色');
  const left = await secadmin.post(`/api/v1/users/${auditorId}/status`, { status: 'left', reason: '离职' }, { headers: { 'accept-language': 'en' } });
  assertError(left, 422, 'LAST_ADMINISTRATOR');
  assert.equal(left.body.error.message, '张志强 is the last active holder of the role "Auditor" and cannot lose it');
  // Nothing changed: still active, still an auditor, still able to read the trail.
  const person = await secadmin.get(`/api/v1/users/${auditorId}`);
  assert.equal(person.body.status, 'active');
  assert.deepEqual(await activeRoles(auditorId), ['auditor']);
  const auditor = await t.login('auditor');
  assertStatus(await auditor.get('/api/v1/audit/events?pageSize=1'), 200);
  // The same holds for the only system administrator.
  assertError(await secadmin.post(`/api/v1/grants/${await grantIdOf(await t.userId('sysadmin'), 'sysadmin')}/revoke`, { reason: '调岗' }), 422, 'LAST_ADMINISTRATOR');
});

test('SEC-03: a person holding one administrator role cannot be granted another (422 SEPARATION_OF_DUTIES naming both)', async () => {
  const sysadminId = await t.userId('sysadmin');
  const r = await grant(t, secadmin, sysadminId, 'auditor', 'SFX');
  const e = assertError(r, 422, 'SEPARATION_OF_DUTIES');
  assert.equal(e.message, '三员分立：王建国 已担任“系统管理员”，不能再担任“安全审计员”');
  const en = await secadmin.post(`/api/v1/users/${sysadminId}/grants`, { roleCode: 'secadmin', orgId: await t.orgId('SFX') }, { headers: { 'accept-language': 'en' } });
  assertError(en, 422, 'SEPARATION_OF_DUTIES');
  assert.equal(en.body.error.message, 'Separation of duties: 王建国 already holds "System administrator" and cannot also hold "Security administrator"');
  assert.deepEqual(await activeRoles(sysadminId), ['sysadmin']);
  // An ordinary role next to an administrator role is allowed.
  assertStatus(await grant(t, secadmin, sysadminId, 'staff', 'SFX-KJB'), 201);
});

test('SEC-03: an administrator role goes to a fresh person who holds none (201, audited)', async () => {
  const p = await createPerson(t, secadmin, 'SFX-JHB', 'auditor2');
  const r = await grant(t, secadmin, p.id, 'auditor', 'SFX');
  assertStatus(r, 201);
  assert.deepEqual(r.body.grants.map((g: { roleCode: string }) => g.roleCode), ['auditor']);
  assert.equal(r.body.grants[0].grantedBy, await t.userId('secadmin'));
  assertError(await grant(t, secadmin, p.id, 'auditor', 'SFX'), 409, 'GRANT_EXISTS');

  const auditor = await t.login('auditor');
  const [entry] = await auditEntries(auditor, { action: 'grants.create', targetId: p.id });
  assert.equal(entry.detail?.role, 'auditor');
  assert.equal(entry.actorId, await t.userId('secadmin'));
});

test('SEC-03: two different administrator roles granted at the same moment to one person: exactly one succeeds', async () => {
  const p = await createPerson(t, secadmin, 'SFX-KJB', 'admin3');
  const sfx = await t.orgId('SFX');
  const results = await Promise.all([
    secadmin.post(`/api/v1/users/${p.id}/grants`, { roleCode: 'sysadmin', orgId: sfx }),
    secadmin.post(`/api/v1/users/${p.id}/grants`, { roleCode: 'secadmin', orgId: sfx }),
  ]);
  assert.deepEqual(results.map((r) => r.status).sort(), [201, 422]);
  assert.equal(results.find((r) => r.status === 422)!.body.error.code, 'SEPARATION_OF_DUTIES');
  const held = await activeRoles(p.id);
  assert.equal(held.length, 1);
  assert.ok(['sysadmin', 'secadmin'].includes(held[0]));
});

test('SEC-03: nobody grants or revokes their own roles (SELF_GRANT)', async () => {
  const me = await t.userId('secadmin');
  const e = assertError(await grant(t, secadmin, me, 'staff', 'SFX-BGS'), 422, 'SELF_GRANT');
  assert.equal(e.message, '不能给自己授权或修改自己的授权');
  assertError(await secadmin.post(`/api/v1/grants/${await grantIdOf(me, 'secadmin')}/revoke`, { reason: '自行撤销' }), 422, 'SELF_GRANT');
  assert.deepEqual(await activeRoles(me), ['secadmin']);
});

test('SEC-03: only the security administrator grants; the system administrator and the security head get 403', async () => {
  const staff1 = await t.userId('staff1');
  for (const who of ['sysadmin', 'head']) {
    const c = await t.login(who);
    assertError(await grant(t, c, staff1, 'security_officer', 'SFX-001'), 403, 'FORBIDDEN');
    assertError(await c.post(`/api/v1/grants/${await grantIdOf(staff1, 'staff')}/revoke`, { reason: '越权' }), 403, 'FORBIDDEN');
  }
  assert.deepEqual(await activeRoles(staff1), ['staff']);
});

test('SEC-02: a revoked grant takes effect at the next request', async () => {
  const officer = await t.login('officer2');
  assertStatus(await officer.get('/api/v1/users?pageSize=1'), 200);
  const r = await secadmin.post(`/api/v1/grants/${await grantIdOf(await t.userId('officer2'), 'security_officer')}/revoke`, { reason: '岗位调整' });
  assertStatus(r, 200);
  assert.equal(r.body.grants[0].revokeReason, '岗位调整');
  assert.ok(r.body.grants[0].revokedAt);
  assertError(await officer.get('/api/v1/users?pageSize=1'), 403, 'FORBIDDEN');
});

// Leaves the demo auditor without the role: keep this test last in the file.
test('SEC-03: with a second active auditor, the first auditor’s grant can be revoked', async () => {
  const auditorId = await t.userId('auditor');
  const auditor = await t.login('auditor');
  const r = await secadmin.post(`/api/v1/grants/${await grantIdOf(auditorId, 'auditor')}/revoke`, { reason: '轮岗' });
  assertStatus(r, 200);
  assert.deepEqual(await activeRoles(auditorId), []);
  assertError(await auditor.get('/api/v1/audit/events?pageSize=1'), 403, 'FORBIDDEN');
  // The second auditor is now the last one and is protected in turn.
  const second = await t.userId('auditor2');
  assertError(await secadmin.post(`/api/v1/users/${second}/status`, { status: 'left', reason: '离职' }), 422, 'LAST_ADMINISTRATOR');
});
