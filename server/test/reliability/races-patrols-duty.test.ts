// Races on the patrols and duty modules (issue 4's race suite extended to every later module,
// DESIGN §5): many requests at once on one record, one step or one Idempotency-Key,
// through the real request path. Each test asserts what is stored and audited, not just the answers.
// Runs on PGlite (one connection: transactions queue) and on PostgreSQL (a pool: transactions truly
// overlap, under READ COMMITTED).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq, inArray, isNull, like } from 'drizzle-orm';
import { dutyAssignments, dutyHandovers, dutyLogs, hazards, monitoringLogs, openingChecks, patrolAnomalies, patrolCheckpoints, patrols, patrolScans } from '../../db/schema/index.ts';
import { roster, shift } from '../../modules/duty/testing.ts';
import { Cast, localDay, makeRoute, ok, scanUrl } from '../../modules/patrols/testing.ts';
import { addDays } from '../../platform/time.ts';
import { auditRows } from '../audit-rows.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../harness.ts';
import { oneRanRestReplayed, oneWinner } from './race-assert.ts';

const N = 50;
let t: TestApp;
let cast: Cast;
/** A day well after the demo data (its rosters, patrols and checks end a week ahead). */
let B: string;
/** SFX-003's shifts for the duty races (the demo rosters no shift there). */
let dayShift: { id: string };
let nightShift: { id: string };

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  B = localDay(t, 30);
  cast.moveTo(B, 10);
  const officer = await cast.as('officer');
  dayShift = await shift(t, officer, '并发白班', '08:00', '20:00');
  nightShift = await shift(t, officer, '并发夜班', '20:00', '08:00');
});
after(() => t?.close());

const actionsOf = async (targetId: string, action: string, result: 'success' | 'failure' = 'success') => auditRows(t, { targetId, action, result });

// ---- Patrols (PAT-01, PAT-02, PAT-04)

test('PAT-01, DESIGN §5: the same checkpoint scan sent 20 times with one Idempotency-Key — one scan recorded, every answer the same', async () => {
  const [officer, guard] = [await cast.as('officer'), await cast.as('guard1')];
  const route = await makeRoute(t, officer, 'SFX-001', { name: '并发扫码路线' });
  const p = ok(await guard.post('/api/v1/patrols', { routeId: route.id }), 201);
  const key = `scan-${randomUUID()}`;
  const rs = await Promise.all(Array.from({ length: 20 }, () => guard.post(scanUrl(route.checkpoints[0].token), { lat: 34.26, lng: 108.94, accuracy: 12 }, { headers: { 'idempotency-key': key } })));
  oneRanRestReplayed(rs);
  const scans = await t.database.db.select().from(patrolScans).where(eq(patrolScans.patrolId, p.id));
  assert.deepEqual(scans.map((s) => s.checkpointId), [route.checkpoints[0].id], 'exactly one scan');
  assert.equal((await actionsOf(p.id, 'patrols.scan')).length, 1, 'one scan audited');
});

test('PAT-01, DESIGN §5: a guard’s “start patrol” sent 20 times at once — one patrol in progress, the rest 409 PATROL_ALREADY_IN_PROGRESS', async () => {
  const [officer, guard] = [await cast.as('officer'), await cast.as('guard1')];
  const route = await makeRoute(t, officer, 'SFX-001', { name: '并发开始路线' });
  const rs = await Promise.all(Array.from({ length: 20 }, () => guard.post('/api/v1/patrols', { routeId: route.id })));
  const w = oneWinner(rs, ['PATROL_ALREADY_IN_PROGRESS'], 201);
  const stored = await t.database.db.select().from(patrols).where(eq(patrols.routeId, route.id));
  assert.deepEqual(stored.map((p) => [p.id, p.status, p.guardId]), [[rs[w].body.id, 'in_progress', await t.userId('guard1')]]);
  assert.equal((await actionsOf(rs[w].body.id, 'patrols.start')).length, 1);
});

test('PAT-01, DESIGN §5: 20 scans-to-start (start: true) of one checkpoint at once — one patrol started, every scan recorded on it', async () => {
  const [officer, guard] = [await cast.as('officer'), await cast.as('guard1')];
  const route = await makeRoute(t, officer, 'SFX-001', { name: '扫码开始路线' });
  const rs = await Promise.all(Array.from({ length: 20 }, () => guard.post(scanUrl(route.checkpoints[0].token), { start: true })));
  // One after another, the first scan starts the patrol and the others find it in progress: at once,
  // the answers must be the same (a scan is never refused because a twin started the patrol).
  for (const r of rs) assert.equal(r.status, 200, JSON.stringify(r.body));
  const stored = await t.database.db.select().from(patrols).where(eq(patrols.routeId, route.id));
  assert.equal(stored.length, 1, 'one patrol');
  for (const r of rs) assert.equal(r.body.id, stored[0].id);
  const scans = await t.database.db.select().from(patrolScans).where(eq(patrolScans.patrolId, stored[0].id));
  assert.equal(scans.length, 20, 'every scan recorded');
  assert.equal((await actionsOf(stored[0].id, 'patrols.start')).length, 1, 'started once');
  assert.equal((await actionsOf(stored[0].id, 'patrols.scan')).length, 20);
});

test(`PAT-01, PAT-02, DESIGN §5: ${N} concurrent finishes of one patrol with the same version — finished once, ${N - 1} get 409, one finish audited`, async () => {
  const [officer, guard] = [await cast.as('officer'), await cast.as('guard1')];
  const route = await makeRoute(t, officer, 'SFX-001', { name: '并发收班路线' });
  const p = ok(await guard.post('/api/v1/patrols', { routeId: route.id }), 201);
  ok(await guard.post(scanUrl(route.checkpoints[0].token), {}));
  ok(await guard.post(scanUrl(route.checkpoints[1].token), {}));
  const cur = ok(await guard.get(`/api/v1/patrols/${p.id}`));
  const notes = Array.from({ length: N }, (_, i) => `巡逻结束 ${i}`);
  const rs = await Promise.all(notes.map((note) => guard.post(`/api/v1/patrols/${p.id}/finish`, { note, version: cur.version })));
  const w = oneWinner(rs, ['VERSION_CONFLICT', 'INVALID_STATE']);
  const [row] = await t.database.db.select().from(patrols).where(eq(patrols.id, p.id));
  assert.deepEqual([row.status, row.note, row.version, row.missedCount], ['completed', notes[w], cur.version + 1, 2], 'the winner’s note; the two unscanned checkpoints missed (PAT-02)');
  assert.deepEqual(ok(await guard.get(`/api/v1/patrols/${p.id}`)), rs[w].body);
  assert.equal((await actionsOf(p.id, 'patrols.finish')).length, 1, 'one finish audited');
});

test('PAT-02, DESIGN §5: a hazard opened from one anomaly 10 times at once — one hazard, the anomaly linked to it, the rest 409 HAZARD_ALREADY_OPENED', async () => {
  const [officer, guard] = [await cast.as('officer'), await cast.as('guard1')];
  const route = await makeRoute(t, officer, 'SFX-001', { name: '并发隐患路线' });
  const p = ok(await guard.post('/api/v1/patrols', { routeId: route.id }), 201);
  const a = ok(await guard.post(`/api/v1/patrols/${p.id}/anomalies`, { checkpointId: route.checkpoints[0].id, note: '金库门锁具松动' }), 201).anomalies[0];
  const rs = await Promise.all(Array.from({ length: 10 }, () => guard.post(`/api/v1/patrols/${p.id}/anomalies/${a.id}/hazard`, { category: 'physical' })));
  const w = oneWinner(rs, ['HAZARD_ALREADY_OPENED']);
  const [row] = await t.database.db.select().from(patrolAnomalies).where(eq(patrolAnomalies.id, a.id));
  assert.ok(row.hazardId);
  assert.equal(rs[w].body.anomalies[0].hazardId, row.hazardId);
  const audited = await actionsOf(p.id, 'patrols.anomaly_hazard');
  assert.equal(audited.length, 1, 'one hazard opening audited');
  assert.equal(audited[0].detail?.hazardId, row.hazardId);
  const opened = await t.database.db.select().from(hazards).where(and(eq(hazards.source, 'patrol'), like(hazards.description, '金库门锁具松动%')));
  assert.deepEqual(opened.map((h) => h.id), [row.hazardId], 'one hazard');
  assert.equal((await actionsOf(row.hazardId!, 'hazards.report')).length, 1, 'its report audited once');
});

test(`PAT-01, DESIGN §5: ${N} concurrent edits of one patrol route (name and checkpoints) with the same version — one wins, no loser’s checkpoint is left behind`, async () => {
  const officer = await cast.as('officer');
  const route = await makeRoute(t, officer, 'SFX-001', { name: '并发编辑路线' });
  const [a, b] = route.checkpoints;
  const edits = Array.from({ length: N }, (_, i) => ({
    name: `编辑后路线-${String(i).padStart(2, '0')}`,
    checkpoints: [{ id: b.id, windowMinutes: 15 }, { id: a.id, windowMinutes: 25 }, { name: `新增点位-${i}`, windowMinutes: 30 }],
    version: route.version,
  }));
  const rs = await Promise.all(edits.map((e) => officer.patch(`/api/v1/patrol-routes/${route.id}`, e)));
  const w = oneWinner(rs);
  const stored = ok(await officer.get(`/api/v1/patrol-routes/${route.id}`));
  assert.equal(stored.name, edits[w].name);
  assert.equal(stored.version, route.version + 1);
  assert.deepEqual(stored.checkpoints.map((c: { name: string; token: string }) => [c.name, c.token]), [[b.name, b.token], [a.name, a.token], [`新增点位-${w}`, rs[w].body.checkpoints[2].token]]);
  const rows = await t.database.db.select().from(patrolCheckpoints).where(eq(patrolCheckpoints.routeId, route.id));
  assert.equal(rows.length, 5, 'four made with the route, one added by the winner');
  assert.equal(rows.filter((r) => !r.removedAt).length, 3);
  assert.equal((await actionsOf(route.id, 'patrol_routes.update')).length, 1, 'one change audited');
});

test('PAT-03, DESIGN §5: one monitoring shift ended 20 times at once with the same version — ended once, the rest 409', async () => {
  const monitor = await cast.as('monitor1');
  const fromAt = new Date(t.clock.now().getTime() - 8 * 3_600_000);
  const m = ok(await monitor.post('/api/v1/monitoring-logs', { orgId: await t.orgId('SFX-BWB'), kind: 'shift', fromAt: fromAt.toISOString() }), 201);
  const ends = Array.from({ length: 20 }, (_, i) => new Date(fromAt.getTime() + (60 + i) * 60_000).toISOString());
  const rs = await Promise.all(ends.map((toAt) => monitor.post(`/api/v1/monitoring-logs/${m.id}/end-shift`, { toAt, version: m.version })));
  const w = oneWinner(rs, ['VERSION_CONFLICT', 'SHIFT_ALREADY_CLOSED']);
  const [row] = await t.database.db.select().from(monitoringLogs).where(eq(monitoringLogs.id, m.id));
  assert.deepEqual([row.toAt?.toISOString(), row.version], [ends[w], m.version + 1], 'the end the winner gave');
  assert.equal((await actionsOf(m.id, 'monitoring_logs.end_shift')).length, 1);
});

test('PAT-04, DESIGN §5: today’s opening check of a branch recorded 10 times at once, then confirmed 10 times at once — one check, confirmed once', async () => {
  const [staff1, staff2] = [await cast.as('staff1'), await cast.as('staff2')];
  const orgId = await t.orgId('SFX-001');
  const items = ok(await staff1.get('/api/v1/opening-checks/checklists')).opening.map((i: { key: string }) => ({ key: i.key, ok: true }));
  const rs = await Promise.all(Array.from({ length: 10 }, (_, i) => staff1.post('/api/v1/opening-checks', { orgId, kind: 'opening', items, note: `第 ${i} 次提交` })));
  // Serially the later ones find the check done; overlapping inserts meet the one-per-day unique index.
  const w = oneWinner(rs, ['CHECK_ALREADY_DONE', 'DUPLICATE_RECORD'], 201);
  const id = rs[w].body.id;
  const day = localDay(t);
  const stored = await t.database.db.select().from(openingChecks).where(and(eq(openingChecks.orgId, orgId), eq(openingChecks.day, day), eq(openingChecks.kind, 'opening'), isNull(openingChecks.withdrawnAt)));
  assert.deepEqual(stored.map((c) => [c.id, c.status, c.note]), [[id, 'awaiting_second', `第 ${w} 次提交`]]);
  assert.equal((await actionsOf(id, 'opening_checks.record')).length, 1);
  const cs = await Promise.all(Array.from({ length: 10 }, () => staff2.post(`/api/v1/opening-checks/${id}/confirm`, {})));
  oneWinner(cs, ['INVALID_STATE', 'VERSION_CONFLICT']);
  const [done] = await t.database.db.select().from(openingChecks).where(eq(openingChecks.id, id));
  assert.deepEqual([done.status, done.secondBy, done.version], ['done', await t.userId('staff2'), stored[0].version + 1]);
  assert.equal((await actionsOf(id, 'opening_checks.confirm')).length, 1, 'one confirmation audited');
});

// ---- Duty (DUT-01 … DUT-03), on SFX-003 (not rostered by the demo)


test(`DUT-01, DESIGN §5: ${N} concurrent edits of one roster assignment with the same version — one wins, ${N - 1} get 409, the stored people are the winner’s`, async () => {
  const officer = await cast.as('officer');
  const a = await roster(t, officer, dayShift.id, addDays(B, 5), ['monitor1']);
  const pool = await Promise.all(['monitor1', 'patrol1', 'officer2', 'officer', 'branch3'].map((u) => t.userId(u)));
  // N distinct line-ups: ordered pairs, then ordered triples, of the pool.
  const lineups: string[][] = [];
  for (const x of pool) for (const y of pool) if (x !== y) lineups.push([x, y]);
  for (const x of pool) for (const y of pool) for (const z of pool) if (new Set([x, y, z]).size === 3) lineups.push([x, y, z]);
  const wanted = lineups.slice(0, N);
  const rs = await Promise.all(wanted.map((personIds) => officer.patch(`/api/v1/duty-rosters/${a.id}`, { personIds, version: a.version })));
  const w = oneWinner(rs);
  const stored = ok(await officer.get(`/api/v1/duty-rosters/${a.id}`));
  assert.deepEqual(stored.people.map((p: { id: string }) => p.id), wanted[w]);
  assert.equal(stored.version, a.version + 1);
  const [row] = await t.database.db.select().from(dutyAssignments).where(eq(dutyAssignments.id, a.id));
  assert.deepEqual(row.people, wanted[w]);
  const updates = await actionsOf(a.id, 'duty.roster_update');
  assert.equal(updates.length, 1, 'one change audited, none for the losers');
  assert.deepEqual(updates[0].changes?.people, [[pool[0]], wanted[w]]);
});

test('DUT-01, DESIGN §5: one shift on one date rostered 20 times at once — one assignment, the rest 409', async () => {
  const officer = await cast.as('officer');
  const dutyDate = addDays(B, 6);
  const personIds = [await t.userId('patrol1')];
  const rs = await Promise.all(Array.from({ length: 20 }, () => officer.post('/api/v1/duty-rosters', { shiftId: nightShift.id, dutyDate, personIds })));
  // Serially the later ones find it rostered; overlapping inserts meet the (shift, date) unique index.
  const w = oneWinner(rs, ['ASSIGNMENT_EXISTS', 'DUPLICATE_RECORD'], 201);
  const stored = await t.database.db.select().from(dutyAssignments).where(and(eq(dutyAssignments.shiftId, nightShift.id), eq(dutyAssignments.dutyDate, dutyDate)));
  assert.deepEqual(stored.map((a) => [a.id, a.people]), [[rs[w].body.id, personIds]]);
  assert.equal((await actionsOf(rs[w].body.id, 'duty.roster')).length, 1);
});

test('DUT-01, DESIGN §5: a swap approved 10 times at once moves the place once', async () => {
  const [officer, monitor, head] = [await cast.as('officer'), await cast.as('monitor1'), await cast.as('head')];
  const a = await roster(t, officer, dayShift.id, addDays(B, 7), ['monitor1']);
  const asked = ok(await monitor.post(`/api/v1/duty-rosters/${a.id}/swaps`, { counterpartId: await t.userId('patrol1'), reason: '家中有事' }), 201);
  const swapId = asked.swaps[0].id;
  const rs = await Promise.all(Array.from({ length: 10 }, () => head.post(`/api/v1/duty-rosters/${a.id}/swaps/${swapId}/approve`, { note: '同意' })));
  oneWinner(rs, ['INVALID_STATE', 'VERSION_CONFLICT']);
  const [row] = await t.database.db.select().from(dutyAssignments).where(eq(dutyAssignments.id, a.id));
  assert.deepEqual([row.people, row.version], [[await t.userId('patrol1')], a.version + 1], 'moved once');
  assert.equal((await actionsOf(a.id, 'duty.swap_approve')).length, 1, 'one approval audited');
});

test('DUT-01, DESIGN §5: two opposite swaps (each taking the other’s shift) approved at once — exactly one moves both places, the other is refused 409 SWAP_COUNTERPART_ON_SHIFT (no deadlock)', async () => {
  const [officer, monitor, patrol, head] = [await cast.as('officer'), await cast.as('monitor1'), await cast.as('patrol1'), await cast.as('head')];
  const [m, p] = [await t.userId('monitor1'), await t.userId('patrol1')];
  const a = await roster(t, officer, dayShift.id, addDays(B, 8), ['monitor1']);
  const b = await roster(t, officer, nightShift.id, addDays(B, 8), ['patrol1']);
  const s1 = ok(await monitor.post(`/api/v1/duty-rosters/${a.id}/swaps`, { counterpartId: p, counterpartAssignmentId: b.id, reason: '对调' }), 201).swaps[0];
  const s2 = ok(await patrol.post(`/api/v1/duty-rosters/${b.id}/swaps`, { counterpartId: m, counterpartAssignmentId: a.id, reason: '对调' }), 201).swaps[0];
  const rs = await Promise.all([head.post(`/api/v1/duty-rosters/${a.id}/swaps/${s1.id}/approve`, {}), head.post(`/api/v1/duty-rosters/${b.id}/swaps/${s2.id}/approve`, {})]);
  // The second finds its requester gone from the shift — overlapping too: both lock the two
  // assignments in one order, so there is no deadlock for PostgreSQL to break (a bare 409 CONCURRENT_UPDATE).
  oneWinner(rs, ['SWAP_COUNTERPART_ON_SHIFT']);
  const rows = await t.database.db.select().from(dutyAssignments).where(inArray(dutyAssignments.id, [a.id, b.id]));
  const people = Object.fromEntries(rows.map((r) => [r.id, r.people]));
  assert.deepEqual([people[a.id], people[b.id]], [[p], [m]], 'whichever won, the two places swapped exactly once (twice would undo it)');
  const approvals = [...(await actionsOf(a.id, 'duty.swap_approve')), ...(await actionsOf(b.id, 'duty.swap_approve'))];
  assert.equal(approvals.length, 2, 'one approval, audited on both assignments');
  assert.equal(new Set(approvals.map((e) => e.requestId)).size, 1, 'by one request');
});

let H: string;
let dayA: { id: string };

test(`DUT-02, DESIGN §5: ${N} duty-log entries written at once get ${N} distinct records; an entry retried 20 times with one Idempotency-Key is stored once`, async () => {
  H = addDays(B, 10);
  const officer = await cast.as('officer');
  dayA = await roster(t, officer, dayShift.id, H, ['monitor1']);
  await roster(t, officer, nightShift.id, H, ['patrol1']);
  cast.moveTo(H, 10);
  const monitor = await cast.as('monitor1');
  const texts = Array.from({ length: N }, (_, i) => `巡查营业厅第 ${i} 次，门窗完好`);
  const rs = await Promise.all(texts.map((happened) => monitor.post('/api/v1/duty-logs', { assignmentId: dayA.id, happened })));
  for (const r of rs) assert.equal(r.status, 201, JSON.stringify(r.body));
  const ids = rs.map((r) => r.body.id as string);
  assert.equal(new Set(ids).size, N, 'no record shared');
  const stored = await t.database.db.select().from(dutyLogs).where(eq(dutyLogs.assignmentId, dayA.id));
  assert.deepEqual(stored.map((l) => l.happened).sort(), [...texts].sort(), 'each entry stored once, as written');
  const audited = (await auditRows(t, { action: 'duty.log' })).filter((e) => ids.includes(e.targetId!));
  assert.deepEqual(audited.map((e) => e.targetId).sort(), [...ids].sort(), 'each entry audited once');

  const key = `log-${randomUUID()}`;
  const again = await Promise.all(Array.from({ length: 20 }, () => monitor.post('/api/v1/duty-logs', { assignmentId: dayA.id, happened: '网络抖动时重发的记录' }, { headers: { 'idempotency-key': key } })));
  oneRanRestReplayed(again, 201);
  const retried = await t.database.db.select().from(dutyLogs).where(and(eq(dutyLogs.assignmentId, dayA.id), eq(dutyLogs.happened, '网络抖动时重发的记录')));
  assert.deepEqual(retried.map((l) => l.id), [again[0].body.id], 'exactly one record');
  assert.equal((await actionsOf(again[0].body.id, 'duty.log')).length, 1);
});

test(`DUT-02, DESIGN §5: ${N} concurrent edits of one duty-log entry with the same version — one wins, ${N - 1} get 409`, async () => {
  const monitor = await cast.as('monitor1');
  const e = ok(await monitor.post('/api/v1/duty-logs', { assignmentId: dayA.id, happened: '发现后门照明灯不亮' }), 201);
  const actions = Array.from({ length: N }, (_, i) => `已报维修，工单 ${i}`);
  const rs = await Promise.all(actions.map((actionTaken) => monitor.patch(`/api/v1/duty-logs/${e.id}`, { actionTaken, version: e.version })));
  const w = oneWinner(rs);
  const [row] = await t.database.db.select().from(dutyLogs).where(eq(dutyLogs.id, e.id));
  assert.deepEqual([row.actionTaken, row.version], [actions[w], e.version + 1]);
  const edits = await actionsOf(e.id, 'duty.log_edit');
  assert.equal(edits.length, 1, 'one edit audited');
  assert.deepEqual(edits[0].changes?.actionTaken, [null, actions[w]]);
});

test('DUT-03, DESIGN §5: a handover submitted 10 times at once is stored once; the incoming officer confirms it 10 times at once — handed over once, one confirmation audited', async () => {
  cast.moveTo(H, 19);
  const [monitor, patrol] = [await cast.as('monitor1'), await cast.as('patrol1')];
  const rs = await Promise.all(Array.from({ length: 10 }, () => monitor.post('/api/v1/handovers', { assignmentId: dayA.id, note: '本班正常', items: [{ text: '东门门禁故障，待维修' }] })));
  const w = oneWinner(rs, ['HANDOVER_EXISTS'], 201);
  const h = rs[w].body;
  const stored = await t.database.db.select().from(dutyHandovers).where(eq(dutyHandovers.assignmentId, dayA.id));
  assert.deepEqual(stored.map((x) => [x.id, x.status]), [[h.id, 'submitted']]);
  assert.equal(h.items.length, 1, 'the open item once');
  assert.equal((await actionsOf(h.id, 'duty.handover_submit')).length, 1);

  const cs = await Promise.all(Array.from({ length: 10 }, () => patrol.post(`/api/v1/handovers/${h.id}/confirm`, { password: TEST_PASSWORD })));
  const c = oneWinner(cs, ['INVALID_STATE', 'VERSION_CONFLICT']);
  const [row] = await t.database.db.select().from(dutyHandovers).where(eq(dutyHandovers.id, h.id));
  assert.deepEqual([row.status, row.incomingBy, row.version], ['confirmed', await t.userId('patrol1'), stored[0].version + 1]);
  assert.deepEqual(ok(await patrol.get(`/api/v1/handovers/${h.id}`)), cs[c].body);
  assert.equal((await actionsOf(h.id, 'duty.handover_confirm')).length, 1, 'handed over once');
  assert.equal((await actionsOf(h.id, 'duty.handover_confirm', 'failure')).length, 0, 'no refusal recorded as a failed confirmation');
});

test('DUT-02, DUT-03, DESIGN §5: entries written while the shift is handed over — each is in before the handover or refused 409 SHIFT_HANDED_OVER, never after it', async () => {
  const H2 = addDays(B, 12);
  const officer = await cast.as('officer');
  const a = await roster(t, officer, dayShift.id, H2, ['monitor1']);
  cast.moveTo(H2, 19);
  const monitor = await cast.as('monitor1');
  const logs = Array.from({ length: 20 }, (_, i) => () => monitor.post('/api/v1/duty-logs', { assignmentId: a.id, happened: `交班前记录 ${i}` }));
  const handover = () => monitor.post('/api/v1/handovers', { assignmentId: a.id, note: '交班' });
  const rs = await Promise.all([...logs.slice(0, 10), handover, ...logs.slice(10)].map((f) => f()));
  const h = rs[10];
  assert.equal(h.status, 201, JSON.stringify(h.body));
  const logRs = [...rs.slice(0, 10), ...rs.slice(11)];
  for (const r of logRs) assert.ok(r.status === 201 || (r.status === 409 && r.body.error.code === 'SHIFT_HANDED_OVER'), JSON.stringify(r.body));
  const accepted = logRs.filter((r) => r.status === 201).map((r) => r.body.id as string);
  const stored = await t.database.db.select({ id: dutyLogs.id }).from(dutyLogs).where(eq(dutyLogs.assignmentId, a.id));
  assert.deepEqual(stored.map((l) => l.id).sort(), [...accepted].sort(), 'exactly the accepted entries are stored');
  // The assignment's row lock orders them: every accepted entry committed before the handover.
  const [submitted] = await actionsOf(h.body.id, 'duty.handover_submit');
  const logged = accepted.length ? await t.database.db.select().from(dutyLogs).where(inArray(dutyLogs.id, accepted)) : [];
  assert.equal(logged.length, accepted.length);
  for (const id of accepted) {
    const [e] = await actionsOf(id, 'duty.log');
    assert.ok(e.id < submitted.id, 'logged before the handover');
  }
});
