// Fuzz (issue 4, DESIGN §5): property-based requests (fast-check) to every route of the OpenAPI
// document — random, invalid and boundary path ids, query strings, JSON bodies and headers, sent by a
// person who may call the route. Properties: never a 5xx; every error is {error:{code,message}} (with
// details naming a path for VALIDATION_FAILED); a route whose requests were all refused left every
// table's row count as it was (audit entries aside: refusals are audited). Seeded: the seed is printed;
// replay with FUZZ_SEED=<seed> (FUZZ_RUNS sets the runs per route, default 6).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { RouteEntry } from '../../app.ts';
import { demoCallerFor } from '../callers.ts';
import { type Client, type Res, startTestApp, type TestApp } from '../harness.ts';
import { rowCounts } from '../row-counts.ts';
import { type OpenApiDoc, operationOf } from '../schema-inputs.ts';
import { bodyArb, headersArb, pathValueArb, queryArb, sendable } from './fuzz-arbitraries.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

let t: TestApp;
let doc: OpenApiDoc;
const clients = new Map<string, Client>();

before(async () => {
  console.log(`# fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED}), ${RUNS} runs per route`);
  t = await startTestApp();
  const r = await t.anonymous().get('/api/docs/json');
  assert.equal(r.status, 200);
  doc = r.body;
});
after(async () => t.close());

/** Routes on the caller's own session run as a throwaway sign-in of guard1, so sign-outs and password guesses hurt nobody else. */
const OWN_SESSION = /^\/api\/v1\/auth\/(logout|password|totp)/;

async function callerFor(route: RouteEntry): Promise<Client> {
  if (OWN_SESSION.test(route.url)) return t.login('guard1');
  const username = demoCallerFor(route);
  if (!username) return t.anonymous();
  if (!clients.has(username)) clients.set(username, await t.login(username));
  return clients.get(username)!;
}

function wellFormed(r: Res, where: string): string | null {
  if (r.status >= 500) return `${where}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
  if (r.status < 400) return null;
  const e = r.body?.error;
  if (!e || typeof e.code !== 'string' || !e.code || typeof e.message !== 'string' || !e.message) return `${where}: malformed error ${r.status} ${String(r.raw).slice(0, 300)}`;
  if (e.code === 'VALIDATION_FAILED') {
    if (!Array.isArray(e.details) || !e.details.length) return `${where}: VALIDATION_FAILED without details`;
    for (const d of e.details) if (typeof d.path !== 'string' || typeof d.message !== 'string' || !d.message) return `${where}: detail without path/message ${JSON.stringify(d)}`;
  }
  return null;
}

const key = (r: RouteEntry) => `${r.method} ${r.url}`;

test('fuzz: every route of the OpenAPI document survives random, invalid and boundary requests — no 5xx, errors well formed, refusals write nothing', async (tt) => {
  const routes = t.app.catalogue.filter((r) => operationOf(doc, r.method, r.url));
  assert.equal(routes.length, t.app.catalogue.length, 'every catalogue route is in /api/docs/json');
  let requests = 0;
  for (const route of routes) {
    await tt.test(key(route), async () => {
      const op = operationOf(doc, route.method, route.url);
      const client = await callerFor(route);
      const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const arb = fc.record({
        path: fc.array(pathValueArb, { minLength: params.length, maxLength: params.length }),
        query: fc.option(queryArb(op), { nil: undefined }),
        body: bodyArb(op),
        headers: headersArb,
      });
      const before = await rowCounts(t);
      let anyServed = false;
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          let url = route.url;
          params.forEach((p, i) => (url = url.replace(`:${p}`, encodeURIComponent(x.path[i]) || '%20')));
          if (x.query) url += `?${x.query}`;
          const body = route.method === 'GET' ? undefined : x.body === undefined ? undefined : JSON.stringify(x.body);
          const r = await client.request(route.method, url, body, { headers: sendable(x.headers as Record<string, string>) });
          requests++;
          if (r.status < 400) anyServed = true;
          const problem = wellFormed(r, `${route.method} ${url.slice(0, 200)} body=${String(body).slice(0, 200)} headers=${JSON.stringify(x.headers).slice(0, 200)}`);
          if (problem) throw new Error(problem);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      if (!anyServed) {
        const after = await rowCounts(t);
        // Refusals are audited (denials) and a throwaway sign-in opens a session: both are expected rows.
        // On one's own password and second factor a wrong current password is a recorded guess (SEC-01):
        // it commits, and with an Idempotency-Key its refusal is kept for the replay.
        const expected = { audit_events: 0, sessions: 0, ...(OWN_SESSION.test(route.url) ? { idempotency_keys: 0 } : {}) };
        assert.deepEqual({ ...after, ...expected }, { ...before, ...expected }, `${key(route)}: a refused request changed the database`);
      }
    });
  }
  console.log(`# fuzz: ${routes.length} routes, ${requests} requests`);
});
