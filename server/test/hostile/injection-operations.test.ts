// Injection and scripting (issue 4), extended to the daily operations: patrols (routes, patrols,
// monitoring logs, opening / closing checks) and duty (rosters, duty logs, handovers). Every payload of
// corpus.ts is stored through the create routes' free-text fields and read back exactly as written,
// found by each register's search as literal text, written to every Excel export of the modules as inert
// text (RPT-03: no cell starts a formula) and shown escaped on every printable page (RPT-03, esc()).
// The first file, injection.test.ts, covers hazards, sites, units and people; injection-workflows.test.ts
// covers inspections, visitors and equipment.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { roster, shift, UNIT } from '../../modules/duty/testing.ts';
import { Cast, localDay, ok } from '../../modules/hazards/testing.ts';
import { scanAt } from '../../modules/patrols/testing.ts';
import type { TestApp } from '../harness.ts';
import { startTestApp } from '../harness.ts';
import { rowCounts } from '../row-counts.ts';
import { CORPUS, FORMULA_PAYLOADS, XSS_PAYLOADS } from './corpus.ts';
import { assertHoldsFormulas, assertInert, assertLiteralSearch, assertPageEscapes, textCells } from './inert.ts';

let t: TestApp;
let cast: Cast;
let D: string;
const TEXTS = CORPUS.map((p) => p.text);
const SEARCHED = CORPUS.filter((p) => p.kind === 'sql' || p.kind === 'xss').map((p) => p.text);
const codePoints = (s: string) => [...s].length;

/** payload → ids of the records that hold it. */
const held = new Map<string, { route: string; patrol: string; log: string; archive: string; shiftName: string; assignment: string; dutyLog: string; handover: string }>();
/** The opening / closing checks: each holds eight payloads (seven item notes and its note). */
const checks: Array<{ id: string; texts: string[] }> = [];

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  D = localDay(t, 1);
  cast.moveTo(D, 10);
  const officer = await cast.as('officer');
  const guard = await cast.as('guard1');
  const monitor = await cast.as('monitor1');
  const sfx1 = await t.orgId('SFX-001');
  const bwb = await t.orgId('SFX-BWB');
  for (const [i, text] of TEXTS.entries()) {
    // Patrols: a route named by the payload, with a checkpoint named by it; a patrol of it with the
    // payload as its note, two checkpoints scanned 10 s apart (an impossible-scan flag naming both) and
    // an anomaly reported with the payload.
    const route = ok(
      await officer.post('/api/v1/patrol-routes', { orgId: sfx1, name: text, description: text, scheduleTimes: [], scheduleDays: [1, 2, 3, 4, 5, 6, 7], checkpoints: [{ name: text, windowMinutes: 30 }, { name: '后门', windowMinutes: 30 }] }),
      201,
      `route ${text}`,
    );
    const patrol = ok(await guard.post('/api/v1/patrols', { routeId: route.id, note: text }), 201, `patrol ${text}`);
    await scanAt(guard, route.checkpoints[0].token);
    t.clock.advance(10_000);
    await scanAt(guard, route.checkpoints[1].token);
    ok(await guard.post(`/api/v1/patrols/${patrol.id}/anomalies`, { checkpointId: route.checkpoints[0].id, note: text }), 201, `anomaly ${text}`);
    ok(await guard.post(`/api/v1/patrols/${patrol.id}/finish`, {}), 200, `finish ${text}`);
    const log = ok(
      await monitor.post('/api/v1/monitoring-logs', { orgId: bwb, kind: 'event', fromAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(), camera: text, description: text, actionTaken: text }),
      201,
      `monitoring log ${text}`,
    );
    const archive = ok(
      await monitor.post('/api/v1/monitoring-logs', { orgId: bwb, kind: 'archive', fromAt: new Date(t.clock.now().getTime() - 7_200_000).toISOString(), toAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(), medium: 'hard_disk', storageRef: text }),
      201,
      `archive log ${text}`,
    );
    // Duty: a shift named by the payload (names ≤ 50 characters), rostered today with monitor1, a duty
    // log entry and a handover whose note and open item are the payload.
    const shiftName = codePoints(text) <= 50 ? text : `班次${i}`;
    const s = await shift(t, officer, shiftName, '08:00', '20:00');
    const a = await roster(t, officer, s.id, D, ['monitor1']);
    const dutyLog = ok(await monitor.post('/api/v1/duty-logs', { assignmentId: a.id, happened: text, actionTaken: text }), 201, `duty log ${text}`);
    const handover = ok(await monitor.post('/api/v1/handovers', { assignmentId: a.id, note: text, items: [{ text }] }), 201, `handover ${text}`);
    held.set(text, { route: route.id, patrol: patrol.id, log: log.id, archive: archive.id, shiftName, assignment: a.id, dutyLog: dutyLog.id, handover: handover.id });
  }
  // Opening / closing checks: one of each kind a day at SFX-001, recorded by staff1 (every item not OK,
  // with a payload as its note) and confirmed by staff2.
  const items = ok(await (await cast.as('staff1')).get('/api/v1/opening-checks/checklists'));
  for (let k = 0; k * 8 < TEXTS.length; k++) {
    if (k === 2) cast.moveTo(localDay(t, 2), 10);
    const kind = k % 2 === 0 ? 'opening' : 'closing';
    const texts = TEXTS.slice(k * 8, k * 8 + 8);
    const keys = items[kind].map((i: { key: string }) => i.key) as string[];
    const body = { orgId: sfx1, kind, items: keys.map((key, j) => (texts[j] !== undefined && j < 7 ? { key, ok: false, note: texts[j] } : { key, ok: true })), note: texts[7] ?? null };
    const c = ok(await (await cast.as('staff1')).post('/api/v1/opening-checks', body), 201, `${kind} check ${k}`);
    ok(await (await cast.as('staff2')).post(`/api/v1/opening-checks/${c.id}/confirm`, {}), 200, `confirm ${kind} check ${k}`);
    checks.push({ id: c.id, texts });
  }
});
after(async () => t.close());

describe('injection: patrols — routes, patrols, monitoring logs, opening checks', () => {
  test('injection: every payload is stored and read back exactly as written', async () => {
    const officer = await cast.as('officer');
    for (const text of TEXTS) {
      const ids = held.get(text)!;
      const r = ok(await officer.get(`/api/v1/patrol-routes/${ids.route}`));
      assert.deepEqual([r.name, r.description, r.checkpoints[0].name], [text, text, text], `route ${text}`);
      const p = ok(await officer.get(`/api/v1/patrols/${ids.patrol}`));
      assert.deepEqual([p.routeName, p.note, p.anomalies.map((a: { note: string }) => a.note), p.checkpoints[0].name], [text, text, [text], text], `patrol ${text}`);
      assert.ok(p.flags.some((f: { kind: string }) => f.kind === 'too_fast'), 'the 10 s apart scans are flagged');
      const l = ok(await officer.get(`/api/v1/monitoring-logs/${ids.log}`));
      assert.deepEqual([l.camera, l.description, l.actionTaken], [text, text, text], `monitoring log ${text}`);
      assert.equal(ok(await officer.get(`/api/v1/monitoring-logs/${ids.archive}`)).storageRef, text, `archive log ${text}`);
    }
    for (const c of checks) {
      const r = ok(await officer.get(`/api/v1/opening-checks/${c.id}`));
      const stored = [...r.items.map((i: { note: string | null }) => i.note).filter((n: string | null) => n !== null), ...(r.note === null ? [] : [r.note])];
      assert.deepEqual(stored, c.texts, `check ${c.id}`);
    }
    // The SQL payloads ran nothing: the users table they name still holds its rows, sign-in works, and
    // every record written with them is there.
    const counts = await rowCounts(t);
    assert.ok(counts.users > 10, `users: ${counts.users}`);
    for (const table of ['patrol_routes', 'patrols', 'patrol_anomalies', 'duty_shifts', 'duty_logs', 'duty_handovers']) assert.ok(counts[table] >= TEXTS.length, `${table}: ${counts[table]}`);
    await t.login('sysadmin');
  });

  test('injection: route and monitoring-log searches are literal — a payload finds the record holding it, % or _ match only themselves', async () => {
    const officer = await cast.as('officer');
    const cases = (key: 'route' | 'log') => SEARCHED.map((text) => ({ text, id: held.get(text)![key] }));
    await assertLiteralSearch(officer, '/api/v1/patrol-routes', cases('route'), (r) => [r.name, r.description], 'patrol routes');
    await assertLiteralSearch(officer, '/api/v1/monitoring-logs', cases('log'), (l) => [l.camera, l.description, l.actionTaken, l.storageRef], 'monitoring logs');
  });

  test('injection: RPT-03 the patrol, monitoring-log and opening-check exports hold the formula payloads as inert text', async () => {
    const officer = await cast.as('officer');
    const patrols = await textCells(await officer.get('/api/v1/patrols/export.xlsx'));
    assertInert(patrols, 'patrols export');
    assertHoldsFormulas(patrols, FORMULA_PAYLOADS, 'patrols export');
    for (const f of FORMULA_PAYLOADS) assert.ok(patrols.filter((c) => c.value === `'${f}`).length >= 2, `patrols export: ${f} as route and note`);
    const logs = await textCells(await officer.get('/api/v1/monitoring-logs/export.xlsx'));
    assertInert(logs, 'monitoring-log export');
    for (const f of FORMULA_PAYLOADS) assert.ok(logs.filter((c) => c.value === `'${f}`).length >= 4, `monitoring-log export: ${f} as camera, description, action taken and storage place`);
    const checkCells = await textCells(await officer.get('/api/v1/opening-checks/export.xlsx'));
    assertInert(checkCells, 'opening-check export');
    assertHoldsFormulas(checkCells, FORMULA_PAYLOADS, 'opening-check export', { whole: false });
  });

  test('injection: the route label sheet, the patrol record and the check record show script payloads escaped, never as markup', async () => {
    const officer = await cast.as('officer');
    for (const text of XSS_PAYLOADS) {
      const ids = held.get(text)!;
      assertPageEscapes(await officer.get(`/api/v1/patrol-routes/${ids.route}/labels`), [text], `route labels of ${text}`);
      assertPageEscapes(await officer.get(`/api/v1/patrols/${ids.patrol}/print`), [text], `patrol record of ${text}`);
    }
    for (const c of checks.filter((x) => x.texts.some((s) => XSS_PAYLOADS.includes(s)))) {
      assertPageEscapes(await officer.get(`/api/v1/opening-checks/${c.id}/print`), c.texts.filter((s) => XSS_PAYLOADS.includes(s)), `check record ${c.id}`);
    }
  });
});

describe('injection: duty — rosters, duty logs, handovers', () => {
  test('injection: every payload is stored and read back exactly as written', async () => {
    const officer = await cast.as('officer');
    for (const text of TEXTS) {
      const ids = held.get(text)!;
      const a = ok(await officer.get(`/api/v1/duty-rosters/${ids.assignment}`));
      assert.equal(a.shiftName, ids.shiftName, `roster ${text}`);
      const l = ok(await officer.get(`/api/v1/duty-logs/${ids.dutyLog}`));
      assert.deepEqual([l.happened, l.actionTaken], [text, text], `duty log ${text}`);
      const h = ok(await officer.get(`/api/v1/handovers/${ids.handover}`));
      assert.deepEqual([h.note, h.items.map((i: { text: string }) => i.text)], [text, [text]], `handover ${text}`);
    }
  });

  test('injection: the duty-log search is literal — a payload finds the entry holding it, % or _ match only themselves', async () => {
    const officer = await cast.as('officer');
    await assertLiteralSearch(officer, '/api/v1/duty-logs', SEARCHED.map((text) => ({ text, id: held.get(text)!.dutyLog })), (l) => [l.happened, l.actionTaken], 'duty logs');
  });

  test('injection: RPT-03 the roster, duty-log and handover exports hold the formula payloads as inert text', async () => {
    const officer = await cast.as('officer');
    const rosters = await textCells(await officer.get('/api/v1/duty-rosters/export.xlsx'));
    assertInert(rosters, 'roster export');
    assertHoldsFormulas(rosters, FORMULA_PAYLOADS, 'roster export (shift names)');
    const logs = await textCells(await officer.get('/api/v1/duty-logs/export.xlsx'));
    assertInert(logs, 'duty-log export');
    for (const f of FORMULA_PAYLOADS) assert.ok(logs.filter((c) => c.value === `'${f}`).length >= 3, `duty-log export: ${f} as shift, what happened and action taken`);
    const handovers = await textCells(await officer.get('/api/v1/handovers/export.xlsx'));
    assertInert(handovers, 'handover export');
    for (const f of FORMULA_PAYLOADS) assert.ok(handovers.filter((c) => c.value === `'${f}`).length >= 2, `handover export: ${f} as shift and note`);
  });

  test('injection: the shift’s duty log and the handover record show script payloads escaped, never as markup', async () => {
    const officer = await cast.as('officer');
    for (const text of XSS_PAYLOADS) {
      const ids = held.get(text)!;
      assertPageEscapes(await officer.get(`/api/v1/duty-rosters/${ids.assignment}/print`), [text], `duty log page of ${text}`);
      assertPageEscapes(await officer.get(`/api/v1/handovers/${ids.handover}/print`), [text], `handover record of ${text}`);
    }
  });
});
