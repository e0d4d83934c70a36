// Helpers shared by the inspections tests (not a test file itself).
import assert from 'node:assert/strict';
import { runSweeps } from '../../platform/scheduler/registry.ts';
import { addDays, dateIn, startOfDayIn } from '../../platform/time.ts';
import type { Client, Res, TestApp } from '../../test/harness.ts';
import { PNG_1X1, upload } from '../../test/uploads.ts';

export const TZ = 'Asia/Shanghai';

/** The local day (YYYY-MM-DD) of the test clock, plus `offset` days. */
export const localDay = (t: TestApp, offset = 0) => addDays(dateIn(t.clock.now(), TZ), offset);

/** A local time of day on `day` (e.g. 09:00 in Shanghai). */
export const atLocal = (day: string, hours: number) => new Date(startOfDayIn(day, TZ).getTime() + hours * 3_600_000);

export function ok(r: Res, status = 200): Res {
  assert.equal(r.status, status, `expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

export async function sweep(t: TestApp, ...names: string[]) {
  const runs = await runSweeps(t.app.anbao, { now: t.clock.now(), only: names });
  for (const r of runs) assert.equal(r.status, 'done', JSON.stringify(r));
}

export async function shippedTemplate(c: Client, kind: string) {
  const r = ok(await c.get(`/api/v1/inspection-templates?kind=${kind}`));
  const tpl = r.body.items.find((x: { shipped: boolean }) => x.shipped);
  assert.ok(tpl, `shipped ${kind} template`);
  return tpl as { id: string; familyId: string; name: string };
}

export async function photo(c: Client, name = '现场照片.png'): Promise<string> {
  return ok(await upload(c, { fileName: name, data: PNG_1X1 }), 201).body.id;
}

export const put = (c: Client, id: string, key: string, body: Record<string, unknown>) => c.request('PUT', `/api/v1/inspections/${id}/results/${key}`, body);

/** Item keys of a record, in checklist order. */
export const keysOf = (detail: { sections: Array<{ items: Array<{ key: string }> }> }) => detail.sections.flatMap((s) => s.items.map((i) => i.key));

/** Answers every item not in `except` with pass. */
export async function passAll(c: Client, detail: { id: string; sections: Array<{ items: Array<{ key: string }> }> }, except: string[] = []) {
  for (const key of keysOf(detail)) if (!except.includes(key)) ok(await put(c, detail.id, key, { result: 'pass' }));
}

/** A small checklist of three items (physical, fire, fire) for exact figures. */
export async function smallTemplate(c: Client, name = `小型检查表${Math.random().toString(36).slice(2, 7)}`) {
  const body = {
    kind: 'other',
    name,
    nameEn: 'Small checklist',
    sections: [
      {
        title: '设施',
        titleEn: 'Facilities',
        items: [
          { key: 'alarm', text: '报警装置正常', textEn: 'Alarm works', standard: '测试报警能报至监控中心', standardEn: 'A test reaches the centre', method: 'technical', category: 'physical', defaultGrade: 'major' },
          { key: 'exits', text: '安全出口畅通', textEn: 'Exits clear', standard: '无堆物', standardEn: 'No obstacles', method: 'onsite', category: 'fire', defaultGrade: 'general' },
        ],
      },
      { title: '消防', titleEn: 'Fire', items: [{ key: 'extinguisher', text: '灭火器有效', textEn: 'Extinguishers valid', standard: '在有效期内', standardEn: 'In date', method: 'onsite', category: 'fire', defaultGrade: 'significant' }] },
    ],
  };
  return ok(await c.post('/api/v1/inspection-templates', body), 201).body as { id: string; familyId: string; templateVersion: number; version: number; sections: unknown[] };
}

export async function adhoc(t: TestApp, c: Client, o: { unit: string; templateId: string; leader: string; members?: string[]; dueOn?: string; unannounced?: boolean; siteId?: string }) {
  const body = {
    templateId: o.templateId,
    orgId: await t.orgId(o.unit),
    leaderId: await t.userId(o.leader),
    memberIds: await Promise.all((o.members ?? []).map((m) => t.userId(m))),
    dueOn: o.dueOn ?? localDay(t, 7),
    ...(o.unannounced ? { unannounced: true } : {}),
    ...(o.siteId ? { siteId: o.siteId } : {}),
  };
  return ok(await c.post('/api/v1/inspections', body), 201).body;
}
