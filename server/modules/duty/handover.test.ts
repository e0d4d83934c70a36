// DUT-02 and DUT-03 through the API, on a day of SFX-003's roster: the duty log by the person on duty,
// urgent entries reported to the security heads at once, no edits after the handover (corrections
// instead), the handover confirmed by a different person with their password, open items carried over
// until closed, and a shift that ended without a confirmed handover flagged once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { Cast, inbox, localDay, localTime, ok } from '../hazards/testing.ts';
import { roster, shift, sweep, UNIT } from './testing.ts';

let t: TestApp;
let cast: Cast;
let D: string, D1: string, D2: string;
const A: Record<string, string> = {};

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  [D, D1, D2] = [localDay(t, 1), localDay(t, 2), localDay(t, 3)];
  const officer = await cast.as('officer');
  const day = await shift(t, officer, '白班', '08:00', '20:00');
  const night = await shift(t, officer, '夜班', '20:00', '08:00');
  A.day0 = (await roster(t, officer, day.id, D, ['monitor1'])).id;
  A.night0 = (await roster(t, officer, night.id, D, ['patrol1'])).id;
  A.day1 = (await roster(t, officer, day.id, D1, ['officer2'])).id;
  A.night1 = (await roster(t, officer, night.id, D1, ['monitor1'])).id;
  A.day2 = (await roster(t, officer, day.id, D2, ['patrol1'])).id;
});
after(() => t.close());

const log = async (who: string, body: Record<string, unknown>) => (await cast.as(who)).post('/api/v1/duty-logs', { assignmentId: A.day0, ...body });
let urgentId: string, plainId: string, handoverId: string, itemId: string;

describe('DUT-02 duty log', () => {
  test('the phone page: monitor1 is on duty now', async () => {
    cast.moveTo(D, 10);
    const mine = ok(await (await cast.as('monitor1')).get('/api/v1/duty-rosters/mine'));
    const shift = mine.now.find((a: { id: string }) => a.id === A.day0);
    assert.ok(shift, 'the shift of SFX-003 is listed as now');
    assert.ok(shift.allowedActions.includes('log') && shift.allowedActions.includes('handover'));
    assert.ok(mine.upcoming.some((a: { id: string }) => a.id === A.night1), 'the next own shift is listed ahead');
  });

  test('DUT-02: an urgent entry notifies the security head at once; a plain one notifies nobody', async () => {
    urgentId = ok(await log('monitor1', { happened: '发现可疑人员在 ATM 附近徘徊', actionTaken: '已报警并调取监控', urgent: true }), 201, 'urgent').id;
    plainId = ok(await log('monitor1', { happened: '例行巡查营业厅，门窗完好' }), 201, 'plain').id;
    const headNotes = (await inbox(await cast.as('head'))).filter((n) => n.rule === 'duty.urgent');
    assert.deepEqual(headNotes.map((n) => n.targetId), [urgentId]);
    assert.match(headNotes[0].title, /可疑人员/);
    assert.equal((await inbox(await cast.as('officer'))).filter((n) => n.rule === 'duty.urgent').length, 0, 'the officer is not a security head');
  });

  test('DUT-02: only the person on duty writes the shift’s log (403 for another guard); a time outside the shift is 422 naming occurredAt', async () => {
    assert.equal((await log('patrol1', { happened: '代记' })).status, 403);
    const r = await log('monitor1', { happened: '补记', occurredAt: localTime(t, D, 7).toISOString() });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.details[0].path, 'occurredAt');
  });

  test('the author may edit an entry while the shift is not handed over', async () => {
    const r = ok(await (await cast.as('monitor1')).patch(`/api/v1/duty-logs/${plainId}`, { actionTaken: '无需处置' }));
    assert.equal(r.actionTaken, '无需处置');
  });
});

describe('DUT-03 handover', () => {
  test('the outgoing officer hands over with an open item', async () => {
    cast.moveTo(D, 19);
    const h = ok(await (await cast.as('monitor1')).post('/api/v1/handovers', { assignmentId: A.day0, note: '本班正常', items: [{ text: '东门门禁故障，待厂家维修' }] }), 201, 'handover');
    handoverId = h.id;
    itemId = h.items[0].id;
    assert.equal(h.status, 'submitted');
    assert.equal(h.outgoing.name, '何伟');
    assert.deepEqual(h.carried, []);
    assert.ok((await inbox(await cast.as('patrol1'))).some((n) => n.rule === 'duty.handover_submitted' && n.targetId === handoverId), 'the incoming officer is told');
  });

  test('DUT-02: after the handover the entries are never edited (409) and only corrections are added, referring to the old entry', async () => {
    const monitor = await cast.as('monitor1');
    const edit = await monitor.patch(`/api/v1/duty-logs/${plainId}`, { happened: '改写' });
    assert.equal(edit.status, 409);
    assert.equal(edit.body.error.code, 'SHIFT_HANDED_OVER');
    assert.equal((await log('monitor1', { happened: '新记录' })).status, 409);
    const fix = ok(await log('monitor1', { happened: '更正：可疑人员为附近商户，已核实', correctsId: urgentId }), 201, 'correction');
    assert.equal(fix.correctsId, urgentId);
    const old = ok(await monitor.get(`/api/v1/duty-logs/${urgentId}`));
    assert.deepEqual(old.correctedBy, [fix.id]);
    assert.equal(old.happened, '发现可疑人员在 ATM 附近徘徊', 'the original stands');
  });

  test('DUT-03: the outgoing officer cannot confirm their own handover (422)', async () => {
    const r = await (await cast.as('monitor1')).post(`/api/v1/handovers/${handoverId}/confirm`, { password: TEST_PASSWORD });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'HANDOVER_SAME_PERSON');
  });

  test('DUT-03: the incoming officer confirms with their password; a wrong one is 422 naming password and confirms nothing', async () => {
    cast.moveTo(D, 20);
    const patrol = await cast.as('patrol1');
    const wrong = await patrol.post(`/api/v1/handovers/${handoverId}/confirm`, { password: 'not-my-password-1' });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.error.details[0].path, 'password');
    assert.equal(ok(await patrol.get(`/api/v1/handovers/${handoverId}`)).status, 'submitted');
    const h = ok(await patrol.post(`/api/v1/handovers/${handoverId}/confirm`, { password: TEST_PASSWORD }));
    assert.equal(h.status, 'confirmed');
    assert.equal(h.incoming.name, '罗明');
    assert.equal((await patrol.post(`/api/v1/handovers/${handoverId}/confirm`, { password: TEST_PASSWORD })).status, 409);
  });

  let h2: string;
  test('DUT-03: the open item carries over into the next handovers until someone closes it (who and when recorded)', async () => {
    cast.moveTo(D1, 7);
    const next = ok(await (await cast.as('patrol1')).post('/api/v1/handovers', { assignmentId: A.night0 }), 201, 'night handover');
    assert.deepEqual(next.carried.map((i: { id: string }) => i.id), [itemId]);
    ok(await (await cast.as('officer2')).post(`/api/v1/handovers/${next.id}/confirm`, { password: TEST_PASSWORD }));
    cast.moveTo(D1, 19);
    const third = ok(await (await cast.as('officer2')).post('/api/v1/handovers', { assignmentId: A.day1 }), 201, 'day handover');
    h2 = third.id;
    assert.deepEqual(third.carried.map((i: { id: string }) => i.id), [itemId], 'still open: still carried');
    const closed = ok(await (await cast.as('officer2')).post(`/api/v1/handovers/${h2}/items/${itemId}/close`, { note: '厂家已修复' }));
    const item = closed.carried[0];
    assert.equal(item.closedBy.name, '林涛');
    assert.equal(item.closedAt, localTime(t, D1, 19).toISOString());
    assert.equal((await (await cast.as('officer2')).post(`/api/v1/handovers/${h2}/items/${itemId}/close`, {})).status, 409);
    cast.moveTo(D2, 7);
    const fourth = ok(await (await cast.as('monitor1')).post('/api/v1/handovers', { assignmentId: A.night1 }), 201, 'night handover 2');
    assert.deepEqual(fourth.carried, [], 'closed: no longer carried');
  });

  test('DUT-03: a shift that ended without a confirmed handover is flagged once, and listed by the missingHandover filter until confirmed', async () => {
    cast.moveTo(D2, 21);
    await sweep(t, 'duty.handovers');
    await sweep(t, 'duty.handovers');
    const notes = async (who: string) => (await inbox(await cast.as(who))).filter((n) => n.rule === 'duty.handover_missing' && n.targetId === A.day2);
    assert.equal((await notes('branch3')).length, 1);
    assert.equal((await notes('head')).length, 1);
    const head = await cast.as('head');
    const list = async () => ok(await head.get(`/api/v1/duty-rosters?orgId=${await t.orgId(UNIT)}&missingHandover=true&pageSize=50`)).items.map((a: { id: string }) => a.id);
    const missing = await list();
    assert.ok(missing.includes(A.day2));
    assert.ok(!missing.includes(A.day0) && !missing.includes(A.night0), 'confirmed handovers are not missing');
    const late = ok(await (await cast.as('patrol1')).post('/api/v1/handovers', { assignmentId: A.day2, note: '补交' }), 201, 'late handover');
    ok(await head.post(`/api/v1/handovers/${late.id}/confirm`, { password: TEST_PASSWORD }));
    assert.ok(!(await list()).includes(A.day2));
  });

  test('scope: another branch head gets 404 for SFX-003’s handover, log and assignment', async () => {
    const branch2 = await cast.as('branch2');
    assert.equal((await branch2.get(`/api/v1/handovers/${handoverId}`)).status, 404);
    assert.equal((await branch2.get(`/api/v1/duty-logs/${urgentId}`)).status, 404);
    assert.equal((await branch2.post('/api/v1/duty-logs', { assignmentId: A.day0, happened: '越权' })).status, 404);
    const list = ok(await branch2.get('/api/v1/handovers?pageSize=200'));
    assert.ok(!list.items.some((h: { id: string }) => h.id === handoverId));
  });

  test('A4 print of the shift’s log and of the handover record; Excel of the log', async () => {
    const head = await cast.as('head');
    const p = await head.get(`/api/v1/duty-rosters/${A.day0}/print`);
    assert.equal(p.status, 200);
    assert.match(String(p.body), /值班记录/);
    assert.match(String(p.body), /发现可疑人员在 ATM 附近徘徊/);
    const hp = await head.get(`/api/v1/handovers/${handoverId}/print`);
    assert.match(String(hp.body), /交接班记录[\s\S]*东门门禁故障/);
    const x = await head.get(`/api/v1/duty-logs/export.xlsx?orgId=${await t.orgId(UNIT)}&urgent=true`);
    assert.equal(x.status, 200);
    assert.match(String(x.headers['content-type']), /spreadsheetml/);
  });
});
