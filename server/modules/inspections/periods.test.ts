// INS-02: plan periods as local calendar days — ISO weeks across year ends, months, quarters — and
// when an inspection of a period is scheduled and due.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RECURRENCES } from '../../db/schema/inspections.ts';
import { addDays } from '../../platform/time.ts';
import { periodOf, periodsBetween, scheduleIn, startOfKey } from './periods.ts';

test('INS-02: ISO weeks run Monday–Sunday and belong to the year of their Thursday', () => {
  assert.deepEqual(periodOf('weekly', '2026-12-31'), { key: '2026-W53', start: '2026-12-28', end: '2027-01-03' });
  assert.deepEqual(periodOf('weekly', '2027-01-03'), { key: '2026-W53', start: '2026-12-28', end: '2027-01-03' });
  assert.deepEqual(periodOf('weekly', '2027-01-04'), { key: '2027-W01', start: '2027-01-04', end: '2027-01-10' });
  assert.deepEqual(periodOf('weekly', '2025-12-29'), { key: '2026-W01', start: '2025-12-29', end: '2026-01-04' });
  assert.equal(periodOf('weekly', '2026-11-23').key, '2026-W48');
});

test('INS-02: months, quarters and years; every key maps back to its first day', () => {
  assert.deepEqual(periodOf('monthly', '2028-02-15'), { key: '2028-02', start: '2028-02-01', end: '2028-02-29' });
  assert.deepEqual(periodOf('quarterly', '2026-11-23'), { key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  assert.deepEqual(periodOf('yearly', '2026-11-23'), { key: '2026', start: '2026-01-01', end: '2026-12-31' });
  for (const r of RECURRENCES) {
    for (let d = '2025-12-20'; d < '2027-01-15'; d = addDays(d, 3)) {
      const p = periodOf(r, d);
      assert.equal(startOfKey(r, p.key), p.start, `${r} ${d}`);
      assert.ok(p.start <= d && d <= p.end, `${r} ${d} lies in its period`);
    }
  }
});

test('INS-02: the periods a plan owes, resuming at the last generated one', () => {
  assert.deepEqual(periodsBetween('monthly', '2026-11-15', '2027-01-02').map((p) => p.key), ['2026-11', '2026-12', '2027-01']);
  assert.deepEqual(periodsBetween('monthly', '2026-11-15', '2027-01-02', { since: '2026-12' }).map((p) => p.key), ['2026-12', '2027-01']);
  assert.deepEqual(periodsBetween('weekly', '2026-12-30', '2027-01-12', { since: '2026-W53' }).map((p) => p.key), ['2026-W53', '2027-W01', '2027-W02']);
  assert.deepEqual(periodsBetween('daily', '2026-11-28', '2026-11-27'), [], 'nothing before the start');
  assert.deepEqual(periodsBetween('once', '2026-11-28', '2026-12-31').map((p) => p.key), ['2026-11-28']);
});

test('INS-02: an inspection starts at the later of period and plan start; a recurring one is due by its period’s end', () => {
  const nov = periodOf('monthly', '2026-11-15');
  assert.deepEqual(scheduleIn('monthly', nov, '2026-11-15', 10), { scheduledFor: '2026-11-15', dueOn: '2026-11-24' });
  assert.deepEqual(scheduleIn('monthly', nov, '2026-11-25', 10), { scheduledFor: '2026-11-25', dueOn: '2026-11-30' });
  assert.deepEqual(scheduleIn('monthly', periodOf('monthly', '2026-12-01'), '2026-11-25', 31), { scheduledFor: '2026-12-01', dueOn: '2026-12-31' });
  assert.deepEqual(scheduleIn('once', periodOf('once', '2026-11-28'), '2026-11-28', 7), { scheduledFor: '2026-11-28', dueOn: '2026-12-04' });
});
