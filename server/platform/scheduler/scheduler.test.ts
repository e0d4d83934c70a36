// The scheduler (DESIGN §7, §2 principle 3): sweeps run with the app clock, each in one transaction
// under its own advisory lock; reminders come out once per rule, record, due time and recipient however
// often a sweep runs, on however many instances; a failing sweep rolls back and is redone next time;
// stopping waits for the sweep in progress.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openPostgres, rows } from '../../db/client.ts';
import { notifications, orgs } from '../../db/schema/index.ts';
import { TEST_SECRET_KEY } from '../../test/constants.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { adminUrl } from '../../test/template.ts';
import type { AppContext } from '../context.ts';
import { defineMessages } from '../http/i18n.ts';
import { holders, notify } from '../notify/service.ts';
import { createChannel, startRobotReceiver } from '../notify/testing.ts';
import { deliverDue } from '../notify/worker.ts';
import { addDays, dateIn, daysBetween, endOfDayIn } from '../time.ts';
import { defineSweep, runSweeps, SWEEP_LOCK_SPACE, sweepLockKey } from './registry.ts';
import { startScheduler } from './runner.ts';

defineMessages({
  TEST_TASK_DUE_TOMORROW: { 'zh-CN': '任务 {name} 明天到期', en: 'Task {name} is due tomorrow' },
  TEST_TASK_OVERDUE: { 'zh-CN': '任务 {name} 已逾期', en: 'Task {name} is overdue' },
});

/** What the test sweep looks at: records with a due time, as a module's table would hold them. */
interface Task {
  id: string;
  name: string;
  orgId: string;
  orgPath: string;
  dueAt: Date;
  closed: boolean;
}
const tasks: Task[] = [];

// A module's reminder sweep in miniature: "due tomorrow" to the unit head; overdue escalated to the
// unit head and the security head, again every day until closed.
defineSweep({
  name: 'test.task-reminders',
  run: async (ctx) => {
    const tz = ctx.app.config.timeZone;
    const today = dateIn(ctx.now, tz);
    for (const task of tasks.filter((x) => !x.closed)) {
      const due = dateIn(task.dueAt, tz);
      const base = { orgId: task.orgId, targetType: 'task', targetId: task.id, params: { name: task.name }, link: `/tasks/${task.id}` };
      const unitHeads = await holders(ctx, { roleCodes: ['branch_head'], orgPath: task.orgPath });
      if (daysBetween(today, due) === 1) await notify(ctx, { ...base, rule: 'test.due_tomorrow', dueKey: due, recipients: unitHeads, messageCode: 'TEST_TASK_DUE_TOMORROW' });
      if (ctx.now > task.dueAt) {
        const securityHeads = await holders(ctx, { roleCodes: ['security_head'], orgPath: task.orgPath });
        await notify(ctx, { ...base, rule: 'test.overdue', dueKey: today, recipients: [...unitHeads, ...securityHeads], messageCode: 'TEST_TASK_OVERDUE' });
      }
    }
  },
});

/** off: does nothing; fail: notifies, then breaks; ok: notifies. */
let midway: 'off' | 'fail' | 'ok' = 'off';
const failingTarget = randomUUID();
defineSweep({
  name: 'test.fails-midway',
  run: async (ctx) => {
    if (midway === 'off') return;
    await notify(ctx, { rule: 'test.midway', orgId: tasks[0].orgId, targetType: 'task', targetId: failingTarget, dueKey: 'k', recipients: [headId], messageCode: 'TEST_TASK_OVERDUE', params: { name: 'x' } });
    if (midway === 'fail') throw new Error('the sweep broke after notifying');
  },
});

let counted = 0;
defineSweep({ name: 'test.counter', everyMs: 60_000, run: async () => void counted++ });

/** While set, the gate sweep waits on it inside its transaction. */
let gate: { started: () => void; release: Promise<void> } | null = null;
const gateTarget = randomUUID();
defineSweep({
  name: 'test.gate',
  run: async (ctx) => {
    if (!gate) return;
    gate.started();
    await gate.release;
    await notify(ctx, { rule: 'test.gate', orgId: tasks[0].orgId, targetType: 'task', targetId: gateTarget, dueKey: 'k', recipients: [headId], messageCode: 'TEST_TASK_OVERDUE', params: { name: 'gate' } });
  },
});

let t: TestApp;
let app: AppContext;
const onPostgres = !!process.env.TEST_DATABASE_URL;
/** Looked up before any sweep runs: on PGlite nothing may query outside the sweep's open transaction. */
let headId: string;

async function unit(code: string) {
  const [o] = await t.database.db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.code, code));
  return o;
}

async function newTask(code: string, dueOn: string): Promise<Task> {
  const o = await unit(code);
  const task = { id: randomUUID(), name: `任务-${code}-${dueOn}`, orgId: o.id, orgPath: o.path, dueAt: endOfDayIn(dueOn, app.config.timeZone), closed: false };
  tasks.push(task);
  return task;
}

const noticesOf = (targetId: string, rule?: string) =>
  t.database.db
    .select()
    .from(notifications)
    .where(rule ? and(eq(notifications.targetId, targetId), eq(notifications.rule, rule)) : eq(notifications.targetId, targetId));

/** 10:00 in Shanghai on the given day. */
const at10 = (day: string) => new Date(`${day}T02:00:00Z`);

before(async () => {
  t = await startTestApp();
  app = t.app.anbao;
  headId = await t.userId('head');
});
after(async () => t.close());

test('DESIGN §2.3: a sweep run again and again, with the clock moving, sends each reminder once (due tomorrow, then overdue daily until closed)', async () => {
  const task = await newTask('SFX-001', '2026-06-12');
  const run = async () => assert.deepEqual(await runSweeps(app, { only: ['test.task-reminders'] }), [{ name: 'test.task-reminders', status: 'done' }]);
  const [branch1, head] = [await t.userId('branch1'), headId];

  t.clock.set(at10('2026-06-10'));
  await run();
  assert.equal((await noticesOf(task.id)).length, 0, 'two days before: nothing yet');

  t.clock.set(at10('2026-06-11'));
  for (let i = 0; i < 3; i++) await run();
  t.clock.advance(60 * 60_000);
  await run();
  const tomorrow = await noticesOf(task.id, 'test.due_tomorrow');
  assert.deepEqual(tomorrow.map((n) => [n.recipientId, n.dueKey]), [[branch1, '2026-06-12']]);

  t.clock.set(at10('2026-06-12'));
  await run();
  assert.equal((await noticesOf(task.id)).length, 1, 'due today, not overdue yet');

  for (const day of ['2026-06-13', '2026-06-14']) {
    t.clock.set(at10(day));
    await run();
    await run();
    t.clock.set(new Date(`${day}T15:59:00Z`)); // 23:59 the same day in Shanghai
    await run();
  }
  const overdue = await noticesOf(task.id, 'test.overdue');
  assert.deepEqual(overdue.map((n) => `${n.dueKey} ${n.recipientId === head ? 'head' : n.recipientId === branch1 ? 'branch1' : n.recipientId}`).sort(), [
    '2026-06-13 branch1',
    '2026-06-13 head',
    '2026-06-14 branch1',
    '2026-06-14 head',
  ]);

  task.closed = true;
  t.clock.set(at10(addDays('2026-06-14', 1)));
  await run();
  assert.equal((await noticesOf(task.id)).length, 5, 'closed: no more');
});

test('DESIGN §7: a sweep that fails midway rolls back what it did, other sweeps still run, and the next run redoes it', async () => {
  midway = 'fail';
  const runs = await runSweeps(app, { only: ['test.fails-midway', 'test.counter'] });
  assert.deepEqual(runs.map((r) => [r.name, r.status]), [
    ['test.fails-midway', 'failed'],
    ['test.counter', 'done'],
  ]);
  assert.match(runs[0].error!, /broke after notifying/);
  assert.equal((await noticesOf(failingTarget)).length, 0, 'its notification was rolled back');
  midway = 'ok';
  assert.deepEqual(await runSweeps(app, { only: ['test.fails-midway'] }), [{ name: 'test.fails-midway', status: 'done' }]);
  assert.equal((await noticesOf(failingTarget)).length, 1, 'redone by the next run');
  assert.throws(() => defineSweep({ name: 'test.counter', run: async () => {} }), /defined twice/);
  await assert.rejects(runSweeps(app, { only: ['no.such-sweep'] }), /no sweep named/);
});

test('DESIGN §7: the scheduler runs each sweep when its interval has passed on the app clock, and stopping waits for a running sweep', async () => {
  midway = 'off';
  const scheduler = startScheduler(app, 3_600_000);
  try {
    const before = counted;
    const first = await scheduler.runDue();
    assert.ok(first.every((r) => r.status === 'done'), JSON.stringify(first));
    assert.equal(counted, before + 1);
    t.clock.advance(30_000);
    assert.deepEqual(await scheduler.runDue(), [], 'no sweep is due 30 s later');
    assert.equal(counted, before + 1);
    t.clock.advance(30_000);
    await scheduler.runDue();
    assert.equal(counted, before + 2);

    // A sweep is in the middle of its transaction when the app stops: stop() waits for it to commit.
    let started!: () => void;
    const isRunning = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    gate = { started, release: new Promise<void>((resolve) => (release = resolve)) };
    t.clock.advance(60_000);
    const tick = scheduler.runDue();
    await isRunning;
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stopped, false, 'stop() waits for the sweep');
    release();
    await stopping;
    await tick;
    assert.equal((await noticesOf(gateTarget)).length, 1, 'the sweep finished and committed');
  } finally {
    gate = null;
    await scheduler.stop();
  }
});

test('DESIGN §7: while another instance holds a sweep, this one skips it (PostgreSQL)', { skip: !onPostgres && 'needs TEST_DATABASE_URL' }, async () => {
  const [{ db }] = await rows<{ db: string }>(t.database.db, sql`select current_database() as db`);
  const other = new pg.Client({ connectionString: adminUrl(process.env.TEST_DATABASE_URL!, db) });
  await other.connect();
  try {
    await other.query('begin');
    await other.query('select pg_advisory_xact_lock($1::int4, $2::int4)', [SWEEP_LOCK_SPACE, sweepLockKey('test.counter')]);
    const before = counted;
    assert.deepEqual(await runSweeps(app, { only: ['test.counter'] }), [{ name: 'test.counter', status: 'skipped' }]);
    assert.equal(counted, before);
    await other.query('commit');
    assert.deepEqual(await runSweeps(app, { only: ['test.counter'] }), [{ name: 'test.counter', status: 'done' }]);
  } finally {
    await other.end();
  }
});

test('DESIGN §7: two app instances on one PostgreSQL database, sweeping and delivering at once, notify and send each reminder once', { skip: !onPostgres && 'needs TEST_DATABASE_URL' }, async () => {
  const [{ db }] = await rows<{ db: string }>(t.database.db, sql`select current_database() as db`);
  const database2 = await openPostgres(adminUrl(process.env.TEST_DATABASE_URL!, db), 5);
  const config = { ...loadConfig({ ANBAO_SECRET_KEY: TEST_SECRET_KEY, DATA_DIR: '.tmp/test-data' }), scheduler: false, serveWeb: false };
  const second = await buildApp(config, { database: database2, clock: t.clock, logger: false, migrate: false });
  const robot = await startRobotReceiver();
  try {
    const sysadmin = await t.login('sysadmin');
    const unit2 = await unit('SFX-002');
    await createChannel(sysadmin, { orgId: unit2.id, kind: 'wecom', name: '东街群', config: { url: `${robot.base}/both?key=1` } });
    const day = dateIn(t.clock.now(), config.timeZone);
    const soon = await newTask('SFX-002', addDays(day, 1));
    const late = await newTask('SFX-002', addDays(day, -2));
    const apps = [app, second.anbao];

    for (let round = 0; round < 3; round++) {
      const runs = await Promise.all(apps.map((a) => runSweeps(a, { only: ['test.task-reminders'] })));
      assert.ok(runs.flat().every((r) => r.status !== 'failed'), JSON.stringify(runs));
    }
    assert.equal((await noticesOf(soon.id, 'test.due_tomorrow')).length, 1, 'the unit head, once');
    assert.equal((await noticesOf(late.id, 'test.overdue')).length, 2, 'the unit head and the security head, once each');

    const outcomes = await Promise.all(apps.flatMap((a) => [deliverDue(a), deliverDue(a)]));
    assert.equal(outcomes.flat().filter((o) => o.status === 'sent').length, 2, 'one group message per reminder');
    assert.equal(robot.posts.filter((p) => p.path === '/both').length, 2);
    assert.deepEqual(robot.posts.map((p) => p.body.markdown.content.split('\n')[0]).sort(), [`**任务 ${late.name} 已逾期**`, `**任务 ${soon.name} 明天到期**`].sort());
  } finally {
    for (const x of tasks) x.closed = true;
    await second.close();
    await database2.close();
    await robot.close();
  }
});
