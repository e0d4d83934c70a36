// Patrol routes and patrols (PAT-01, PAT-02): QR tokens and label sheets, scans by opening the
// checkpoint link, and what finishing a patrol proves — missed and late checkpoints, out-of-order
// scans shown, impossible patterns flagged by the org's settings; anomalies that open a hazard;
// scope (another unit's records and QR codes answer 404) and bad input.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { Cast, localDay, localTime, makeRoute, ok, photo, scanAt, scanUrl } from './testing.ts';

let t: TestApp;
let cast: Cast;
let d0: string;
let route: any;
const MIN = 60_000;

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  d0 = localDay(t, 1);
  cast.moveTo(d0, 10);
  route = await makeRoute(t, await cast.as('officer'), 'SFX-001');
});
after(() => t.close());

const tokens = () => route.checkpoints.map((c: { token: string }) => c.token) as string[];
const advance = (ms: number) => t.clock.advance(ms);

async function startPatrol(c: Client) {
  return ok(await c.post('/api/v1/patrols', { routeId: route.id }), 201, 'start');
}

describe('PAT-01: routes, checkpoints and their QR codes', () => {
  test('a route keeps its checkpoints in order, each with its own random unguessable token', async () => {
    assert.deepEqual(route.checkpoints.map((c: { seq: number; name: string }) => [c.seq, c.name]), [[1, '金库门'], [2, 'ATM 区域'], [3, '机房'], [4, '后门及窗户']]);
    const ts = tokens();
    assert.equal(new Set(ts).size, 4);
    for (const tk of ts) assert.match(tk, /^[A-Za-z0-9_-]{22}$/, '128 random bits, base64url');
  });

  test('a guard sees the route but not its tokens; the officer prints the A4 label sheet with an SVG QR code per checkpoint', async () => {
    const asGuard = ok(await (await cast.as('guard1')).get(`/api/v1/patrol-routes/${route.id}`));
    assert.deepEqual(asGuard.checkpoints.map((c: { token: string | null }) => c.token), [null, null, null, null]);
    const sheet = await (await cast.as('officer')).get(`/api/v1/patrol-routes/${route.id}/labels`);
    assert.equal(sheet.status, 200);
    assert.match(String(sheet.headers['content-type']), /text\/html/);
    assert.equal((String(sheet.raw).match(/<svg/g) ?? []).length, 4, 'one QR code per checkpoint');
    for (const tk of tokens()) assert.ok(String(sheet.raw).includes(`/patrols/scan/${tk}`), 'the checkpoint link is printed');
    assertError(await (await cast.as('guard1')).get(`/api/v1/patrol-routes/${route.id}/labels`), 403, 'FORBIDDEN');
  });

  test('a checkpoint site of another unit is refused naming the field; a checkpoint needs a site or a name', async () => {
    const officer = await cast.as('officer');
    const sites = ok(await officer.get(`/api/v1/sites?orgId=${await t.orgId('SFX-002')}&pageSize=50`)).items;
    const body = { orgId: await t.orgId('SFX-001'), name: '错误路线', scheduleTimes: [], scheduleDays: [1], checkpoints: [{ siteId: sites[0].id, windowMinutes: 10 }] };
    assertFieldError(await officer.post('/api/v1/patrol-routes', body), 'checkpoints.0.siteId', 422, 'SITE_OUTSIDE_UNIT');
    assertFieldError(await officer.post('/api/v1/patrol-routes', { ...body, checkpoints: [{ windowMinutes: 10 }] }), 'checkpoints.0.name');
    assertFieldError(await officer.post('/api/v1/patrol-routes', { ...body, checkpoints: [{ name: 'x', windowMinutes: 0 }] }), 'checkpoints.0.windowMinutes');
    assertFieldError(await officer.post('/api/v1/patrol-routes', { ...body, checkpoints: [{ name: 'x', windowMinutes: 5 }], scheduleTimes: ['25:00'] }), 'scheduleTimes.0');
  });

  test('editing keeps the QR code of a checkpoint that stays; a removed one no longer scans', async () => {
    const officer = await cast.as('officer');
    const r2 = await makeRoute(t, officer, 'SFX-001', { name: '临时路线' });
    const [a, b] = r2.checkpoints;
    const edited = ok(await officer.patch(`/api/v1/patrol-routes/${r2.id}`, { checkpoints: [{ id: b.id, windowMinutes: 15 }, { id: a.id, windowMinutes: 25 }], version: r2.version }));
    assert.deepEqual(edited.checkpoints.map((c: { id: string; token: string; seq: number }) => [c.id, c.token, c.seq]), [[b.id, b.token, 1], [a.id, a.token, 2]]);
    assertError(await (await cast.as('guard1')).get(scanUrl(r2.checkpoints[2].token)), 404, 'PATROL_CHECKPOINT_NOT_FOUND');
    assertError(await officer.patch(`/api/v1/patrol-routes/${r2.id}`, { name: '再改', version: r2.version }), 409, 'VERSION_CONFLICT');
  });
});

describe('PAT-02: what a finished patrol proves', () => {
  test('scanning with no patrol in progress is refused (409) until the guard starts one', async () => {
    const guard = await cast.as('guard1');
    assertError(await guard.post(scanUrl(tokens()[0]), {}), 409, 'NO_PATROL_IN_PROGRESS');
    const target = ok(await guard.get(scanUrl(tokens()[1])));
    assert.equal(target.checkpointName, 'ATM 区域');
    assert.equal(target.patrol, null);
  });

  test('a missed checkpoint and a late one (outside its window) are counted; an out-of-order scan is allowed and shown', async () => {
    const guard = await cast.as('guard1');
    const p = await startPatrol(guard);
    assert.equal(p.status, 'in_progress');
    const [c1, c2, c3] = tokens();
    advance(12 * MIN);
    await scanAt(guard, c1, { lat: 34.75, lng: 113.62, accuracy: 12 }); // window 10 min: late
    advance(2 * MIN);
    await scanAt(guard, c3); // before the second: out of order
    advance(2 * MIN);
    const live = await scanAt(guard, c2);
    assert.equal(live.checkpoints[3].status, 'pending', 'the fourth is not missed while its window is open');
    assert.deepEqual(live.scans[0], { ...live.scans[0], lat: 34.75, lng: 113.62, accuracy: 12 });
    advance(4 * MIN);
    const done = ok(await guard.post(`/api/v1/patrols/${p.id}/finish`, { note: '后门未巡到' }));
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.checkpoints.map((c: { status: string }) => c.status), ['late', 'ok', 'ok', 'missed']);
    assert.deepEqual(done.checkpoints.map((c: { outOfOrder: boolean }) => c.outOfOrder), [false, false, true, false]);
    assert.deepEqual([done.missedCount, done.lateCount, done.flagCount], [1, 1, 0]);
    const listed = ok(await guard.get(`/api/v1/patrols?routeId=${route.id}&outcome=missed_checkpoints`)).items.map((x: { id: string }) => x.id);
    assert.deepEqual(listed, [p.id]);
  });

  test('impossible patterns are flagged: two checkpoints 10 s apart, the same checkpoint scanned three times within minutes', async () => {
    const guard = await cast.as('guard1');
    const p = await startPatrol(guard);
    const [c1, c2, c3, c4] = tokens();
    advance(MIN);
    await scanAt(guard, c1);
    advance(10_000);
    await scanAt(guard, c2);
    advance(MIN);
    await scanAt(guard, c2);
    advance(MIN);
    await scanAt(guard, c2);
    advance(2 * MIN);
    await scanAt(guard, c3);
    advance(2 * MIN);
    await scanAt(guard, c4);
    const done = ok(await guard.post(`/api/v1/patrols/${p.id}/finish`, {}));
    const ids = route.checkpoints.map((c: { id: string }) => c.id);
    assert.deepEqual(
      done.flags.map((f: { kind: string; checkpointId: string; previousCheckpointId: string | null; value: number }) => [f.kind, f.checkpointId, f.previousCheckpointId, f.value]),
      [['repeated_scans', ids[1], null, 3], ['too_fast', ids[1], ids[0], 10]],
    );
    assert.equal(done.flagCount, 2);
    assert.equal(done.missedCount, 0);
  });

  test('the minimum seconds between checkpoints is an org setting: at 5 s for SFX-001, 10 s apart is no longer flagged', async () => {
    const sysadmin = await t.login('sysadmin');
    ok(await sysadmin.patch(`/api/v1/orgs/${await t.orgId('SFX-001')}/settings`, { patrols: { minSecondsBetweenCheckpoints: 5 } }));
    const guard = await cast.as('guard1');
    const p = await startPatrol(guard);
    advance(MIN);
    await scanAt(guard, tokens()[0]);
    advance(10_000);
    await scanAt(guard, tokens()[1]);
    const done = ok(await guard.post(`/api/v1/patrols/${p.id}/finish`, {}));
    assert.deepEqual(done.flags, []);
    assert.equal(done.missedCount, 2);
    assertFieldError(await sysadmin.patch(`/api/v1/orgs/${await t.orgId('SFX-001')}/settings`, { patrols: { minSecondsBetweenCheckpoints: 0 } }), 'patrols.minSecondsBetweenCheckpoints');
  });

  test('opening the link with start: true starts the patrol and records the scan; only the guard on it may finish it', async () => {
    const guard = await cast.as('guard1');
    const p = await scanAt(guard, tokens()[0], { start: true });
    assert.equal(p.status, 'in_progress');
    assert.equal(p.scans.length, 1);
    assertError(await guard.post('/api/v1/patrols', { routeId: route.id }), 409, 'PATROL_ALREADY_IN_PROGRESS');
    assertError(await (await cast.as('patrol1')).post(`/api/v1/patrols/${p.id}/finish`, {}), 403, 'NOT_YOUR_PATROL');
    ok(await guard.post(`/api/v1/patrols/${p.id}/finish`, {}));
    assertError(await guard.post(`/api/v1/patrols/${p.id}/finish`, {}), 409, 'INVALID_STATE');
  });
});

describe('PAT-02: an anomaly at a checkpoint opens a hazard', () => {
  test('the guard records an anomaly with a photo and opens a hazard from it: source patrol, the checkpoint as location, the photo copied, linked back, once', async () => {
    const guard = await cast.as('guard1');
    const p = await startPatrol(guard);
    const cp = route.checkpoints[3];
    advance(MIN);
    await scanAt(guard, cp.token);
    const withAnomaly = ok(await guard.post(`/api/v1/patrols/${p.id}/anomalies`, { checkpointId: cp.id, note: '后门窗户插销损坏，无法关紧', attachmentIds: [await photo(guard, '窗户.png')] }), 201);
    const a = withAnomaly.anomalies[0];
    assert.equal(a.photos.length, 1);
    assert.deepEqual(a.allowedActions, ['openHazard']);
    const after = ok(await guard.post(`/api/v1/patrols/${p.id}/anomalies/${a.id}/hazard`, { category: 'physical' }));
    const hazardId = after.anomalies[0].hazardId;
    assert.ok(hazardId);
    assert.match(after.anomalies[0].hazardNumber, /^YH-/);
    const h = ok(await (await cast.as('officer')).get(`/api/v1/hazards/${hazardId}`));
    assert.equal(h.source, 'patrol');
    assert.equal(h.status, 'reported');
    assert.equal(h.location, '后门及窗户');
    assert.match(h.description, /插销损坏/);
    assert.equal(h.photos.length, 1, 'the anomaly photo is on the hazard');
    assertError(await guard.post(`/api/v1/patrols/${p.id}/anomalies/${a.id}/hazard`, {}), 409, 'HAZARD_ALREADY_OPENED');
    ok(await guard.post(`/api/v1/patrols/${p.id}/finish`, {}));
  });

  test('an anomaly needs a note; a checkpoint not on the patrol is refused naming it', async () => {
    const guard = await cast.as('guard1');
    const [p] = ok(await guard.get(`/api/v1/patrols?routeId=${route.id}&pageSize=1`)).items;
    assertFieldError(await guard.post(`/api/v1/patrols/${p.id}/anomalies`, { note: '  ' }), 'note');
    const other = await makeRoute(t, await cast.as('officer'), 'SFX-001', { name: '另一路线' });
    assertFieldError(await guard.post(`/api/v1/patrols/${p.id}/anomalies`, { note: '异常', checkpointId: other.checkpoints[0].id }), 'checkpointId', 422, 'CHECKPOINT_UNKNOWN');
  });
});

describe('SEC-02: another unit’s patrols and QR codes', () => {
  test('a guard of SFX-002 opening an SFX-001 checkpoint link gets 404 as for an unknown one; SFX-001 patrols are 404 and absent for SFX-002', async () => {
    const guard2 = await cast.as('guard2');
    assertError(await guard2.get(scanUrl(tokens()[0])), 404, 'PATROL_CHECKPOINT_NOT_FOUND');
    assertError(await guard2.post(scanUrl(tokens()[0]), { start: true }), 404, 'PATROL_CHECKPOINT_NOT_FOUND');
    assertError(await guard2.post(scanUrl('A'.repeat(22)), { start: true }), 404, 'PATROL_CHECKPOINT_NOT_FOUND');
    const [p] = ok(await (await cast.as('guard1')).get(`/api/v1/patrols?routeId=${route.id}&pageSize=1`)).items;
    const branch2 = await cast.as('branch2');
    assertError(await branch2.get(`/api/v1/patrols/${p.id}`), 404, 'PATROL_NOT_FOUND');
    assertError(await branch2.get(`/api/v1/patrol-routes/${route.id}`), 404, 'PATROL_ROUTE_NOT_FOUND');
    assertError(await branch2.post('/api/v1/patrols', { routeId: route.id }), 404, 'PATROL_ROUTE_NOT_FOUND');
    assert.equal(ok(await branch2.get('/api/v1/patrols?pageSize=200')).items.filter((x: { orgId: string }) => x.orgId === p.orgId).length, 0);
  });

  test('bad input: a malformed token is 400; an unknown filter value is 400 naming it', async () => {
    const guard = await cast.as('guard1');
    assertError(await guard.get(scanUrl('short')), 400, 'VALIDATION_FAILED');
    assertFieldError(await guard.get('/api/v1/patrols?outcome=nonsense'), 'outcome');
    assertFieldError(await guard.post(scanUrl(tokens()[0]), { lat: 123 }), 'lat');
  });
});

test('the patrol record prints on A4 with its result', async () => {
  const officer = await cast.as('officer');
  const p = ok(await officer.get(`/api/v1/patrols?routeId=${route.id}&outcome=missed_checkpoints&pageSize=50`)).items.find((x: { missedCount: number; lateCount: number }) => x.missedCount === 1 && x.lateCount === 1);
  const page = await officer.get(`/api/v1/patrols/${p.id}/print`);
  assert.equal(page.status, 200);
  assert.match(String(page.raw), /巡逻记录/);
  assert.match(String(page.raw), /漏巡 1 个，超时 1 个/);
  const x = await officer.get(`/api/v1/patrols/export.xlsx?routeId=${route.id}`);
  assert.equal(x.status, 200);
  void localTime;
});
