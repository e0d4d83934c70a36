import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgTodayIso } from './org-time.ts';

test('"today" is the cooperative’s date, whatever zone the browser is in', () => {
  // 20:30 UTC on 4 December is already 5 December in Shanghai, still 4 December in Los Angeles.
  const now = new Date('2026-12-04T20:30:00Z');
  assert.equal(orgTodayIso(now, 'Asia/Shanghai'), '2026-12-05');
  assert.equal(orgTodayIso(now, 'America/Los_Angeles'), '2026-12-04');
  assert.equal(orgTodayIso(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai'), '2027-01-01', 'the year turns in Shanghai first');
});
