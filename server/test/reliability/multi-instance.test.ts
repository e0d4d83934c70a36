// Several instances (issue 4, DESIGN §7, HAZ-04): three server processes on one PostgreSQL database,
// two of them sweeping every 2 s (ANBAO_SWEEP_INTERVAL_MS), the third serving requests only. Hazards due
// tomorrow are waiting when they start;
// the instance that takes the reminders sweep is SIGKILLed while its sweep is open (held open by a
// notice the test keeps uncommitted), then restarted.
// Afterwards every due reminder exists exactly once per recipient, and the group robot received each
// hazard's reminder exactly once (the outbox's claim, not luck, keeps the other instances off it).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ConfigError, loadConfig } from '../../config.ts';
import { verifyChain } from '../../platform/audit/verify.ts';
import { startRobotReceiver } from '../../platform/notify/testing.ts';
import { SWEEP_LOCK_SPACE, sweepLockKey } from '../../platform/scheduler/registry.ts';
import { addDays, dateIn } from '../../platform/time.ts';
import { TEST_SECRET_KEY } from '../constants.ts';
import { type ChildServer, demoDataSet, dropCreatedDatabases, expect, HttpClient, PG_URL, pidOfLocalPort, say, startChild } from './child-server.ts';

const HAZARDS = 60;
const TZ = 'Asia/Shanghai';
const servers = new Set<ChildServer>();
after(async () => {
  for (const s of servers) await s.kill('SIGTERM');
  await dropCreatedDatabases();
});

async function start(env: Record<string, string>, onSpawn?: (pid: number) => void): Promise<ChildServer> {
  const s = await startChild(env, { onSpawn });
  servers.add(s);
  return s;
}

/** Runs `fn` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, fn: (x: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

test('DESIGN §7, HAZ-04: three instances, one SIGKILLed mid-sweep and restarted — each due reminder once per recipient, each robot message sent once', { skip: !PG_URL && 'needs TEST_DATABASE_URL' }, async (t) => {
  const ds = await demoDataSet('multi', 'postgres');
  const robot = await startRobotReceiver();
  const db = new pg.Client({ connectionString: ds.env.DATABASE_URL });
  await db.connect();
  try {
    // 1. Setup on instance A, which serves requests only (ANBAO_SCHEDULER=0): the due work is all in
    //    place before any instance sweeps it. (A sweeping instance's first sweep, a second after it
    //    starts, could otherwise meet the first hazards already graded and commit their reminders.)
    const setup = await start({ ...ds.env, ANBAO_SCHEDULER: '0' });
    const sysadmin = await HttpClient.login(setup.url, 'sysadmin');
    const officer = await HttpClient.login(setup.url, 'officer');
    const head = await HttpClient.login(setup.url, 'head');
    const orgs = (await officer.get('/api/v1/orgs?pageSize=100')).body.items as Array<{ id: string; code: string }>;
    const org = (code: string) => orgs.find((o) => o.code === code)!.id;
    const channel = expect(
      await sysadmin.post('/api/v1/notification-channels', { orgId: org('SFX'), kind: 'wecom', name: '保卫部值班群', config: { url: `${robot.base}/wecom?key=multi` }, rules: ['hazard.due_soon'] }),
      201,
      'channel',
    );
    const tomorrow = addDays(dateIn(new Date(), TZ), 1);
    const hazards: Array<{ id: string; number: string; unit: string; orgId: string; dueAt: string }> = [];
    await inParallel([...Array(HAZARDS).keys()], 6, async (i) => {
      const unit = i % 2 ? 'SFX-002' : 'SFX-001';
      const h = expect(await officer.post('/api/v1/hazards', { title: `多实例提醒 ${i}`, category: 'physical', orgId: org(unit) }), 201, 'report');
      const assessed = expect(await head.post(`/api/v1/hazards/${h.id}/assess`, { grade: 'general', dueOn: tomorrow, version: h.version }), 200, 'assess');
      hazards.push({ id: h.id, number: h.number, unit, orgId: org(unit), dueAt: assessed.dueAt });
    });
    const ids = hazards.map((h) => h.id);

    // The sweep must be caught open, however fast it runs: a transaction of the test holds, uncommitted,
    // one of the notices the sweep will write (the same unique key: rule, hazard, due key, its branch
    // head). The sweep's insert of that notice waits for it while the sweep holds its lock; the test
    // kills that instance, then rolls its row back (nothing of it remains).
    const blocked = hazards.find((h) => h.unit === 'SFX-001')!;
    const { rows: branch1 } = await db.query<{ id: string }>(`select id from users where username = 'branch1'`);
    // Its own connection: inside an open transaction pg_stat_activity is a snapshot, and the watcher
    // below must see the instances that connect later.
    const blocker = new pg.Client({ connectionString: ds.env.DATABASE_URL });
    await blocker.connect();
    t.after(() => blocker.end());
    await blocker.query('begin');
    const { rows: held } = await blocker.query<{ id: string }>(
      `insert into notifications (id, org_id, recipient_id, rule, target_type, target_id, due_key, message_code, params, created_at)
       values (gen_random_uuid(), $1, $2, 'hazard.due_soon', 'hazard', $3, $4, 'hazard.due_soon', '{}'::jsonb, now()) returning id`,
      [blocked.orgId, branch1[0].id, blocked.id, new Date(blocked.dueAt).toISOString()],
    );

    // 2. Instances B and C sweep every 2 s; whichever holds the reminders sweep's lock while none of
    //    its notices is committed yet is killed there.
    const env = { ...ds.env, ANBAO_SWEEP_INTERVAL_MS: '2000' };
    const pids: number[] = [setup.pid];
    const key = sweepLockKey('hazards.reminders') >>> 0;
    let victim: number | null = null;
    const watch = (async () => {
      const deadline = Date.now() + 120_000;
      while (victim === null && Date.now() < deadline) {
        const { rows } = await db.query<{ port: number | null; done: string }>(
          `select (select a.client_port from pg_locks l join pg_stat_activity a on a.pid = l.pid
                   where l.locktype = 'advisory' and l.classid = $1 and l.objid = $2 and l.granted limit 1) as port,
                  (select count(*) from notifications where rule = 'hazard.due_soon' and target_id = any($3::uuid[]) and id <> $4) as done`,
          [SWEEP_LOCK_SPACE, key, ids, held[0].id],
        );
        if (Number(rows[0].done) > 0) throw new Error('a sweep committed the reminders before the watcher caught one open');
        const pid = rows[0].port ? pidOfLocalPort(rows[0].port, pids) : null;
        if (pid) {
          process.kill(pid, 'SIGKILL');
          victim = pid;
          await blocker.query('rollback');
          return;
        }
        await sleep(10);
      }
      await blocker.query('rollback');
      throw new Error('no instance was seen holding the reminders sweep');
    })();
    // A launch that the kill ends before it is ready settles as null.
    const launched = [0, 1].map(() => {
      const l: { pid?: number; server?: Promise<ChildServer | null> } = {};
      l.server = start(env, (pid) => ((l.pid = pid), pids.push(pid))).catch(() => null);
      return l;
    });
    await watch;
    say(t, `killed instance PID ${victim} while it held the hazards.reminders sweep`);
    const killed = victim === setup.pid ? setup : await launched.find((l) => l.pid === victim)!.server!;
    if (killed) {
      await killed.kill();
      servers.delete(killed);
    }
    await start(env);
    for (const l of launched) if (l.pid !== victim) assert.ok(await l.server, 'the other instances started');

    // 3. Wait for the survivors and the restarted instance to sweep and deliver.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows } = await db.query<{ notified: string; sent: string; open: string }>(
        `select (select count(distinct target_id) from notifications where rule = 'hazard.due_soon' and target_id = any($1::uuid[])) as notified,
                (select count(*) from notification_deliveries where channel_id = $2 and status = 'sent') as sent,
                (select count(*) from notification_deliveries where channel_id = $2 and status <> 'sent') as open`,
        [ids, channel.id],
      );
      if (Number(rows[0].notified) === HAZARDS && Number(rows[0].sent) === HAZARDS && Number(rows[0].open) === 0) break;
      assert.ok(Date.now() < deadline, `not all reminders delivered within 60 s: ${JSON.stringify(rows[0])}`);
      await sleep(250);
    }

    // 4. Exactly once per hazard and recipient; the unit heads (branch1, branch2) among them.
    const { rows: notices } = await db.query<{ target_id: string; recipient_id: string; n: string }>(
      `select target_id, recipient_id, count(*) as n from notifications where rule = 'hazard.due_soon' and target_id = any($1::uuid[]) group by 1, 2`,
      [ids],
    );
    assert.ok(notices.every((r) => Number(r.n) === 1), 'no notice twice');
    const { rows: heads } = await db.query<{ username: string; id: string }>(`select username, id from users where username in ('branch1', 'branch2')`);
    const headOf: Record<string, string> = { 'SFX-001': heads.find((u) => u.username === 'branch1')!.id, 'SFX-002': heads.find((u) => u.username === 'branch2')!.id };
    const recipientsOf = (id: string) => notices.filter((r) => r.target_id === id).map((r) => r.recipient_id).sort();
    for (const unit of ['SFX-001', 'SFX-002']) {
      const mine = hazards.filter((h) => h.unit === unit);
      const expected = recipientsOf(mine[0].id);
      assert.ok(expected.includes(headOf[unit]), `${unit}: its branch head is reminded`);
      for (const h of mine) assert.deepEqual(recipientsOf(h.id), expected, `${h.number}: the same recipients as every hazard of ${unit}`);
    }
    // One robot message per hazard (one per rule, record and due key, not per recipient), received once.
    const { rows: deliveries } = await db.query<{ attempts: number }>(`select attempts from notification_deliveries where channel_id = $1`, [channel.id]);
    assert.equal(deliveries.length, HAZARDS);
    assert.ok(deliveries.every((d) => d.attempts === 1), 'each delivery claimed and sent once');
    const received = robot.posts.map((p) => String(p.body?.markdown?.content ?? ''));
    assert.equal(received.length, HAZARDS, 'the robot got one message per hazard');
    for (const h of hazards) assert.equal(received.filter((c) => c.includes(h.number)).length, 1, `${h.number}: one message`);

    // The audit chain the three instances appended to verifies (what `anbao verify-audit` runs).
    const database = await ds.open();
    try {
      const v = await verifyChain(database.db);
      assert.equal(v.ok, true, JSON.stringify(v.firstBroken));
    } finally {
      await database.close();
    }
  } finally {
    await db.end();
    await robot.close();
  }
});

test('DESIGN §7: ANBAO_SWEEP_INTERVAL_MS is a whole number of milliseconds from 1000 to one day; unset, each sweep keeps its own interval', () => {
  const base = { ANBAO_SECRET_KEY: TEST_SECRET_KEY, DATA_DIR: '.tmp/unused' };
  assert.equal(loadConfig(base).sweepIntervalMs, null);
  assert.equal(loadConfig({ ...base, ANBAO_SWEEP_INTERVAL_MS: '2000' }).sweepIntervalMs, 2000);
  for (const bad of ['999', '86400001', '2s', '-5']) assert.throws(() => loadConfig({ ...base, ANBAO_SWEEP_INTERVAL_MS: bad }), (e: Error) => e instanceof ConfigError && e.variable === 'ANBAO_SWEEP_INTERVAL_MS');
});

test('DESIGN §7: ANBAO_SCHEDULER=0 makes a request-only instance on PostgreSQL; embedded it is refused naming the variable (nobody else would run the sweeps)', () => {
  const base = { ANBAO_SECRET_KEY: TEST_SECRET_KEY, DATA_DIR: '.tmp/unused' };
  assert.equal(loadConfig(base).scheduler, true);
  assert.equal(loadConfig({ ...base, DATABASE_URL: 'postgres://x@127.0.0.1/anbao', ANBAO_SCHEDULER: '0' }).scheduler, false);
  assert.throws(() => loadConfig({ ...base, ANBAO_SCHEDULER: '0' }), (e: Error) => e instanceof ConfigError && e.variable === 'ANBAO_SCHEDULER');
  assert.throws(() => loadConfig({ ...base, DATABASE_URL: 'postgres://x@127.0.0.1/anbao', ANBAO_SCHEDULER: 'maybe' }), (e: Error) => e instanceof ConfigError && e.variable === 'ANBAO_SCHEDULER');
});
