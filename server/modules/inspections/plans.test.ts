// INS-02: plans generate the due inspections (one per unit per period, idempotent, gap-free numbers)
// and the scheduler reminds the team before the due date and flags what was missed.
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { after, before, test } from 'node:test';
import { inspections, notifications } from '../../db/schema/index.ts';
import { addDays } from '../../platform/time.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { periodOf } from './periods.ts';
import { atLocal, localDay, ok, shippedTemplate, sweep } from './test-support.ts';

let t: TestApp;
let officer: Client, sysadmin: Client;
let hallId: string;
const ids: Record<string, string> = {};

async function signIn() {
  [officer, sysadmin] = await Promise.all(['officer', 'sysadmin'].map((u) => t.login(u)));
}

before(async () => {
  t = await startTestApp();
  await signIn();
  hallId = (await shippedTemplate(officer, 'business_hall')).id;
  for (const u of ['officer', 'officer2', 'head', 'branch1', 'branch2', 'branch3']) ids[u] = await t.userId(u);
});
after(() => t.close());

async function planBody(extra: Record<string, unknown> = {}) {
  return {
    orgId: await t.orgId('SFX'),
    name: `测试计划${Math.random().toString(36).slice(2, 7)}`,
    templateId: hallId,
    scopeOrgIds: [await t.orgId('SFX-003')],
    recurrence: 'monthly',
    startsOn: localDay(t),
    durationDays: 10,
    leaderId: ids.officer,
    memberIds: [ids.officer2],
    ...extra,
  };
}

const ofPlan = async (planId: string) => ok(await officer.get(`/api/v1/inspections?planId=${planId}&pageSize=200&sort=number`)).body.items as Array<{ id: string; orgId: string; periodKey: string; number: string; scheduledFor: string; dueAt: string }>;

async function recipients(inspectionId: string, rule: string) {
  const rs = await t.database.db.select({ to: notifications.recipientId }).from(notifications).where(and(eq(notifications.targetId, inspectionId), eq(notifications.rule, rule)));
  const names = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return rs.map((r) => names[r.to] ?? r.to).sort();
}

test('INS-02: the demo plan covers every branch monthly and generated this month’s six inspections', async () => {
  const plans = ok(await officer.get(`/api/v1/inspection-plans?q=${encodeURIComponent('每月网点全面安全检查')}`)).body.items;
  assert.equal(plans.length, 1);
  const p = plans[0];
  assert.equal(p.recurrence, 'monthly');
  assert.equal(p.leader.name, '杨晓明');
  assert.deepEqual(p.members.map((m: { name: string }) => m.name), ['林涛']);
  assert.equal(p.scopeOrgs.length, 6);
  assert.equal(p.templateName, '营业网点安全检查表');
  const month = periodOf('monthly', localDay(t));
  assert.equal(p.startsOn, month.start);
  const list = await ofPlan(p.id);
  assert.equal(list.length, 6);
  assert.deepEqual(new Set(list.map((i) => i.orgId)), new Set(p.scopeOrgs.map((o: { id: string }) => o.id)));
  for (const i of list) {
    assert.equal(i.periodKey, month.key);
    assert.match(i.number, /^JC-\d{4}-\d{6}$/);
    assert.equal(i.dueAt, new Date(atLocal(addDays(month.end, 1), 0).getTime() - 1).toISOString(), 'due at the end of the month');
  }
});

test('INS-02: bad plans are refused naming the field', async () => {
  assertFieldError(await officer.post('/api/v1/inspection-plans', await planBody({ scopeOrgIds: [] })), 'scopeOrgIds');
  assertFieldError(await officer.post('/api/v1/inspection-plans', await planBody({ durationDays: 0 })), 'durationDays');
  assertFieldError(await officer.post('/api/v1/inspection-plans', await planBody({ recurrence: 'hourly' })), 'recurrence');
  assertFieldError(await officer.post('/api/v1/inspection-plans', await planBody({ endsOn: addDays(localDay(t), -1) })), 'endsOn');
  assertFieldError(await officer.post('/api/v1/inspection-plans', await planBody({ leaderId: ids.branch1 })), 'leaderId', 422, 'TEAM_MEMBER_NOT_ELIGIBLE');
  assertFieldError(await officer.post('/api/v1/inspection-plans', await planBody({ memberIds: [ids.officer2, ids.branch1] })), 'memberIds.1', 422, 'TEAM_MEMBER_NOT_ELIGIBLE');
  assertFieldError(await officer.post('/api/v1/inspection-plans', await planBody({ orgId: await t.orgId('SFX-001'), scopeOrgIds: [await t.orgId('SFX-002')] })), 'scopeOrgIds.0', 422, 'SCOPE_OUTSIDE_PLAN');
  const lastMonth = addDays(periodOf('monthly', localDay(t)).start, -1);
  assertFieldError(await officer.post('/api/v1/inspection-plans', await planBody({ startsOn: lastMonth })), 'startsOn', 422, 'STARTS_IN_PAST');
  const branch1 = await t.login('branch1');
  assertError(await branch1.post('/api/v1/inspection-plans', await planBody()), 403, 'FORBIDDEN');
});

test('INS-02: due-tomorrow and overdue reminders, exactly once each; the unit head is told in advance only when announced', async () => {
  const today = localDay(t);
  const announced = ok(await officer.post('/api/v1/inspection-plans', await planBody({ recurrence: 'once', durationDays: 3, scopeOrgIds: [await t.orgId('SFX-002')] })), 201).body;
  const surprise = ok(await officer.post('/api/v1/inspection-plans', await planBody({ recurrence: 'once', durationDays: 3, unannounced: true, scopeOrgIds: [await t.orgId('SFX-003')] })), 201).body;
  const [a] = await ofPlan(announced.id);
  const [s] = await ofPlan(surprise.id);
  assert.equal(a.dueAt, new Date(atLocal(addDays(today, 3), 0).getTime() - 1).toISOString(), 'due at the end of the third day');
  const branch3 = await t.login('branch3');
  assert.ok(!ok(await branch3.get('/api/v1/inspections?pageSize=200')).body.items.some((i: { id: string }) => i.id === s.id), 'the unit does not see an unannounced inspection');
  assertError(await branch3.get(`/api/v1/inspections/${s.id}`), 404, 'INSPECTION_NOT_FOUND');
  assertError(await branch3.get(`/api/v1/inspection-plans/${surprise.id}`), 404, 'PLAN_NOT_FOUND');

  await sweep(t, 'inspections.reminders');
  assert.deepEqual(await recipients(a.id, 'inspection.due_tomorrow'), [], 'two days before: nothing yet');

  t.clock.set(atLocal(addDays(today, 1), 9));
  await sweep(t, 'inspections.reminders');
  await sweep(t, 'inspections.reminders');
  assert.deepEqual(await recipients(a.id, 'inspection.due_tomorrow'), ['branch2', 'officer', 'officer2']);
  assert.deepEqual(await recipients(s.id, 'inspection.due_tomorrow'), ['officer', 'officer2'], 'unannounced: the unit head is not told before');

  t.clock.set(atLocal(addDays(today, 3), 9));
  await sweep(t, 'inspections.reminders');
  const [row1] = await t.database.db.select({ overdueAt: inspections.overdueAt }).from(inspections).where(eq(inspections.id, a.id));
  assert.equal(row1.overdueAt?.toISOString(), t.clock.now().toISOString());
  t.clock.advance(3_600_000);
  await sweep(t, 'inspections.reminders');
  const [row2] = await t.database.db.select({ overdueAt: inspections.overdueAt }).from(inspections).where(eq(inspections.id, a.id));
  assert.equal(row2.overdueAt?.toISOString(), row1.overdueAt?.toISOString(), 'flagged once');
  assert.deepEqual(await recipients(a.id, 'inspection.overdue'), ['branch2', 'head', 'officer', 'officer2']);
  assert.deepEqual(await recipients(s.id, 'inspection.overdue'), ['branch3', 'head', 'officer', 'officer2'], 'once missed, the unit is told');
  assert.deepEqual(await recipients(a.id, 'inspection.due_tomorrow'), ['branch2', 'officer', 'officer2'], 'still once');

  await signIn();
  const detail = ok(await officer.get(`/api/v1/inspections/${a.id}`)).body;
  assert.equal(detail.overdue, true);
  assert.equal(detail.overdueAt, row1.overdueAt?.toISOString());
  assert.equal(ok(await officer.get(`/api/v1/inspections?planId=${announced.id}&overdue=true`)).body.total, 1);
  const b3 = await t.login('branch3');
  ok(await b3.get(`/api/v1/inspections/${s.id}`));
});

test('INS-02: one inspection per unit per month, idempotent across sweeps and a month boundary; numbers stay gap-free', async () => {
  await signIn();
  const units = await Promise.all(['SFX-003', 'SFX-004', 'SFX-005'].map((c) => t.orgId(c)));
  const plan = ok(await officer.post('/api/v1/inspection-plans', await planBody({ scopeOrgIds: units })), 201).body;
  const month = periodOf('monthly', localDay(t));
  let list = await ofPlan(plan.id);
  assert.deepEqual(list.map((i) => i.orgId).sort(), [...units].sort());
  assert.ok(list.every((i) => i.periodKey === month.key && i.scheduledFor === localDay(t)));
  await sweep(t, 'inspections.generate');
  await sweep(t, 'inspections.generate');
  assert.equal((await ofPlan(plan.id)).length, 3, 'sweeps add nothing within the month');

  // A unit added to the scope mid-month gets this month's inspection at once.
  const b6 = await t.orgId('SFX-006');
  ok(await officer.patch(`/api/v1/inspection-plans/${plan.id}`, { scopeOrgIds: [...units, b6] }, { headers: { 'if-match': String(plan.version) } }));
  list = await ofPlan(plan.id);
  assert.equal(list.length, 4);

  const next = addDays(month.end, 1);
  t.clock.set(atLocal(next, 9));
  await sweep(t, 'inspections.generate');
  await sweep(t, 'inspections.generate');
  await signIn();
  list = await ofPlan(plan.id);
  assert.equal(list.length, 8);
  const nextKey = periodOf('monthly', next).key;
  const fresh = list.filter((i) => i.periodKey === nextKey);
  assert.deepEqual(fresh.map((i) => i.orgId).sort(), [...units, b6].sort(), 'one per unit in the new month');
  for (const i of fresh) {
    assert.equal(i.scheduledFor, next);
    assert.equal(i.dueAt, new Date(atLocal(addDays(next, 10), 0).getTime() - 1).toISOString(), 'ten days from the first of the month');
  }

  // Gap-free JC numbers in the cooperative, per year.
  const county = await t.orgId('SFX');
  const numbers = (await t.database.db.select({ number: inspections.number }).from(inspections).where(eq(inspections.numberingOrgId, county))).map((r) => r.number);
  assert.ok(numbers.every((n) => /^JC-\d{4}-\d{6}$/.test(n)), 'no placeholder left');
  const byYear = new Map<string, number[]>();
  for (const n of numbers) byYear.set(n.slice(3, 7), [...(byYear.get(n.slice(3, 7)) ?? []), Number(n.slice(8))]);
  for (const [year, ns] of byYear) assert.deepEqual(ns.sort((x, y) => x - y), ns.map((_, i) => i + 1), `JC-${year} numbers 1…${ns.length}`);

  // Pause: nothing new while paused; resume starts from the current period (paused ones are not made up).
  const cur = ok(await officer.get(`/api/v1/inspection-plans/${plan.id}`)).body;
  const paused = ok(await officer.patch(`/api/v1/inspection-plans/${plan.id}`, { active: false }, { headers: { 'if-match': String(cur.version) } })).body;
  assert.ok(paused.allowedActions.includes('resume'));
  const skipped = addDays(periodOf('monthly', next).end, 1);
  const later = addDays(periodOf('monthly', skipped).end, 1);
  t.clock.set(atLocal(later, 9));
  await sweep(t, 'inspections.generate');
  await signIn();
  assert.equal((await ofPlan(plan.id)).length, 8);
  ok(await officer.patch(`/api/v1/inspection-plans/${plan.id}`, { active: true }, { headers: { 'if-match': String(paused.version) } }));
  const keys = new Set((await ofPlan(plan.id)).map((i) => i.periodKey));
  assert.deepEqual([...keys].sort(), [month.key, nextKey, periodOf('monthly', later).key].sort());
});

test('ORG-01: a unit with unsubmitted inspections or in an active plan cannot be withdrawn', async () => {
  await signIn();
  const r = assertError(await sysadmin.post(`/api/v1/orgs/${await t.orgId('SFX-006')}/withdraw`, { reason: '网点撤并' }), 422, 'ORG_NOT_EMPTY');
  assert.match(r.message, /未提交的安全检查 \d+ 项/);
  assert.match(r.message, /有效的检查计划 2 项/);
});
