// The org tree (ORG-01, SEC-05): kind rules, unique codes, moving a subtree (paths, people and scope
// follow), refusing moves into a unit's own subtree, withdrawing only empty units (kept, marked, with
// who and why), concurrent moves that cannot break the tree, history and allowedActions.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { grants, orgs, roles } from '../../db/schema/index.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertStatus } from '../../test/http-assert.ts';
import { createPerson } from '../../test/people-helpers.ts';

let t: TestApp;
let sysadmin: Client;
let secadmin: Client;
let officer: Client;
let county: string;

before(async () => {
  t = await startTestApp();
  // The demo administrators hold their roles over the county; moving a branch needs a second county,
  // which only a provincial system administrator can make: give sysadmin that grant directly.
  const [role] = await t.database.db.select().from(roles).where(eq(roles.code, 'sysadmin'));
  await t.database.db.insert(grants).values({ id: randomUUID(), userId: await t.userId('sysadmin'), roleId: role.id, orgId: await t.orgId('SFS'), grantedAt: t.clock.now() });
  sysadmin = await t.login('sysadmin');
  secadmin = await t.login('secadmin');
  officer = await t.login('officer');
  county = await t.orgId('SFX');
});
after(async () => t.close());

let n = 0;
async function unit(parentId: string, kind: string, name = `测试机构${++n}`) {
  const r = await sysadmin.post('/api/v1/orgs', { parentId, kind, name, code: `T-${randomUUID().slice(0, 8)}` });
  assertStatus(r, 201);
  return r.body as { id: string; version: number; depth: number; code: string };
}

/** Every unit's path is its parent's path plus its own id, and its depth one more: no cycle, no stale path. */
async function assertTreeConsistent() {
  const all = await t.database.db.select().from(orgs);
  const byId = new Map(all.map((o) => [o.id, o]));
  for (const o of all) {
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    assert.equal(o.path, `${parent?.path ?? '/'}${o.id}/`, `path of ${o.name}`);
    assert.equal(o.depth, (parent?.depth ?? 0) + 1, `depth of ${o.name}`);
  }
}

test('ORG-01: each kind of unit goes only under the kinds above it (422 ORG_PARENT_KIND names parentId)', async () => {
  const branch = await unit(county, 'branch');
  await unit(branch.id, 'department');
  for (const [parent, kind] of [[branch.id, 'branch'], [county, 'county_union'], [branch.id, 'county_union'], [(await unit(county, 'department')).id, 'department']]) {
    const r = await sysadmin.post('/api/v1/orgs', { parentId: parent, kind, name: '不合规机构', code: `BAD-${randomUUID().slice(0, 6)}` });
    const e = assertError(r, 422, 'ORG_PARENT_KIND');
    assert.deepEqual(e.details?.map((d) => d.path), ['parentId']);
  }
  assert.equal((await sysadmin.get(`/api/v1/orgs?within=${branch.id}&pageSize=200`)).body.total, 2);
});

test('ORG-01: unit codes are unique, ignoring case, on create and on change (409 ORG_CODE_TAKEN)', async () => {
  assertError(await sysadmin.post('/api/v1/orgs', { parentId: county, kind: 'branch', name: '重复代码', code: 'SFX-001' }), 409, 'ORG_CODE_TAKEN');
  const e = assertError(await sysadmin.post('/api/v1/orgs', { parentId: county, kind: 'branch', name: '重复代码', code: 'sfx-001' }), 409, 'ORG_CODE_TAKEN');
  assert.match(e.message, /sfx-001/);
  const b = await unit(county, 'branch');
  assertError(await sysadmin.patch(`/api/v1/orgs/${b.id}`, { code: 'SFX-002', version: b.version }), 409, 'ORG_CODE_TAKEN');
  assertStatus(await sysadmin.patch(`/api/v1/orgs/${b.id}`, { code: b.code.toLowerCase(), version: b.version }), 200);
  // A rename and a create racing for the same code in different case: exactly one gets it.
  for (let i = 0; i < 5; i++) {
    const x = await unit(county, 'branch');
    const code = `RACE-${randomUUID().slice(0, 6)}`;
    const [renamed, created] = await Promise.all([
      sysadmin.patch(`/api/v1/orgs/${x.id}`, { code: code.toLowerCase(), version: x.version }),
      sysadmin.post('/api/v1/orgs', { parentId: county, kind: 'branch', name: '抢代码', code }),
    ]);
    assert.deepEqual([renamed.status, created.status].filter((s) => s < 300).length, 1, `${renamed.status} ${created.status}`);
    assertError([renamed, created].find((r) => r.status >= 300)!, 409, 'ORG_CODE_TAKEN');
  }
});

test('ORG-01: moving a branch moves its subtree: paths, depths, ?orgId= filters and people follow; scope follows too', async () => {
  const county2 = await unit(await t.orgId('SFS'), 'county_union', '示范二县联社');
  const branch = await unit(county, 'branch', '待迁网点');
  const dept = await unit(branch.id, 'department', '待迁网点保卫组');
  const person = await createPerson(t, secadmin, (await sysadmin.get(`/api/v1/orgs/${dept.id}`)).body.code, `mv_${randomUUID().slice(0, 6)}`);
  assertStatus(await sysadmin.post('/api/v1/sites', { orgId: dept.id, kind: 'vault', name: '待迁金库' }), 201);
  const inUnit = async (orgId: string) => (await sysadmin.get(`/api/v1/users?orgId=${orgId}&pageSize=200`)).body.items.map((u: { id: string }) => u.id);
  assert.ok((await inUnit(county)).includes(person.id));
  assert.equal((await officer.get(`/api/v1/orgs/${dept.id}`)).status, 200, 'the county officer sees it before the move');

  const moved = await sysadmin.post(`/api/v1/orgs/${branch.id}/move`, { parentId: county2.id, version: branch.version });
  assertStatus(moved, 200);
  assert.equal(moved.body.parentId, county2.id);
  assert.equal(moved.body.version, branch.version + 1);
  await assertTreeConsistent();
  const d = (await sysadmin.get(`/api/v1/orgs/${dept.id}`)).body;
  assert.equal(d.depth, county2.depth + 2);
  assert.ok((await inUnit(county2.id)).includes(person.id), 'found under the new county');
  assert.ok(!(await inUnit(county)).includes(person.id), 'gone from the old county');
  const sitesUnder = (await sysadmin.get(`/api/v1/sites?orgId=${county2.id}`)).body.items.map((s: { name: string }) => s.name);
  assert.deepEqual(sitesUnder, ['待迁金库']);
  assertError(await officer.get(`/api/v1/orgs/${dept.id}`), 404, 'ORG_NOT_FOUND');

  const h = (await sysadmin.get(`/api/v1/orgs/${branch.id}/history`)).body;
  assert.deepEqual(h.at(-1).changes, { parentId: [county, county2.id] });
  assert.equal(h.at(-1).actorName, '王建国');
});

test('ORG-01: a unit cannot move under itself or its own subtree (422 ORG_MOVE_INTO_SUBTREE); the top unit cannot move', async () => {
  const branch = await unit(county, 'branch');
  const dept = await unit(branch.id, 'department');
  for (const target of [branch.id, dept.id]) {
    const e = assertError(await sysadmin.post(`/api/v1/orgs/${branch.id}/move`, { parentId: target, version: branch.version }), 422, 'ORG_MOVE_INTO_SUBTREE');
    assert.deepEqual(e.details?.map((x) => x.path), ['parentId']);
  }
  const sfs = (await sysadmin.get(`/api/v1/orgs/${await t.orgId('SFS')}`)).body;
  assertError(await sysadmin.post(`/api/v1/orgs/${sfs.id}/move`, { parentId: county, version: sfs.version }), 422, 'ORG_IS_ROOT');
  await assertTreeConsistent();
});

test('ORG-01: concurrent moves cannot corrupt the tree or make a cycle', async () => {
  // Two units moved under each other at once: at most one can win.
  const branch = await unit(county, 'branch');
  const dept = await unit(county, 'department');
  const [a, b] = await Promise.all([
    sysadmin.post(`/api/v1/orgs/${dept.id}/move`, { parentId: branch.id, version: dept.version }),
    sysadmin.post(`/api/v1/orgs/${branch.id}/move`, { parentId: dept.id, version: branch.version }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [200, 422]);
  assertStatus(a, 200);
  // A department moved while its branch moves: its path must follow both moves.
  const county2 = await unit(await t.orgId('SFS'), 'county_union');
  const other = await unit(county, 'branch');
  const moves = await Promise.all([
    sysadmin.post(`/api/v1/orgs/${branch.id}/move`, { parentId: county2.id, version: branch.version }),
    sysadmin.post(`/api/v1/orgs/${dept.id}/move`, { parentId: other.id, version: dept.version + 1 }),
  ]);
  for (const r of moves) assertStatus(r, 200);
  await assertTreeConsistent();
  assert.equal((await sysadmin.get(`/api/v1/orgs/${dept.id}`)).body.parentId, other.id);
});

test('ORG-01, SEC-05: a unit with sub-units, people, sites or grants cannot be withdrawn; once empty it is withdrawn, kept and marked', async () => {
  const branch = await unit(county, 'branch', '待撤网点');
  const dept = await unit(branch.id, 'department', '待撤网点综合组');
  const site = (await sysadmin.post('/api/v1/sites', { orgId: branch.id, kind: 'atm', name: '待撤 ATM' })).body;
  const person = await createPerson(t, secadmin, dept.code, `wd_${randomUUID().slice(0, 6)}`);
  const g = await secadmin.post(`/api/v1/users/${person.id}/grants`, { roleCode: 'staff', orgId: branch.id });
  assertStatus(g, 201);

  const refused = assertError(await sysadmin.post(`/api/v1/orgs/${branch.id}/withdraw`, { reason: '网点撤并' }), 422, 'ORG_NOT_EMPTY');
  assert.match(refused.message, /下级机构 1 项/);
  assert.match(refused.message, /场所 1 项/);
  assert.match(refused.message, /有效授权 1 项/);
  const en = await sysadmin.post(`/api/v1/orgs/${branch.id}/withdraw`, { reason: '网点撤并' }, { headers: { 'accept-language': 'en' } });
  assert.match(en.body.error.message, /1 sub-units, 1 sites, 1 active grants/);
  assert.match(assertError(await sysadmin.post(`/api/v1/orgs/${dept.id}/withdraw`, { reason: '撤并' }), 422, 'ORG_NOT_EMPTY').message, /在岗人员 1 项/);

  // Empty it: the person leaves (grants revoked with it), the site is withdrawn, then the department.
  assertStatus(await secadmin.post(`/api/v1/users/${person.id}/status`, { status: 'left', reason: '离职' }), 200);
  assertStatus(await sysadmin.post(`/api/v1/sites/${site.id}/withdraw`, { reason: '撤机' }), 200);
  assertStatus(await sysadmin.post(`/api/v1/orgs/${dept.id}/withdraw`, { reason: '撤并' }), 200);
  const w = await sysadmin.post(`/api/v1/orgs/${branch.id}/withdraw`, { reason: '网点撤并' });
  assertStatus(w, 200);
  assert.ok(w.body.withdrawnAt);
  assert.equal(w.body.withdrawnBy, await t.userId('sysadmin'));
  assert.equal(w.body.withdrawnReason, '网点撤并');
  assert.deepEqual(w.body.allowedActions, []);

  assertStatus(await sysadmin.get(`/api/v1/orgs/${branch.id}`), 200);
  const listed = async (extra: string) => (await sysadmin.get(`/api/v1/orgs?parentId=${county}&pageSize=200${extra}`)).body.items.some((o: { id: string }) => o.id === branch.id);
  assert.equal(await listed(''), false);
  assert.equal(await listed('&includeWithdrawn=true'), true);
  const h = (await sysadmin.get(`/api/v1/orgs/${branch.id}/history`)).body;
  assert.deepEqual([h.at(-1).action, h.at(-1).reason], ['orgs.withdraw', '网点撤并']);
  assertError(await sysadmin.patch(`/api/v1/orgs/${branch.id}`, { name: '复活', version: w.body.version }), 409, 'ORG_WITHDRAWN');
  assertError(await sysadmin.post('/api/v1/orgs', { parentId: branch.id, kind: 'department', name: '新组', code: `WD-${randomUUID().slice(0, 6)}` }), 409, 'ORG_WITHDRAWN');
  assertError(await sysadmin.post(`/api/v1/orgs/${branch.id}/withdraw`, { reason: '再撤' }), 409, 'ORG_WITHDRAWN');
});

test('ORG-01: history shows who changed which fields; allowedActions differ between the system administrator and an officer', async () => {
  const b = await unit(county, 'branch', '改名前网点');
  assertStatus(await sysadmin.patch(`/api/v1/orgs/${b.id}`, { name: '改名后网点', address: '示范县新街 1 号', version: b.version }), 200);
  const h = await officer.get(`/api/v1/orgs/${b.id}/history`);
  assertStatus(h, 200);
  assert.deepEqual(h.body.map((e: { action: string }) => e.action), ['orgs.create', 'orgs.update']);
  assert.deepEqual(h.body[1].changes, { name: ['改名前网点', '改名后网点'], address: [null, '示范县新街 1 号'] });
  assert.equal(h.body[1].actorName, '王建国');

  const asAdmin = (await sysadmin.get(`/api/v1/orgs/${b.id}`)).body.allowedActions;
  assert.deepEqual([...asAdmin].sort(), ['addChild', 'addSite', 'move', 'settings', 'update', 'withdraw']);
  assert.deepEqual((await officer.get(`/api/v1/orgs/${b.id}`)).body.allowedActions, []);
  const top = (await sysadmin.get(`/api/v1/orgs/${await t.orgId('SFS')}`)).body.allowedActions;
  assert.ok(!top.includes('move') && !top.includes('withdraw'), 'the top unit is never moved or withdrawn');
  assertError(await officer.post('/api/v1/orgs', { parentId: county, kind: 'branch', name: '越权', code: 'NOPE-1' }), 403, 'FORBIDDEN');
});
