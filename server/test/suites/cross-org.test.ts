// Cross-org suite (SEC-02, ORG-01, DESIGN §5 "404 absent or outside the caller's org scope"): walks
// every registered route and proves that another unit's records are invisible. Records live in unit A
// (SFX-002); callers hold the route's permission over unit B (SFX-001) only. Every :id route answers
// 404 (never 403, never 200) and audits the refusal as denied; lists leave the record out; creates
// that name a unit of A are refused the same way. Fixtures: cross-org-fixtures.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ADMIN_ROLES, permissionDef } from '../../platform/access/catalogue.ts';
import { auditRowCount } from '../audit-rows.ts';
import { builtinHolderOf, demoCallerFor } from '../callers.ts';
import { type Client, type Res, startTestApp, type TestApp } from '../harness.ts';
import { assignablePermissions, customRole, type Person, personWithRole } from '../people.ts';
import { rowCounts } from '../row-counts.ts';
import { AGGREGATES, type CallerRole, CREATE_ROUTES, ID_ROUTES, LIST_ROUTES, NOT_ORG_SCOPED, REFERENCES, RESOURCES, type ResourceKind, type World } from './cross-org-fixtures.ts';

let t: TestApp;
let w: World;

before(async () => {
  t = await startTestApp();
  const demos = new Map<string, Promise<Client>>();
  const callers = new Map<CallerRole, Promise<Person>>();
  const records = new Map<ResourceKind, Promise<string>>();
  const demo = (u: string) => (demos.has(u) ? demos : demos.set(u, t.login(u))).get(u)!;
  const makeCaller = async (role: CallerRole): Promise<Person> => {
    const secadmin = await demo('secadmin');
    const roleCode = role === 'member' ? await customRole(secadmin, await assignablePermissions(secadmin)) : role;
    return personWithRole(t, secadmin, { orgCode: 'SFX-001', roleCode });
  };
  w = {
    t,
    A: await t.orgId('SFX-002'),
    B: await t.orgId('SFX-001'),
    demo,
    caller: (role) => (callers.has(role) ? callers : callers.set(role, makeCaller(role))).get(role)!,
    record: (kind) => (records.has(kind) ? records : records.set(kind, RESOURCES[kind](w))).get(kind)!,
  };
});
after(async () => t.close());

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** The caller of B for a route: the administrator role that holds an administrator-only permission, else the member. */
function callerRoleFor(routeKey: string, declared?: CallerRole): CallerRole {
  if (declared) return declared;
  const perm = t.app.catalogue.find((r) => key(r) === routeKey)?.permission;
  if (perm && permissionDef(perm)?.adminOnly) {
    const holder = builtinHolderOf(perm, ADMIN_ROLES);
    assert.ok(holder, `no administrator role holds ${perm}`);
    return holder as CallerRole;
  }
  return 'member';
}

const routeOf = (routeKey: string) => t.app.catalogue.find((r) => key(r) === routeKey)!;

async function deniedCount(actorId: string, targetId: string) {
  return auditRowCount(t, { actorId, targetId, result: 'denied' });
}

test('SEC-02: every catalogue route is declared in the cross-org fixtures (scoped by id, list, create, or not org-scoped with a reason)', () => {
  const tables = [ID_ROUTES, LIST_ROUTES, CREATE_ROUTES, AGGREGATES, NOT_ORG_SCOPED];
  const undeclared = t.app.catalogue.map(key).filter((k) => !tables.some((tb) => k in tb));
  assert.deepEqual(undeclared, [], `routes without a cross-org fixture — add them to server/test/suites/cross-org-fixtures.ts:\n${undeclared.join('\n')}`);
  const idWithoutFixture = t.app.catalogue.filter((r) => r.url.includes(':') && !(key(r) in ID_ROUTES) && !(key(r) in NOT_ORG_SCOPED)).map(key);
  assert.deepEqual(idWithoutFixture, [], 'every :id route needs an ID_ROUTES fixture');
  const stale = tables.flatMap((tb) => Object.keys(tb)).filter((k) => !t.app.catalogue.some((r) => key(r) === k));
  assert.deepEqual(stale, [], 'fixtures for routes that no longer exist');
  for (const [k, why] of Object.entries(NOT_ORG_SCOPED)) assert.ok(why.length > 10, `${k}: say why it is not org-scoped`);
});

test('SEC-02: the callers of unit B hold their permissions over unit B only', async () => {
  for (const role of ['member', 'sysadmin', 'secadmin', 'auditor'] as const) {
    const me = await (await w.caller(role)).client.get('/api/v1/auth/me');
    assert.equal(me.status, 200);
    assert.deepEqual([...new Set(me.body.grants.map((g: { orgId: string }) => g.orgId))], [w.B], role);
    for (const [perm, orgIds] of Object.entries(me.body.permissions as Record<string, string[]>)) assert.deepEqual(orgIds, [w.B], `${role} ${perm}`);
  }
  const member = await (await w.caller('member')).client.get('/api/v1/auth/me');
  assert.ok(member.body.permissions['sites.manage'] && member.body.permissions['files.upload'] && member.body.permissions['users.read']);
});

test('SEC-02: a record of another unit answers 404 on every :id route — never 403 or 200 — and the refusal is audited as denied', async (tt) => {
  for (const [routeKey, spec] of Object.entries(ID_ROUTES)) {
    await tt.test(routeKey, async () => {
      const route = routeOf(routeKey);
      assert.ok(route, `${routeKey} is not in the catalogue`);
      const id = await w.record(spec.resource);
      const url = spec.path ? await spec.path(w, id) : route.url.replace(':id', id);
      const caller = await w.caller(callerRoleFor(routeKey, spec.caller));
      const deniedBefore = await deniedCount(caller.id, id);
      const writesBefore = await auditRowCount(t, { targetId: id, result: 'success' });

      const r = await caller.client.request(route.method, url, spec.body ? await spec.body(w) : route.method === 'GET' ? undefined : {});
      assert.equal(r.status, 404, `${routeKey} as ${caller.username}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      assert.match(r.body.error.code, /_NOT_FOUND$/);
      assert.equal(await deniedCount(caller.id, id), deniedBefore + 1, `${routeKey}: the refusal was not audited as denied`);
      assert.equal(await auditRowCount(t, { targetId: id, result: 'success' }), writesBefore, `${routeKey}: something was written`);

      // Control: the record exists and the route serves it to someone whose scope includes unit A.
      if (route.method === 'GET') {
        const own = await (await w.demo(demoCallerFor(route)!)).get(url);
        assert.equal(own.status, 200, `${routeKey} for a county-wide caller: ${own.status}`);
      }
    });
  }
});

async function listed(r: Res, id: string, routeKey: string): Promise<boolean> {
  assert.equal(r.status, 200, `${routeKey}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  if (String(r.headers['content-type']).includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as never);
    return wb.worksheets[0].actualRowCount > 1;
  }
  // A printable sheet (HTML) lists a record by linking to it.
  if (String(r.headers['content-type']).includes('text/html')) return String(r.raw).includes(id);
  const items: Array<{ id: unknown }> = Array.isArray(r.body) ? r.body : r.body.items;
  return items.some((x) => String(x.id) === id);
}

test('SEC-02: lists never contain another unit’s records (and a county-wide caller does see them)', async (tt) => {
  for (const [routeKey, spec] of Object.entries(LIST_ROUTES)) {
    await tt.test(routeKey, async () => {
      const route = routeOf(routeKey);
      const id = await w.record(spec.resource);
      const url = await spec.url(w);
      const own = await (await w.demo(demoCallerFor(route)!)).get(url);
      assert.ok(await listed(own, id, routeKey), `${routeKey}: control failed, a county-wide caller does not see the record`);

      const caller = await w.caller(callerRoleFor(routeKey));
      const r = await caller.client.get(url);
      if (spec.hidden === 404) {
        assert.equal(r.status, 404, `${routeKey}: ${r.status}`);
        assert.match(r.body.error.code, /_NOT_FOUND$/);
      } else {
        assert.equal(await listed(r, id, routeKey), false, `${routeKey} shows unit A's record to ${caller.username}`);
      }
    });
  }
});

test('SEC-02: creating a record in another unit (naming it in the input) is refused as not found, audited, and creates nothing', async (tt) => {
  for (const [routeKey, spec] of Object.entries(CREATE_ROUTES)) {
    await tt.test(routeKey, async () => {
      const caller = await w.caller(callerRoleFor(routeKey));
      const named = await spec.names(w);
      const before = await rowCounts(t);
      const deniedBefore = await deniedCount(caller.id, named);
      const r = await spec.send(caller.client, w);
      assert.equal(r.status, 404, `${routeKey} as ${caller.username}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      assert.match(r.body.error.code, /_NOT_FOUND$/);
      const after = await rowCounts(t);
      assert.deepEqual({ ...after, audit_events: 0 }, { ...before, audit_events: 0 }, `${routeKey} created something`);
      assert.equal(after.audit_events, before.audit_events + 1, 'one entry: the denial');
      assert.equal(await deniedCount(caller.id, named), deniedBefore + 1, `${routeKey}: the refusal was not audited as denied`);
    });
  }
});

test('SEC-02: naming another unit in the input of a change or a filter (transfer, grant, move, ?orgId=) is refused as not found and audited', async (tt) => {
  for (const ref of REFERENCES) {
    await tt.test(ref.route, async () => {
      const caller = await w.caller(callerRoleFor(ref.route));
      const deniedBefore = await deniedCount(caller.id, w.A);
      const before = await rowCounts(t);
      const r = await ref.send(caller.client, w);
      assert.equal(r.status, 404, `${ref.route} as ${caller.username}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      assert.equal(r.body.error.code, 'ORG_NOT_FOUND');
      assert.equal(await deniedCount(caller.id, w.A), deniedBefore + 1, `${ref.route}: the refusal was not audited as denied`);
      assert.deepEqual({ ...(await rowCounts(t)), audit_events: 0 }, { ...before, audit_events: 0 });
    });
  }
});

test('SEC-02: figures over the caller’s scope (dashboard, rankings) never count another unit’s records; naming that unit answers 404', async (tt) => {
  for (const [routeKey, spec] of Object.entries(AGGREGATES)) {
    await tt.test(routeKey, async () => {
      await w.record('hazard');
      const own = await (await w.demo(demoCallerFor(routeOf(routeKey))!)).get(await spec.request(w));
      assert.equal(own.status, 200, `${routeKey}: ${own.status}`);
      assert.ok(await spec.countsA(own.body, w), `${routeKey}: control failed, a county-wide caller's figures do not include unit A`);
      const caller = await w.caller(callerRoleFor(routeKey));
      const r = await caller.client.get(await spec.request(w));
      assert.equal(r.status, 200, `${routeKey} as ${caller.username}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      assert.equal(await spec.countsA(r.body, w), false, `${routeKey} counts unit A for ${caller.username}`);
      const deniedBefore = await deniedCount(caller.id, w.A);
      const named = await caller.client.get(spec.namesA(w));
      assert.equal(named.status, 404, `${routeKey} naming unit A: ${named.status}`);
      assert.equal(named.body.error.code, 'ORG_NOT_FOUND');
      assert.equal(await deniedCount(caller.id, w.A), deniedBefore + 1, `${routeKey}: the refusal was not audited as denied`);
    });
  }
});

test('SEC-02: the same callers succeed on their own unit (the refusals above are about scope, not permission)', async () => {
  const member = (await w.caller('member')).client;
  const site = await member.post('/api/v1/sites', { orgId: w.B, kind: 'atm', name: '乙网点 ATM' });
  assert.equal(site.status, 201, JSON.stringify(site.body));
  assert.equal((await member.get(`/api/v1/sites/${site.body.id}`)).status, 200);
  const sys = (await w.caller('sysadmin')).client;
  assert.equal((await sys.get(`/api/v1/orgs/${w.B}/settings`)).status, 200);
  const sec = (await w.caller('secadmin')).client;
  assert.equal((await sec.get(`/api/v1/users/${await t.userId('branch1')}`)).status, 200);
  const aud = (await w.caller('auditor')).client;
  const mine = await aud.get(`/api/v1/audit/events?targetId=${site.body.id}`);
  assert.equal(mine.status, 200);
  assert.equal(mine.body.items[0]?.action, 'sites.create');
  assert.equal((await aud.get(`/api/v1/audit/events/${mine.body.items[0].id}`)).status, 200);
});
