// VIS-01 / VIS-02: the visitor register through the API — the desk registers a walk-in and checks it
// in and out, the host is told on arrival, document numbers are masked and revealed only with a reason
// (audited, without the number), restricted areas need an escort, the blocklist refuses with its reason,
// a visitor inside at closing time is flagged once, and another unit's records answer 404.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runSweeps } from '../../platform/scheduler/registry.ts';
import { auditEntries } from '../../test/audit-helpers.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { inbox } from '../hazards/testing.ts';
import { appointment, Cast, localDay, localTime, ok, siteId, walkIn } from './testing.ts';

let t: TestApp;
let cast: Cast;
before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  cast.moveTo(localDay(t), 10);
});
after(async () => t.close());

test('VIS-01: the desk registers a walk-in, it is inside at once, the host is told, then it is checked out', async () => {
  const guard = await cast.as('guard1');
  const v = await walkIn(t, guard, { name: '到访测试甲' });
  assert.equal(v.status, 'inside');
  assert.equal(v.checkedInBy.id, await t.userId('guard1'));
  assert.match(v.number, /^FK-\d{4}-\d+$/);
  const staff1 = await cast.as('staff1');
  const arrivals = (await inbox(staff1)).filter((n) => n.targetId === v.id && n.rule === 'visitor.arrived');
  assert.equal(arrivals.length, 1, 'the host is told once');
  assert.match(arrivals[0].title, /到访测试甲/);
  const out = ok(await guard.post(`/api/v1/visitors/${v.id}/check-out`, { version: v.version }));
  assert.equal(out.status, 'left');
  assert.ok(out.checkedOutAt);
  assertError(await guard.post(`/api/v1/visitors/${v.id}/check-out`, {}), 409, 'INVALID_STATE');
});

test('VIS-01: an appointment by the host is appointed until the desk checks it in; a host may not check in', async () => {
  const staff1 = await cast.as('staff1');
  const a = await appointment(t, staff1, localTime(t, localDay(t), 14));
  assert.equal(a.status, 'appointed');
  assert.equal(a.kind, 'appointment');
  assertError(await staff1.post(`/api/v1/visitors/${a.id}/check-in`, {}), 403, 'FORBIDDEN');
  const guard = await cast.as('guard1');
  const inside = ok(await guard.post(`/api/v1/visitors/${a.id}/check-in`, {}));
  assert.equal(inside.status, 'inside');
  // A walk-in checked in at once is the desk's job too.
  const body = { kind: 'walk_in', orgId: await t.orgId('SFX-001'), name: '甲', documentType: 'resident_id', documentNumber: '110101199001015555', purpose: '来访', hostId: await t.userId('staff1'), siteIds: [] };
  assertError(await staff1.post('/api/v1/visitors', body), 403, 'FORBIDDEN');
  // An appointment needs its time.
  assertFieldError(await staff1.post('/api/v1/visitors', { ...body, kind: 'appointment' }), 'expectedAt');
  // Cancelling needs a reason and is only for appointments.
  const b = await appointment(t, staff1, localTime(t, localDay(t, 1), 9));
  assertFieldError(await staff1.post(`/api/v1/visitors/${b.id}/cancel`, {}), 'reason');
  const c = ok(await staff1.post(`/api/v1/visitors/${b.id}/cancel`, { reason: '对方改期' }));
  assert.equal(c.status, 'cancelled');
  assert.equal(c.endReason, '对方改期');
});

test('VIS-01: the document number is masked everywhere; revealing it needs visitors.reveal and a reason, and is audited with the reason but not the number', async () => {
  const guard = await cast.as('guard1');
  const v = await walkIn(t, guard, { documentNumber: '11010119900101777X' });
  assert.equal(v.documentNumber, '1101**********777X');
  const listed = ok(await guard.get(`/api/v1/visitors?q=${v.number}`));
  assert.equal(listed.items[0].documentNumber, '1101**********777X');
  assert.ok(!JSON.stringify(listed).includes('11010119900101777X'));
  assertError(await guard.post(`/api/v1/visitors/${v.id}/reveal`, { reason: '核对' }), 403, 'FORBIDDEN');
  const officer = await cast.as('officer');
  assertFieldError(await officer.post(`/api/v1/visitors/${v.id}/reveal`, {}), 'reason');
  const r = ok(await officer.post(`/api/v1/visitors/${v.id}/reveal`, { reason: '公安机关协查' }));
  assert.equal(r.value, '11010119900101777X');
  const auditor = await cast.as('auditor');
  const reveals = await auditEntries(auditor, { action: 'visitors.reveal', targetId: v.id });
  assert.equal(reveals.length, 1, 'the refused attempts revealed nothing');
  assert.deepEqual(reveals[0].detail, { field: 'documentNumber', reason: '公安机关协查' });
  assert.ok(!JSON.stringify(await auditEntries(auditor, { targetId: v.id })).includes('11010119900101777X'), 'the number is not in the trail');
});

test('VIS-02: a visit to a vault or machine room needs an escort (422 naming escortId); a site of another unit is refused', async () => {
  const guard = await cast.as('guard1');
  const room = await siteId(guard, '城关信用社网点机房');
  const body = { kind: 'walk_in', orgId: await t.orgId('SFX-001'), name: '维修工', documentType: 'other', documentNumber: 'GZ-88001', purpose: '空调维修', hostId: await t.userId('branch1'), siteIds: [room] };
  assertFieldError(await guard.post('/api/v1/visitors', body), 'escortId', 422, 'ESCORT_REQUIRED');
  const ok1 = ok(await guard.post('/api/v1/visitors', { ...body, escortId: await t.userId('staff2') }), 201);
  assert.equal(ok1.restricted, true);
  assert.equal(ok1.escort.id, await t.userId('staff2'));
  const head = await cast.as('head');
  const vault = await siteId(head, '县联社金库');
  assertFieldError(await head.post('/api/v1/visitors', { ...body, siteIds: [vault], escortId: await t.userId('staff2') }), 'siteIds', 422, 'VISIT_SITE_NOT_IN_UNIT');
  // The host must be an active person of the cooperative.
  assertFieldError(await guard.post('/api/v1/visitors', { ...body, escortId: await t.userId('staff2'), hostId: await t.userId('former1') }), 'hostId', 422, 'NOT_ACTIVE_IN_UNIT');
});

test('VIS-02: the cooperative’s blocklist refuses registration and check-in with the reason shown to the desk', async () => {
  const officer = await cast.as('officer');
  const entry = ok(await officer.post('/api/v1/visitors/blocklist', { orgId: await t.orgId('SFX'), name: '黑名单测试', documentType: 'resident_id', documentNumber: '110101198808088888', reason: '曾在营业厅寻衅滋事' }), 201);
  assert.equal(entry.documentNumber, '1101**********8888');
  assert.equal(entry.addedBy.id, await t.userId('officer'));
  const guard = await cast.as('guard1');
  // Matching ignores case and spaces; a branch of the cooperative is covered by the county's entry.
  const refused = assertFieldError(await guard.post('/api/v1/visitors', { kind: 'walk_in', orgId: await t.orgId('SFX-001'), name: '换了名字', documentType: 'resident_id', documentNumber: '1101 0119 8808 088888', purpose: '办业务', hostId: await t.userId('staff1'), siteIds: [] }), 'documentNumber', 422, 'VISITOR_BLOCKLISTED');
  assert.match(refused.message, /曾在营业厅寻衅滋事/);
  const en = await guard.request('POST', '/api/v1/visitors', { kind: 'walk_in', orgId: await t.orgId('SFX-001'), name: 'x', documentType: 'resident_id', documentNumber: '110101198808088888', purpose: 'x', hostId: await t.userId('staff1'), siteIds: [] }, { headers: { 'accept-language': 'en' } });
  assert.match(assertError(en, 422, 'VISITOR_BLOCKLISTED').message, /blocklist.*曾在营业厅寻衅滋事/);
  assert.equal(ok(await guard.get('/api/v1/visitors?q=换了名字')).total, 0, 'nothing was registered');
  // An appointment made before the entry is refused at check-in.
  const staff1 = await cast.as('staff1');
  const a = await appointment(t, staff1, localTime(t, localDay(t), 15), { documentNumber: 'P99887766', documentType: 'passport' });
  ok(await officer.post('/api/v1/visitors/blocklist', { orgId: await t.orgId('SFX'), name: '后加入', documentType: 'passport', documentNumber: 'p99887766', reason: '冒用他人证件' }), 201);
  assertError(await guard.post(`/api/v1/visitors/${a.id}/check-in`, {}), 422, 'VISITOR_BLOCKLISTED');
  // Taken off the list (with a reason), the person may come again.
  assertError(await guard.post(`/api/v1/visitors/blocklist/${entry.id}/withdraw`, { reason: '误列' }), 403, 'FORBIDDEN');
  ok(await officer.post(`/api/v1/visitors/blocklist/${entry.id}/withdraw`, { reason: '经核实为误列' }));
  ok(await guard.post('/api/v1/visitors', { kind: 'walk_in', orgId: await t.orgId('SFX-001'), name: '已移出', documentType: 'resident_id', documentNumber: '110101198808088888', purpose: '办业务', hostId: await t.userId('staff1'), siteIds: [] }), 201);
});

test('VIS-01: a visitor still inside at closing time (18:00) is flagged once, the host and the unit head are told once, and the register filter lists it', async () => {
  const day = localDay(t);
  cast.moveTo(day, 16);
  const guard = await cast.as('guard1');
  const late = await walkIn(t, guard, { name: '晚走访客', documentNumber: '110101199212121212' });
  const early = await walkIn(t, guard, { name: '按时离开', documentNumber: '110101199212121213' });
  ok(await guard.post(`/api/v1/visitors/${early.id}/check-out`, {}));
  await runSweeps(t.app.anbao, { now: t.clock.now(), only: ['visitors.after-closing'] });
  assert.equal(ok(await guard.get(`/api/v1/visitors/${late.id}`)).afterClosingAt, null, 'not flagged before closing');
  t.clock.set(localTime(t, day, 18, 5));
  await runSweeps(t.app.anbao, { now: t.clock.now(), only: ['visitors.after-closing'] });
  t.clock.set(localTime(t, day, 18, 30));
  await runSweeps(t.app.anbao, { now: t.clock.now(), only: ['visitors.after-closing'] });
  cast.moveTo(day, 19);
  const g2 = await cast.as('guard1');
  const flagged = ok(await g2.get(`/api/v1/visitors?insideAfterClosing=true&pageSize=200`));
  assert.ok(flagged.items.some((v: { id: string }) => v.id === late.id));
  assert.ok(!flagged.items.some((v: { id: string }) => v.id === early.id), 'a visitor who left is not listed');
  for (const who of ['staff1', 'branch1']) {
    const n = (await inbox(await cast.as(who))).filter((x) => x.targetId === late.id && x.rule === 'visitor.after_closing');
    assert.equal(n.length, 1, `${who} is told exactly once`);
  }
  const auditor = await cast.as('auditor');
  assert.equal((await auditEntries(auditor, { action: 'visitors.after_closing', targetId: late.id })).length, 1, 'flagged once');
  // The dashboard tile counts what the filter lists.
  const head = await cast.as('head');
  const dash = ok(await head.get(`/api/v1/dashboard?orgId=${await t.orgId('SFX-001')}`));
  const tile = dash.today.find((x: { key: string }) => x.key === 'visitors.insideAfterClosing');
  const listed = ok(await head.get(`/api/v1/visitors?insideAfterClosing=true&orgId=${await t.orgId('SFX-001')}`)).total;
  assert.equal(tile.value, listed);
  assert.ok(tile.value >= 1);
  ok(await g2.post(`/api/v1/visitors/${late.id}/check-out`, {}));
  assert.ok(!ok(await g2.get('/api/v1/visitors?insideAfterClosing=true&pageSize=200')).items.some((v: { id: string }) => v.id === late.id), 'checked out: no longer listed');
});

test('VIS-01: another unit’s visitors answer 404 and are not listed; bad input names the field', async () => {
  const guard = await cast.as('guard1');
  const v = await walkIn(t, guard, { name: '城关访客' });
  const guard2 = await cast.as('guard2');
  assertError(await guard2.get(`/api/v1/visitors/${v.id}`), 404, 'VISITOR_NOT_FOUND');
  assertError(await guard2.post(`/api/v1/visitors/${v.id}/check-out`, {}), 404, 'VISITOR_NOT_FOUND');
  assert.ok(!ok(await guard2.get('/api/v1/visitors?pageSize=200')).items.some((x: { id: string }) => x.id === v.id));
  assertFieldError(await guard.post('/api/v1/visitors', { kind: 'walk_in', orgId: await t.orgId('SFX-001'), name: '甲', documentType: 'resident_id', documentNumber: '<script>', purpose: 'x', hostId: await t.userId('staff1'), siteIds: [] }), 'documentNumber');
  assertFieldError(await guard.post('/api/v1/visitors', { kind: 'visit', orgId: await t.orgId('SFX-001') }), 'kind');
  assertFieldError(await guard.get('/api/v1/visitors?from=2026-13-01'), 'from');
  assertError(await guard.post(`/api/v1/visitors/${v.id}/check-out`, { version: v.version + 5 }), 409, 'VERSION_CONFLICT');
});
