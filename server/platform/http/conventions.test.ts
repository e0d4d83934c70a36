// API conventions every route shares (DESIGN §5, docs/API.md): optimistic concurrency with versions,
// Idempotency-Key replay, errors in the request's language, health endpoints, security headers and
// the OpenAPI document.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { sites } from '../../db/schema/index.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError, assertStatus } from '../../test/http-assert.ts';
import { operationOf } from '../../test/schema-inputs.ts';

let t: TestApp;
let sysadmin: Client;
let secadmin: Client;

before(async () => {
  t = await startTestApp();
  sysadmin = await t.login('sysadmin');
  secadmin = await t.login('secadmin');
});
after(async () => t.close());

async function newSite(name: string) {
  const r = await sysadmin.post('/api/v1/sites', { orgId: await t.orgId('SFX-003'), kind: 'monitoring_room', name });
  assertStatus(r, 201);
  return r.body as { id: string; version: number };
}

const sitesNamed = async (name: string) => (await t.database.db.select().from(sites).where(eq(sites.name, name))).length;

test('a stale version is 409 VERSION_CONFLICT naming the current version; the record keeps the newer change', async () => {
  const s = await newSite('版本测试监控室');
  assertStatus(await sysadmin.patch(`/api/v1/sites/${s.id}`, { name: '版本测试监控室 A', version: 1 }), 200);
  const stale = await sysadmin.patch(`/api/v1/sites/${s.id}`, { name: '版本测试监控室 B', version: 1 });
  const e = assertError(stale, 409, 'VERSION_CONFLICT');
  assert.match(e.message, /当前版本 2/);
  const en = await sysadmin.patch(`/api/v1/sites/${s.id}`, { name: 'x', version: 1 }, { headers: { 'accept-language': 'en' } });
  assert.match(en.body.error.message, /now version 2/);
  assert.equal((await sysadmin.get(`/api/v1/sites/${s.id}`)).body.name, '版本测试监控室 A');
});

test('10 concurrent PATCHes from one version: exactly one wins, the others get 409, the stored state is the winner’s', async () => {
  const s = await newSite('并发修改监控室');
  const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => sysadmin.patch(`/api/v1/sites/${s.id}`, { name: `并发修改 ${i}`, version: 1 })));
  const winners = rs.filter((r) => r.status === 200);
  assert.equal(winners.length, 1, rs.map((r) => r.status).join(','));
  for (const r of rs.filter((x) => x.status !== 200)) assertError(r, 409, 'VERSION_CONFLICT');
  const now = await sysadmin.get(`/api/v1/sites/${s.id}`);
  assert.equal(now.body.name, winners[0].body.name);
  assert.equal(now.body.version, 2);
});

test('a PATCH without version or If-Match is 400 naming version; If-Match works in its usual forms', async () => {
  const s = await newSite('If-Match 监控室');
  assertFieldError(await sysadmin.patch(`/api/v1/sites/${s.id}`, { name: '无版本' }), 'version');
  let v = 1;
  for (const h of ['1', '"2"', 'W/"3"']) {
    const r = await sysadmin.patch(`/api/v1/sites/${s.id}`, { notes: `第 ${v} 次` }, { headers: { 'if-match': h } });
    assertStatus(r, 200);
    assert.equal(r.body.version, ++v);
  }
  assertError(await sysadmin.patch(`/api/v1/sites/${s.id}`, { notes: 'x' }, { headers: { 'if-match': '"1"' } }), 409, 'VERSION_CONFLICT');
  assertFieldError(await sysadmin.patch(`/api/v1/sites/${s.id}`, { notes: 'x' }, { headers: { 'if-match': 'abc' } }), 'If-Match');
  assertFieldError(await sysadmin.patch(`/api/v1/sites/${s.id}`, { notes: 'x', version: 3 }, { headers: { 'if-match': '4' } }), 'version');
});

test('Idempotency-Key: a retried POST returns the first response (same id, idempotent-replayed) and creates one record', async () => {
  const key = randomUUID();
  const body = { orgId: await t.orgId('SFX-003'), kind: 'vault', name: '幂等金库' };
  const first = await sysadmin.post('/api/v1/sites', body, { headers: { 'idempotency-key': key } });
  assertStatus(first, 201);
  assert.equal(first.headers['idempotent-replayed'], undefined);
  const again = await sysadmin.post('/api/v1/sites', body, { headers: { 'idempotency-key': key } });
  assertStatus(again, 201);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.deepEqual(again.body, first.body);
  assert.equal(await sitesNamed('幂等金库'), 1);
  // The same key with a different request is refused; another person's identical key is their own.
  assertError(await sysadmin.post('/api/v1/sites', { ...body, name: '另一个' }, { headers: { 'idempotency-key': key } }), 422, 'IDEMPOTENCY_KEY_REUSED');
  const other = await secadmin.post('/api/v1/roles', { code: 'idem_role', name: '幂等角色', nameEn: 'Idempotent role', permissions: ['orgs.read'] }, { headers: { 'idempotency-key': key } });
  assertStatus(other, 201);
  assertError(await sysadmin.post('/api/v1/sites', body, { headers: { 'idempotency-key': 'has space' } }), 400, 'IDEMPOTENCY_KEY_INVALID');
});

test('Idempotency-Key: 10 concurrent requests with one key create one record and all answer with it', async () => {
  const key = `k-${randomUUID()}`;
  const body = { orgId: await t.orgId('SFX-003'), kind: 'atm', name: '并发幂等 ATM' };
  const rs = await Promise.all(Array.from({ length: 10 }, () => sysadmin.post('/api/v1/sites', body, { headers: { 'idempotency-key': key } })));
  for (const r of rs) assertStatus(r, 201);
  assert.equal(new Set(rs.map((r) => r.body.id)).size, 1);
  assert.equal(rs.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 9);
  assert.equal(await sitesNamed('并发幂等 ATM'), 1);
});

test('errors are in the request’s language: zh-CN by default, English with Accept-Language: en or ?lang=en', async () => {
  const missing = `/api/v1/orgs/${randomUUID()}`;
  assert.equal((await sysadmin.get(missing)).body.error.message, '机构不存在');
  assert.equal((await sysadmin.get(missing, { headers: { 'accept-language': 'en-GB,en;q=0.8' } })).body.error.message, 'Unit not found');
  assert.equal((await sysadmin.get(`${missing}?lang=en`)).body.error.message, 'Unit not found');
  assert.equal((await sysadmin.get(missing, { headers: { 'accept-language': 'fr-FR' } })).body.error.message, '机构不存在');
  const anon = await t.anonymous().get('/api/v1/orgs', { headers: { 'accept-language': 'en' } });
  assertError(anon, 401, 'UNAUTHENTICATED');
  assert.equal(anon.body.error.message, 'Please sign in');
});

test('GET /healthz and /readyz answer without a session', async () => {
  const h = await t.anonymous().get('/healthz');
  assertStatus(h, 200);
  assert.equal(h.body.status, 'ok');
  const r = await t.anonymous().get('/readyz');
  assertStatus(r, 200);
  assert.equal(r.body.status, 'ready');
  assert.equal(r.body.database, t.database.kind);
  assert.ok(r.body.migrations >= 2);
});

test('security headers: a CSP without inline script, nosniff, no framing', async () => {
  for (const url of ['/healthz', '/api/v1/auth/me', '/api/v1/sites']) {
    const r = await sysadmin.get(url);
    const csp = String(r.headers['content-security-policy']);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)![1];
    assert.ok(!scriptSrc.includes("'unsafe-inline'") && !scriptSrc.includes("'unsafe-eval'"), `${url}: ${csp}`);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.ok(/frame-ancestors 'none'/.test(csp) || ['DENY', 'SAMEORIGIN'].includes(String(r.headers['x-frame-options'])), url);
  }
});

test('the OpenAPI document lists every catalogue route; /api/docs answers; an unknown /api route is 404 ROUTE_NOT_FOUND', async () => {
  const doc = await t.anonymous().get('/api/v1/openapi.json');
  assertStatus(doc, 200);
  assert.match(doc.body.openapi, /^3\./);
  const missing = t.app.catalogue.filter((r) => !operationOf(doc.body, r.method, r.url)).map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(missing, []);
  assert.ok(t.app.catalogue.length >= 50);
  let docs = await t.anonymous().get('/api/docs');
  if (docs.status >= 300 && docs.status < 400) docs = await t.anonymous().get(new URL(String(docs.headers.location), 'http://x/api/docs').pathname);
  assertStatus(docs, 200);
  assert.match(String(docs.raw), /swagger/i);
  for (const [method, url] of [['GET', '/api/v1/nope'], ['POST', '/api/v1/orgs/x/y/z'], ['GET', '/api/unknown']]) {
    const r = await sysadmin.request(method, url, method === 'POST' ? {} : undefined);
    assertError(r, 404, 'ROUTE_NOT_FOUND');
  }
});

test('an id longer than the router accepts, or a badly encoded path, is 400 MALFORMED_URL in the caller\'s language — not Fastify\'s own body', async () => {
  const long = await sysadmin.request('GET', `/api/v1/hazards/${'x'.repeat(5001)}/history`, undefined, { headers: { 'accept-language': 'en' } });
  assertError(long, 400, 'MALFORMED_URL');
  assert.match(long.body.error.message, /Invalid request URL/);
  const zh = await sysadmin.request('GET', `/api/v1/orgs/${'x'.repeat(300)}`);
  assertError(zh, 400, 'MALFORMED_URL');
  assert.match(zh.body.error.message, /请求网址无效/);
  const badEncoding = await sysadmin.request('GET', '/api/v1/orgs/%E0%A4%A');
  assert.ok(badEncoding.status === 400 && ['MALFORMED_URL', 'VALIDATION_FAILED'].includes(badEncoding.body.error.code), `${badEncoding.status} ${String(badEncoding.raw)}`);
});
