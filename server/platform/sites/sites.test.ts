// Sites inside units (ORG-01, SEC-05): created and changed by the system administrator with versions,
// withdrawn (never deleted) with who and why, listed within the caller's subtree, with their history
// and the actions each caller may take.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError, assertStatus } from '../../test/http-assert.ts';

let t: TestApp;
let sysadmin: Client;
let officer: Client;
let branch1: Client;

before(async () => {
  t = await startTestApp();
  sysadmin = await t.login('sysadmin');
  officer = await t.login('officer');
  branch1 = await t.login('branch1');
});
after(async () => t.close());

test('ORG-01: the system administrator creates a site (201, version 1); officers and branch heads may not', async () => {
  const b1 = await t.orgId('SFX-001');
  const r = await sysadmin.post('/api/v1/sites', { orgId: b1, kind: 'machine_room', name: '城关二号机房', location: '三楼', notes: '门禁双人' });
  assertStatus(r, 201);
  assert.equal(r.body.version, 1);
  assert.equal(r.body.orgName, '城关信用社');
  assert.equal(r.body.createdBy, await t.userId('sysadmin'));
  assert.deepEqual(r.body.allowedActions, ['update', 'withdraw', 'attach']);
  for (const c of [officer, branch1]) assertError(await c.post('/api/v1/sites', { orgId: b1, kind: 'atm', name: '越权' }), 403, 'FORBIDDEN');
  assertFieldError(await sysadmin.post('/api/v1/sites', { orgId: b1, kind: 'bunker', name: '未知类型' }), 'kind');
  assertFieldError(await sysadmin.post('/api/v1/sites', { orgId: b1, kind: 'atm', name: '   ' }), 'name');
});

test('ORG-01: lists hold the sites of the caller’s subtree, filtered by unit, kind and text', async () => {
  const names = async (c: Client, q = '') => (await c.get(`/api/v1/sites?pageSize=200${q}`)).body.items.map((s: { name: string }) => s.name) as string[];
  const mine = await names(branch1);
  assert.ok(mine.length >= 3);
  assert.ok(mine.every((n) => n.startsWith('城关')), `branch1 sees only 城关 sites: ${mine}`);
  const county = await names(officer);
  assert.ok(county.includes('东街分社 ATM') && county.includes('县联社金库'));
  assert.deepEqual((await names(officer, `&orgId=${await t.orgId('SFX-002')}`)).sort(), ['东街分社 ATM', '东街分社营业大厅']);
  assert.ok((await names(officer, '&kind=atm')).every((n) => n.includes('ATM')));
  assert.deepEqual(await names(officer, `&q=${encodeURIComponent('监控')}`), ['安防监控中心']);
  // The database's collation decides the order of Chinese names; descending is ascending reversed.
  assert.deepEqual(await names(officer, '&sort=-name'), (await names(officer, '&sort=name')).reverse());
});

test('ORG-01: a change needs the current version; it bumps the version and records before/after', async () => {
  const s = (await sysadmin.post('/api/v1/sites', { orgId: await t.orgId('SFX-003'), kind: 'vault', name: '西城金库' })).body;
  const r = await sysadmin.patch(`/api/v1/sites/${s.id}`, { name: '西城分社金库', kind: 'vault', version: 1 });
  assertStatus(r, 200);
  assert.equal(r.body.version, 2);
  assert.equal(r.body.updatedBy, await t.userId('sysadmin'));
  assertError(await sysadmin.patch(`/api/v1/sites/${s.id}`, { name: '旧版本', version: 1 }), 409, 'VERSION_CONFLICT');
  assertError(await officer.patch(`/api/v1/sites/${s.id}`, { name: '越权', version: 2 }), 403, 'FORBIDDEN');
  const h = (await officer.get(`/api/v1/sites/${s.id}/history`)).body;
  assert.deepEqual(h.map((e: { action: string }) => e.action), ['sites.create', 'sites.update']);
  assert.deepEqual(h[1].changes, { name: ['西城金库', '西城分社金库'] }, 'unchanged fields are not listed');
});

test('SEC-05: a withdrawn site is kept with who, when and why, hidden from lists unless asked, and frozen', async () => {
  const s = (await sysadmin.post('/api/v1/sites', { orgId: await t.orgId('SFX-004'), kind: 'dormitory', name: '南关宿舍' })).body;
  assertFieldError(await sysadmin.post(`/api/v1/sites/${s.id}/withdraw`, {}), 'reason');
  t.clock.advance(60_000);
  const w = await sysadmin.post(`/api/v1/sites/${s.id}/withdraw`, { reason: '宿舍拆除' });
  assertStatus(w, 200);
  assert.equal(w.body.withdrawnAt, t.clock.now().toISOString());
  assert.equal(w.body.withdrawnBy, await t.userId('sysadmin'));
  assert.equal(w.body.withdrawnReason, '宿舍拆除');
  assert.deepEqual(w.body.allowedActions, []);

  const got = await officer.get(`/api/v1/sites/${s.id}`);
  assertStatus(got, 200);
  assert.equal(got.body.withdrawnReason, '宿舍拆除');
  const ids = async (q: string) => (await officer.get(`/api/v1/sites?pageSize=200&orgId=${await t.orgId('SFX-004')}${q}`)).body.items.map((x: { id: string }) => x.id);
  assert.ok(!(await ids('')).includes(s.id));
  assert.ok((await ids('&includeWithdrawn=true')).includes(s.id));
  assertError(await sysadmin.patch(`/api/v1/sites/${s.id}`, { name: '复用', version: w.body.version }), 409, 'ALREADY_WITHDRAWN');
  assertError(await sysadmin.post(`/api/v1/sites/${s.id}/withdraw`, { reason: '再撤' }), 409, 'ALREADY_WITHDRAWN');
  const h = (await officer.get(`/api/v1/sites/${s.id}/history`)).body;
  assert.deepEqual([h.at(-1).action, h.at(-1).reason, h.at(-1).actorName], ['sites.withdraw', '宿舍拆除', '王建国']);
});

test('ORG-01: allowedActions follow the caller: the system administrator may change a site, an officer and a branch head only read it', async () => {
  const [site] = (await branch1.get('/api/v1/sites?pageSize=1')).body.items;
  assert.deepEqual((await branch1.get(`/api/v1/sites/${site.id}`)).body.allowedActions, []);
  assert.deepEqual((await officer.get(`/api/v1/sites/${site.id}`)).body.allowedActions, []);
  assert.deepEqual((await sysadmin.get(`/api/v1/sites/${site.id}`)).body.allowedActions, ['update', 'withdraw', 'attach']);
});
