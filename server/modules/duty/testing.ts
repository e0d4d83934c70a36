// Tests only: what the duty tests share — a unit rostered from scratch (SFX-003, not rostered by the
// demo), shifts and assignments made through the API, and the sweeps run as the scheduler runs them.
import type { Client, TestApp } from '../../test/harness.ts';
import { runSweeps } from '../../platform/scheduler/registry.ts';
import { ok } from '../hazards/testing.ts';

export const UNIT = 'SFX-003';

export async function shift(t: TestApp, c: Client, name: string, startTime: string, endTime: string, unit = UNIT) {
  return ok(await c.post('/api/v1/duty-rosters/shifts', { orgId: await t.orgId(unit), name, startTime, endTime }), 201, `shift ${name}`);
}

export async function roster(t: TestApp, c: Client, shiftId: string, dutyDate: string, people: string[], leader?: string) {
  const personIds = await Promise.all(people.map((u) => t.userId(u)));
  const body = { shiftId, dutyDate, personIds, ...(leader ? { leaderId: await t.userId(leader) } : {}) };
  return ok(await c.post('/api/v1/duty-rosters', body), 201, `roster ${dutyDate}`);
}

export async function sweep(t: TestApp, name: 'duty.gaps' | 'duty.handovers') {
  const runs = await runSweeps(t.app.anbao, { now: t.clock.now(), only: [name] });
  if (runs.some((r) => r.status === 'failed')) throw new Error(`sweep ${name} failed: ${JSON.stringify(runs)}`);
}
