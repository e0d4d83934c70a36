// Tests only: what the hazard tests (and the dashboard's) share — a clock pinned to a local hour so no
// test runs across midnight, the demo people signed in again after the clock moves (sessions expire),
// reporting a hazard and moving it through its workflow through the API, and reading a person's
// in-app notifications the way they do (GET /api/v1/notifications).
import assert from 'node:assert/strict';
import type { Client, Res, TestApp } from '../../test/harness.ts';
import { PNG_1X1, upload } from '../../test/uploads.ts';
import { addDays, dateIn, startOfDayIn } from '../../platform/time.ts';

export const tzOf = (t: TestApp) => t.app.anbao.config.timeZone;

/** Today (YYYY-MM-DD) in the org time zone, by the test clock; `plus` days later. */
export const localDay = (t: TestApp, plus = 0) => addDays(dateIn(t.clock.now(), tzOf(t)), plus);

/** The instant of `hour`:`minute` local time on `day`. */
export const localTime = (t: TestApp, day: string, hour = 10, minute = 0) => new Date(startOfDayIn(day, tzOf(t)).getTime() + (hour * 60 + minute) * 60_000);

/** Signs the demo people in once and again after the clock moved (the idle timeout ends sessions). */
export class Cast {
  private clients = new Map<string, Promise<Client>>();
  constructor(private readonly t: TestApp) {}

  as(username: string): Promise<Client> {
    if (!this.clients.has(username)) this.clients.set(username, this.t.login(username));
    return this.clients.get(username)!;
  }

  /** Moves the clock to `hour`:00 local time on `day`; everyone signs in again on next use. */
  moveTo(day: string, hour = 10): void {
    this.t.clock.set(localTime(this.t, day, hour));
    this.clients.clear();
  }

  /** Moves the clock by whole days, keeping the local hour. */
  advanceDays(days: number): void {
    this.t.clock.advance(days * 86_400_000);
    this.clients.clear();
  }
}

export function ok<T = any>(r: Res<T>, status = 200, what = ''): T {
  assert.equal(r.status, status, `${what} expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function photo(c: Client, fileName = '现场照片.png'): Promise<string> {
  return ok(await upload(c, { fileName, data: PNG_1X1 }), 201, 'upload').id as string;
}

export const step = (c: Client, id: string, name: string, body: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  c.post(`/api/v1/hazards/${id}/${name}`, body, headers ? { headers } : undefined);

/** Reports a hazard in the unit with `unitCode` (201 expected); returns the hazard. */
export async function report(t: TestApp, c: Client, unitCode: string, extra: Record<string, unknown> = {}) {
  const body = { title: '营业厅后门锁具损坏', description: '后门锁芯松动，无法正常上锁', category: 'physical', orgId: await t.orgId(unitCode), ...extra };
  return ok(await c.post('/api/v1/hazards', body), 201, `report ${String(body.title)}`);
}

export interface ToRectifying {
  assessor: Client;
  grade?: 'general' | 'significant' | 'major';
  dueOn?: string;
  issuer: Client;
  responsibleUserId: string;
  measures?: string;
}

/** Grades the hazard and issues the notice: it is then rectifying, with the responsible person named. */
export async function toRectifying(id: string, o: ToRectifying) {
  const grade = o.grade ?? 'general';
  const assess = { grade, ...(o.dueOn ? { dueOn: o.dueOn } : {}), ...(grade === 'major' ? { interimMeasures: '安排专人值守' } : {}) };
  ok(await step(o.assessor, id, 'assess', assess), 200, 'assess');
  return ok(await step(o.issuer, id, 'issue-notice', { measures: o.measures ?? '立即整改', responsibleUserId: o.responsibleUserId }), 200, 'issue-notice');
}

/** The rectifier submits what was done, with a photo: the hazard waits for verification. */
export async function rectify(rectifier: Client, id: string, note = '已整改完毕') {
  return ok(await step(rectifier, id, 'submit-rectification', { note, attachmentIds: [await photo(rectifier, '整改照片.png')] }), 200, 'submit-rectification');
}

export interface InboxItem {
  id: string;
  rule: string;
  title: string;
  targetId: string;
  link: string | null;
  params: Record<string, unknown>;
}

/** The person's notifications, newest first, in the language asked for (Chinese by default). */
export async function inbox(c: Client, lang?: 'en'): Promise<InboxItem[]> {
  const r = await c.get('/api/v1/notifications?pageSize=200', lang ? { headers: { 'accept-language': lang } } : undefined);
  return ok(r, 200, 'notifications').items;
}

/** The person's notifications about one hazard under one rule. */
export async function noticesOf(c: Client, hazardId: string, rule: string): Promise<InboxItem[]> {
  return (await inbox(c)).filter((n) => n.targetId === hazardId && n.rule === rule);
}

/** Ids of the hazards in a register answer, sorted (for set comparisons). */
export const idsOf = (items: Array<{ id: string }>) => items.map((h) => h.id).sort();
