// Tests only: what the patrol tests share — a route made through the API, the scan of a checkpoint by
// its token (as the phone opens the QR link), and the patrols sweep run as the scheduler runs it.
import assert from 'node:assert/strict';
import { runSweeps } from '../../platform/scheduler/registry.ts';
import type { Client, TestApp } from '../../test/harness.ts';
import { ok } from '../hazards/testing.ts';

export { Cast, inbox, localDay, localTime, ok, photo } from '../hazards/testing.ts';

export const CHECKPOINTS = [
  { name: '金库门', windowMinutes: 10 },
  { name: 'ATM 区域', windowMinutes: 20 },
  { name: '机房', windowMinutes: 30 },
  { name: '后门及窗户', windowMinutes: 40 },
];

export async function makeRoute(t: TestApp, c: Client, unitCode: string, extra: Record<string, unknown> = {}) {
  const body = { orgId: await t.orgId(unitCode), name: '夜间巡逻路线', scheduleTimes: [], scheduleDays: [1, 2, 3, 4, 5, 6, 7], checkpoints: CHECKPOINTS, ...extra };
  return ok(await c.post('/api/v1/patrol-routes', body), 201, 'route');
}

export const scanUrl = (token: string) => `/api/v1/patrol-scan/${token}`;

export async function scanAt(c: Client, token: string, body: Record<string, unknown> = {}) {
  return ok(await c.post(scanUrl(token), body), 200, 'scan');
}

export async function sweep(t: TestApp) {
  const runs = await runSweeps(t.app.anbao, { now: t.clock.now(), only: ['patrols.sweep'] });
  assert.deepEqual(runs.map((r) => [r.name, r.status, r.error]), [['patrols.sweep', 'done', undefined]]);
}
