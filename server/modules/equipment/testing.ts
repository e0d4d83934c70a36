// Tests only: registering equipment and moving fault tickets through the API, shared by the
// equipment tests. The clock and sign-in helpers are the hazards module's (Cast, localDay, ok…).
import type { Client, TestApp } from '../../test/harness.ts';
import { ok } from '../hazards/testing.ts';

let seq = 0;

/** Registers equipment in the unit with `unitCode` (201 expected); returns it. */
export async function register(t: TestApp, c: Client, unitCode: string, extra: Record<string, unknown> = {}) {
  seq += 1;
  const body = { kind: 'camera', name: `测试摄像机${seq}`, orgId: await t.orgId(unitCode), model: 'DS-2CD', serialNo: `SN${seq}`, installedOn: '2024-01-10', ...extra };
  return ok(await c.post('/api/v1/equipment', body), 201, `register ${String(body.name)}`);
}

export const faultStep = (c: Client, id: string, name: string, body: Record<string, unknown> = {}) => c.post(`/api/v1/equipment-faults/${id}/${name}`, body);

export async function reportFault(c: Client, equipmentId: string, extra: Record<string, unknown> = {}) {
  return ok(await c.post('/api/v1/equipment-faults', { equipmentId, description: '画面黑屏，无录像', ...extra }), 201, 'report fault');
}

export async function equipmentStatus(c: Client, id: string): Promise<string> {
  return ok(await c.get(`/api/v1/equipment/${id}`)).status;
}
