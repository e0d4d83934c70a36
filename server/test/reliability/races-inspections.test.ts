// Races on the inspections module (issue 4's race suite extended to every later module, DESIGN §5):
// many requests at once on one record, one step or one Idempotency-Key, through the real request path.
// Each test asserts what is stored and audited, not just the answers. Runs on PGlite (one connection:
// transactions queue) and on PostgreSQL (a pool: transactions truly overlap, under READ COMMITTED).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { hazards, inspectionPlans, inspectionResults, inspections, inspectionTemplates } from '../../db/schema/index.ts';
import { adhoc, put, shippedTemplate, smallTemplate } from '../../modules/inspections/test-support.ts';
import { Cast, localDay, ok } from '../../modules/patrols/testing.ts';
import { auditRows } from '../audit-rows.ts';
import { startTestApp, type TestApp } from '../harness.ts';
import { oneWinner } from './race-assert.ts';

const N = 50;
let t: TestApp;
let cast: Cast;

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  // A day well after the demo data (its plans and inspections end a week ahead).
  cast.moveTo(localDay(t, 30), 10);
});
after(() => t?.close());

const actionsOf = async (targetId: string, action: string, result: 'success' | 'failure' = 'success') => auditRows(t, { targetId, action, result });

// ---- Inspections (INS-01 … INS-04)

test(`INS-03, INS-04, DESIGN §5: ${N} concurrent submissions of one record with the same version — one submits, ${N - 1} get 409, one submission audited, one hazard opened for the failed item`, async () => {
  const officer = await cast.as('officer');
  const tpl = await smallTemplate(officer);
  const d = await adhoc(t, officer, { unit: 'SFX-004', templateId: tpl.id, leader: 'officer' });
  ok(await put(officer, d.id, 'alarm', { result: 'fail', note: '紧急报警未联网', grade: 'major' }));
  ok(await put(officer, d.id, 'exits', { result: 'pass' }));
  ok(await put(officer, d.id, 'extinguisher', { result: 'pass' }));
  const signed = ok(await officer.post(`/api/v1/inspections/${d.id}/sign`, { role: 'inspector', method: 'account' }));
  const summaries = Array.from({ length: N }, (_, i) => `并发提交 ${i}`);
  const rs = await Promise.all(summaries.map((summary) => officer.post(`/api/v1/inspections/${d.id}/submit`, { summary, version: signed.version })));
  // The losers wait on the record's lock, then find it submitted (or its version moved on).
  const w = oneWinner(rs, ['VERSION_CONFLICT', 'INVALID_STATE']);
  const stored = ok(await officer.get(`/api/v1/inspections/${d.id}`));
  assert.equal(stored.status, 'submitted');
  assert.equal(stored.summary, summaries[w], 'the summary the winner sent');
  assert.equal(stored.version, signed.version + 1);
  assert.deepEqual(stored, rs[w].body, 'what the winner was answered is what is stored');
  const opened = await t.database.db.select().from(hazards).where(eq(hazards.inspectionId, d.id));
  assert.equal(opened.length, 1, 'one hazard for the one failed item (INS-04)');
  assert.deepEqual([opened[0].inspectionItemKey, opened[0].source, opened[0].grade], ['alarm', 'inspection', 'major']);
  const results = await t.database.db.select().from(inspectionResults).where(eq(inspectionResults.inspectionId, d.id));
  assert.deepEqual(results.filter((x) => x.hazardId).map((x) => [x.itemKey, x.hazardId]), [['alarm', opened[0].id]], 'the failed item links to it');
  assert.equal((await actionsOf(d.id, 'inspections.submit')).length, 1, 'one submission audited');
  assert.equal((await actionsOf(opened[0].id, 'hazards.report')).length, 1, 'one hazard report audited');
});

test(`INS-02, INS-03, DESIGN §5: ${N} ad-hoc inspections created at once get ${N} distinct, gap-free JC-YYYY-NNNNNN numbers`, async () => {
  const officer = await cast.as('officer');
  const tpl = await smallTemplate(officer);
  const units = ['SFX-001', 'SFX-002', 'SFX-003', 'SFX-004', 'SFX-005', 'SFX-006'];
  const body = async (i: number) => ({ templateId: tpl.id, orgId: await t.orgId(units[i % units.length]), leaderId: await t.userId('officer'), memberIds: [], dueOn: localDay(t, 7) });
  const bodies = await Promise.all(Array.from({ length: N }, (_, i) => body(i)));
  const rs = await Promise.all(bodies.map((b) => officer.post('/api/v1/inspections', b)));
  for (const r of rs) assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(new Set(rs.map((r) => r.body.number)).size, N, 'no number issued twice');
  // Across everything stored: per numbering unit and year, 1..n without a gap or a repeat.
  const groups = new Map<string, number[]>();
  for (const x of await t.database.db.select({ number: inspections.number, by: inspections.numberingOrgId }).from(inspections)) {
    assert.match(x.number, /^JC-\d{4}-\d{6}$/);
    const g = `${x.by} ${x.number.slice(3, 7)}`;
    groups.set(g, [...(groups.get(g) ?? []), Number(x.number.slice(-6))]);
  }
  for (const [g, seqs] of groups) assert.deepEqual(seqs.sort((a, b) => a - b), Array.from({ length: seqs.length }, (_, i) => i + 1), `JC numbers of ${g} run 1..n`);
  const created = await auditRows(t, { action: 'inspections.create' });
  assert.equal(created.filter((e) => rs.some((r) => r.body.id === e.targetId)).length, N, 'each creation audited once');
});

test('INS-03, DESIGN §5: one item’s result sent 20 times at once (an idempotent PUT) — one result row, one change audited, the record started once', async () => {
  const officer = await cast.as('officer');
  const tpl = await smallTemplate(officer);
  const d = await adhoc(t, officer, { unit: 'SFX-005', templateId: tpl.id, leader: 'officer' });
  assert.equal(d.status, 'planned');
  const rs = await Promise.all(Array.from({ length: 20 }, () => put(officer, d.id, 'exits', { result: 'fail', note: '安全出口堆放杂物' })));
  for (const r of rs) assert.equal(r.status, 200, JSON.stringify(r.body));
  const rows = await t.database.db.select().from(inspectionResults).where(eq(inspectionResults.inspectionId, d.id));
  assert.deepEqual(rows.map((x) => [x.itemKey, x.result, x.grade, x.note]), [['exits', 'fail', 'general', '安全出口堆放杂物']]);
  const [i] = await t.database.db.select().from(inspections).where(eq(inspections.id, d.id));
  assert.equal(i.status, 'in_progress', 'the first result started the record');
  assert.equal(i.version, d.version + 1, 'started once: one version step');
  assert.equal((await actionsOf(d.id, 'inspections.result')).length, 1, 'the same answer again changes nothing and audits nothing');
});

test(`INS-02, DESIGN §5: ${N} concurrent edits of one inspection plan with the same version — one wins, ${N - 1} get 409, the stored plan is the winner’s, its inspections generated once`, async () => {
  const officer = await cast.as('officer');
  const hall = await shippedTemplate(officer, 'business_hall');
  const body = {
    orgId: await t.orgId('SFX'),
    name: '并发编辑的检查计划',
    templateId: hall.id,
    scopeOrgIds: [await t.orgId('SFX-006')],
    recurrence: 'monthly',
    startsOn: localDay(t),
    durationDays: 10,
    leaderId: await t.userId('officer'),
    memberIds: [],
  };
  const p = ok(await officer.post('/api/v1/inspection-plans', body), 201);
  const ofPlan = async () => (await t.database.db.select({ id: inspections.id }).from(inspections).where(eq(inspections.planId, p.id))).map((x) => x.id).sort();
  const generated = await ofPlan();
  assert.equal(generated.length, 1, 'this month’s inspection of the one unit');
  const names = Array.from({ length: N }, (_, i) => `检查计划-${String(i).padStart(2, '0')}`);
  const rs = await Promise.all(names.map((name, i) => officer.patch(`/api/v1/inspection-plans/${p.id}`, { name, durationDays: 5 + (i % 10), version: p.version })));
  const w = oneWinner(rs);
  const stored = ok(await officer.get(`/api/v1/inspection-plans/${p.id}`));
  assert.equal(stored.name, names[w]);
  assert.equal(stored.durationDays, 5 + (w % 10));
  assert.equal(stored.version, p.version + 1);
  assert.deepEqual(stored, rs[w].body);
  const [row] = await t.database.db.select().from(inspectionPlans).where(eq(inspectionPlans.id, p.id));
  assert.equal(row.name, names[w]);
  assert.deepEqual(await ofPlan(), generated, 'no inspection generated twice by the edits');
  const updates = await actionsOf(p.id, 'inspection_plans.update');
  assert.equal(updates.length, 1, 'one change audited, none for the losers');
  assert.deepEqual(updates[0].changes?.name, [body.name, names[w]]);
});

test(`INS-01, DESIGN §5: ${N} concurrent edits of one checklist template with the same version — one new template version, ${N - 1} get 409`, async () => {
  const officer = await cast.as('officer');
  const tpl = await smallTemplate(officer);
  const names = Array.from({ length: N }, (_, i) => `并发修订检查表-${String(i).padStart(2, '0')}`);
  const rs = await Promise.all(names.map((name) => officer.patch(`/api/v1/inspection-templates/${tpl.id}`, { name, version: tpl.version })));
  // A loser that reads the row after the winner committed finds it superseded; one that read it before fails the version check.
  const w = oneWinner(rs, ['VERSION_CONFLICT', 'TEMPLATE_NOT_CURRENT']);
  const family = await t.database.db.select().from(inspectionTemplates).where(eq(inspectionTemplates.familyId, tpl.familyId));
  assert.equal(family.length, 2, 'the original and exactly one new version');
  const current = family.filter((x) => x.current);
  assert.equal(current.length, 1, 'one current version');
  assert.deepEqual([current[0].id, current[0].name, current[0].templateVersion], [rs[w].body.id, names[w], tpl.templateVersion + 1]);
  const updates = await auditRows(t, { action: 'inspection_templates.update' });
  assert.equal(updates.filter((a) => a.detail?.familyId === tpl.familyId).length, 1, 'one revision audited');
});

test('INS-03, DESIGN §5: a result changed while the signed record is submitted — the change lands first and clears the signature (submit refused), or the submission lands first and the change gets 409; never a submitted record with a changed result', async () => {
  const officer = await cast.as('officer');
  const tpl = await smallTemplate(officer);
  for (let round = 0; round < 5; round++) {
    const d = await adhoc(t, officer, { unit: 'SFX-002', templateId: tpl.id, leader: 'officer' });
    for (const key of ['alarm', 'exits', 'extinguisher']) ok(await put(officer, d.id, key, { result: 'pass' }));
    const signed = ok(await officer.post(`/api/v1/inspections/${d.id}/sign`, { role: 'inspector', method: 'account' }));
    const [s, c] = await Promise.all([officer.post(`/api/v1/inspections/${d.id}/submit`, { version: signed.version }), put(officer, d.id, 'alarm', { result: 'fail', note: '报警未联网' })]);
    const [row] = await t.database.db.select().from(inspections).where(eq(inspections.id, d.id));
    const [alarm] = await t.database.db.select().from(inspectionResults).where(and(eq(inspectionResults.inspectionId, d.id), eq(inspectionResults.itemKey, 'alarm')));
    const opened = await t.database.db.select({ id: hazards.id }).from(hazards).where(eq(hazards.inspectionId, d.id));
    if (s.status === 200) {
      assert.deepEqual([c.status, c.body.error?.code], [409, 'INVALID_STATE'], JSON.stringify(c.body));
      assert.deepEqual([row.status, alarm.result, opened.length], ['submitted', 'pass', 0], 'submitted as signed');
    } else {
      assert.equal(c.status, 200, JSON.stringify(c.body));
      assert.ok(s.status === 422 ? s.body.error.code === 'INSPECTOR_SIGNATURE_REQUIRED' : s.status === 409 && s.body.error.code === 'VERSION_CONFLICT', JSON.stringify(s.body));
      assert.deepEqual([row.status, row.inspectorSignedAt, alarm.result, opened.length], ['in_progress', null, 'fail', 0], 'the change cleared the signature; nothing submitted');
      assert.equal((await actionsOf(d.id, 'inspections.submit')).length, 0);
    }
  }
});
