// VIS-03: the machine-room and vault entry register through the API — at least two people (one alone is
// refused naming the field), IT department staff enter without approval, anyone else and any third
// party needs the IT head's or security head's approval by someone other than the requester, a third
// party needs a supervising employee who enters with them, time in/out and work done, the A4 register
// and the Excel export; another unit's entries answer 404.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { after, before, test } from 'node:test';
import { auditEntries } from '../../test/audit-helpers.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { Cast, localDay, ok, siteId } from './testing.ts';

let t: TestApp;
let cast: Cast;
let room: string;
let branchRoom: string;
before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  cast.moveTo(localDay(t), 10);
  room = await siteId(await cast.as('officer'), '中心机房');
  branchRoom = await siteId(await cast.as('officer'), '城关信用社网点机房');
});
after(async () => t.close());

test('VIS-03: one person alone is refused (422 naming staffIds); two IT staff enter at once without approval', async () => {
  const it1 = await cast.as('it1');
  assertFieldError(await it1.post('/api/v1/room-entries', { siteId: room, staffIds: [await t.userId('it1')], purpose: '巡检' }), 'staffIds', 422, 'TWO_PEOPLE_REQUIRED');
  const e = ok(await it1.post('/api/v1/room-entries', { siteId: room, staffIds: [await t.userId('it1'), await t.userId('it2')], purpose: '例行巡检' }), 201);
  assert.equal(e.approvalRequired, false);
  assert.equal(e.status, 'inside');
  assert.ok(e.enteredAt);
  assert.match(e.number, /^JF-\d{4}-\d+$/);
  assertFieldError(await it1.post(`/api/v1/room-entries/${e.id}/exit`, {}), 'workDone');
  const out = ok(await it1.post(`/api/v1/room-entries/${e.id}/exit`, { workDone: '设备运行正常' }));
  assert.equal(out.status, 'left');
  assert.equal(out.workDone, '设备运行正常');
  assert.ok(out.exitedAt);
});

test('VIS-03: a business hall is not a restricted room; entrants must be active people', async () => {
  const officer = await cast.as('officer');
  const hall = await siteId(officer, '城关信用社营业大厅');
  assertFieldError(await officer.post('/api/v1/room-entries', { siteId: hall, staffIds: [await t.userId('officer'), await t.userId('officer2')], purpose: 'x' }), 'siteId', 422, 'NOT_A_RESTRICTED_ROOM');
  assertFieldError(await officer.post('/api/v1/room-entries', { siteId: room, staffIds: [await t.userId('officer'), await t.userId('former1')], purpose: 'x' }), 'staffIds', 422, 'NOT_ACTIVE_IN_UNIT');
});

test('VIS-03: people outside the IT department need an approval before they enter; the requester may not approve their own entry', async () => {
  const officer = await cast.as('officer');
  const e = ok(await officer.post('/api/v1/room-entries', { siteId: room, staffIds: [await t.userId('officer'), await t.userId('it1')], purpose: '检查机房消防设施' }), 201);
  assert.equal(e.approvalRequired, true);
  assert.equal(e.status, 'pending_approval');
  assert.equal(e.enteredAt, null);
  assertError(await officer.post(`/api/v1/room-entries/${e.id}/enter`, {}), 422, 'APPROVAL_REQUIRED');
  // The head is told; the officer may not approve (no permission), the head may — but not an entry the head requested.
  assertError(await officer.post(`/api/v1/room-entries/${e.id}/approve`, {}), 403, 'FORBIDDEN');
  const head = await cast.as('head');
  const own = ok(await head.post('/api/v1/room-entries', { siteId: room, staffIds: [await t.userId('head'), await t.userId('officer')], purpose: '保卫部检查' }), 201);
  assertFieldError(await head.post(`/api/v1/room-entries/${own.id}/approve`, {}), 'approvedBy', 422, 'ENTRY_SELF_APPROVAL');
  assert.ok(!own.allowedActions.includes('approve'));
  const approved = ok(await head.post(`/api/v1/room-entries/${e.id}/approve`, { note: '同意' }));
  assert.equal(approved.status, 'approved');
  assert.equal(approved.approvedBy.id, await t.userId('head'));
  const inside = ok(await officer.post(`/api/v1/room-entries/${e.id}/enter`, {}));
  assert.equal(inside.status, 'inside');
  // The IT head approves the head's own request instead.
  const it1 = await cast.as('it1');
  assert.equal(ok(await it1.post(`/api/v1/room-entries/${own.id}/approve`, {})).approvedBy.id, await t.userId('it1'));
  const auditor = await cast.as('auditor');
  assert.equal((await auditEntries(auditor, { action: 'room_entries.approve', targetId: e.id })).length, 1);
});

test('VIS-03: a third-party engineer needs a supervising employee who enters with them, and always an approval', async () => {
  const it1 = await cast.as('it1');
  const engineer = [{ name: '张工', company: '华信网络技术有限公司' }];
  assertFieldError(await it1.post('/api/v1/room-entries', { siteId: room, staffIds: [await t.userId('it2')], thirdParties: engineer, purpose: '更换硬盘' }), 'supervisorId', 422, 'SUPERVISOR_REQUIRED');
  assertFieldError(await it1.post('/api/v1/room-entries', { siteId: room, staffIds: [await t.userId('it2')], thirdParties: engineer, supervisorId: await t.userId('it1'), purpose: '更换硬盘' }), 'supervisorId', 422, 'SUPERVISOR_NOT_PRESENT');
  // One engineer alone with nobody: still refused as one person.
  assertFieldError(await it1.post('/api/v1/room-entries', { siteId: room, staffIds: [], thirdParties: engineer, purpose: 'x' }), 'staffIds', 422, 'TWO_PEOPLE_REQUIRED');
  const e = ok(await it1.post('/api/v1/room-entries', { siteId: room, staffIds: [await t.userId('it2')], thirdParties: engineer, supervisorId: await t.userId('it2'), purpose: '更换存储硬盘' }), 201);
  assert.equal(e.approvalRequired, true, 'IT staff with a third party still need an approval');
  assert.equal(e.thirdParty, true);
  assert.deepEqual(e.people.map((p: { name: string }) => p.name).sort(), ['冯伟', '张工'].sort());
  const head = await cast.as('head');
  ok(await head.post(`/api/v1/room-entries/${e.id}/reject`, { note: '请改期' }));
  assertError(await it1.post(`/api/v1/room-entries/${e.id}/enter`, {}), 409, 'INVALID_STATE');
  const third = ok(await head.get('/api/v1/room-entries?thirdParty=true&pageSize=200'));
  assert.ok(third.items.some((x: { id: string }) => x.id === e.id));
  assert.ok(third.items.every((x: { thirdParty: boolean }) => x.thirdParty));
});

test('VIS-03: the A4 机房出入管理登记簿 of a room and date range, and the Excel export, list that room’s entries', async () => {
  const officer = await cast.as('officer');
  const day = localDay(t);
  const r = await officer.request('GET', `/api/v1/room-entries/print?siteId=${room}&from=${localDay(t, -7)}&to=${day}`);
  assert.equal(r.status, 200);
  const html = String(r.raw);
  assert.match(html, /机房出入管理登记簿/);
  assert.match(html, /中心机房/);
  assert.match(html, /华信网络技术有限公司/, 'the demo third-party entry of this week');
  assert.doesNotMatch(html, /城关信用社网点机房/);
  assertFieldError(await officer.get(`/api/v1/room-entries/print?siteId=${room}&from=${day}&to=${localDay(t, -1)}`), 'to', 422, 'DATE_RANGE');
  const x = await officer.request('GET', `/api/v1/room-entries/export.xlsx?siteId=${room}`);
  assert.equal(x.status, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.raw as never);
  const sheet = wb.worksheets[0];
  assert.equal(sheet.getRow(1).getCell(1).value, '登记编号');
  const listed = ok(await officer.get(`/api/v1/room-entries?siteId=${room}&pageSize=200`)).total;
  assert.equal(sheet.rowCount - 1, listed);
});

test('VIS-03: another unit’s entries answer 404; a branch guard logs their own machine room', async () => {
  const guard = await cast.as('guard1');
  const e = ok(await guard.post('/api/v1/room-entries', { siteId: branchRoom, staffIds: [await t.userId('guard1'), await t.userId('branch1')], purpose: '检查网点机房门窗' }), 201);
  const guard2 = await cast.as('guard2');
  assertError(await guard2.get(`/api/v1/room-entries/${e.id}`), 404, 'ROOM_ENTRY_NOT_FOUND');
  assertError(await guard2.post('/api/v1/room-entries', { siteId: branchRoom, staffIds: [await t.userId('guard2'), await t.userId('branch2')], purpose: 'x' }), 404, 'SITE_NOT_FOUND');
  assertError(await guard2.get(`/api/v1/room-entries/print?siteId=${branchRoom}&from=${localDay(t)}&to=${localDay(t)}`), 404, 'SITE_NOT_FOUND');
  assertFieldError(await guard.post('/api/v1/room-entries', { siteId: branchRoom, staffIds: 'x', purpose: 'x' }), 'staffIds');
});
