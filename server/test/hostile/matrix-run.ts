// Runs the authorization matrix over part of the route catalogue: every route × every built-in role ×
// own unit / other unit, each cell checked against the route's declared access (matrix-expect.ts).
// One app per test file; the files split the catalogue by area so they run side by side.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RouteEntry } from '../../app.ts';
import { BUILTIN_ROLES } from '../../platform/access/catalogue.ts';
import { startTestApp, type TestApp } from '../harness.ts';
import { assertNo5xx, check, expected } from './matrix-expect.ts';
import { buildCells, type Cell } from './matrix-requests.ts';
import { buildMatrixWorld, type MatrixWorld, type Unit } from './matrix-world.ts';

const key = (r: Pick<RouteEntry, 'method' | 'url'>) => `${r.method} ${r.url}`;

/** Routes that change the caller's own session or account run after the others. */
const LAST = /^(POST|GET) \/api\/v1\/auth\//;

export function runMatrix(area: string, inArea: (r: RouteEntry) => boolean) {
  let t: TestApp;
  let m: MatrixWorld;
  let cells: Map<string, Cell>;
  const counts = { cells: 0, allowed: 0, forbidden: 0, notFound: 0, party: 0, notApplicable: 0 };

  before(async () => {
    const start = Date.now();
    t = await startTestApp();
    m = await buildMatrixWorld(t);
    const people = Date.now();
    cells = await buildCells(m, t.app.catalogue.filter(inArea));
    console.log(`# authz matrix (${area}) setup: app + ${m.people.size} people ${people - start} ms, records ${Date.now() - people} ms`);
  });
  after(async () => {
    const routes = t.app.catalogue.filter(inArea).length;
    console.log(`# authz matrix (${area}): ${routes} routes × ${BUILTIN_ROLES.length} roles × 2 units → ${counts.cells} cells checked (${counts.allowed} allowed, ${counts.party} party, ${counts.forbidden} 403, ${counts.notFound} 404), ${counts.notApplicable} n/a (no way to name another unit)`);
    await t.close();
  });

  test(`SEC-02 matrix (${area}): every route declares its access and has a request in the matrix`, () => {
    const routes = t.app.catalogue.filter(inArea);
    assert.ok(routes.length > 10);
    const undeclared = routes.filter((r) => !r.access).map(key);
    assert.deepEqual(undeclared, [], `routes without config.access (see AccessScope in server/platform/http/augment.ts):\n${undeclared.join('\n')}`);
    const public_ = routes.filter((r) => (r.access === 'public') !== r.public).map(key);
    assert.deepEqual(public_, [], 'access "public" must go with config.public and only with it');
    const noRequest = routes.filter((r) => !cells.has(key(r))).map(key);
    assert.deepEqual(noRequest, [], `routes without a matrix request — add them to server/test/suites/cross-org-fixtures.ts or server/test/hostile/matrix-requests.ts:\n${noRequest.join('\n')}`);
  });

  test(`SEC-02 matrix (${area}): each built-in role is allowed or refused exactly as the route declares, in its own unit and another`, async (tt) => {
    const routes = t.app.catalogue.filter(inArea).sort((a, b) => Number(LAST.test(key(a))) - Number(LAST.test(key(b))));
    for (const route of routes) {
      await tt.test(key(route), async () => {
        const cell = cells.get(key(route))!;
        const wrong: string[] = [];
        for (const role of BUILTIN_ROLES) {
          const person = m.people.get(role)!;
          for (const unit of ['own', 'other'] as Unit[]) {
            const send = cell[unit];
            if (!send) {
              counts.notApplicable++;
              continue;
            }
            const want = expected(route, role, unit);
            const r = await send(m, person);
            assertNo5xx(r, `${key(route)} as ${role} (${unit})`);
            const problem = check(r, want);
            counts.cells++;
            if (want === 'allow') counts.allowed++;
            else if (want === 'forbidden') counts.forbidden++;
            else if (want === 'not-found') counts.notFound++;
            else counts.party++;
            if (problem) wrong.push(`${role} (${unit} unit): ${problem} ${r.status >= 400 ? JSON.stringify(r.body).slice(0, 160) : ''}`);
          }
        }
        assert.deepEqual(wrong, [], `${key(route)} [access: ${route.access}, permission: ${route.permission ?? 'none'}]`);
      });
    }
  });
}
