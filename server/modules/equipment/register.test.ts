// The equipment register (EQP-01, EQP-04 filters) and fault tickets (EQP-03) through the API: numbering,
// validation, optimistic concurrency, withdrawal, scope, the four-eyes verification, the equipment
// status following its tickets, a serious fault opening a hazard, and the dashboard tiles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { ok, photo } from '../hazards/testing.ts';
import { equipmentStatus, faultStep, register, reportFault } from './testing.ts';

let t: TestApp;
const c: Record<string, Client> = {};
const people: Record<string, string> = {};

before(async () => {
  t = await startTestApp();
  for (const u of ['head', 'officer', 'officer2', 'branch1', 'branch2', 'staff1', 'guard1', 'it1']) {
    c[u] = await t.login(u);
    people[u] = await t.userId(u);
  }
});
after(() => t.close());

describe('EQP-01: the equipment register', () => {
  test('the officer registers equipment: numbered SB-YYYY-NNNNNN in sequence, in service, with its unit and site', async () => {
    const sites = ok(await c.officer.get(`/api/v1/sites?orgId=${await t.orgId('SFX-001')}&pageSize=200`)).items as Array<{ id: string; kind: string }>;
    const hall = sites.find((s) => s.kind === 'business_hall')!;
    const a = await register(t, c.officer, 'SFX-001', { siteId: hall.id, location: '营业厅东北角' });
    const b = await register(t, c.officer, 'SFX-001');
    assert.match(a.number, /^SB-\d{4}-\d{6}$/);
    assert.equal(Number(b.number.slice(-6)), Number(a.number.slice(-6)) + 1, 'numbers follow each other');
    assert.equal(a.status, 'in_service');
    assert.equal(a.siteId, hall.id);
    assert.equal(a.orgName, '城关信用社');
    assert.deepEqual(a.allowedActions.sort(), ['edit', 'print', 'reportFault', 'withdraw']);
  });

  test('bad input is refused naming the field: unknown kind, expiry before installation, a site of another unit', async () => {
    assertFieldError(await c.officer.post('/api/v1/equipment', { kind: 'robot', name: '机器人', orgId: await t.orgId('SFX-001') }), 'kind');
    assertFieldError(await c.officer.post('/api/v1/equipment', { kind: 'ups', name: '', orgId: await t.orgId('SFX-001') }), 'name');
    const e = assertError(await c.officer.post('/api/v1/equipment', { kind: 'ups', name: 'UPS 主机', orgId: await t.orgId('SFX-001'), installedOn: '2025-05-01', expiresOn: '2025-04-30' }), 422, 'EXPIRY_BEFORE_INSTALL');
    assert.deepEqual(e.details?.map((d) => d.path), ['expiresOn']);
    const otherSite = (ok(await c.officer.get(`/api/v1/sites?orgId=${await t.orgId('SFX-002')}`)).items as Array<{ id: string }>)[0];
    const site = assertFieldError(await c.officer.post('/api/v1/equipment', { kind: 'camera', name: '摄像机', orgId: await t.orgId('SFX-001'), siteId: otherSite.id }), 'siteId');
    assert.match(site.message, /场所不存在/);
  });

  test('a teller may read but not register equipment (403)', async () => {
    assertError(await c.staff1.post('/api/v1/equipment', { kind: 'camera', name: '摄像机', orgId: await t.orgId('SFX-001') }), 403, 'FORBIDDEN');
  });

  test('edits need the version: a stale one is 409 VERSION_CONFLICT, none is 400 naming version', async () => {
    const e = await register(t, c.officer, 'SFX-001');
    const edited = ok(await c.officer.patch(`/api/v1/equipment/${e.id}`, { model: 'DS-2CD-NEW', version: e.version }));
    assert.equal(edited.model, 'DS-2CD-NEW');
    assertError(await c.head.patch(`/api/v1/equipment/${e.id}`, { model: 'X', version: e.version }), 409, 'VERSION_CONFLICT');
    assertFieldError(await c.head.patch(`/api/v1/equipment/${e.id}`, { model: 'X' }), 'version');
    ok(await c.head.patch(`/api/v1/equipment/${e.id}`, { model: 'Y' }, { headers: { 'if-match': `"${edited.version}"` } }));
  });

  test('SEC-05: withdrawn with a reason (required), kept and listed only with includeWithdrawn', async () => {
    const e = await register(t, c.officer, 'SFX-001', { name: '重复登记的摄像机' });
    assertFieldError(await c.officer.post(`/api/v1/equipment/${e.id}/withdraw`, {}), 'reason');
    const w = ok(await c.officer.post(`/api/v1/equipment/${e.id}/withdraw`, { reason: '重复登记' }));
    assert.equal(w.withdrawnReason, '重复登记');
    const q = encodeURIComponent('重复登记的摄像机');
    assert.equal(ok(await c.officer.get(`/api/v1/equipment?q=${q}`)).total, 0);
    assert.equal(ok(await c.officer.get(`/api/v1/equipment?q=${q}&includeWithdrawn=true`)).total, 1);
  });

  test('SEC-02: another unit’s equipment is not found (404) for its branch head, and absent from the list', async () => {
    const e = await register(t, c.officer, 'SFX-001', { name: '城关专用摄像机' });
    assertError(await c.branch2.get(`/api/v1/equipment/${e.id}`), 404, 'EQUIPMENT_NOT_FOUND');
    assertError(await c.branch2.post('/api/v1/equipment-faults', { equipmentId: e.id, description: '越权报修' }), 404, 'EQUIPMENT_NOT_FOUND');
    const list = ok(await c.branch2.get(`/api/v1/equipment?pageSize=200&q=${encodeURIComponent('城关专用摄像机')}`));
    assert.equal(list.total, 0);
    assert.equal(ok(await c.branch1.get(`/api/v1/equipment?pageSize=200&q=${encodeURIComponent('城关专用摄像机')}`)).total, 1);
  });

  test('the register filters by kind and status; Excel export and the A4 card and QR label sheet print', async () => {
    const ext = await register(t, c.officer, 'SFX-001', { kind: 'fire_extinguisher', name: '干粉灭火器（打印测试）' });
    const list = ok(await c.officer.get(`/api/v1/equipment?kind=fire_extinguisher&q=${encodeURIComponent('打印测试')}`));
    assert.deepEqual(list.items.map((x: { id: string }) => x.id), [ext.id]);
    assert.equal(ok(await c.officer.get(`/api/v1/equipment?kind=camera&q=${encodeURIComponent('打印测试')}`)).total, 0);
    const xlsx = await c.officer.get(`/api/v1/equipment/export.xlsx?q=${encodeURIComponent('打印测试')}`);
    assert.equal(xlsx.status, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    assertError(await c.staff1.get('/api/v1/equipment/export.xlsx'), 403, 'FORBIDDEN');
    const card = await c.officer.get(`/api/v1/equipment/${ext.id}/print`);
    assert.equal(card.status, 200);
    assert.match(card.raw as string, /安防设施卡片/);
    assert.match(card.raw as string, new RegExp(ext.number));
    const labels = await c.officer.get(`/api/v1/equipment/labels?q=${encodeURIComponent('打印测试')}`);
    assert.equal(labels.status, 200);
    assert.match(labels.raw as string, /<svg/, 'a QR code');
    assert.match(labels.raw as string, new RegExp(`/equipment/${ext.id}`), 'the label links to the equipment page');
  });
});

describe('EQP-03: fault tickets', () => {
  test('reported → assigned → fixed → verified by someone else → closed; the equipment is faulty meanwhile and back in service after', async () => {
    const e = await register(t, c.officer, 'SFX-001');
    const f = await reportFault(c.officer, e.id, { attachmentIds: [await photo(c.officer, '黑屏.png')] });
    assert.match(f.number, /^GZ-\d{4}-\d{6}$/);
    assert.equal(f.status, 'reported');
    assert.equal(f.photos.length, 1);
    assert.equal(await equipmentStatus(c.officer, e.id), 'faulty');
    const a = ok(await faultStep(c.head, f.id, 'assign', { assigneeId: people.officer2 }));
    assert.equal(a.status, 'assigned');
    assertError(await faultStep(c.guard1, f.id, 'fix', { note: '不是我修的' }), 403, 'FORBIDDEN');
    const fixed = ok(await faultStep(c.officer2, f.id, 'fix', { note: '更换电源适配器' }));
    assert.equal(fixed.status, 'fixed');
    assert.equal(await equipmentStatus(c.officer, e.id), 'faulty', 'still faulty until verified');
    // The fixer and the reporter may not verify.
    const byFixer = assertError(await faultStep(c.officer2, f.id, 'verify', {}), 422, 'FAULT_SAME_PERSON_CANNOT_VERIFY');
    assert.match(byFixer.message, /维修人/);
    const byReporter = assertError(await faultStep(c.officer, f.id, 'verify', {}), 422, 'FAULT_SAME_PERSON_CANNOT_VERIFY');
    assert.match(byReporter.message, /报告人/);
    const closed = ok(await faultStep(c.head, f.id, 'verify', { note: '验收合格' }));
    assert.equal(closed.status, 'closed');
    assert.equal(closed.verifiedBy.id, people.head);
    assert.equal(closed.equipmentStatus, 'in_service');
    assert.equal(await equipmentStatus(c.officer, e.id), 'in_service');
  });

  test('the English refusal names the fixer', async () => {
    const e = await register(t, c.officer, 'SFX-001');
    const f = await reportFault(c.staff1, e.id);
    ok(await faultStep(c.officer, f.id, 'assign', { assigneeId: people.it1 }));
    ok(await faultStep(c.it1, f.id, 'fix', { note: 'replaced the cable' }));
    // it1 holds no verify permission: 403 before the rule.
    assertError(await faultStep(c.it1, f.id, 'verify', {}), 403, 'FORBIDDEN');
    const r = await c.officer.request('POST', `/api/v1/equipment-faults/${f.id}/verify`, {}, { headers: { 'accept-language': 'en' } });
    assert.equal(r.status, 200, 'the officer neither fixed nor reported it');
  });

  test('out of service while a ticket says so; two open tickets: the equipment stays faulty until the last closes', async () => {
    const e = await register(t, c.officer, 'SFX-001', { kind: 'access_control', name: '金库门禁' });
    const f1 = await reportFault(c.staff1, e.id, { outOfService: true, description: '门禁无法开启' });
    assert.equal(await equipmentStatus(c.officer, e.id), 'out_of_service');
    const f2 = await reportFault(c.staff1, e.id, { description: '读卡器外壳破损' });
    for (const f of [f1, f2]) {
      ok(await faultStep(c.officer, f.id, 'assign', { assigneeId: people.officer2 }));
      ok(await faultStep(c.officer2, f.id, 'fix', { note: '已修复' }));
    }
    ok(await faultStep(c.head, f1.id, 'verify', {}));
    assert.equal(await equipmentStatus(c.officer, e.id), 'faulty', 'one ticket is still open');
    // While a ticket is open it cannot be put back in service by hand.
    const cur = ok(await c.officer.get(`/api/v1/equipment/${e.id}`));
    const refused = assertError(await c.officer.patch(`/api/v1/equipment/${e.id}`, { status: 'in_service', version: cur.version }), 422, 'EQUIPMENT_HAS_OPEN_FAULTS');
    assert.deepEqual(refused.details?.map((d) => d.path), ['status']);
    assertFieldError(await c.officer.patch(`/api/v1/equipment/${e.id}`, { status: 'faulty', version: cur.version }), 'status');
    ok(await faultStep(c.head, f2.id, 'verify', {}));
    assert.equal(await equipmentStatus(c.officer, e.id), 'in_service');
  });

  test('a repair that did not hold is reopened with the reason: the equipment is faulty again', async () => {
    const e = await register(t, c.officer, 'SFX-001');
    const f = await reportFault(c.staff1, e.id);
    ok(await faultStep(c.officer, f.id, 'assign', { assigneeId: people.officer2 }));
    ok(await faultStep(c.officer2, f.id, 'fix', { note: '重启' }));
    ok(await faultStep(c.head, f.id, 'verify', {}));
    assert.equal(await equipmentStatus(c.officer, e.id), 'in_service');
    assertFieldError(await faultStep(c.head, f.id, 'reopen', {}), 'reason');
    const r = ok(await faultStep(c.head, f.id, 'reopen', { reason: '次日再次黑屏' }));
    assert.equal(r.status, 'assigned');
    assert.equal(r.reopenCount, 1);
    assert.equal(await equipmentStatus(c.officer, e.id), 'faulty');
    assertError(await faultStep(c.head, f.id, 'verify', {}), 409, 'INVALID_STATE');
  });

  test('steps out of order are 409; assigning someone of another branch is 422 naming assigneeId', async () => {
    const e = await register(t, c.officer, 'SFX-001');
    const f = await reportFault(c.staff1, e.id);
    assertError(await faultStep(c.head, f.id, 'verify', {}), 409, 'INVALID_STATE');
    assertError(await faultStep(c.officer2, f.id, 'fix', { note: 'x' }), 409, 'INVALID_STATE');
    const bad = assertError(await faultStep(c.officer, f.id, 'assign', { assigneeId: people.branch2 }), 422, 'ASSIGNEE_NOT_ELIGIBLE');
    assert.deepEqual(bad.details?.map((d) => d.path), ['assigneeId']);
    assertFieldError(await faultStep(c.officer, f.id, 'assign', { assigneeId: 'not-a-uuid' }), 'assigneeId');
  });

  test('from a patrol, with the source kept; a serious fault also opens a hazard for the unit', async () => {
    const e = await register(t, c.officer, 'SFX-001', { kind: 'electronic_fence', name: '后院电子围栏' });
    const patrolId = '6f1c7c1e-2d1b-4a51-9d5b-2b8c1b0b6a11';
    const f = await reportFault(c.guard1, e.id, { description: '围栏断线，报警失效', source: 'patrol', sourceId: patrolId, serious: true });
    assert.equal(f.source, 'patrol');
    assert.equal(f.sourceId, patrolId);
    assert.ok(f.hazardId, 'a hazard was opened');
    const h = ok(await c.head.get(`/api/v1/hazards/${f.hazardId}`));
    assert.equal(h.status, 'reported');
    assert.equal(h.source, 'patrol');
    assert.match(h.title, new RegExp(e.number));
    assert.equal(h.orgId, e.orgId);
  });

  test('another unit’s ticket is not found (404) for its branch head', async () => {
    const e = await register(t, c.officer, 'SFX-001');
    const f = await reportFault(c.staff1, e.id);
    assertError(await c.branch2.get(`/api/v1/equipment-faults/${f.id}`), 404, 'FAULT_NOT_FOUND');
    assertError(await faultStep(c.branch2, f.id, 'fix', { note: '越权' }), 404, 'FAULT_NOT_FOUND');
  });
});

describe('EQP-03: the dashboard shows faulty and out-of-service equipment', () => {
  test('each tile counts exactly what its register filter lists for the viewer', async () => {
    const e = await register(t, c.officer, 'SFX-001');
    await reportFault(c.staff1, e.id);
    const dash = ok(await c.head.get('/api/v1/dashboard'));
    const tile = (key: string) => dash.today.find((x: { key: string }) => x.key === key);
    for (const [key, filter] of [
      ['equipment.faulty', 'status=faulty'],
      ['equipment.outOfService', 'status=out_of_service'],
      ['equipment.expiringSoon', 'expiringWithin=30'],
    ] as const) {
      const listed = ok(await c.head.get(`/api/v1/equipment?${filter}&orgId=${dash.scope.orgId}`)).total;
      assert.equal(tile(key).value, listed, key);
    }
    assert.ok(tile('equipment.faulty').value >= 1);
    assert.equal(tile('equipment.faulty').tone, 'warn');
    const overdue = ok(await c.head.get(`/api/v1/maintenance-tasks?overdue=true&orgId=${dash.scope.orgId}`)).total;
    assert.equal(tile('equipment.maintenanceOverdue').value, overdue);
  });
});
