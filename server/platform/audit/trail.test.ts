// The audit trail's content and its readers (SEC-04, SEC-03): every write leaves an entry with who,
// unit, IP, user agent, action, target and the changed fields before/after, written in the same
// transaction as the change; only the auditor reads or verifies it; search filters are exact.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, like } from 'drizzle-orm';
import { orgs, users } from '../../db/schema/index.ts';
import { auditMark, auditRows } from '../../test/audit-rows.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertStatus } from '../../test/http-assert.ts';

let t: TestApp;
let sysadmin: Client;
let secadmin: Client;
let auditor: Client;
let officer: Client;

before(async () => {
  t = await startTestApp();
  sysadmin = await t.login('sysadmin');
  secadmin = await t.login('secadmin');
  auditor = await t.login('auditor');
  officer = await t.login('officer');
});
after(async () => t.close());

async function newSite(name: string, orgCode = 'SFX-001') {
  const r = await sysadmin.post('/api/v1/sites', { orgId: await t.orgId(orgCode), kind: 'vault', name });
  assertStatus(r, 201);
  return r.body;
}

test('SEC-04: a write leaves one entry with who, unit, IP, user agent, action, target and the change before/after', async () => {
  const site = await newSite('城关金库');
  const mark = await auditMark(t);
  const r = await sysadmin.patch(`/api/v1/sites/${site.id}`, { name: '城关信用社金库', notes: '双人管库', version: 1 }, { headers: { 'user-agent': 'AnbaoTest/1.0 (audit)' } });
  assertStatus(r, 200);
  const entries = await auditRows(t, { after: mark });
  assert.equal(entries.length, 1, JSON.stringify(entries));
  const e = entries[0];
  assert.equal(e.action, 'sites.update');
  assert.equal(e.result, 'success');
  assert.equal(e.actorType, 'user');
  assert.equal(e.actorId, await t.userId('sysadmin'));
  assert.equal(e.actorName, '王建国');
  assert.equal(e.orgId, await t.orgId('SFX-001'), 'the unit is the site’s, not the actor’s');
  assert.equal(e.ip, '127.0.0.1');
  assert.equal(e.userAgent, 'AnbaoTest/1.0 (audit)');
  assert.equal(e.targetType, 'site');
  assert.equal(e.targetId, site.id);
  assert.equal(e.targetLabel, '城关信用社金库');
  assert.deepEqual(e.changes, { name: ['城关金库', '城关信用社金库'], notes: [null, '双人管库'] });
  assert.ok(e.requestId, 'the request id ties the entry to the server log');
  assert.equal(e.seq, null, 'sealed into the chain after commit, not by the writer');
  // The auditor reads the same entry through the API, with the unit's name.
  const viaApi = await auditor.get(`/api/v1/audit/events/${e.id}`);
  assertStatus(viaApi, 200);
  assert.equal(viaApi.body.orgName, '城关信用社');
  assert.deepEqual(viaApi.body.changes, e.changes);
});

test('SEC-04: personal data changes are recorded as changed, never with the value', async () => {
  const branch2 = await t.userId('branch2');
  const [u] = await t.database.db.select({ version: users.version }).from(users).where(eq(users.id, branch2));
  const mark = await auditMark(t);
  assertStatus(await secadmin.patch(`/api/v1/users/${branch2}`, { phone: '13912345678', post: '东街分社主任（兼）', version: u.version }), 200);
  const [e] = await auditRows(t, { after: mark, action: 'users.update' });
  assert.deepEqual(e.changes?.phone, ['***', '***']);
  assert.deepEqual(e.changes?.post, ['东街分社主任', '东街分社主任（兼）']);
  assert.ok(!JSON.stringify(e).includes('13912345678'));
});

test('SEC-04: a write refused half-way by a business rule leaves neither the change nor its entry (same transaction)', async () => {
  // users.create inserts the person, then the password policy refuses the password: all is rolled back.
  const mark = await auditMark(t);
  const r = await secadmin.post('/api/v1/users', { orgId: await t.orgId('SFX-003'), username: 'halfway1', name: '半途', password: 'abc' });
  assertError(r, 422, 'PASSWORD_NOT_ACCEPTED');
  assert.equal((await t.database.db.select().from(users).where(eq(users.username, 'halfway1'))).length, 0, 'no person');
  assert.deepEqual(await auditRows(t, { after: mark }), [], 'no entry');
  // The same request with a good password writes both, together.
  const ok = await secadmin.post('/api/v1/users', { orgId: await t.orgId('SFX-003'), username: 'halfway1', name: '半途', password: 'Rk8#mVq2zPw3' });
  assertStatus(ok, 201);
  const entries = await auditRows(t, { after: mark });
  assert.deepEqual(entries.map((e) => [e.action, e.targetId]), [['users.create', ok.body.user.id]]);
});

test('SEC-03: only the auditor reads, exports or verifies the trail — the system and security administrators and officers get 403', async () => {
  const routes = t.app.catalogue.filter((r) => r.url.startsWith('/api/v1/audit/'));
  assert.ok(routes.length >= 6);
  const [anyEntry] = await auditRows(t, { action: 'sites.create' });
  const cp = await auditor.post('/api/v1/audit/checkpoints');
  assertStatus(cp, 201);
  for (const c of [sysadmin, secadmin, officer]) {
    for (const route of routes) {
      const url = route.url.replace(':id', route.url.includes('checkpoints') ? cp.body.id : String(anyEntry.id));
      const r = await c.request(route.method, url, route.method === 'GET' ? undefined : {});
      assertError(r, 403, 'FORBIDDEN');
    }
  }
  for (const route of routes.filter((r) => r.method === 'GET')) {
    const url = route.url.replace(':id', route.url.includes('checkpoints') ? cp.body.id : String(anyEntry.id));
    assert.equal((await auditor.get(url)).status, 200, url);
  }
  // Each refusal is itself in the trail.
  const denied = await auditor.get(`/api/v1/audit/events?result=denied&actorId=${await t.userId('sysadmin')}&pageSize=200`);
  assert.ok(denied.body.items.some((e: { detail: { route: string } }) => e.detail.route === 'POST /api/v1/audit/verify'));
});

test('SEC-04: record history shows who changed what to people who may see the record, without the trail’s IPs', async () => {
  const site = await newSite('历史测试金库');
  assertStatus(await sysadmin.patch(`/api/v1/sites/${site.id}`, { name: '历史测试金库（新）', version: 1 }), 200);
  assertStatus(await sysadmin.post(`/api/v1/sites/${site.id}/withdraw`, { reason: '场所已撤并' }), 200);
  const h = await officer.get(`/api/v1/sites/${site.id}/history`);
  assertStatus(h, 200);
  assert.deepEqual(
    h.body.map((e: { action: string; actorName: string }) => [e.action, e.actorName]),
    [['sites.create', '王建国'], ['sites.update', '王建国'], ['sites.withdraw', '王建国']],
  );
  assert.deepEqual(h.body[1].changes, { name: ['历史测试金库', '历史测试金库（新）'] });
  assert.equal(h.body[2].reason, '场所已撤并');
  assert.ok(!JSON.stringify(h.body).includes('127.0.0.1'));
});

/** The ids the county auditor must get for a filter, computed from the table independently of the API. */
async function expectedIds(pred: (e: Awaited<ReturnType<typeof auditRows>>[number]) => boolean): Promise<number[]> {
  const county = await t.database.db.select({ id: orgs.id }).from(orgs).where(like(orgs.path, `%/${await t.orgId('SFX')}/%`));
  const inScope = new Set(county.map((o) => o.id));
  return (await auditRows(t, {})).filter((e) => e.orgId && inScope.has(e.orgId) && pred(e)).map((e) => e.id).sort((a, b) => a - b);
}

async function searchIds(query: string): Promise<number[]> {
  const r = await auditor.get(`/api/v1/audit/events?pageSize=200&${query}`);
  assertStatus(r, 200);
  assert.ok(r.body.total <= 200, 'filter too wide for one page');
  assert.equal(r.body.items.length, r.body.total);
  return r.body.items.map((e: { id: number }) => e.id).sort((a: number, b: number) => a - b);
}

test('SEC-04: search by person, unit subtree, action prefix, target, result and time range returns exactly the matching entries', async () => {
  // Some activity ten minutes later (sessions stay alive), so a time window can pick it out.
  t.clock.advance(600_000);
  const from = t.clock.now();
  const site = await newSite('筛选测试金库', 'SFX-004');
  assertStatus(await sysadmin.patch(`/api/v1/sites/${site.id}`, { location: '地下一层', version: 1 }), 200);
  assertError(await officer.post('/api/v1/sites', { orgId: await t.orgId('SFX-004'), kind: 'atm', name: '越权' }), 403, 'FORBIDDEN');
  const to = t.clock.now();
  t.clock.advance(60_000);

  const sysId = await t.userId('sysadmin');
  const b4 = await t.orgId('SFX-004');
  const byActor = await searchIds(`actorId=${sysId}&from=${from.toISOString()}`);
  assert.deepEqual(byActor, await expectedIds((e) => e.actorId === sysId && e.occurredAt >= from));
  assert.ok(byActor.length >= 2);

  assert.deepEqual(await searchIds(`orgId=${b4}`), await expectedIds((e) => e.orgId === b4));
  const county = await searchIds(`orgId=${await t.orgId('SFX')}&action=sites.&from=${from.toISOString()}`);
  assert.deepEqual(county, await expectedIds((e) => e.action.startsWith('sites.') && e.occurredAt >= from));

  const usersPrefix = await searchIds('action=users.');
  assert.deepEqual(usersPrefix, await expectedIds((e) => e.action.startsWith('users.')));
  assert.ok(usersPrefix.length > 20, 'the demo people and the people made above');
  assert.deepEqual(await searchIds('action=users'), [], 'without the dot the action must match exactly');

  assert.deepEqual(await searchIds(`targetId=${site.id}`), await expectedIds((e) => e.targetId === site.id));
  assert.equal((await searchIds(`targetId=${site.id}`)).length, 2);

  const denied = await searchIds(`result=denied&from=${from.toISOString()}`);
  assert.deepEqual(denied, await expectedIds((e) => e.result === 'denied' && e.occurredAt >= from));
  assert.equal(denied.length, 1);

  const window = await searchIds(`from=${from.toISOString()}&to=${to.toISOString()}`);
  assert.deepEqual(window, await expectedIds((e) => e.occurredAt >= from && e.occurredAt <= to));
  assert.equal(window.length, 3, 'create, update, the denied attempt');

  assertError(await auditor.get(`/api/v1/audit/events?orgId=${b4}&sort=-id`), 400, 'VALIDATION_FAILED');
});
