// The "nothing half written" checks (consistency.ts) that the crash and restore suites rely on: clean on
// data written through the API, and each check names what a torn write would leave behind — a counter
// ahead of its records (a gap for the next number), a number without the audit entry written in its
// transaction, a number in the wrong form. Shown for the kinds numbered last: room entries (JF, VIS-03)
// and rectification notices (ZG, HAZ-03), whose number lives on the hazard.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.ts';
import { startTestApp, type TestApp } from '../harness.ts';
import { halfWritten } from './consistency.ts';

let t: TestApp;
let noticed: { id: string; noticeNumber: string };
let unnoticed: string;
let entry: { id: string; number: string };

const expectOk = (r: { status: number; body: any }, status: number) => {
  assert.equal(r.status, status, JSON.stringify(r.body));
  return r.body;
};

before(async () => {
  t = await startTestApp();
  const [officer, head, it1] = await Promise.all(['officer', 'head', 'it1'].map((u) => t.login(u)));
  const orgId = await t.orgId('SFX-001');
  const report = async (title: string) => expectOk(await officer.post('/api/v1/hazards', { title, description: '一致性检查', category: 'physical', orgId }), 201);
  const h = await report('后门锁具损坏');
  expectOk(await head.post(`/api/v1/hazards/${h.id}/assess`, { grade: 'general' }), 200);
  noticed = expectOk(await officer.post(`/api/v1/hazards/${h.id}/issue-notice`, { measures: '更换锁芯', responsibleUserId: await t.userId('branch1') }), 200);
  unnoticed = (await report('监控探头遮挡')).id;
  const [room] = await rows<{ id: string }>(t.database.db, sql`select id from sites where name = '中心机房'`);
  entry = expectOk(await it1.post('/api/v1/room-entries', { siteId: room.id, staffIds: [await t.userId('it1'), await t.userId('it2')], purpose: '例行巡检' }), 201);
});
after(async () => t.close());

/** Applies a change a torn write could leave, returns what the checks report, and undoes the change. */
async function reportedAfter(change: ReturnType<typeof sql>, undo: ReturnType<typeof sql>): Promise<string[]> {
  await t.database.db.execute(change);
  try {
    return await halfWritten(t.database);
  } finally {
    await t.database.db.execute(undo);
  }
}

test('DESIGN §5: data written through the API (a ZG notice, a JF room entry, the demo) is consistent', async () => {
  assert.match(noticed.noticeNumber, /^ZG-\d{4}-\d{6}$/);
  assert.match(entry.number, /^JF-\d{4}-\d{6}$/);
  assert.deepEqual(await halfWritten(t.database), []);
});

test('DESIGN §5, VIS-03: a JF counter ahead of the room entries (a torn creation) is reported', async () => {
  const found = await reportedAfter(sql`update doc_counters set value = value + 1 where kind = 'JF'`, sql`update doc_counters set value = value - 1 where kind = 'JF'`);
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^JF numbers of room_entries with a gap or a counter out of step/);
});

test('DESIGN §5, HAZ-03: a notice number without its issue_notice audit entry, and out of the series, is reported', async () => {
  const found = await reportedAfter(sql`update hazards set notice_number = ${noticed.noticeNumber.replace(/\d{6}$/, '999999')} where id = ${unnoticed}`, sql`update hazards set notice_number = null where id = ${unnoticed}`);
  assert.ok(found.some((l) => l.startsWith('hazards.notice_number without its hazards.issue_notice audit entry')), found.join('\n'));
  assert.ok(found.some((l) => l.startsWith('ZG numbers of hazards.notice_number with a gap or a counter out of step')), found.join('\n'));
});

test('DESIGN §5: an issue_notice audit entry whose hazard holds no notice number is reported', async () => {
  const found = await reportedAfter(sql`update hazards set notice_number = null where id = ${noticed.id}`, sql`update hazards set notice_number = ${noticed.noticeNumber} where id = ${noticed.id}`);
  assert.ok(found.some((l) => l.startsWith('hazards.issue_notice audit entry without its hazards.notice_number')), found.join('\n'));
});

test('DESIGN §4: a room entry number out of the XX-YYYY-NNNNNN form is reported', async () => {
  const found = await reportedAfter(sql`update room_entries set number = 'JF-26-1' where id = ${entry.id}`, sql`update room_entries set number = ${entry.number} where id = ${entry.id}`);
  assert.ok(found.some((l) => l.startsWith('room_entries not in the form JF-YYYY-NNNNNN')), found.join('\n'));
});
