// Serving the built web app (web.ts): hash-named assets cached for a year, top-level files and
// index.html revalidated, client-side routes answered with index.html, and a missing asset a 404 —
// never index.html, which a browser would try to run as a stale chunk. Assets are served by one
// wildcard route, so a chunk written after the start (a rebuild while running) is served too.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { TEST_SECRET_KEY } from '../../test/constants.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let web: FastifyInstance;
let base: string;
let dist: string;
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

before(async () => {
  t = await startTestApp();
  base = mkdtempSync(path.join(os.tmpdir(), 'anbao-web-'));
  dist = path.join(base, 'web');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("anbao")');
  writeFileSync(path.join(base, 'secret.txt'), 'outside the web app');
  const config = { ...loadConfig({ ANBAO_SECRET_KEY: TEST_SECRET_KEY, DATA_DIR: '.tmp/test-data' }), scheduler: false, serveWeb: true };
  web = await buildApp(config, { database: t.database, clock: t.clock, logger: false, migrate: false, webDist: dist });
});
after(async () => {
  await web?.close();
  await t?.close();
  rmSync(base, { recursive: true, force: true });
});

const get = (url: string) => web.inject({ method: 'GET', url });

test('web: a hash-named asset is served with a year of immutable caching, without signing in', async () => {
  const r = await get('/assets/index-abc123.js');
  assert.equal(r.statusCode, 200);
  assert.equal(r.body, 'console.log("anbao")');
  assert.match(String(r.headers['content-type']), /javascript/);
  assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
});

test('web: a chunk written after the start (a rebuild while running) is served', async () => {
  writeFileSync(path.join(dist, 'assets', 'PlansPage-def456.js'), 'export default 1');
  const r = await get('/assets/PlansPage-def456.js');
  assert.equal(r.statusCode, 200);
  assert.equal(r.body, 'export default 1');
});

test('web: a missing asset is a 404, not index.html (a stale chunk must not receive HTML)', async () => {
  for (const url of ['/assets/index-old999.js', '/assets/']) {
    const r = await get(url);
    assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${url}: ${r.statusCode}`);
    assert.doesNotMatch(r.body, /<div id="root">/, url);
  }
});

test('web: a path climbing out of the web app never reaches a file outside it', async () => {
  for (const url of ['/assets/%2e%2e/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt']) {
    assert.doesNotMatch((await get(url)).body, /outside the web app/, url);
  }
});

test('web: a client-side route is answered with index.html, revalidated on every load', async () => {
  for (const url of ['/', '/hazards/2f1c', '/equipment?status=faulty']) {
    const r = await get(url);
    assert.equal(r.statusCode, 200, url);
    assert.equal(r.body, INDEX, url);
    assert.match(String(r.headers['content-type']), /text\/html/);
    assert.equal(r.headers['cache-control'], 'no-cache');
  }
});

test('web: a top-level file (favicon) is served as itself, revalidated', async () => {
  const r = await get('/favicon.svg');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<svg/);
  assert.match(String(r.headers['content-type']), /svg/);
  assert.equal(r.headers['cache-control'], 'no-cache');
});

test('web: an unknown API path is a JSON 404 naming the route, in the caller’s language', async () => {
  const r = await web.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { 'accept-language': 'en' } });
  assert.equal(r.statusCode, 404);
  assert.equal(r.json().error.code, 'ROUTE_NOT_FOUND');
});
