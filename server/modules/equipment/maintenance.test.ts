// Maintenance plans and tasks (EQP-02) and expiry alerts (EQP-04), with the clock moved day by day and
// the sweeps run as the scheduler runs them. Each person reads their own notifications via the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runSweeps } from '../../platform/scheduler/registry.ts';
import { addDays } from '../../platform/time.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { Cast, inbox, localDay, ok, photo } from '../hazards/testing.ts';
import { register } from './testing.ts';

let t: TestApp;
let cast: Cast;
let sysadmin: Client;
const people: Record<string, string> = {};

const SWEEPS = ['equipment.tasks', 'equipment.reminders', 'equipment.expiry'];
async function sweep() {
  const runs = await runSweeps(t.app.anbao, { now: t.clock.now(), only: SWEEPS });
  assert.deepEqual(runs.map((r) => [r.status, r.error]), SWEEPS.map(() => ['done', undefined]));
}

/** Notices under `rule` about `targetId` in each person's inbox. */
async function counts(rule: string, targetId: string, usernames: string[]) {
  const out: Record<string, number> = {};
  for (const u of usernames) out[u] = (await inbox(await cast.as(u))).filter((n) => n.rule === rule && n.targetId === targetId).length;
  return out;
}

async function tasksOf(c: Client, planId: string, extra = '') {
  return ok(await c.get(`/api/v1/maintenance-tasks?planId=${planId}&pageSize=200${extra}`)).items as Array<{ id: string; equipmentId: string; periodKey: string; dueOn: string; status: string; overdue: boolean; version: number }>;
}

/** The last day of the month of `day` (YYYY-MM-DD). */
const monthEnd = (day: string) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10);

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  // Start on the 10th of next month, 10:00 local time (no test runs across midnight).
  const next = addDays(monthEnd(localDay(t)), 1);
  cast.moveTo(addDays(next, 9), 10);
  sysadmin = await t.login('sysadmin');
  for (const u of ['officer', 'officer2', 'head', 'branch1', 'branch2', 'branch5', 'branch6', 'guard1']) people[u] = await t.userId(u);
});
after(() => t.close());

describe('EQP-02: maintenance plans create one task per equipment and period', () => {
  test('a daily check plan: a task per extinguisher in scope today, not twice however often the sweep runs; tomorrow’s come tomorrow', async () => {
    const officer = await cast.as('officer');
    const e1 = await register(t, officer, 'SFX-005', { kind: 'fire_extinguisher', name: '北郊灭火器1' });
    const e2 = await register(t, officer, 'SFX-005', { kind: 'fire_extinguisher', name: '北郊灭火器2' });
    // Communications equipment outside machine rooms: in no plan (the demo's or this one).
    const cam = await register(t, officer, 'SFX-005', { kind: 'communication', name: '北郊报警电话' });
    const plan = ok(
      await officer.post('/api/v1/maintenance-plans', { orgId: await t.orgId('SFX-005'), name: '灭火器日常检查', type: 'daily_check', kinds: ['fire_extinguisher'], recurrence: 'daily', assigneeId: people.officer2, remindDaysBefore: 0, startsOn: localDay(t) }),
      201,
    );
    let tasks = await tasksOf(officer, plan.id);
    assert.deepEqual(tasks.map((x) => x.equipmentId).sort(), [e1.id, e2.id].sort(), 'the telephone is not in scope');
    assert.ok(!tasks.some((x) => x.equipmentId === cam.id));
    assert.deepEqual([...new Set(tasks.map((x) => x.dueOn))], [localDay(t)]);
    await sweep();
    await sweep();
    assert.equal((await tasksOf(officer, plan.id)).length, 2, 'idempotent');
    // The assignee is reminded on the due day, once.
    await sweep();
    assert.deepEqual(await counts('equipment.task_due_soon', tasks[0].id, ['officer2']), { officer2: 1 });
    cast.advanceDays(1);
    await sweep();
    await sweep();
    tasks = await tasksOf(await cast.as('officer'), plan.id);
    assert.equal(tasks.length, 4, "yesterday's two and today's two");
    const late = tasks.filter((x) => x.overdue);
    assert.equal(late.length, 2, "yesterday's are overdue");
    // Overdue: the assignee and the unit's equipment managers hear it once.
    assert.deepEqual(await counts('equipment.task_overdue', late[0].id, ['officer2', 'officer', 'head']), { officer2: 1, officer: 1, head: 1 });
    assert.equal((ok(await (await cast.as('officer')).get(`/api/v1/maintenance-tasks?planId=${plan.id}&overdue=true`))).total, 2);
    const flagged = ok(await (await cast.as('officer')).get(`/api/v1/equipment?maintenanceOverdue=true&orgId=${await t.orgId('SFX-005')}`)).items.map((x: { id: string }) => x.id);
    assert.ok(flagged.includes(e1.id) && flagged.includes(e2.id) && !flagged.includes(cam.id));
  });

  test('a monthly plan reminds N days before the due day once, and marks the task overdue once after it', async () => {
    const officer = await cast.as('officer');
    const ups = await register(t, officer, 'SFX-005', { kind: 'ups', name: '北郊 UPS' });
    const plan = ok(
      await officer.post('/api/v1/maintenance-plans', { orgId: await t.orgId('SFX-005'), name: 'UPS 月度巡检', type: 'quarterly_inspection', kinds: ['ups'], recurrence: 'monthly', assigneeId: people.officer2, remindDaysBefore: 5, startsOn: localDay(t) }),
      201,
    );
    const [task] = (await tasksOf(officer, plan.id)).filter((x) => x.equipmentId === ups.id);
    const end = monthEnd(localDay(t));
    assert.equal(task.dueOn, end);
    await sweep();
    assert.deepEqual(await counts('equipment.task_due_soon', task.id, ['officer2']), { officer2: 0 }, 'too early');
    cast.moveTo(addDays(end, -5));
    await sweep();
    await sweep();
    assert.deepEqual(await counts('equipment.task_due_soon', task.id, ['officer2']), { officer2: 1 });
    cast.moveTo(addDays(end, 1));
    await sweep();
    await sweep();
    assert.deepEqual(await counts('equipment.task_overdue', task.id, ['officer2', 'officer']), { officer2: 1, officer: 1 });
    assert.deepEqual(await counts('equipment.task_due_soon', task.id, ['officer2']), { officer2: 1 }, 'no second reminder');
    const all = (await tasksOf(await cast.as('officer'), plan.id)).filter((x) => x.equipmentId === ups.id);
    assert.equal(all.length, 2, 'the new month has its own task');
  });

  test('completing records result, readings, note and photo; air-conditioning readings are required; done once (409 after)', async () => {
    const officer = await cast.as('officer');
    const sites = ok(await officer.get(`/api/v1/sites?orgId=${await t.orgId('SFX-001')}&kind=machine_room`)).items as Array<{ id: string }>;
    const e = await register(t, officer, 'SFX-001', { kind: 'communication', name: '机房通讯柜', siteId: sites[0].id });
    const elsewhere = await register(t, officer, 'SFX-001', { kind: 'communication', name: '营业厅电话' });
    const plan = ok(
      await officer.post('/api/v1/maintenance-plans', { orgId: await t.orgId('SFX-001'), name: '机房空调温湿度', type: 'aircon_reading', siteKind: 'machine_room', recurrence: 'daily', assigneeId: people.officer2, startsOn: localDay(t) }),
      201,
    );
    const tasks = await tasksOf(officer, plan.id);
    assert.ok(!tasks.some((x) => x.equipmentId === elsewhere.id), 'only equipment in machine rooms');
    const task = tasks.find((x) => x.equipmentId === e.id)!;
    const assignee = await cast.as('officer2');
    const url = `/api/v1/maintenance-tasks/${task.id}/complete`;
    const missing = assertError(await assignee.post(url, { result: 'ok', readings: { temperature: 22 } }), 422, 'READINGS_REQUIRED');
    assert.deepEqual(missing.details?.map((d) => d.path), ['readings.humidity']);
    assertFieldError(await assignee.post(url, { result: 'ok', readings: { temperature: 22, humidity: 140 } }), 'readings.humidity');
    assertFieldError(await assignee.post(url, { result: 'fine' }), 'result');
    // Someone who may maintain but is neither the assignee nor a manager: 403.
    assertError(await (await cast.as('branch1')).post(url, { result: 'ok', readings: { temperature: 22, humidity: 45 } }), 403, 'FORBIDDEN');
    const done = ok(await assignee.post(url, { result: 'ok', readings: { temperature: 22.5, humidity: 45 }, note: '空调运行正常', attachmentIds: [await photo(assignee, '温湿度计.png')] }));
    assert.equal(done.status, 'done');
    assert.deepEqual(done.readings, { temperature: 22.5, humidity: 45 });
    assert.equal(done.completedBy.id, people.officer2);
    assert.equal(done.photos.length, 1);
    assertError(await assignee.post(url, { result: 'ok', readings: { temperature: 22, humidity: 45 } }), 409, 'INVALID_STATE');
    const card = ok(await officer.get(`/api/v1/equipment/${e.id}`));
    assert.ok(card.recentTasks.some((x: { id: string; result: string }) => x.id === task.id && x.result === 'ok'), 'in the maintenance history');
  });

  test('a fault found opens a ticket linked to the task, and the equipment turns faulty (EQP-03)', async () => {
    const officer = await cast.as('officer');
    const e = await register(t, officer, 'SFX-005', { kind: 'emergency_light', name: '北郊应急灯' });
    const plan = ok(
      await officer.post('/api/v1/maintenance-plans', { orgId: await t.orgId('SFX-005'), name: '应急照明季度检测', type: 'quarterly_inspection', kinds: ['emergency_light'], recurrence: 'quarterly', assigneeId: people.officer2, startsOn: localDay(t) }),
      201,
    );
    const task = (await tasksOf(officer, plan.id)).find((x) => x.equipmentId === e.id)!;
    const assignee = await cast.as('officer2');
    assertFieldError(await assignee.post(`/api/v1/maintenance-tasks/${task.id}/complete`, { result: 'fault_found' }), 'faultDescription');
    const done = ok(await assignee.post(`/api/v1/maintenance-tasks/${task.id}/complete`, { result: 'fault_found', faultDescription: '应急灯不亮，电池鼓包', outOfService: true }));
    assert.ok(done.faultId);
    const f = ok(await officer.get(`/api/v1/equipment-faults/${done.faultId}`));
    assert.equal(f.source, 'maintenance');
    assert.equal(f.sourceId, task.id);
    assert.equal(f.equipmentStatus, 'out_of_service');
  });

  test('bad input and scope: assignee of another branch 422, unknown type 400, another unit’s plan and task 404', async () => {
    const officer = await cast.as('officer');
    const base = { orgId: await t.orgId('SFX-005'), name: '计划', type: 'daily_check', recurrence: 'daily', assigneeId: people.officer2, startsOn: localDay(t) };
    const bad = assertError(await officer.post('/api/v1/maintenance-plans', { ...base, assigneeId: people.branch2 }), 422, 'ASSIGNEE_NOT_ELIGIBLE');
    assert.deepEqual(bad.details?.map((d) => d.path), ['assigneeId']);
    assertFieldError(await officer.post('/api/v1/maintenance-plans', { ...base, type: 'weekly_polish' }), 'type');
    assertFieldError(await officer.post('/api/v1/maintenance-plans', { ...base, recurrence: 'hourly' }), 'recurrence');
    assertFieldError(await officer.post('/api/v1/maintenance-plans', { ...base, startsOn: '2026-13-01' }), 'startsOn');
    assertError(await (await cast.as('branch5')).post('/api/v1/maintenance-plans', base), 403, 'FORBIDDEN');
    const e = await register(t, officer, 'SFX-005', { kind: 'intrusion_alarm', name: '北郊报警主机' });
    const plan = ok(await officer.post('/api/v1/maintenance-plans', { ...base, kinds: ['intrusion_alarm'] }), 201);
    const task = (await tasksOf(officer, plan.id)).find((x) => x.equipmentId === e.id)!;
    const b2 = await cast.as('branch2');
    assertError(await b2.get(`/api/v1/maintenance-plans/${plan.id}`), 404, 'MAINTENANCE_PLAN_NOT_FOUND');
    assertError(await b2.get(`/api/v1/maintenance-tasks/${task.id}`), 404, 'MAINTENANCE_TASK_NOT_FOUND');
    assertError(await b2.post(`/api/v1/maintenance-tasks/${task.id}/complete`, { result: 'ok' }), 404, 'MAINTENANCE_TASK_NOT_FOUND');
    assert.ok(!(await tasksOf(b2, plan.id)).length, 'absent from their list');
    // A withdrawn plan creates no more tasks.
    ok(await officer.post(`/api/v1/maintenance-plans/${plan.id}/withdraw`, { reason: '改为季度检测' }));
    cast.advanceDays(1);
    await sweep();
    assert.equal((await tasksOf(await cast.as('officer'), plan.id)).filter((x) => x.equipmentId === e.id).length, 1);
  });
});

describe('EQP-04: expiry alerts, days per kind in the org settings, once per threshold', () => {
  test('extinguisher 30 days ahead, UPS 60; a unit setting changes its own; expired once; register filters agree', async () => {
    const officer = await cast.as('officer');
    const day = localDay(t);
    const ext30 = await register(t, officer, 'SFX-006', { kind: 'fire_extinguisher', name: '新区灭火器A', installedOn: null, expiresOn: addDays(day, 30) });
    const ext45 = await register(t, officer, 'SFX-006', { kind: 'fire_extinguisher', name: '新区灭火器B', installedOn: null, expiresOn: addDays(day, 45) });
    const ups45 = await register(t, officer, 'SFX-006', { kind: 'ups', name: '新区 UPS 电池', installedOn: null, expiresOn: addDays(day, 45) });
    await sweep();
    await sweep();
    const who = ['officer', 'head', 'branch6', 'branch1'];
    assert.deepEqual(await counts('equipment.expiring', ext30.id, who), { officer: 1, head: 1, branch6: 1, branch1: 0 });
    assert.deepEqual(await counts('equipment.expiring', ext45.id, who), { officer: 0, head: 0, branch6: 0, branch1: 0 }, '45 > 30 days');
    assert.deepEqual(await counts('equipment.expiring', ups45.id, ['officer']), { officer: 1 }, 'UPS batteries: 60 days');

    sysadmin = await t.login('sysadmin');
    assertFieldError(await sysadmin.patch(`/api/v1/orgs/${await t.orgId('SFX-006')}/settings`, { equipmentExpiry: { fire_extinguisher: 400 } }), 'equipmentExpiry.fire_extinguisher');
    ok(await sysadmin.patch(`/api/v1/orgs/${await t.orgId('SFX-006')}/settings`, { equipmentExpiry: { fire_extinguisher: 50 } }));
    await sweep();
    assert.deepEqual(await counts('equipment.expiring', ext45.id, ['officer']), { officer: 1 }, 'SFX-006 announces extinguishers 50 days ahead');
    assert.deepEqual(await counts('equipment.expiring', ext30.id, ['officer']), { officer: 1 }, 'still once');

    const within30 = ok(await officer.get(`/api/v1/equipment?expiringWithin=30&orgId=${await t.orgId('SFX-006')}`)).items.map((x: { id: string }) => x.id);
    assert.ok(within30.includes(ext30.id) && !within30.includes(ext45.id));

    // Expired: announced once on expiry (the clock moves 3 days: an extinguisher due in 2 has expired).
    const soon = await register(t, officer, 'SFX-006', { kind: 'fire_extinguisher', name: '新区灭火器C', installedOn: null, expiresOn: addDays(day, 2) });
    await sweep();
    assert.deepEqual(await counts('equipment.expiring', soon.id, ['officer']), { officer: 1 });
    cast.moveTo(addDays(day, 3));
    await sweep();
    await sweep();
    assert.deepEqual(await counts('equipment.expired', soon.id, ['officer', 'branch6']), { officer: 1, branch6: 1 });
    assert.deepEqual(await counts('equipment.expiring', soon.id, ['officer']), { officer: 1 });
    assert.deepEqual(await counts('equipment.expired', ext30.id, ['officer']), { officer: 0 });
    const o = await cast.as('officer');
    const expired = ok(await o.get(`/api/v1/equipment?expired=true&orgId=${await t.orgId('SFX-006')}`)).items.map((x: { id: string }) => x.id);
    assert.deepEqual(expired, [soon.id]);
    const card = ok(await o.get(`/api/v1/equipment/${soon.id}`));
    assert.equal(card.daysToExpiry, -1);
    // Replaced: the new expiry date is announced afresh when its time comes.
    ok(await o.patch(`/api/v1/equipment/${soon.id}`, { expiresOn: addDays(localDay(t), 10), version: card.version }));
    await sweep();
    assert.deepEqual(await counts('equipment.expiring', soon.id, ['officer']), { officer: 2 });
  });
});
