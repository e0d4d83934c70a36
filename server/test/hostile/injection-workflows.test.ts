// Injection and scripting (issue 4), extended to inspections (templates and records), visitors (visitors,
// machine-room entries, keys) and equipment (equipment, fault tickets, maintenance tasks). Every payload
// of corpus.ts is stored through the create routes' free-text fields and read back exactly as written,
// found by each register's search as literal text, written to every Excel export of the modules as inert
// text (RPT-03: no cell starts a formula) and shown escaped on every printable page (RPT-03, esc()).
// hazards, sites, units and people: injection.test.ts; patrols and duty: injection-operations.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Cast, localDay, ok, photo } from '../../modules/hazards/testing.ts';
import { adhoc, keysOf, smallTemplate } from '../../modules/inspections/test-support.ts';
import { register, reportFault } from '../../modules/equipment/testing.ts';
import { siteId, walkIn } from '../../modules/visitors/testing.ts';
import { type TestApp, startTestApp } from '../harness.ts';
import { CORPUS, FORMULA_PAYLOADS, XSS_PAYLOADS } from './corpus.ts';
import { assertHoldsFormulas, assertInert, assertLiteralSearch, assertPageEscapes, textCells } from './inert.ts';

let t: TestApp;
let cast: Cast;
let room: string;
const TEXTS = CORPUS.map((p) => p.text);
const SEARCHED = CORPUS.filter((p) => p.kind === 'sql' || p.kind === 'xss').map((p) => p.text);
/** Fields limited to 50 characters (a signer's name) take the payloads that fit. */
const fits50 = (s: string) => [...s].length <= 50;

/** payload → ids of the records that hold it. */
const held = new Map<string, { template: string; inspection: string; visitor: string; entry: string; key: string; equipment: string; fault: string; task: string }>();

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  cast.moveTo(localDay(t), 10);
  const [officer, officer2, guard, it1, head, branch1] = await Promise.all(['officer', 'officer2', 'guard1', 'it1', 'head', 'branch1'].map((u) => cast.as(u)));
  room = await siteId(officer, '中心机房');
  const branchRoom = await siteId(officer, '城关信用社网点机房');
  const [it2Id, branch1Id, staff1Id] = [await t.userId('it2'), await t.userId('branch1'), await t.userId('staff1')];
  const lights: string[] = [];
  for (const text of TEXTS) {
    // Inspections: a checklist named by the payload; an ad-hoc inspection with it, started at the
    // payload as location, an item noted with it, signed for the unit under it and submitted with it as summary.
    const tpl = await smallTemplate(officer, text);
    const d = await adhoc(t, officer, { unit: 'SFX-001', templateId: tpl.id, leader: 'officer' });
    ok(await officer.post(`/api/v1/inspections/${d.id}/start`, { location: text }), 200, `start ${text}`);
    for (const [n, key] of keysOf(d).entries()) ok(await officer.request('PUT', `/api/v1/inspections/${d.id}/results/${key}`, n === 0 ? { result: 'pass', note: text } : { result: 'pass' }), 200, `result ${key}`);
    ok(await officer.post(`/api/v1/inspections/${d.id}/sign`, { role: 'inspector', method: 'account' }), 200, 'inspector signs');
    ok(await officer.post(`/api/v1/inspections/${d.id}/sign`, { role: 'unit', method: 'drawn', signatureAttachmentId: await photo(officer, '签名.png'), signerName: fits50(text) ? text : '王经理' }), 200, `unit signs ${text}`);
    ok(await officer.post(`/api/v1/inspections/${d.id}/submit`, { summary: text }), 200, `submit ${text}`);
    // Visitors: a walk-in named by the payload; a machine-room entry with a third party named by it,
    // approved, entered and left with it as the work done; a key set described by it, handed over with it.
    const visitor = await walkIn(t, guard, { name: text, company: text, purpose: text });
    const entry = ok(await it1.post('/api/v1/room-entries', { siteId: room, staffIds: [it2Id], thirdParties: [{ name: text, company: text }], supervisorId: it2Id, purpose: text }), 201, `room entry ${text}`);
    ok(await head.post(`/api/v1/room-entries/${entry.id}/approve`, {}), 200, 'approve');
    ok(await it1.post(`/api/v1/room-entries/${entry.id}/enter`, {}), 200, 'enter');
    ok(await it1.post(`/api/v1/room-entries/${entry.id}/exit`, { workDone: text }), 200, 'exit');
    const key = ok(await officer.post('/api/v1/keys', { siteId: branchRoom, description: text, copies: 1, holderIds: [branch1Id] }), 201, `key set ${text}`);
    ok(await branch1.post(`/api/v1/keys/${key.id}/handovers`, { toUserId: staff1Id, note: text }), 201, `key handover ${text}`);
    // Equipment: an emergency light named, placed and described by the payload, a fault reported with it.
    const e = await register(t, officer, 'SFX-005', { kind: 'emergency_light', name: text, location: text, model: text, serialNo: text, notes: text });
    const fault = await reportFault(officer, e.id, { description: text });
    lights.push(e.id);
    held.set(text, { template: tpl.id, inspection: d.id, visitor: visitor.id, entry: entry.id, key: key.id, equipment: e.id, fault: fault.id, task: '' });
  }
  // A daily check plan over the lights makes a task per light; each is completed with the payload as its note.
  const plan = ok(await officer.post('/api/v1/maintenance-plans', { orgId: await t.orgId('SFX-005'), name: '应急灯日常检查', type: 'daily_check', kinds: ['emergency_light'], recurrence: 'daily', assigneeId: await t.userId('officer2'), remindDaysBefore: 0, startsOn: localDay(t) }), 201, 'plan');
  const tasks = ok(await officer2.get(`/api/v1/maintenance-tasks?planId=${plan.id}&pageSize=200`)).items as Array<{ id: string; equipmentId: string; version: number }>;
  for (const text of TEXTS) {
    const h = held.get(text)!;
    const task = tasks.find((x) => x.equipmentId === h.equipment)!;
    assert.ok(task, `a task for the light ${text}`);
    ok(await officer2.post(`/api/v1/maintenance-tasks/${task.id}/complete`, { result: 'ok', note: text, version: task.version }), 200, `complete ${text}`);
    h.task = task.id;
  }
  assert.equal(lights.length, TEXTS.length);
});
after(async () => t.close());

describe('injection: inspections — checklists and records', () => {
  test('injection: every payload is stored and read back exactly as written', async () => {
    const officer = await cast.as('officer');
    for (const text of TEXTS) {
      const ids = held.get(text)!;
      assert.equal(ok(await officer.get(`/api/v1/inspection-templates/${ids.template}`)).name, text, `checklist ${text}`);
      const d = ok(await officer.get(`/api/v1/inspections/${ids.inspection}`));
      assert.deepEqual([d.templateName, d.location, d.summary, d.sections[0].items[0].result.note], [text, text, text, text], `inspection ${text}`);
      if (fits50(text)) assert.equal(d.unitSignature.signerName, text, `unit signer ${text}`);
    }
  });

  test('injection: the checklist and inspection searches are literal — a payload finds the record holding it, % or _ match only themselves', async () => {
    const officer = await cast.as('officer');
    await assertLiteralSearch(officer, '/api/v1/inspection-templates', SEARCHED.map((text) => ({ text, id: held.get(text)!.template })), (x) => [x.name, x.nameEn], 'checklists');
    await assertLiteralSearch(officer, '/api/v1/inspections', SEARCHED.map((text) => ({ text, id: held.get(text)!.inspection })), (x) => [x.number, x.orgName, x.siteName, x.planName, x.templateName], 'inspections');
  });

  test('injection: RPT-03 the inspection export holds the formula payloads as inert text', async () => {
    const cells = await textCells(await (await cast.as('officer')).get('/api/v1/inspections/export.xlsx'));
    assertInert(cells, 'inspections export');
    for (const f of FORMULA_PAYLOADS) {
      assert.ok(cells.filter((c) => c.value === `'${f}`).length >= 2, `inspections export: ${f} as location and unit signer`);
      assert.ok(cells.some((c) => c.value === `'${f} v1`), `inspections export: ${f} as the checklist`);
    }
  });

  test('injection: the printable inspection record shows script payloads escaped, never as markup', async () => {
    const head = await cast.as('head');
    for (const text of XSS_PAYLOADS) assertPageEscapes(await head.get(`/api/v1/inspections/${held.get(text)!.inspection}/print`), [text], `inspection record of ${text}`);
  });
});

/** What the room-entry search looks in: the number, purpose, work done and each third party's name and company. */
const entryFields = (e: { number: string; purpose: string; workDone: string | null; people: Array<{ kind: string; name: string; company: string | null }> }) => [
  e.number,
  e.purpose,
  e.workDone,
  ...e.people.filter((p) => p.kind === 'third_party').flatMap((p) => [p.name, p.company]),
];

describe('injection: visitors — visitors, machine-room entries, keys', () => {
  test('injection: every payload is stored and read back exactly as written', async () => {
    const officer = await cast.as('officer');
    for (const text of TEXTS) {
      const ids = held.get(text)!;
      const v = ok(await officer.get(`/api/v1/visitors/${ids.visitor}`));
      assert.deepEqual([v.name, v.company, v.purpose], [text, text, text], `visitor ${text}`);
      const e = ok(await officer.get(`/api/v1/room-entries/${ids.entry}`));
      const third = e.people.filter((p: { kind: string }) => p.kind === 'third_party').map((p: { name: string; company: string }) => [p.name, p.company]);
      assert.deepEqual([e.purpose, e.workDone, third], [text, text, [[text, text]]], `room entry ${text}`);
      const k = ok(await officer.get(`/api/v1/keys/${ids.key}`));
      assert.deepEqual([k.description, k.handovers.at(-1).note], [text, text], `key set ${text}`);
    }
  });

  test('injection: the visitor, room-entry and key searches are literal — a payload finds the record holding it, % or _ match only themselves', async () => {
    const officer = await cast.as('officer');
    const cases = (k: 'visitor' | 'entry' | 'key') => SEARCHED.map((text) => ({ text, id: held.get(text)![k] }));
    await assertLiteralSearch(officer, '/api/v1/visitors', cases('visitor'), (v) => [v.number, v.name, v.company, v.purpose], 'visitors');
    await assertLiteralSearch(officer, '/api/v1/room-entries', cases('entry'), entryFields, 'room entries');
    await assertLiteralSearch(officer, '/api/v1/keys', cases('key'), (k) => [k.description, k.siteName], 'keys');
  });

  test('injection: a third party’s name or company is searched as written — quotes and backslashes included — and the words of its storage (name, company) match nothing', async () => {
    const it1 = await cast.as('it1');
    const it2Id = await t.userId('it2');
    const head = await cast.as('head');
    const cases: Array<{ text: string; id: string }> = [];
    for (const text of ['" OR ""="', "\\'; SELECT pg_sleep(5); --", '<img src=x onerror="window.__xss=2">', '𠀀𪚥𫝀测试🏦 👨‍👩‍👧‍👦']) {
      const e = ok(await it1.post('/api/v1/room-entries', { siteId: room, staffIds: [it2Id], thirdParties: [{ name: '维保工程师', company: text }], supervisorId: it2Id, purpose: '更换存储硬盘' }), 201, `entry ${text}`);
      ok(await head.post(`/api/v1/room-entries/${e.id}/reject`, { note: '改期' }), 200, 'reject');
      cases.push({ text, id: e.id });
    }
    await assertLiteralSearch(await cast.as('officer'), '/api/v1/room-entries', cases, entryFields, 'room entries (third parties)');
    for (const word of ['company', 'name', '":"']) {
      const r = ok(await (await cast.as('officer')).get(`/api/v1/room-entries?q=${encodeURIComponent(word)}&pageSize=200`));
      for (const e of r.items) assert.ok(entryFields(e).some((v) => typeof v === 'string' && v.toLowerCase().includes(word)), `q=${word} matched ${e.number}, which does not hold it`);
    }
  });

  test('injection: RPT-03 the visitor, room-entry and key exports hold the formula payloads as inert text', async () => {
    const officer = await cast.as('officer');
    const visitors = await textCells(await officer.get('/api/v1/visitors/export.xlsx'));
    assertInert(visitors, 'visitors export');
    for (const f of FORMULA_PAYLOADS) assert.ok(visitors.filter((c) => c.value === `'${f}`).length >= 3, `visitors export: ${f} as name, company and purpose`);
    const entries = await textCells(await officer.get('/api/v1/room-entries/export.xlsx'));
    assertInert(entries, 'room-entry export');
    for (const f of FORMULA_PAYLOADS) assert.ok(entries.filter((c) => c.value === `'${f}`).length >= 2, `room-entry export: ${f} as purpose and work done`);
    assertHoldsFormulas(entries, FORMULA_PAYLOADS, 'room-entry export (the third party in the people)', { whole: false });
    const keys = await textCells(await officer.get('/api/v1/keys/export.xlsx'));
    assertInert(keys, 'key export');
    assertHoldsFormulas(keys, FORMULA_PAYLOADS, 'key export');
  });

  test('injection: the visitor register and the machine-room entry register show script payloads escaped, never as markup', async () => {
    const officer = await cast.as('officer');
    assertPageEscapes(await officer.get('/api/v1/visitors/print'), XSS_PAYLOADS, 'visitor register');
    const day = localDay(t);
    assertPageEscapes(await officer.get(`/api/v1/room-entries/print?siteId=${room}&from=${day}&to=${day}`), XSS_PAYLOADS, 'machine-room entry register');
  });
});

describe('injection: equipment — equipment, fault tickets, maintenance tasks', () => {
  test('injection: every payload is stored and read back exactly as written', async () => {
    const officer = await cast.as('officer');
    for (const text of TEXTS) {
      const ids = held.get(text)!;
      const e = ok(await officer.get(`/api/v1/equipment/${ids.equipment}`));
      assert.deepEqual([e.name, e.location, e.model, e.serialNo, e.notes], [text, text, text, text, text], `equipment ${text}`);
      assert.equal(ok(await officer.get(`/api/v1/equipment-faults/${ids.fault}`)).description, text, `fault ${text}`);
      assert.equal(ok(await officer.get(`/api/v1/maintenance-tasks/${ids.task}`)).note, text, `task ${text}`);
    }
  });

  test('injection: the equipment and fault searches are literal — a payload finds the record holding it, % or _ match only themselves', async () => {
    const officer = await cast.as('officer');
    const cases = (k: 'equipment' | 'fault') => SEARCHED.map((text) => ({ text, id: held.get(text)![k] }));
    await assertLiteralSearch(officer, '/api/v1/equipment', cases('equipment'), (e) => [e.number, e.name, e.model, e.serialNo, e.location], 'equipment');
    await assertLiteralSearch(officer, '/api/v1/equipment-faults', cases('fault'), (f) => [f.number, f.description, f.equipmentName, f.equipmentNumber], 'fault tickets');
  });

  test('injection: RPT-03 the equipment register export holds the formula payloads as inert text', async () => {
    const cells = await textCells(await (await cast.as('officer')).get('/api/v1/equipment/export.xlsx'));
    assertInert(cells, 'equipment export');
    for (const f of FORMULA_PAYLOADS) assert.ok(cells.filter((c) => c.value === `'${f}`).length >= 5, `equipment export: ${f} as name, location, model, serial number and notes`);
  });

  test('injection: the equipment card (faults and maintenance) and the label sheet show script payloads escaped, never as markup', async () => {
    const officer = await cast.as('officer');
    for (const text of XSS_PAYLOADS) assertPageEscapes(await officer.get(`/api/v1/equipment/${held.get(text)!.equipment}/print`), [text], `equipment card of ${text}`);
    assertPageEscapes(await officer.get(`/api/v1/equipment/labels?orgId=${await t.orgId('SFX-005')}&kind=emergency_light`), XSS_PAYLOADS, 'equipment label sheet');
  });
});
