// INS-05: the inspection summary of a period — due, done, overdue and coverage per unit, failed items
// by hazard category, the units with most findings — checked to the exact figure on a constructed
// scenario far enough ahead (within the 90-day password age) that no other inspection falls in the period.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertFieldError } from '../../test/http-assert.ts';
import { adhoc, atLocal, localDay, ok, passAll, put, smallTemplate } from './test-support.ts';

let t: TestApp;
let officer: Client;

before(async () => {
  t = await startTestApp();
  officer = await t.login('officer');
});
after(() => t.close());

async function perform(id: string, fails: string[]) {
  const d = ok(await officer.get(`/api/v1/inspections/${id}`)).body;
  for (const k of fails) ok(await put(officer, id, k, { result: 'fail', note: '不合格' }));
  await passAll(officer, d, fails);
  ok(await officer.post(`/api/v1/inspections/${id}/sign`, { role: 'inspector', method: 'account' }));
  return ok(await officer.post(`/api/v1/inspections/${id}/submit`, {})).body;
}

test('INS-05: due, done, overdue, coverage, failed items by category and the weakest units — exact figures', async () => {
  const tpl = await smallTemplate(officer);
  const start = localDay(t, 40);
  const end = localDay(t, 50);
  const make = (unit: string, dueOffset: number) => adhoc(t, officer, { unit, templateId: tpl.id, leader: 'officer', dueOn: localDay(t, dueOffset) });
  // 城关 (SFX-001): three due on day 40 — two submitted with 2 + 1 failures, one never done.
  const a1 = await make('SFX-001', 40);
  const a2 = await make('SFX-001', 40);
  await make('SFX-001', 40);
  // 东街 (SFX-002): two due on day 45 — one submitted clean, one started and left.
  const b1 = await make('SFX-002', 45);
  const b2 = await make('SFX-002', 45);
  // 西城 (SFX-003): one due on day 48 with a failure; one withdrawn; one due after the period.
  const c1 = await make('SFX-003', 48);
  const c2 = await make('SFX-003', 41);
  await make('SFX-003', 60);
  await perform(a1.id, ['alarm', 'exits']);
  await perform(a2.id, ['extinguisher']);
  await perform(b1.id, []);
  ok(await put(officer, b2.id, 'alarm', { result: 'pass' }));
  await perform(c1.id, ['alarm']);
  ok(await officer.post(`/api/v1/inspections/${c2.id}/withdraw`, { reason: '网点装修暂停营业' }));

  // Day 46: the day-40 and day-45 inspections are past due; the day-48 one is not.
  t.clock.set(atLocal(localDay(t, 46), 10));
  officer = await t.login('officer');
  const county = await t.orgId('SFX');
  const r = ok(await officer.get(`/api/v1/inspections/summary?from=${start}&to=${end}&orgId=${county}`)).body;
  const [u1, u2, u3] = await Promise.all(['SFX-001', 'SFX-002', 'SFX-003'].map((c) => t.orgId(c)));
  assert.deepEqual(r, {
    from: start,
    to: end,
    totals: { due: 6, done: 4, overdue: 2, coverage: 66.7, failedItems: 4 },
    units: [
      { orgId: u1, orgName: '城关信用社', due: 3, done: 2, overdue: 1, coverage: 66.7, failedItems: 3 },
      { orgId: u2, orgName: '东街信用分社', due: 2, done: 1, overdue: 1, coverage: 50, failedItems: 0 },
      { orgId: u3, orgName: '西城信用分社', due: 1, done: 1, overdue: 0, coverage: 100, failedItems: 1 },
    ],
    failedByCategory: [
      { category: 'fire', count: 2 },
      { category: 'physical', count: 2 },
    ],
    topUnits: [
      { orgId: u1, orgName: '城关信用社', failedItems: 3 },
      { orgId: u3, orgName: '西城信用分社', failedItems: 1 },
    ],
  });

  // A branch head sees only their branch.
  const branch2 = await t.login('branch2');
  const mine = ok(await branch2.get(`/api/v1/inspections/summary?from=${start}&to=${end}`)).body;
  assert.deepEqual(mine.totals, { due: 2, done: 1, overdue: 1, coverage: 50, failedItems: 0 });
  assert.deepEqual(mine.units.map((u: { orgId: string }) => u.orgId), [u2]);

  // A narrower period: only day 40.
  const day40 = ok(await officer.get(`/api/v1/inspections/summary?from=${start}&to=${start}`)).body;
  assert.deepEqual(day40.totals, { due: 3, done: 2, overdue: 1, coverage: 66.7, failedItems: 3 });
  const none = ok(await officer.get(`/api/v1/inspections/summary?from=${localDay(t, 70)}&to=${localDay(t, 71)}`)).body;
  assert.deepEqual(none.totals, { due: 0, done: 0, overdue: 0, coverage: null, failedItems: 0 });
});

test('INS-05: bad periods are refused naming the field', async () => {
  assertFieldError(await officer.get(`/api/v1/inspections/summary?from=${localDay(t, 5)}&to=${localDay(t)}`), 'to');
  assertFieldError(await officer.get(`/api/v1/inspections/summary?to=${localDay(t)}`), 'from');
  assertFieldError(await officer.get('/api/v1/inspections/summary?from=2026-02-30&to=2026-03-01'), 'from');
});
