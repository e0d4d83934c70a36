// DUT-01 through the API: shifts crossing midnight, 24-hour coverage with its gaps (holidays are not
// exempt), the gap sweep (once per gap, within the org's notice days), swaps with separation of duties.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { Cast, inbox, localDay, ok } from '../hazards/testing.ts';
import { roster, shift, sweep, UNIT } from './testing.ts';

let t: TestApp;
let cast: Cast;
let day: { id: string }, night: { id: string };

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  const officer = await cast.as('officer');
  day = await shift(t, officer, '白班', '08:00', '20:00');
  night = await shift(t, officer, '夜班', '20:00', '08:00');
});
after(() => t.close());

const coverage = async (from: string, to: string) => {
  const r = ok(await (await cast.as('officer')).get(`/api/v1/duty-rosters/coverage?orgId=${await t.orgId(UNIT)}&from=${from}&to=${to}`), 200, 'coverage');
  assert.equal(r.units.length, 1, 'one rostered unit in SFX-003');
  return r.units[0].gaps as Array<{ date: string; from: string; to: string }>;
};

describe('DUT-01 coverage', () => {
  test('DUT-01: a shift ending before it starts crosses midnight', async () => {
    const list = ok(await (await cast.as('officer')).get(`/api/v1/duty-rosters/shifts?orgId=${await t.orgId(UNIT)}`));
    assert.deepEqual(list.items.map((s: { name: string; crossesMidnight: boolean }) => [s.name, s.crossesMidnight]), [['白班', false], ['夜班', true]]);
  });

  test('DUT-01: gaps are the periods no shift with a person covers; the night shift covers 00:00–08:00 of the next day', async () => {
    const officer = await cast.as('officer');
    const d = localDay(t, 20);
    await roster(t, officer, day.id, d, ['officer2']);
    await roster(t, officer, night.id, d, ['monitor1']);
    await roster(t, officer, night.id, nextDay(d), ['patrol1']);
    const gaps = await coverage(d, nextDay(nextDay(d)));
    assert.deepEqual(
      gaps.map((g) => [g.date, g.from, g.to]),
      [
        [d, '00:00', '08:00'],
        [nextDay(d), '08:00', '20:00'],
        [nextDay(nextDay(d)), '08:00', '24:00'],
      ],
      'd: no night before it, so 00:00–08:00 is open; d+1: its 00:00–08:00 is the night of d; d+2: only the tail of the night of d+1',
    );
  });

  test('DUT-01: a holiday is not exempt — New Year’s Day without a roster is a gap of the whole day after the night shift', async () => {
    const year = Number(localDay(t).slice(0, 4)) + 1;
    const eve = `${year - 1}-12-31`;
    await roster(t, await cast.as('officer'), night.id, eve, ['monitor1']);
    const gaps = await coverage(`${year}-01-01`, `${year}-01-01`);
    assert.deepEqual(gaps.map((g) => [g.date, g.from, g.to]), [[`${year}-01-01`, '08:00', '24:00']]);
  });

  test('DUT-01: the same shift cannot be rostered twice on a date (409); nobody outside the unit may be rostered (422 naming personIds)', async () => {
    const officer = await cast.as('officer');
    const d = localDay(t, 20);
    const dup = await officer.post('/api/v1/duty-rosters', { shiftId: day.id, dutyDate: d, personIds: [await t.userId('officer')] });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'ASSIGNMENT_EXISTS');
    const r = await officer.post('/api/v1/duty-rosters', { shiftId: day.id, dutyDate: localDay(t, 25), personIds: [await t.userId('staff3')] });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.error.details[0].path, 'personIds');
  });

  test('bad input: a time that is not HH:MM is 400 naming startTime; a reversed range is 422 naming to', async () => {
    const officer = await cast.as('officer');
    const r = await officer.post('/api/v1/duty-rosters/shifts', { orgId: await t.orgId(UNIT), name: '错班', startTime: '25:00', endTime: '08:00' });
    assert.equal(r.status, 400);
    assert.ok(r.body.error.details.some((d: { path: string }) => d.path === 'startTime'), JSON.stringify(r.body));
    const c = await officer.get(`/api/v1/duty-rosters/coverage?orgId=${await t.orgId(UNIT)}&from=${localDay(t, 5)}&to=${localDay(t, 1)}`);
    assert.equal(c.status, 422);
    assert.equal(c.body.error.details[0].path, 'to');
  });

  test('scope: another branch head cannot see SFX-003’s shifts, coverage or assignments (404)', async () => {
    const branch2 = await cast.as('branch2');
    assert.equal((await branch2.get(`/api/v1/duty-rosters/coverage?orgId=${await t.orgId(UNIT)}&from=${localDay(t)}&to=${localDay(t)}`)).status, 404);
    const a = await roster(t, await cast.as('officer'), day.id, localDay(t, 30), ['officer2']);
    assert.equal((await branch2.get(`/api/v1/duty-rosters/${a.id}`)).status, 404);
    assert.equal((await branch2.post(`/api/v1/duty-rosters/${a.id}/swaps`, { counterpartId: await t.userId('guard2'), reason: '家中有事' })).status, 404);
  });
});

function nextDay(d: string) {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

describe('DUT-01 gap sweep', () => {
  test('DUT-01: gaps within the notice days (3 by default) are flagged to the unit head and the security head, once per gap however often the sweep runs', async () => {
    await sweep(t, 'duty.gaps');
    await sweep(t, 'duty.gaps');
    const unitId = await t.orgId(UNIT);
    const gapsOf = async (u: string) => (await inbox(await cast.as(u))).filter((n) => n.rule === 'duty.gap' && n.targetId === unitId);
    const b3 = await gapsOf('branch3');
    // Today … today+3 have no roster in SFX-003: four whole days (today's counted from now on are still one gap).
    const days = [0, 1, 2, 3].map((n) => localDay(t, n));
    assert.deepEqual([...new Set(b3.map((n) => n.params.date))].sort(), days);
    assert.equal(b3.length, 4, 'one notice per gap');
    assert.equal((await gapsOf('head')).length, 4, 'the security head hears of each gap too');
    assert.equal((await gapsOf('officer')).length, 0, 'not the officer');
    assert.ok(!b3.some((n) => n.params.date === localDay(t, 20)), 'a gap beyond the notice days is not flagged yet');
  });
});

describe('DUT-01 swaps', () => {
  let id: string;
  let swapId: string;

  test('only a person on the shift may ask for a swap (403); not with themself (422 naming counterpartId)', async () => {
    const a = await roster(t, await cast.as('officer'), day.id, localDay(t, 12), ['officer']);
    id = a.id;
    const r = await (await cast.as('monitor1')).post(`/api/v1/duty-rosters/${id}/swaps`, { counterpartId: await t.userId('officer2'), reason: '调休' });
    assert.equal(r.status, 403);
    const self = await (await cast.as('officer')).post(`/api/v1/duty-rosters/${id}/swaps`, { counterpartId: await t.userId('officer'), reason: '调休' });
    assert.equal(self.status, 422);
    assert.equal(self.body.error.details[0].path, 'counterpartId');
  });

  test('the officer asks to swap with officer2; the approvers are told', async () => {
    const r = ok(await (await cast.as('officer')).post(`/api/v1/duty-rosters/${id}/swaps`, { counterpartId: await t.userId('officer2'), reason: '家中有事' }), 201, 'swap');
    assert.equal(r.swaps.length, 1);
    swapId = r.swaps[0].id;
    assert.equal(r.swaps[0].status, 'pending');
    assert.ok((await inbox(await cast.as('head'))).some((n) => n.rule === 'duty.swap_requested' && n.targetId === id));
  });

  test('DUT-01: separation of duties — neither the requester nor the counterpart may approve (422), and nothing moves', async () => {
    for (const who of ['officer', 'officer2']) {
      const r = await (await cast.as(who)).post(`/api/v1/duty-rosters/${id}/swaps/${swapId}/approve`, {});
      assert.equal(r.status, 422, `${who}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'SWAP_SEPARATION');
    }
    const a = ok(await (await cast.as('head')).get(`/api/v1/duty-rosters/${id}`));
    assert.deepEqual(a.people.map((p: { name: string }) => p.name), ['杨晓明']);
    assert.deepEqual(a.swaps[0].allowedActions, ['approve', 'reject'], 'the head may decide');
  });

  test('a guard (no approve permission) is refused 403', async () => {
    const r = await (await cast.as('monitor1')).post(`/api/v1/duty-rosters/${id}/swaps/${swapId}/approve`, {});
    assert.equal(r.status, 403);
  });

  test('DUT-01: the security head approves; the place moves to officer2, audited; a second decision is 409', async () => {
    const r = ok(await (await cast.as('head')).post(`/api/v1/duty-rosters/${id}/swaps/${swapId}/approve`, { note: '同意' }));
    assert.deepEqual(r.people.map((p: { name: string }) => p.name), ['林涛']);
    assert.equal(r.swaps[0].status, 'approved');
    assert.equal(r.swaps[0].decidedBy.name, '陈卫东');
    const history = ok(await (await cast.as('head')).get(`/api/v1/duty-rosters/${id}/history`));
    assert.ok(history.some((h: { action: string }) => h.action === 'duty.swap_approve'), JSON.stringify(history.map((h: { action: string }) => h.action)));
    const again = await (await cast.as('head')).post(`/api/v1/duty-rosters/${id}/swaps/${swapId}/reject`, {});
    assert.equal(again.status, 409);
  });
});

describe('RPT-02 dashboard tiles', () => {
  test('DUT-01: the branch head’s “duty gaps in the next 7 days” tile counts the gaps the coverage page lists for their unit', async () => {
    const branch3 = await cast.as('branch3');
    const dash = ok(await branch3.get('/api/v1/dashboard'));
    const tile = dash.today.find((x: { key: string }) => x.key === 'duty.gapsNext7Days');
    assert.ok(tile, JSON.stringify(dash.today));
    const cov = ok(await branch3.get(`/api/v1/duty-rosters/coverage?orgId=${await t.orgId(UNIT)}&from=${localDay(t)}&to=${localDay(t, 6)}`));
    // SFX-003 has nothing rostered in the next 7 days: one whole-day gap each day.
    assert.equal(cov.gapCount, 7);
    assert.equal(tile.value, 7);
    assert.equal(tile.tone, 'warn');
    assert.match(tile.link, /^\/duty\/coverage\?orgId=/);
  });
});
