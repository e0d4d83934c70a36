// INS-03, INS-04: performing an inspection on the phone — results with notes and photos, signatures
// of the inspector and the unit's head, submission that locks the record and opens one hazard per
// failed item; the printable 安全检查记录表 and the Excel export.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { auditEvents, users } from '../../db/schema/index.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { TEST_PASSWORD } from '../../test/harness.ts';
import { PNG_1X1, upload } from '../../test/uploads.ts';
import { adhoc, keysOf, ok, passAll, photo, put, shippedTemplate } from './test-support.ts';

let t: TestApp;
let officer: Client, officer2: Client, head: Client, branch1: Client, branch2: Client;

before(async () => {
  t = await startTestApp();
  [officer, officer2, head, branch1, branch2] = await Promise.all(['officer', 'officer2', 'head', 'branch1', 'branch2'].map((u) => t.login(u)));
});
after(() => t.close());

const XSS = '<script>alert(1)</script>';

describe('an inspection of 城关信用社 from start to submission', () => {
  let id: string;
  let keys: string[];
  let photoId: string;

  test('INS-03: the officer creates an ad-hoc inspection and starts it with the location', async () => {
    const hall = await shippedTemplate(officer, 'business_hall');
    const created = await adhoc(t, officer, { unit: 'SFX-001', templateId: hall.id, leader: 'officer' });
    id = created.id;
    keys = keysOf(created);
    assert.match(created.number, /^JC-\d{4}-\d{6}$/);
    assert.equal(created.status, 'planned');
    assert.equal(created.planId, null);
    assert.ok(created.allowedActions.includes('start'));
    const s = ok(await officer.post(`/api/v1/inspections/${id}/start`, { location: '城关信用社营业大厅' }));
    assert.equal(s.body.status, 'in_progress');
    assert.equal(s.body.startedBy.name, '杨晓明');
    assert.equal(s.body.location, '城关信用社营业大厅');
    assertError(await officer.post(`/api/v1/inspections/${id}/start`, {}), 409, 'INVALID_STATE');
  });

  test('INS-03: only the team records results: another officer or the security head → 403, another branch → 404', async () => {
    assertError(await put(officer2, id, 'alarm', { result: 'pass' }), 403, 'NOT_ON_TEAM');
    assertError(await put(head, id, 'alarm', { result: 'pass' }), 403, 'NOT_ON_TEAM');
    assertError(await put(branch1, id, 'alarm', { result: 'pass' }), 403, 'FORBIDDEN');
    assertError(await put(branch2, id, 'alarm', { result: 'pass' }), 404, 'INSPECTION_NOT_FOUND');
    assertError(await branch2.post(`/api/v1/inspections/${id}/submit`, {}), 404, 'INSPECTION_NOT_FOUND');
    assertError(await branch2.get(`/api/v1/inspections/${id}`), 404, 'INSPECTION_NOT_FOUND');
    ok(await branch1.get(`/api/v1/inspections/${id}`));
  });

  test('INS-03: bad results are refused naming the field', async () => {
    assertFieldError(await put(officer, id, 'alarm', { result: 'maybe' }), 'result');
    assertFieldError(await put(officer, id, 'alarm', { result: 'pass', grade: 'major' }), 'grade');
    assertError(await put(officer, id, 'no_such_item', { result: 'pass' }), 404, 'INSPECTION_ITEM_NOT_FOUND');
    assertFieldError(await put(officer, id, 'alarm', { result: 'pass', extra: 1 }), 'extra');
  });

  test('INS-04: a failed item with a photo and the grade adjusted by the inspector; a note kept as typed', async () => {
    photoId = await photo(officer);
    const r = ok(await put(officer, id, 'alarm', { result: 'fail', note: '紧急报警按钮按下后监控中心未收到信号', grade: 'significant', attachmentIds: [photoId] }));
    const alarm = r.body.sections.flatMap((s: { items: unknown[] }) => s.items).find((i: { key: string }) => i.key === 'alarm');
    assert.equal(alarm.defaultGrade, 'major');
    assert.equal(alarm.result.result, 'fail');
    assert.equal(alarm.result.grade, 'significant');
    assert.equal(alarm.result.photos.length, 1);
    assert.equal(alarm.result.updatedBy.name, '杨晓明');
    // Idempotent: the same call again changes nothing.
    const again = ok(await put(officer, id, 'alarm', { result: 'fail', note: '紧急报警按钮按下后监控中心未收到信号', grade: 'significant', attachmentIds: [photoId] }));
    assert.equal(again.body.answeredCount, 1);
    ok(await put(officer, id, 'exits_clear', { result: 'pass', note: XSS }));
    ok(await put(officer, id, 'cash_limits', { result: 'na', note: '网点本日未营业现金业务' }));
  });

  test('INS-03: submit is refused until every item is answered (422 naming the missing keys)', async () => {
    const r = assertError(await officer.post(`/api/v1/inspections/${id}/submit`, {}), 422, 'ITEMS_UNANSWERED');
    const missing = keys.filter((k) => !['alarm', 'exits_clear', 'cash_limits'].includes(k));
    assert.deepEqual(r.details!.map((d) => d.path), missing.map((k) => `results.${k}`));
    assert.match(r.message, new RegExp(`还有 ${missing.length} 个检查项未填写结果`));
  });

  test('INS-03: … and until the inspector signed', async () => {
    const d = ok(await officer.get(`/api/v1/inspections/${id}`)).body;
    await passAll(officer, d, ['alarm', 'exits_clear', 'cash_limits']);
    assertError(await officer.post(`/api/v1/inspections/${id}/submit`, {}), 422, 'INSPECTOR_SIGNATURE_REQUIRED');
  });

  test('INS-03: the unit head signs with their password on the inspector’s phone; a wrong password → 422, counted and audited', async () => {
    const branch1Id = await t.userId('branch1');
    const wrong = assertFieldError(await officer.post(`/api/v1/inspections/${id}/sign`, { role: 'unit', method: 'password', username: 'branch1', password: 'not-the-password' }), 'password', 422, 'SIGNER_PASSWORD_WRONG');
    assert.equal(wrong.code, 'SIGNER_PASSWORD_WRONG');
    const [u] = await t.database.db.select({ failed: users.failedLogins }).from(users).where(eq(users.id, branch1Id));
    assert.equal(u.failed, 1, 'counts towards the lockout like a failed login');
    const audited = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'inspections.sign'), eq(auditEvents.targetId, id), eq(auditEvents.result, 'failure')));
    assert.equal(audited.length, 1);
    assert.equal(audited[0].actorName, '杨晓明');
    assert.deepEqual([audited[0].detail?.signer, audited[0].detail?.reason], ['branch1', 'wrong password']);
    assertFieldError(await officer.post(`/api/v1/inspections/${id}/sign`, { role: 'unit', method: 'password', username: 'branch2', password: TEST_PASSWORD }), 'username', 422, 'SIGNER_NOT_ELIGIBLE');
    assertFieldError(await officer.post(`/api/v1/inspections/${id}/sign`, { role: 'unit', method: 'password', username: 'officer', password: TEST_PASSWORD }), 'username', 422, 'SIGNER_NOT_ELIGIBLE');
    const r = ok(await officer.post(`/api/v1/inspections/${id}/sign`, { role: 'unit', method: 'password', username: 'branch1', password: TEST_PASSWORD }));
    assert.equal(r.body.unitSignature.signedBy.name, '赵丽华');
    assert.equal(r.body.unitSignature.method, 'password');
    assert.equal(r.body.unitSignature.signedAt, t.clock.now().toISOString());
    assertError(await officer.post(`/api/v1/inspections/${id}/sign`, { role: 'unit', method: 'password', username: 'branch1', password: TEST_PASSWORD }), 409, 'ALREADY_SIGNED');
  });

  test('INS-03: the inspector signs by drawing on the screen (a PNG)', async () => {
    assertFieldError(await officer.post(`/api/v1/inspections/${id}/sign`, { role: 'inspector', method: 'drawn' }), 'signatureAttachmentId');
    assertError(await officer2.post(`/api/v1/inspections/${id}/sign`, { role: 'inspector', method: 'account' }), 403, 'NOT_ON_TEAM');
    const png = await photo(officer, '签名.png');
    const r = ok(await officer.post(`/api/v1/inspections/${id}/sign`, { role: 'inspector', method: 'drawn', signatureAttachmentId: png }));
    assert.deepEqual([r.body.inspectorSignature.signerName, r.body.inspectorSignature.method, r.body.inspectorSignature.imageId], ['杨晓明', 'drawn', png]);
  });

  test('INS-04: submission locks the record and opens exactly one hazard for the failed item, with the confirmed grade and the photo', async () => {
    const r = ok(await officer.post(`/api/v1/inspections/${id}/submit`, { summary: '报警联网故障一处，其余合格' }));
    assert.equal(r.body.status, 'submitted');
    assert.equal(r.body.failedCount, 1);
    assert.deepEqual(r.body.allowedActions, ['print']);
    const hz = ok(await head.get(`/api/v1/hazards?inspectionId=${id}`)).body.items;
    assert.equal(hz.length, 1);
    const h = hz[0];
    assert.deepEqual([h.source, h.grade, h.category, h.status, h.inspectionItemKey, h.inspectionId], ['inspection', 'significant', 'physical', 'reported', 'alarm', id]);
    assert.equal(h.title, '检查报警系统是否正常工作');
    assert.equal(h.orgId, await t.orgId('SFX-001'));
    assert.match(h.description, /紧急报警按钮按下后监控中心未收到信号/);
    assert.equal(h.location, '城关信用社营业大厅');
    const detail = ok(await head.get(`/api/v1/hazards/${h.id}`)).body;
    assert.equal(detail.photos.length, 1);
    const original = ok(await officer.get(`/api/v1/attachments/${photoId}`)).body;
    assert.equal(detail.photos[0].sha256, original.sha256);
    assert.notEqual(detail.photos[0].id, photoId, 'a copy, owned by the hazard');
    const alarm = r.body.sections.flatMap((s: { items: unknown[] }) => s.items).find((i: { key: string }) => i.key === 'alarm');
    assert.deepEqual(alarm.result.hazard, { id: h.id, number: h.number, status: 'reported' });
    // The answer is assembled in the submitting transaction: it must be the record a later read shows.
    assert.deepEqual(r.body, ok(await officer.get(`/api/v1/inspections/${id}`)).body);
    // SEC-04: the write's entries (held until the end of its transaction) are appended in the order made.
    const trail = await t.database.db.select({ action: auditEvents.action, requestId: auditEvents.requestId }).from(auditEvents).where(inArray(auditEvents.targetId, [id, h.id])).orderBy(asc(auditEvents.id));
    const mine = trail.filter((e) => e.requestId === trail[trail.length - 1].requestId);
    assert.deepEqual(mine.map((e) => e.action), ['hazards.report', 'inspections.submit']);
  });

  test('INS-03: a submitted record is locked (409)', async () => {
    assertError(await put(officer, id, 'alarm', { result: 'pass' }), 409, 'INVALID_STATE');
    assertError(await officer.post(`/api/v1/inspections/${id}/submit`, {}), 409, 'INVALID_STATE');
    assertError(await officer.post(`/api/v1/inspections/${id}/sign`, { role: 'inspector', method: 'account' }), 409, 'INVALID_STATE');
    const d = ok(await officer.get(`/api/v1/inspections/${id}`)).body;
    const alarmPhoto = d.sections.flatMap((s: { items: unknown[] }) => s.items).find((i: { key: string }) => i.key === 'alarm').result.photos[0];
    assert.deepEqual(alarmPhoto.allowedActions, [], 'photos of a submitted record cannot be withdrawn');
    assertError(await upload(officer, { fileName: '补拍.png', data: PNG_1X1 }, { type: 'inspection_result', id: alarmPhoto.ownerId }), 403, 'FORBIDDEN');
  });

  test('RPT-03: the printable 安全检查记录表 shows the items, results, hazard number, signers — and notes escaped', async () => {
    const r = await branch1.get(`/api/v1/inspections/${id}/print`);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /text\/html/);
    const html = String(r.raw);
    assert.match(html, /<h1>安全检查记录表<\/h1>/);
    for (const text of ['检查报警系统是否正常工作', '核查现金库存是否符合安全标准', '杨晓明', '赵丽华', '城关信用社', '不适用', '报警联网故障一处，其余合格']) assert.ok(html.includes(text), text);
    const hazardNo = ok(await head.get(`/api/v1/hazards?inspectionId=${id}`)).body.items[0].number;
    assert.ok(html.includes(hazardNo), 'the failed item names its hazard');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!html.includes(XSS), 'no unescaped HTML from notes');
    assert.match(html, /<img src="data:image\/png;base64,[A-Za-z0-9+/=]+"/, 'the drawn signature is inlined');
  });

  test('INS-03: the record’s history shows each step', async () => {
    const h = ok(await branch1.get(`/api/v1/inspections/${id}/history`)).body.map((e: { action: string }) => e.action);
    for (const a of ['inspections.create', 'inspections.start', 'inspections.result', 'inspections.sign', 'inspections.submit']) assert.ok(h.includes(a), a);
  });
});

test('INS-03: the unit head may sign later from their own session, after submission too; the team may not sign for the unit', async () => {
  const hall = await shippedTemplate(officer, 'business_hall');
  const d = await adhoc(t, officer, { unit: 'SFX-001', templateId: hall.id, leader: 'officer', members: ['officer2'] });
  await passAll(officer2, d);
  assertError(await officer.post(`/api/v1/inspections/${d.id}/sign`, { role: 'unit', method: 'account' }), 403, 'FORBIDDEN');
  assertFieldError(await officer.post(`/api/v1/inspections/${d.id}/sign`, { role: 'unit', method: 'drawn', signatureAttachmentId: await photo(officer) }), 'signerName');
  ok(await officer2.post(`/api/v1/inspections/${d.id}/sign`, { role: 'inspector', method: 'account' }));
  const s = ok(await officer2.post(`/api/v1/inspections/${d.id}/submit`, {}));
  assert.equal(s.body.unitSignature, null);
  assert.ok(ok(await branch1.get(`/api/v1/inspections/${d.id}`)).body.allowedActions.includes('signUnitAccount'));
  assertError(await branch2.post(`/api/v1/inspections/${d.id}/sign`, { role: 'unit', method: 'account' }), 404, 'INSPECTION_NOT_FOUND');
  const r = ok(await branch1.post(`/api/v1/inspections/${d.id}/sign`, { role: 'unit', method: 'account' }));
  assert.deepEqual([r.body.unitSignature.signedBy.name, r.body.unitSignature.method], ['赵丽华', 'account']);
  assert.equal(r.body.status, 'submitted');
});

test('INS-03: a result changed after signing clears the signatures (a signature covers what was signed)', async () => {
  const hall = await shippedTemplate(officer, 'business_hall');
  const d = await adhoc(t, officer, { unit: 'SFX-002', templateId: hall.id, leader: 'officer' });
  await passAll(officer, d);
  assertFieldError(await officer.post(`/api/v1/inspections/${d.id}/sign`, { role: 'inspector', method: 'password', password: 'wrong-one' }), 'password', 422, 'SIGNER_PASSWORD_WRONG');
  const signed = ok(await officer.post(`/api/v1/inspections/${d.id}/sign`, { role: 'inspector', method: 'password', password: TEST_PASSWORD }));
  assert.deepEqual([signed.body.inspectorSignature.signerName, signed.body.inspectorSignature.method], ['杨晓明', 'password']);
  const same = ok(await put(officer, d.id, 'alarm', { result: 'pass' }));
  assert.ok(same.body.inspectorSignature, 'the same answer again keeps it');
  const changed = ok(await put(officer, d.id, 'alarm', { result: 'fail' }));
  assert.equal(changed.body.inspectorSignature, null);
  assertError(await officer.post(`/api/v1/inspections/${d.id}/submit`, {}), 422, 'INSPECTOR_SIGNATURE_REQUIRED');
});

test('RPT-03: the Excel export holds the filtered list (audited); bad filters are refused naming the field', async () => {
  const r = await officer.get(`/api/v1/inspections/export.xlsx?orgId=${await t.orgId('SFX-001')}&status=submitted&sort=number`);
  assert.equal(r.status, 200, String(r.raw));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.raw as never);
  const ws = wb.worksheets[0];
  assert.equal(ws.name, '安全检查记录');
  assert.equal(ws.getRow(1).getCell(1).value, '检查编号');
  const list = ok(await officer.get(`/api/v1/inspections?orgId=${await t.orgId('SFX-001')}&status=submitted&sort=number`)).body.items;
  assert.equal(ws.rowCount, 1 + list.length);
  assert.equal(list.length, 2);
  for (const [n, i] of list.entries()) {
    const row = ws.getRow(n + 2);
    assert.equal(row.getCell(1).value, i.number);
    assert.equal(row.getCell(2).value, '城关信用社');
    assert.equal(row.getCell(10).value, '已提交');
  }
  assert.equal(ws.getRow(2).getCell(19).value, 1, 'failed items of the first record');
  const [e] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'inspections.export'));
  assert.equal(e.detail?.rows, 2);
  assertFieldError(await officer.get('/api/v1/inspections?status=done'), 'status.0');
  assertFieldError(await officer.get('/api/v1/inspections?scheduledFrom=2026-13-01'), 'scheduledFrom');
  assertFieldError(await officer.get('/api/v1/inspections?sort=-nonsense'), 'sort');
  assertFieldError(await officer.post('/api/v1/inspections', { templateId: (await shippedTemplate(officer, 'vault')).id, orgId: await t.orgId('SFX'), leaderId: await t.userId('officer') }), 'dueOn');
});
