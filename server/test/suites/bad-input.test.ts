// Bad input on every route (DESIGN §5: "bad input never produces a 5xx"). Walks the route catalogue
// and the OpenAPI document, so a route added later is covered without an edit here: malformed ids,
// malformed JSON, bodies over 1 MB, one-field-wrong bodies and queries derived from the route's own
// schema. Each refusal is a 400 (413 for size) in the error shape, naming the field, and writes nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { RouteEntry } from '../../app.ts';
import { demoCallerFor } from '../callers.ts';
import { type Client, type Res, startTestApp, type TestApp } from '../harness.ts';
import { assertError, assertFieldError } from '../http-assert.ts';
import { rowCounts } from '../row-counts.ts';
import { fieldMutations, jsonBodySchema, type OpenApiDoc, operationOf, queryMutations, queryParameters, sampleValue, schemaErrors, withValue } from '../schema-inputs.ts';

let t: TestApp;
let doc: OpenApiDoc;
const clients = new Map<string, Client>();

before(async () => {
  t = await startTestApp();
  doc = (await t.anonymous().get('/api/v1/openapi.json')).body;
});
after(async () => t.close());

async function callerFor(route: RouteEntry): Promise<Client> {
  const username = demoCallerFor(route);
  if (!username) return t.anonymous();
  if (!clients.has(username)) clients.set(username, await t.login(username));
  return clients.get(username)!;
}

/** The route's URL with every path parameter set to a well-formed id of no record. */
const concrete = (url: string, value: string = randomUUID()) => url.replace(/:(\w+)/g, value);

function assertErrorShape(r: Res, where: string) {
  assert.ok(r.status < 500, `${where}: ${r.status} ${JSON.stringify(r.body)}`);
  assertError(r, r.status, r.body?.error?.code);
}

/** 400 VALIDATION_FAILED naming `path`, every detail with a path and a message. */
function assertNamesField(r: Res, path: string, where: string) {
  try {
    const e = assertFieldError(r, path);
    for (const d of e.details!) assert.ok(typeof d.path === 'string' && typeof d.message === 'string' && d.message, `detail without path/message ${JSON.stringify(d)}`);
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message.slice(0, 600)}`);
  }
}

/** Runs `fn` and asserts that no table gained or lost a row meanwhile. */
async function writesNothing(where: string, fn: () => Promise<void>) {
  const before = await rowCounts(t);
  await fn();
  assert.deepEqual(await rowCounts(t), before, `${where}: a refused request changed the database`);
}

const idRoutes = () => t.app.catalogue.filter((r) => /:\w+/.test(r.url));
const bodyRoutes = () => t.app.catalogue.filter((r) => jsonBodySchema(operationOf(doc, r.method, r.url)));

test('bad input: every catalogue route is in the OpenAPI document (the suite reads its schemas there)', () => {
  const missing = t.app.catalogue.filter((r) => !operationOf(doc, r.method, r.url)).map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(missing, []);
});

test('bad input: a malformed id in the path is a 400 naming the parameter, on every route', async (tt) => {
  assert.ok(idRoutes().length >= 20, 'the catalogue should have many :id routes');
  for (const route of idRoutes()) {
    await tt.test(`${route.method} ${route.url}`, async () => {
      const client = await callerFor(route);
      const param = /:(\w+)/.exec(route.url)![1];
      const body = ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined;
      await writesNothing(route.url, async () => {
        const r = await client.request(route.method, concrete(route.url, 'not-a-uuid'), body);
        assertNamesField(r, param, `${route.method} ${route.url}`);
      });
    });
  }
});

test('bad input: malformed JSON is 400 INVALID_JSON and a body over 1 MB is 413, on every route that takes a body', async (tt) => {
  const writes = t.app.catalogue.filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method) && !operationOf(doc, r.method, r.url)?.requestBody?.content?.['multipart/form-data']);
  for (const route of writes) {
    await tt.test(`${route.method} ${route.url}`, async () => {
      const client = await callerFor(route);
      const url = concrete(route.url);
      const json = { headers: { 'content-type': 'application/json' } };
      await writesNothing(route.url, async () => {
        for (const broken of ['{"name": ', '{name: 1}', '[1, 2', '\u0000']) {
          const r = await client.request(route.method, url, broken, json);
          assert.equal(r.status, 400, `${route.url} ${JSON.stringify(broken)}: ${r.status} ${JSON.stringify(r.body)}`);
          assert.equal(r.body.error.code, 'INVALID_JSON');
          assertErrorShape(r, route.url);
        }
        const big = await client.request(route.method, url, JSON.stringify({ notes: 'x'.repeat(1024 * 1024 + 10) }), json);
        assert.equal(big.status, 413, `${route.url}: ${big.status}`);
        assert.equal(big.body.error.code, 'PAYLOAD_TOO_LARGE');
      });
    });
  }
});

test('bad input: every JSON body field refuses a wrong type, an over-long or control-character string, an out-of-range number and unknown fields, naming the field', async (tt) => {
  assert.ok(bodyRoutes().length >= 15);
  for (const route of bodyRoutes()) {
    await tt.test(`${route.method} ${route.url}`, async () => {
      const schema = jsonBodySchema(operationOf(doc, route.method, route.url))!;
      const base = sampleValue(schema);
      assert.equal(schemaErrors(schema, base), null, `derived base body of ${route.url} is not valid: fix schema-inputs.ts`);
      const mutations = fieldMutations(schema);
      assert.ok(mutations.length, `${route.url}: nothing to vary`);
      const client = await callerFor(route);
      const url = concrete(route.url);
      await writesNothing(route.url, async () => {
        for (const m of mutations) {
          const body = withValue(base, m.path, m.value);
          const r = await client.request(route.method, url, body);
          assertNamesField(r, m.path, `${route.method} ${route.url} ${m.path} (${m.label})`);
        }
        // Not an object at all.
        for (const body of [[1, 2], 'text', 42]) {
          const r = await client.request(route.method, url, JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
          assert.equal(r.status, 400, `${route.url} body ${JSON.stringify(body)}: ${r.status}`);
          assertErrorShape(r, route.url);
        }
      });
    });
  }
});

test('bad input: list and query parameters out of range (pageSize=500, page=0, unknown sort) and malformed are a 400 naming the parameter', async (tt) => {
  const withQuery = t.app.catalogue.filter((r) => queryParameters(operationOf(doc, r.method, r.url)).length);
  assert.ok(withQuery.some((r) => r.url === '/api/v1/sites'));
  for (const route of withQuery) {
    await tt.test(`${route.method} ${route.url}`, async () => {
      const params = queryParameters(operationOf(doc, route.method, route.url));
      const client = await callerFor(route);
      const body = ['POST', 'PATCH'].includes(route.method) ? {} : undefined;
      await writesNothing(route.url, async () => {
        for (const m of queryMutations(params)) {
          const r = await client.request(route.method, `${concrete(route.url)}?${m.query}`, body);
          assertNamesField(r, m.path, `${route.method} ${route.url}?${m.query.slice(0, 80)} (${m.label})`);
        }
      });
    });
  }
});

test('bad input: errors are in the request language — zh-CN by default, English on Accept-Language: en', async () => {
  const officer = await callerFor({ method: 'GET', url: '/api/v1/sites', permission: 'orgs.read', public: false });
  const zh = await officer.get('/api/v1/sites?pageSize=500');
  const en = await officer.get('/api/v1/sites?pageSize=500', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
  assert.match(zh.body.error.message, /不能大于 200/);
  assert.match(zh.body.error.details[0].message, /不能大于/);
  assert.match(en.body.error.message, /must be at most 200/);
  assert.equal(en.body.error.details[0].path, 'pageSize');
});

test('bad input: an unknown /api path is 404 ROUTE_NOT_FOUND in the error shape', async () => {
  const r = await t.anonymous().get('/api/v1/no-such-thing');
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, 'ROUTE_NOT_FOUND');
  assertErrorShape(r, 'unknown route');
});
