// Deadlines, reminders and escalation (HAZ-02, HAZ-04), and the notices the workflow steps send. The
// clock is pinned at 10:00 local time and moved day by day; the reminder sweep runs as the scheduler
// would run it (runSweeps with the moved clock). Each person reads their own notifications through
// the API, as in the web app's bell.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runSweeps } from '../../platform/scheduler/registry.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { Cast, inbox, localDay, localTime, noticesOf, ok, rectify, report, step, toRectifying } from './testing.ts';

let t: TestApp;
let cast: Cast;
let sysadmin: Client;
let d0: string;
const id: Record<string, string> = {};
const people: Record<string, string> = {};

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  d0 = localDay(t, 1);
  cast.moveTo(d0, 10);
  sysadmin = await t.login('sysadmin');
  for (const u of ['officer', 'officer2', 'head', 'branch1', 'staff1', 'staff2']) people[u] = await t.userId(u);
});
after(() => t.close());

async function sweep() {
  const runs = await runSweeps(t.app.anbao, { now: t.clock.now(), only: ['hazards.reminders'] });
  assert.deepEqual(runs.map((r) => [r.name, r.status, r.error]), [['hazards.reminders', 'done', undefined]]);
}

/** How many notices under `rule` about hazard `key` each person has (read as that person). */
async function counts(rule: string, key: string, usernames: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const u of usernames) out[u] = (await noticesOf(await cast.as(u), id[key], rule)).length;
  return out;
}

const settingsUrl = async (code: string) => `/api/v1/orgs/${await t.orgId(code)}/settings`;

describe('HAZ-02: the grade sets the default deadline, per org settings', () => {
  test('the system administrator sets general hazards to 20 days for the county: a general hazard of SFX-001 is due in 20 days', async () => {
    ok(await sysadmin.patch(await settingsUrl('SFX'), { hazards: { generalDays: 20 } }));
    const h = await report(t, await cast.as('staff1'), 'SFX-001');
    const a = ok(await step(await cast.as('head'), h.id, 'assess', { grade: 'general' }));
    assert.equal(Date.parse(a.dueAt), localTime(t, localDay(t, 21), 0).getTime() - 1, 'end of the 20th local day from today');
  });

  test('a branch may override its county: SFX-001 at 10 days, SFX-002 keeps the county’s 20', async () => {
    ok(await sysadmin.patch(await settingsUrl('SFX-001'), { hazards: { generalDays: 10, significantDays: 5, majorDays: 3 } }));
    const head = await cast.as('head');
    const h1 = await report(t, await cast.as('officer'), 'SFX-001', { title: '城关网点围墙破损' });
    const h2 = await report(t, await cast.as('officer'), 'SFX-002', { title: '东街网点围墙破损' });
    assert.equal(Date.parse(ok(await step(head, h1.id, 'assess', { grade: 'general' })).dueAt), localTime(t, localDay(t, 11), 0).getTime() - 1);
    assert.equal(Date.parse(ok(await step(head, h2.id, 'assess', { grade: 'general' })).dueAt), localTime(t, localDay(t, 21), 0).getTime() - 1);
  });

  test('the assessor sees the deadline each grade would set (SFX-001: 10/5/3 days); a reporter who may not assess sees none', async () => {
    const h = await report(t, await cast.as('staff1'), 'SFX-001', { title: '城关网点监控硬盘告警' });
    const asHead = ok(await (await cast.as('head')).get(`/api/v1/hazards/${h.id}`));
    assert.deepEqual(asHead.defaultDueOn, { general: localDay(t, 10), significant: localDay(t, 5), major: localDay(t, 3) });
    const asReporter = ok(await (await cast.as('staff1')).get(`/api/v1/hazards/${h.id}`));
    assert.equal(asReporter.defaultDueOn, null);
  });

  test('inconsistent settings are refused naming the field (a major deadline longer than a significant one)', async () => {
    const e = assertFieldError(await sysadmin.patch(await settingsUrl('SFX'), { hazards: { majorDays: 20 } }), 'hazards.majorDays');
    assert.match(e.message, /15/, 'the limit is named');
    assertFieldError(await sysadmin.patch(await settingsUrl('SFX'), { hazards: { generalDays: 0 } }), 'hazards.generalDays');
    assertFieldError(await sysadmin.patch(await settingsUrl('SFX'), { hazards: { reminderDays: 3 } }), 'hazards.reminderDays');
    const view = ok(await sysadmin.get(await settingsUrl('SFX')));
    assert.deepEqual(view.own.hazards, { generalDays: 20 }, 'nothing changed');
  });

  test('a deadline before today is refused: 422 DUE_IN_PAST naming dueOn', async () => {
    const h = await report(t, await cast.as('staff1'), 'SFX-001', { title: '过期测试' });
    const e = assertError(await step(await cast.as('head'), h.id, 'assess', { grade: 'general', dueOn: localDay(t, -1) }), 422, 'DUE_IN_PAST');
    assert.deepEqual(e.details?.map((d) => d.path), ['dueOn']);
    ok(await step(await cast.as('head'), h.id, 'assess', { grade: 'general', dueOn: localDay(t, 0) }), 200, 'today is allowed');
  });
});

describe('event notices: each step tells the people who act next', () => {
  test('a report is announced to the assessors (officer, officer2, head), not to the reporter or the branch', async () => {
    id.E = (await report(t, await cast.as('staff1'), 'SFX-001', { title: '营业厅监控硬盘录像缺失' })).id;
    assert.deepEqual(await counts('hazard.reported', 'E', ['officer', 'officer2', 'head', 'staff1', 'branch1']), { officer: 1, officer2: 1, head: 1, staff1: 0, branch1: 0 });
    const [n] = await noticesOf(await cast.as('head'), id.E, 'hazard.reported');
    assert.match(n.title, /^新隐患待定级：YH-\d{4}-\d{6} 营业厅监控硬盘录像缺失$/);
    assert.equal(n.link, `/hazards/${id.E}`);
  });

  test('the notice goes to the responsible person and the unit head', async () => {
    await toRectifying(id.E, { assessor: await cast.as('head'), dueOn: localDay(t, 15), issuer: await cast.as('officer'), responsibleUserId: people.staff2 });
    assert.deepEqual(await counts('hazard.notice_issued', 'E', ['staff2', 'branch1', 'officer', 'staff1']), { staff2: 1, branch1: 1, officer: 0, staff1: 0 });
    const [n] = await noticesOf(await cast.as('staff2'), id.E, 'hazard.notice_issued');
    assert.ok(n.title.startsWith('整改通知：') && n.title.endsWith(`期限 ${localDay(t, 15)}`), n.title);
  });

  test('a submitted rectification goes to the verifiers, not to the rectifier', async () => {
    await rectify(await cast.as('staff2'), id.E);
    assert.deepEqual(await counts('hazard.rectified', 'E', ['officer', 'officer2', 'head', 'staff2', 'branch1']), { officer: 1, officer2: 1, head: 1, staff2: 0, branch1: 0 });
  });
});

describe('HAZ-04: reminders before the deadline and escalation after it', () => {
  test('day 0: due in 3 days → due_soon to the responsible person and the unit head, once however often the sweep runs', async () => {
    const staff1 = await cast.as('staff1');
    const [head, officer] = [await cast.as('head'), await cast.as('officer')];
    id.R1 = (await report(t, staff1, 'SFX-001', { title: '自助银行加钞间门锁失灵' })).id;
    await toRectifying(id.R1, { assessor: head, dueOn: localDay(t, 3), issuer: officer, responsibleUserId: people.staff2 });
    id.R2 = (await report(t, staff1, 'SFX-001', { title: '营业厅应急照明损坏' })).id;
    await toRectifying(id.R2, { assessor: head, dueOn: localDay(t, 0), issuer: officer, responsibleUserId: people.staff2 });
    id.R4 = (await report(t, staff1, 'SFX-001', { title: '网点机房空调漏水' })).id;
    await toRectifying(id.R4, { assessor: head, dueOn: localDay(t, 3), issuer: officer, responsibleUserId: people.branch1 });
    // R3: reported by officer2, rectified by the officer (who may rectify anywhere in the county).
    id.R3 = (await report(t, await cast.as('officer2'), 'SFX-001', { title: '营业厅紧急报警按钮无响应' })).id;
    await toRectifying(id.R3, { assessor: head, issuer: officer, responsibleUserId: people.branch1 });
    await rectify(officer, id.R3);

    await sweep();
    await sweep();
    assert.deepEqual(await counts('hazard.due_soon', 'R1', ['staff2', 'branch1', 'head', 'officer']), { staff2: 1, branch1: 1, head: 0, officer: 0 });
    assert.deepEqual(await counts('hazard.due_soon', 'R4', ['branch1']), { branch1: 1 });
    const [n] = await noticesOf(await cast.as('staff2'), id.R1, 'hazard.due_soon');
    assert.match(n.title, new RegExp(`^隐患将于 ${localDay(t, 3)} 到期：YH-\\d{4}-\\d{6} 自助银行加钞间门锁失灵$`), 'Chinese by default');
    const en = (await inbox(await cast.as('staff2'), 'en')).find((x) => x.id === n.id)!;
    assert.match(en.title, new RegExp(`^Hazard due on ${localDay(t, 3)}: YH-`), 'English on request');
  });

  test('day 0: due today → due_today once (and no due_soon)', async () => {
    await sweep();
    assert.deepEqual(await counts('hazard.due_today', 'R2', ['staff2', 'branch1', 'head']), { staff2: 1, branch1: 1, head: 0 });
    assert.deepEqual(await counts('hazard.due_soon', 'R2', ['staff2', 'branch1']), { staff2: 0, branch1: 0 });
  });

  test('an extension request goes to the security head; once approved, the new deadline is a new occurrence', async () => {
    const branch1 = await cast.as('branch1');
    const r = ok(await branch1.post(`/api/v1/hazards/${id.R4}/extensions`, { requestedDueOn: localDay(t, 8), reason: '空调需厂家维修' }), 201);
    assert.deepEqual(await counts('hazard.extension_requested', 'R4', ['head', 'officer', 'branch1']), { head: 1, officer: 0, branch1: 0 });
    ok(await (await cast.as('head')).post(`/api/v1/hazards/${id.R4}/extensions/${r.pendingExtension.id}/approve`, { note: '同意' }));
    await sweep();
    assert.deepEqual(await counts('hazard.due_soon', 'R4', ['branch1']), { branch1: 1 }, '8 days left: not due soon yet');
  });

  test('day 1: overdue → escalated to the responsible person, the unit head and the security head; two sweeps the same day send one each', async () => {
    cast.advanceDays(1);
    await sweep();
    await sweep();
    assert.deepEqual(await counts('hazard.overdue', 'R2', ['staff2', 'branch1', 'head', 'officer', 'staff1']), { staff2: 1, branch1: 1, head: 1, officer: 0, staff1: 0 });
    const [n] = await noticesOf(await cast.as('head'), id.R2, 'hazard.overdue');
    assert.match(n.title, /^隐患已逾期 1 天：YH-\d{4}-\d{6} 营业厅应急照明损坏（城关信用社）$/);
    assert.deepEqual(await counts('hazard.due_soon', 'R1', ['staff2']), { staff2: 1 }, 'the same deadline is not reminded twice');
    assert.deepEqual(await counts('hazard.verification_waiting', 'R3', ['head']), { head: 0 }, 'one day of waiting is within the threshold');
  });

  test('day 2: one more overdue each; a rectification waiting more than 2 days goes to the verifiers but not the rectifier or the reporter', async () => {
    cast.advanceDays(1);
    await sweep();
    await sweep();
    assert.deepEqual(await counts('hazard.overdue', 'R2', ['staff2', 'branch1', 'head']), { staff2: 2, branch1: 2, head: 2 });
    const [latest] = await noticesOf(await cast.as('branch1'), id.R2, 'hazard.overdue');
    assert.match(latest.title, /^隐患已逾期 2 天：/);
    assert.deepEqual(await counts('hazard.verification_waiting', 'R3', ['head', 'officer', 'officer2', 'branch1']), { head: 1, officer: 0, officer2: 0, branch1: 0 });
  });

  test('day 3: closing the hazard stops the escalation; other reminders stay exactly once', async () => {
    await rectify(await cast.as('staff2'), id.R2);
    ok(await step(await cast.as('officer'), id.R2, 'verify', { note: '应急照明已更换' }));
    cast.advanceDays(1);
    await sweep();
    await sweep();
    assert.deepEqual(await counts('hazard.overdue', 'R2', ['staff2', 'branch1', 'head']), { staff2: 2, branch1: 2, head: 2 });
    assert.deepEqual(await counts('hazard.due_today', 'R1', ['staff2', 'branch1']), { staff2: 1, branch1: 1 });
    assert.deepEqual(await counts('hazard.verification_waiting', 'R3', ['head']), { head: 1 });
  });

  test('day 5: three days before the extended deadline, due_soon again for the new deadline', async () => {
    cast.advanceDays(2);
    await sweep();
    const soon = await noticesOf(await cast.as('branch1'), id.R4, 'hazard.due_soon');
    assert.equal(soon.length, 2);
    assert.ok(soon[0].title.startsWith(`隐患将于 ${localDay(t, 3)} 到期`), soon[0].title);
    assert.ok(soon[1].title.startsWith(`隐患将于 ${localDay(t, -2)} 到期`), 'the first one named the old deadline');
  });
});

describe('reminder notices are the recipients’ own', () => {
  test('another person’s notification cannot be read or marked read', async () => {
    const [n] = await noticesOf(await cast.as('branch1'), id.R4, 'hazard.due_soon');
    const staff1 = await cast.as('staff1');
    assert.equal((await staff1.post(`/api/v1/notifications/${n.id}/read`)).status, 404);
    assert.ok(!(await inbox(staff1)).some((x) => x.id === n.id));
  });
});

describe('HAZ-04: a rectification submitted on time is not escalated while it waits for verification', () => {
  test('rectified before the deadline → no overdue notice after it; sent back (reopened) → the escalation resumes', async () => {
    const h = await report(t, await cast.as('staff1'), 'SFX-001', { title: '监控硬盘录像缺失' });
    await toRectifying(h.id, { assessor: await cast.as('head'), issuer: await cast.as('officer'), responsibleUserId: people.branch1, dueOn: localDay(t, 1) });
    await rectify(await cast.as('branch1'), h.id);
    cast.advanceDays(3);
    await sweep();
    assert.equal((await noticesOf(await cast.as('head'), h.id, 'hazard.overdue')).length, 0, 'waiting for verification is not overdue');
    ok(await step(await cast.as('officer'), h.id, 'reopen', { reason: '录像仍不完整' }));
    await sweep();
    assert.equal((await noticesOf(await cast.as('head'), h.id, 'hazard.overdue')).length, 1, 'rectifying again past the deadline: escalated');
  });
});
