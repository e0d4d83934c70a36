import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMoment, orgTodayIso, setOrgTimeZone } from './org-time.ts';

test('"today" is the cooperative’s date, whatever zone the browser is in', () => {
  // 20:30 UTC on 4 December is already 5 December in Shanghai, still 4 December in Los Angeles.
  const now = new Date('2026-12-04T20:30:00Z');
  assert.equal(orgTodayIso(now, 'Asia/Shanghai'), '2026-12-05');
  assert.equal(orgTodayIso(now, 'America/Los_Angeles'), '2026-12-04');
  assert.equal(orgTodayIso(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai'), '2027-01-01', 'the year turns in Shanghai first');
});

test('moments are shown in the cooperative’s zone; a calendar day stays that day in any zone', () => {
  const formatDateTime = (iso: string) => formatMoment(iso, 'datetime', 'zh-CN');
  const formatDate = (iso: string) => formatMoment(iso, 'date', 'zh-CN');
  setOrgTimeZone('Asia/Shanghai');
  assert.match(formatDateTime('2026-12-04T20:30:00Z'), /2026\D12\D05\D+04:30:00/);
  assert.match(formatDate('2026-12-04T20:30:00Z'), /2026\D12\D05/);
  setOrgTimeZone('America/Los_Angeles');
  assert.match(formatDate('2026-12-04T20:30:00Z'), /2026\D12\D04/);
  assert.match(formatDateTime('2026-12-04T20:30:00Z'), /2026\D12\D04\D+12:30:00/);
  assert.match(formatDate('2026-12-05'), /2026\D12\D05/, 'a deadline date is not shifted to the day before');
  setOrgTimeZone(undefined);
});
