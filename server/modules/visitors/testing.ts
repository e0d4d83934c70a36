// Tests only: what the visitors module's tests share.
import type { Client, TestApp } from '../../test/harness.ts';
import { Cast, localDay, localTime, ok } from '../hazards/testing.ts';

export { Cast, localDay, localTime, ok };

export async function siteId(c: Client, name: string): Promise<string> {
  const r = ok(await c.get(`/api/v1/sites?pageSize=200&q=${encodeURIComponent(name)}`), 200, 'sites');
  const s = (r.items as Array<{ id: string; name: string }>).find((x) => x.name === name);
  if (!s) throw new Error(`no site ${name}`);
  return s.id;
}

/** A walk-in at 城关信用社 (SFX-001), checked in by the desk (guard1 by default). */
export async function walkIn(t: TestApp, desk: Client, extra: Record<string, unknown> = {}) {
  const body = { kind: 'walk_in', orgId: await t.orgId('SFX-001'), name: '李四', company: '某装修公司', documentType: 'resident_id', documentNumber: '110101199001011234', purpose: '营业厅灯具维修', hostId: await t.userId('staff1'), siteIds: [], ...extra };
  return ok(await desk.post('/api/v1/visitors', body), 201, 'walk-in');
}

export async function appointment(t: TestApp, host: Client, expectedAt: Date, extra: Record<string, unknown> = {}) {
  const body = { kind: 'appointment', orgId: await t.orgId('SFX-001'), name: '王五', company: '人民银行', documentType: 'passport', documentNumber: 'E12345678', purpose: '业务检查', hostId: await t.userId('staff1'), siteIds: [], expectedAt: expectedAt.toISOString(), ...extra };
  return ok(await host.post('/api/v1/visitors', body), 201, 'appointment');
}
