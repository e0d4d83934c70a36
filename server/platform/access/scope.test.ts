// Least privilege (SEC-02) and org scope (ORG-01): default deny, and data limited to the subtree a
// person's grants cover. Another unit's record answers 404 exactly like an absent one, and the
// attempt is in the audit trail as denied.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq, type SQL, sql } from 'drizzle-orm';
import { rows } from '../../db/client.ts';
import { apiTokens, orgs, sites, users } from '../../db/schema/index.ts';
import { deniedRequestsOf } from '../../test/audit-helpers.ts';
import { assertError, assertStatus } from '../../test/http-assert.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { pathWithin } from './scope.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

async function countRows() {
  const db = t.database.db;
  return { orgs: (await db.select().from(orgs)).length, users: (await db.select().from(users)).length, tokens: (await db.select().from(apiTokens)).length };
}

test('SEC-02: default deny — staff cannot create units, people or API tokens (403 FORBIDDEN, audited as denied)', async () => {
  const staff1 = await t.login('staff1');
  const sfx001 = await t.orgId('SFX-001');
  const before = await countRows();
  const attempts: Array<[string, unknown]> = [
    ['/api/v1/orgs', { parentId: sfx001, kind: 'department', name: '私设部门', code: 'SFX-001-X' }],
    ['/api/v1/users', { orgId: sfx001, username: 'ghost1', name: '幽灵' }],
    ['/api/v1/api-tokens', { name: 'mine', userId: await t.userId('staff1'), orgId: sfx001, permissions: ['orgs.read'], expiresInDays: 30 }],
  ];
  for (const [url, body] of attempts) {
    const e = assertError(await staff1.post(url, body), 403, 'FORBIDDEN');
    assert.equal(e.message, '无权执行此操作');
  }
  assert.deepEqual(await countRows(), before, 'nothing was created');

  const auditor = await t.login('auditor');
  const denied = await deniedRequestsOf(auditor, await t.userId('staff1'));
  assert.deepEqual(denied.map((d) => d.action).sort(), ['POST /api/v1/api-tokens', 'POST /api/v1/orgs', 'POST /api/v1/users']);
  for (const d of denied) {
    assert.equal(d.result, 'denied');
    assert.equal(d.detail?.code, 'FORBIDDEN');
    assert.equal(d.actorName, '周敏');
  }
});

test('ORG-01, SEC-02: a branch head lists only the people, units and sites of their own branch', async () => {
  const branch1 = await t.login('branch1');
  const sfx001 = await t.orgId('SFX-001');
  const db = t.database.db;
  const own = (await db.select().from(users).where(eq(users.orgId, sfx001))).map((u) => u.username).sort();
  assert.ok(own.length >= 3);

  const people = await branch1.get('/api/v1/users?pageSize=200');
  assertStatus(people, 200);
  assert.deepEqual(people.body.items.map((u: { username: string }) => u.username).sort(), own);
  assert.equal(people.body.total, own.length);

  const units = await branch1.get('/api/v1/orgs?pageSize=200');
  assert.deepEqual(units.body.items.map((o: { code: string }) => o.code), ['SFX-001']);

  const ownSites = (await db.select().from(sites).where(eq(sites.orgId, sfx001))).map((s) => s.id).sort();
  const listed = await branch1.get('/api/v1/sites?pageSize=200');
  assert.deepEqual(listed.body.items.map((s: { id: string }) => s.id).sort(), ownSites);
  assert.equal(listed.body.total, ownSites.length);

  // The county security officer sees more (the subtree of the county): the filter is the scope, not the data.
  const officer = await t.login('officer');
  assert.ok((await officer.get('/api/v1/users?pageSize=200')).body.total > own.length);
});

test('ORG-01, SEC-02: another branch’s person, site or unit answers 404 like an absent record, and the attempt is audited as denied', async () => {
  const branch1 = await t.login('branch1');
  const sfx002 = await t.orgId('SFX-002');
  const branch2 = await t.userId('branch2');
  const [site2] = await t.database.db.select().from(sites).where(eq(sites.orgId, sfx002));

  const person = await branch1.get(`/api/v1/users/${branch2}`);
  const absent = await branch1.get(`/api/v1/users/${randomUUID()}`);
  assertError(person, 404, 'USER_NOT_FOUND');
  assert.deepEqual(person.body, absent.body, 'out of scope reads exactly like absent');
  assertError(await branch1.get(`/api/v1/sites/${site2.id}`), 404, 'SITE_NOT_FOUND');
  assertError(await branch1.get(`/api/v1/orgs/${sfx002}`), 404, 'ORG_NOT_FOUND');
  assertError(await branch1.get(`/api/v1/users?orgId=${sfx002}`), 404, 'ORG_NOT_FOUND');
  assertError(await branch1.get(`/api/v1/users/${branch2}/history`), 404, 'USER_NOT_FOUND');

  // The officer (county) reads the same records: they exist.
  const officer = await t.login('officer');
  assertStatus(await officer.get(`/api/v1/users/${branch2}`), 200);
  assertStatus(await officer.get(`/api/v1/sites/${site2.id}`), 200);

  const auditor = await t.login('auditor');
  const denied = await deniedRequestsOf(auditor, await t.userId('branch1'));
  const byTarget = new Map(denied.map((d) => [d.targetId, d]));
  assert.equal(byTarget.get(branch2)?.detail?.status, 404);
  assert.equal(byTarget.get(branch2)?.detail?.reason, 'out of scope');
  assert.equal(byTarget.get(branch2)?.targetType, 'user');
  assert.equal(byTarget.get(site2.id)?.targetType, 'site');
  assert.equal(byTarget.get(sfx002)?.targetType, 'org');
  // A truly absent id is not a denial: nothing to hide.
  assert.equal(denied.filter((d) => d.detail?.route === 'GET /api/v1/users/:id').length, 1);
});

test('SEC-02: without a session every API route answers 401, never data', async () => {
  const anon = t.anonymous();
  for (const url of ['/api/v1/users', '/api/v1/orgs', '/api/v1/sites', '/api/v1/api-tokens', '/api/v1/audit/events', `/api/v1/orgs/${await t.orgId('SFX')}/settings`]) {
    assertError(await anon.get(url), 401, 'UNAUTHENTICATED');
  }
});

test('ORG-01: a subtree condition selects exactly the paths a LIKE prefix selects — the unit and its descendants, no sibling whose id merely sorts next to it', async () => {
  const candidates = ['/a/b/', '/a/b/c/', '/a/b/c/d/', '/a/b', '/a/', '/a/bc/', '/a/b0/', '/a/b./', '/a/b~/', '/a/c/', '/b/'];
  const values = sql.join(candidates.map((c) => sql`(${c})`), sql`, `);
  const picked = async (cond: SQL) =>
    (await rows<{ p: string }>(t.database.db, sql`select p from (values ${values}) as v(p) where ${cond} order by p`)).map((r) => r.p);
  const col = sql`p`;
  assert.deepEqual(await picked(pathWithin(col, '/a/b/')), ['/a/b/', '/a/b/c/', '/a/b/c/d/']);
  assert.deepEqual(await picked(pathWithin(col, '/a/b/')), await picked(sql`p like ${'/a/b/%'}`));
  assert.deepEqual(await picked(pathWithin(col, '/a/')), await picked(sql`p like ${'/a/%'}`));
});
