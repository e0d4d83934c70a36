// The schedule sweep and the daily records: a scheduled patrol not started in time is flagged and
// reminded exactly once (PAT-02); the monitoring-room log flags footage neither archived nor inside the
// retention window (PAT-03); opening / closing checks need two different people and a missed one is
// flagged that day (PAT-04); the dashboard tiles count what their register filters list (RPT-02).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditEntries } from '../../test/audit-helpers.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { Cast, inbox, localDay, localTime, makeRoute, ok, sweep } from './testing.ts';

let t: TestApp;
let cast: Cast;
let d0: string;
let p1Org = '';
const DAY = 86_400_000;

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  d0 = localDay(t, 1);
  cast.moveTo(d0, 8);
  p1Org = await t.orgId('SFX-001');
});
after(() => t.close());

const itemsOf = async (kind: 'opening' | 'closing') => ok(await (await cast.as('staff1')).get('/api/v1/opening-checks/checklists'))[kind].map((i: { key: string }) => ({ key: i.key, ok: true }));

describe('PAT-04: opening and closing checks by two people on duty', () => {
  test('staff1 records SFX-001’s opening check; staff1 cannot also confirm it (422); staff2 confirms and it is done', async () => {
    const items = await itemsOf('opening');
    assert.equal(items.length, 7);
    const c = ok(await (await cast.as('staff1')).post('/api/v1/opening-checks', { orgId: await t.orgId('SFX-001'), kind: 'opening', items }), 201);
    assert.equal(c.status, 'awaiting_second');
    assert.deepEqual(c.allowedActions.includes('confirm'), false, 'the recorder is not offered the confirmation');
    assertError(await (await cast.as('staff1')).post(`/api/v1/opening-checks/${c.id}/confirm`, {}), 422, 'SECOND_PERSON_REQUIRED');
    const done = ok(await (await cast.as('staff2')).post(`/api/v1/opening-checks/${c.id}/confirm`, {}));
    assert.equal(done.status, 'done');
    assert.deepEqual([done.firstBy.name, done.secondBy.name], ['周敏', '郑丽']);
    assert.equal(done.missed, false);
    assertError(await (await cast.as('staff2')).post('/api/v1/opening-checks', { orgId: await t.orgId('SFX-001'), kind: 'opening', items }), 409, 'CHECK_ALREADY_DONE');
    const page = await (await cast.as('branch1')).get(`/api/v1/opening-checks/${c.id}/print`);
    assert.match(String(page.raw), /营业前检查登记/);
    assert.match(String(page.raw), /复核人：郑丽/);
  });

  test('PAT-04/SEC-01: the second person confirms on the first person’s phone with their own password; the recorder, an outsider and a wrong password are refused', async () => {
    const staff1 = await cast.as('staff1');
    const c = ok(await staff1.post('/api/v1/opening-checks', { orgId: await t.orgId('SFX-001'), kind: 'closing', items: await itemsOf('closing') }), 201);
    assert.ok(c.allowedActions.includes('confirmWithPassword'), 'the recorder’s phone offers the second person’s confirmation');
    const confirm = (body: Record<string, unknown>) => staff1.post(`/api/v1/opening-checks/${c.id}/confirm`, body);
    assertFieldError(await confirm({ username: 'staff1', password: TEST_PASSWORD }), 'username', 422, 'SECOND_PERSON_REQUIRED');
    assertFieldError(await confirm({ username: 'staff3', password: TEST_PASSWORD }), 'username', 422, 'SECOND_PERSON_NOT_ELIGIBLE');
    assertFieldError(await confirm({ username: 'nobody-here', password: TEST_PASSWORD }), 'username', 422, 'SECOND_PERSON_NOT_ELIGIBLE');
    assertFieldError(await confirm({ username: 'staff2' }), 'password');
    assertFieldError(await confirm({ username: 'staff2', password: 'Wrong-pass-123!' }), 'password', 422, 'PASSWORD_WRONG');
    const still = ok(await staff1.get(`/api/v1/opening-checks/${c.id}`));
    assert.equal(still.status, 'awaiting_second', 'nothing confirmed by the refusals');
    const done = ok(await confirm({ username: 'STAFF2', password: TEST_PASSWORD, version: still.version }));
    assert.equal(done.status, 'done');
    assert.deepEqual([done.firstBy.name, done.secondBy.name], ['周敏', '郑丽'], 'the second person is the one who typed their password');
    const auditor = await cast.as('auditor');
    const failed = await auditEntries(auditor, { action: 'opening_checks.confirm', targetId: c.id, result: 'failure' });
    assert.equal(failed.length, 1, 'the wrong password is in the trail');
    const login = await auditEntries(auditor, { action: 'auth.login', targetId: await t.userId('staff2'), result: 'failure' });
    assert.ok(login.some((e) => /opening check/.test(JSON.stringify(e.detail))), 'and counts towards staff2’s lockout like a failed sign-in');
    const [ok1] = await auditEntries(auditor, { action: 'opening_checks.confirm', targetId: c.id, result: 'success' });
    assert.equal(ok1.actorId, await t.userId('staff1'), 'made on staff1’s session');
    assert.equal((ok1.detail as { second: string }).second, await t.userId('staff2'));
  });

  test('bad input: every item answered, a failed item explained, only branches, known items only', async () => {
    const staff = await cast.as('staff1');
    const orgId = await t.orgId('SFX-001');
    const items = await itemsOf('closing');
    const e = assertFieldError(await staff.post('/api/v1/opening-checks', { orgId, kind: 'closing', items: items.slice(1) }), 'items', 422, 'CHECK_ITEMS_INCOMPLETE');
    assert.match(e.message, /cash-secured/);
    assertFieldError(await staff.post('/api/v1/opening-checks', { orgId, kind: 'closing', items: [{ ...items[0], ok: false }, ...items.slice(1)] }), 'items.0.note');
    assertFieldError(await staff.post('/api/v1/opening-checks', { orgId, kind: 'closing', items: [{ key: 'nonsense', ok: true }] }), 'items.0.key');
    assertFieldError(await (await cast.as('officer')).post('/api/v1/opening-checks', { orgId: await t.orgId('SFX-BWB'), kind: 'closing', items }), 'orgId', 422, 'NOT_A_BRANCH');
  });

  test('scope: a person of SFX-002 cannot see or confirm SFX-001’s check (404) nor record one for it', async () => {
    const [c] = ok(await (await cast.as('staff1')).get(`/api/v1/opening-checks?orgId=${await t.orgId('SFX-001')}`)).items;
    const staff3 = await cast.as('staff3');
    assertError(await staff3.get(`/api/v1/opening-checks/${c.id}`), 404, 'OPENING_CHECK_NOT_FOUND');
    assertError(await staff3.post(`/api/v1/opening-checks/${c.id}/confirm`, {}), 404, 'OPENING_CHECK_NOT_FOUND');
    assertError(await staff3.post('/api/v1/opening-checks', { orgId: await t.orgId('SFX-001'), kind: 'closing', items: await itemsOf('closing') }), 404, 'ORG_NOT_FOUND');
  });
});

describe('PAT-02 / PAT-04: the sweep flags what was not done in time, and reminds once', () => {
  let routeId: string;

  test('the schedule makes today’s patrols; at 10:00 the 08:00 patrol of SFX-001 not started is flagged and reminded to guard1 once', async () => {
    routeId = (await makeRoute(t, await cast.as('officer'), 'SFX-001', { name: '早班巡逻', scheduleTimes: ['08:00', '20:00'] })).id;
    cast.moveTo(d0, 10);
    await sweep(t);
    await sweep(t);
    const guard = await cast.as('guard1');
    const mine = ok(await guard.get('/api/v1/patrols?mine=true&today=true&sort=-scheduledAt')).items.filter((p: { routeId: string }) => p.routeId === routeId);
    assert.deepEqual(mine.map((p: { scheduledAt: string; notStarted: boolean }) => [p.scheduledAt, p.notStarted]), [
      [localTime(t, d0, 20).toISOString(), false],
      [localTime(t, d0, 8).toISOString(), true],
    ]);
    const problem = ok(await guard.get('/api/v1/patrols?today=true&outcome=problem')).items.map((p: { id: string }) => p.id);
    assert.deepEqual(problem, [mine[1].id]);
    const notices = (await inbox(guard)).filter((n) => n.rule === 'patrol.not_started');
    assert.equal(notices.length, 1, 'reminded exactly once over two sweeps');
    assert.equal(notices[0].targetId, mine[1].id);
    assert.equal((await inbox(await cast.as('guard2'))).filter((n) => n.rule === 'patrol.not_started').length, 0, 'not the other branch’s guard');
  });

  test('starting the route now takes the overdue scheduled patrol (it is no longer flagged as not started)', async () => {
    const guard = await cast.as('guard1');
    const p = ok(await guard.post('/api/v1/patrols', { routeId }), 201);
    assert.equal(p.scheduledAt, localTime(t, d0, 8).toISOString());
    assert.equal(p.notStarted, false);
    assert.deepEqual(ok(await guard.get('/api/v1/patrols?today=true&outcome=not_started')).items, []);
  });

  test('at 10:00 the opening checks not done by 09:00 are flagged missed for every other branch; SFX-001’s (done at 08:00) is not; branch2 is reminded once', async () => {
    const head = await cast.as('head');
    const missed = ok(await head.get('/api/v1/opening-checks?today=true&missed=true&pageSize=50')).items;
    assert.deepEqual(missed.map((c: { orgName: string; kind: string; status: string }) => [c.kind, c.status]).sort(), Array(5).fill(['opening', 'missed']));
    assert.ok(!missed.some((c: { orgId: string }) => c.orgId === p1Org));
    const notices = (await inbox(await cast.as('branch2'))).filter((n) => n.rule === 'opening_check.missed');
    assert.equal(notices.length, 1);
    const tiles = ok(await head.get('/api/v1/dashboard')).today as Array<{ key: string; value: number; link: string }>;
    const tile = tiles.find((x) => x.key === 'patrols.checksMissedToday')!;
    assert.equal(tile.value, 5, 'the tile counts what its filter lists');
    assert.match(tile.link, /^\/patrols\/checks\?today=true&missed=true&orgId=/);
  });

  test('a missed check done late fills the flagged record and stays flagged', async () => {
    const orgId = await t.orgId('SFX-002');
    const c = ok(await (await cast.as('staff3')).post('/api/v1/opening-checks', { orgId, kind: 'opening', items: await itemsOf('opening') }), 201);
    assert.deepEqual([c.status, c.missed], ['awaiting_second', true]);
    const done = ok(await (await cast.as('staff9')).post(`/api/v1/opening-checks/${c.id}/confirm`, {}));
    assert.deepEqual([done.status, done.missed], ['done', true]);
  });

  test('the dashboard tiles of the patrols: the overdue patrol is no longer counted once started', async () => {
    const tiles = ok(await (await cast.as('head')).get('/api/v1/dashboard')).today as Array<{ key: string; value: number }>;
    const byKey = Object.fromEntries(tiles.map((x) => [x.key, x.value]));
    assert.equal(byKey['patrols.problemToday'], 0);
    assert.equal(byKey['patrols.doneToday'], 0);
  });
});


describe('PAT-03: the monitoring-room log and archive-before-delete', () => {
  test('an event neither archived nor inside the 90-day retention window is flagged lost; one covered by an archive is archived; a recent one is in retention', async () => {
    const monitor = await cast.as('monitor1');
    const orgId = await t.orgId('SFX-BWB');
    const now = t.clock.now().getTime();
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
    const post = async (b: Record<string, unknown>) => ok(await monitor.post('/api/v1/monitoring-logs', { orgId, ...b }), 201, String(b.kind));
    const lost = await post({ kind: 'event', fromAt: at(100), toAt: at(99.9), camera: '营业厅 2 号', description: '可疑人员徘徊' });
    let kept = await post({ kind: 'event', fromAt: at(95), toAt: at(94.9), camera: 'ATM 1 号', description: '有人遮挡摄像头' });
    assert.equal(kept.archiveState, 'lost', 'not archived yet');
    await post({ kind: 'archive', fromAt: at(96), toAt: at(94), medium: 'hard_disk', storageRef: '档案柜 A-3' });
    kept = ok(await monitor.get(`/api/v1/monitoring-logs/${kept.id}`));
    const recent = await post({ kind: 'event', fromAt: at(10), description: '车辆长时间停放' });
    const shift = await post({ kind: 'shift', fromAt: at(0.2) });
    assert.deepEqual([lost.archiveState, kept.archiveState, recent.archiveState, shift.archiveState], ['lost', 'archived', 'in_retention', 'not_needed']);
    const ids = ok(await monitor.get(`/api/v1/monitoring-logs?archiveState=lost&orgId=${orgId}`)).items.map((x: { id: string }) => x.id);
    assert.deepEqual(ids, [lost.id]);
    const ended = ok(await monitor.post(`/api/v1/monitoring-logs/${shift.id}/end-shift`, {}));
    assert.ok(ended.toAt);
    assertError(await monitor.post(`/api/v1/monitoring-logs/${shift.id}/end-shift`, {}), 409, 'SHIFT_ALREADY_CLOSED');
  });

  test('retention days is an org setting: at 30 days, a 40-day-old un-archived event is lost', async () => {
    const orgId = await t.orgId('SFX-BWB');
    ok(await (await t.login('sysadmin')).patch(`/api/v1/orgs/${orgId}/settings`, { patrols: { retentionDays: 30 } }));
    const e = ok(await (await cast.as('monitor1')).post('/api/v1/monitoring-logs', { orgId, kind: 'event', fromAt: new Date(t.clock.now().getTime() - 40 * DAY).toISOString(), description: '围墙外有人攀爬' }), 201);
    assert.equal(e.archiveState, 'lost');
  });

  test('bad input: an archive needs its medium, an end after the start, nothing in the future', async () => {
    const monitor = await cast.as('monitor1');
    const orgId = await t.orgId('SFX-BWB');
    const now = t.clock.now().getTime();
    assertFieldError(await monitor.post('/api/v1/monitoring-logs', { orgId, kind: 'archive', fromAt: new Date(now - 2 * DAY).toISOString(), toAt: new Date(now - DAY).toISOString() }), 'medium');
    assertFieldError(await monitor.post('/api/v1/monitoring-logs', { orgId, kind: 'archive', medium: 'nas', fromAt: new Date(now - DAY).toISOString(), toAt: new Date(now - 2 * DAY).toISOString() }), 'toAt', 422, 'TIME_ORDER');
    assertFieldError(await monitor.post('/api/v1/monitoring-logs', { orgId, kind: 'shift', fromAt: new Date(now + DAY).toISOString() }), 'fromAt', 422, 'TIME_IN_FUTURE');
    assertFieldError(await monitor.post('/api/v1/monitoring-logs', { orgId, kind: 'event', fromAt: new Date(now - DAY).toISOString() }), 'description');
    assertFieldError(await monitor.post('/api/v1/monitoring-logs', { orgId, kind: 'film', fromAt: new Date(now).toISOString() }), 'kind');
  });

  test('scope: a branch head of SFX-002 does not see the security department’s log (404), and staff may not write it (403)', async () => {
    const [m] = ok(await (await cast.as('monitor1')).get('/api/v1/monitoring-logs?pageSize=1')).items;
    assertError(await (await cast.as('branch2')).get(`/api/v1/monitoring-logs/${m.id}`), 404, 'MONITORING_LOG_NOT_FOUND');
    assertError(await (await cast.as('staff1')).post('/api/v1/monitoring-logs', { orgId: await t.orgId('SFX-001'), kind: 'shift', fromAt: t.clock.now().toISOString() }), 403, 'FORBIDDEN');
  });
});
