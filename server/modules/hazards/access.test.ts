// Who may do what to a hazard, and what the register refuses (HAZ-05, HAZ-07, SEC-02, SEC-05): the
// reporters' recognition list, permissions and org scope on every step, withdrawal, progress updates
// with photos, two verifiers at once, and bad input on the report and the steps.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditRowCount } from '../../test/audit-rows.ts';
import { deniedRequestsOf } from '../../test/audit-helpers.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { type Person, personWithRole } from '../../test/people.ts';
import { Cast, localDay, ok, photo, rectify, report, step, toRectifying } from './testing.ts';

let t: TestApp;
let cast: Cast;
let d0: string;
const people: Record<string, string> = {};

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  d0 = localDay(t, 1);
  cast.moveTo(d0, 10);
  for (const u of ['officer', 'head', 'branch1', 'branch2', 'staff1', 'staff2', 'guard1']) people[u] = await t.userId(u);
});
after(() => t.close());

const names = (items: Array<{ name: string; confirmed: number; major: number }>) => items.map((i) => [i.name, i.confirmed, i.major]);

describe('HAZ-07: the reporters’ recognition list counts confirmed hazards only', () => {
  test('assessed (or later) and not withdrawn; major counted apart; by report date; within scope', async () => {
    const [guard1, staff2] = [await cast.as('guard1'), await cast.as('staff2')];
    const graded = async (c: Client, grade: 'general' | 'significant' | 'major', title: string) => {
      const h = await report(t, c, 'SFX-001', { title });
      ok(await step(await cast.as('head'), h.id, 'assess', { grade, ...(grade === 'major' ? { interimMeasures: '专人值守' } : {}) }));
      return h.id;
    };
    await graded(guard1, 'general', '营业厅侧门闭门器损坏');
    await graded(guard1, 'major', '金库门禁失效');
    await graded(guard1, 'general', 'ATM 防护舱玻璃破裂');
    await report(t, guard1, 'SFX-001', { title: '尚未定级的隐患' });
    const withdrawn = await graded(guard1, 'general', '重复报告的隐患');
    ok(await step(await cast.as('head'), withdrawn, 'withdraw', { reason: '重复报告' }));
    await graded(staff2, 'general', '柜台防弹玻璃裂纹');
    cast.moveTo(localDay(t, 2));
    await graded(await cast.as('staff2'), 'significant', '监控录像保存不足 30 天');
    const headNow = await cast.as('head');

    const all = ok(await headNow.get('/api/v1/hazards/reporters'));
    assert.deepEqual(names(all.items), [
      ['吴强', 3, 1],
      ['郑丽', 2, 0],
    ]);
    assert.equal(all.items[0].orgName, '城关信用社');
    assert.deepEqual(names(ok(await headNow.get(`/api/v1/hazards/reporters?from=${localDay(t, -1)}`)).items), [['郑丽', 1, 0]]);
    assert.deepEqual(names(ok(await headNow.get(`/api/v1/hazards/reporters?to=${d0}`)).items), [
      ['吴强', 3, 1],
      ['郑丽', 1, 0],
    ]);
    assert.deepEqual(ok(await (await cast.as('branch2')).get('/api/v1/hazards/reporters')).items, [], 'another branch sees none of them');
    assert.deepEqual(ok(await headNow.get(`/api/v1/hazards/reporters?orgId=${await t.orgId('SFX-002')}`)).items, []);
  });
});

describe('permissions and org scope on the steps', () => {
  let hz: { id: string; version: number };
  let outsider: Person;

  before(async () => {
    const h = await report(t, await cast.as('staff1'), 'SFX-001', { title: '营业厅门口台阶破损' });
    hz = await toRectifying(h.id, { assessor: await cast.as('head'), issuer: await cast.as('officer'), responsibleUserId: people.branch1 });
    ok(await (await cast.as('branch1')).post(`/api/v1/hazards/${hz.id}/extensions`, { requestedDueOn: localDay(t, 60), reason: '需招标' }), 201);
    // A security head of SFX-002 only: every hazard permission, over the other branch.
    outsider = await personWithRole(t, await t.login('secadmin'), { orgCode: 'SFX-002', roleCode: 'security_head' });
  });

  test('staff cannot assess, issue a notice or verify: 403, each audited as denied', async () => {
    const staff1 = await cast.as('staff1');
    const h = await report(t, staff1, 'SFX-001', { title: '员工越权测试' });
    const before = await auditRowCount(t, { actorId: people.staff1, result: 'denied' });
    assertError(await step(staff1, h.id, 'assess', { grade: 'general' }), 403, 'FORBIDDEN');
    assertError(await step(staff1, hz.id, 'issue-notice', { measures: '整改', responsibleUserId: people.branch1 }), 403, 'FORBIDDEN');
    assertError(await step(staff1, hz.id, 'verify', {}), 403, 'FORBIDDEN');
    assertError(await step(staff1, hz.id, 'submit-rectification', { note: '我来整改', attachmentIds: [await photo(staff1)] }), 403, 'FORBIDDEN');
    assert.equal(await auditRowCount(t, { actorId: people.staff1, result: 'denied' }), before + 4);
    const denied = await deniedRequestsOf(await t.login('auditor'), people.staff1);
    assert.ok(denied.some((e) => String(e.detail?.route).endsWith('/assess')), JSON.stringify(denied.map((e) => e.detail?.route)));
    assert.equal(ok(await staff1.get(`/api/v1/hazards/${h.id}`)).status, 'reported', 'nothing changed');
  });

  test('SEC-02: another unit’s hazard is not found on every route, even for its security head; nothing changes', async () => {
    const c = outsider.client;
    const ext = ok(await (await cast.as('head')).get(`/api/v1/hazards/${hz.id}`)).pendingExtension.id;
    const calls: Array<[string, () => Promise<{ status: number; body: any }>]> = [
      ['get', () => c.get(`/api/v1/hazards/${hz.id}`)],
      ['history', () => c.get(`/api/v1/hazards/${hz.id}/history`)],
      ['print', () => c.get(`/api/v1/hazards/${hz.id}/print`)],
      ['assess', () => step(c, hz.id, 'assess', { grade: 'major', interimMeasures: '值守' })],
      ['signoff', () => step(c, hz.id, 'signoff', { stage: 'assessment' })],
      ['issue-notice', () => step(c, hz.id, 'issue-notice', { measures: '整改', responsibleUserId: outsider.id })],
      ['progress', () => step(c, hz.id, 'progress', { note: '进展' })],
      ['submit-rectification', () => step(c, hz.id, 'submit-rectification', { note: '完成', attachmentIds: [] })],
      ['verify', () => step(c, hz.id, 'verify', {})],
      ['reopen', () => step(c, hz.id, 'reopen', { reason: '不合格' })],
      ['withdraw', () => step(c, hz.id, 'withdraw', { reason: '撤销' })],
      ['extensions', () => c.post(`/api/v1/hazards/${hz.id}/extensions`, { requestedDueOn: localDay(t, 90), reason: '延期' })],
      ['approve', () => c.post(`/api/v1/hazards/${hz.id}/extensions/${ext}/approve`, {})],
      ['reject', () => c.post(`/api/v1/hazards/${hz.id}/extensions/${ext}/reject`, {})],
    ];
    const before = ok(await (await cast.as('head')).get(`/api/v1/hazards/${hz.id}`));
    for (const [name, call] of calls) {
      const r = await call();
      assert.equal(r.status, 404, `${name}: ${r.status} ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'HAZARD_NOT_FOUND', name);
    }
    assert.equal(await auditRowCount(t, { actorId: outsider.id, targetId: hz.id, result: 'denied' }), calls.length, 'every refusal audited');
    const afterwards = ok(await (await cast.as('head')).get(`/api/v1/hazards/${hz.id}`));
    assert.equal(afterwards.version, before.version);
    assert.equal(afterwards.timeline.length, before.timeline.length);
    assert.equal(afterwards.pendingExtension.status, 'pending');
  });

  test('HAZ-04: the responsible person posts progress with photos; it is on the timeline, the state stays', async () => {
    const branch1 = await cast.as('branch1');
    const r = ok(await step(branch1, hz.id, 'progress', { note: '已联系厂家，材料已到场', attachmentIds: [await photo(branch1, '进展1.png'), await photo(branch1, '进展2.png')] }));
    assert.equal(r.status, 'rectifying');
    const last = r.timeline.at(-1);
    assert.equal(last.step, 'progress');
    assert.equal(last.note, '已联系厂家，材料已到场');
    assert.equal(last.by.name, '赵丽华');
    assert.deepEqual(last.attachments.map((a: { fileName: string }) => a.fileName).sort(), ['进展1.png', '进展2.png']);
    assertError(await step(await cast.as('staff1'), hz.id, 'progress', { note: '不是我的隐患' }), 403, 'FORBIDDEN');
  });
});

describe('HAZ-03: who may be named responsible for the rectification', () => {
  test('a person of the unit, of a unit above it, or of a county department (IT for a network hazard); not of another branch', async () => {
    const [head, officer] = [await cast.as('head'), await cast.as('officer')];
    const h = await report(t, await cast.as('staff1'), 'SFX-001', { title: '网点交换机固件存在漏洞', category: 'network' });
    ok(await step(head, h.id, 'assess', { grade: 'significant' }));
    assertError(await step(officer, h.id, 'issue-notice', { measures: '升级固件', responsibleUserId: people.branch2 }), 422, 'RESPONSIBLE_NOT_ELIGIBLE');
    const n = ok(await step(officer, h.id, 'issue-notice', { measures: '升级交换机固件', responsibleUserId: await t.userId('it1') }));
    assert.equal(n.responsibleUser.name, '徐磊');
    const it1 = await cast.as('it1');
    assert.deepEqual(ok(await it1.get(`/api/v1/hazards?task=rectify&responsibleUserId=${await t.userId('it1')}`)).items.map((x: { id: string }) => x.id), [h.id]);
    assert.equal((await rectify(it1, h.id)).status, 'rectified');
  });
});

describe('HAZ-04: a pending extension request ends with the rectification', () => {
  test('once the rectification is submitted, the request is no longer a task and cannot be decided; the deadline stays', async () => {
    const h = await report(t, await cast.as('staff1'), 'SFX-001', { title: '营业厅吊顶松动' });
    const r = await toRectifying(h.id, { assessor: await cast.as('head'), dueOn: localDay(t, 5), issuer: await cast.as('officer'), responsibleUserId: people.branch1 });
    const branch1 = await cast.as('branch1');
    const ext = ok(await branch1.post(`/api/v1/hazards/${h.id}/extensions`, { requestedDueOn: localDay(t, 20), reason: '需等待材料' }), 201).pendingExtension;
    const tasks = async () => ok(await (await cast.as('head')).get('/api/v1/hazards?task=extension&pageSize=200')).items.map((x: { id: string }) => x.id);
    assert.ok((await tasks()).includes(h.id));
    await rectify(branch1, h.id);
    assert.ok(!(await tasks()).includes(h.id), 'not a task while the rectification waits for verification');
    const head = await cast.as('head');
    assert.deepEqual(ok(await head.get(`/api/v1/hazards/${h.id}`)).pendingExtension.allowedActions, []);
    assertError(await head.post(`/api/v1/hazards/${h.id}/extensions/${ext.id}/approve`, {}), 409, 'INVALID_STATE');
    ok(await step(await cast.as('officer'), h.id, 'verify', {}));
    assertError(await head.post(`/api/v1/hazards/${h.id}/extensions/${ext.id}/approve`, {}), 409, 'INVALID_STATE');
    const d = ok(await head.get(`/api/v1/hazards/${h.id}`));
    assert.equal(d.status, 'closed');
    assert.equal(d.dueAt, r.dueAt, 'a closed hazard’s deadline does not move');
    assert.ok(!(await tasks()).includes(h.id));
  });
});

describe('SEC-05: withdrawal keeps the record', () => {
  test('withdrawn with a reason: hidden from the register, kept with who and why, no further steps', async () => {
    const officer = await cast.as('officer');
    const h = await report(t, await cast.as('staff1'), 'SFX-001', { title: '重复：营业厅门口台阶破损' });
    assertFieldError(await step(officer, h.id, 'withdraw', {}), 'reason');
    const w = ok(await step(officer, h.id, 'withdraw', { reason: '与已报告隐患重复' }));
    assert.equal(w.withdrawnReason, '与已报告隐患重复');
    assert.equal(w.withdrawnBy, people.officer);
    assert.equal(w.timeline.at(-1).step, 'withdraw');
    assert.equal(w.timeline.at(-1).note, '与已报告隐患重复');
    const listed = ok(await officer.get('/api/v1/hazards?pageSize=200')).items.map((x: { id: string }) => x.id);
    assert.ok(!listed.includes(h.id));
    const all = ok(await officer.get('/api/v1/hazards?pageSize=200&includeWithdrawn=true')).items.map((x: { id: string }) => x.id);
    assert.ok(all.includes(h.id));
    assertError(await step(officer, h.id, 'withdraw', { reason: '再次' }), 409, 'INVALID_STATE');
    assertError(await step(await cast.as('head'), h.id, 'assess', { grade: 'general' }), 409, 'INVALID_STATE');
    const hist = ok(await officer.get(`/api/v1/hazards/${h.id}/history`));
    assert.ok(hist.some((e: { action: string }) => e.action === 'hazards.withdraw'));
  });
});

describe('HAZ-05: two verifiers at once', () => {
  test('exactly one verification applies (200), the other is refused (409); one timeline entry', async () => {
    const h = await report(t, await cast.as('staff1'), 'SFX-001', { title: '营业厅灭火器摆放不规范' });
    await toRectifying(h.id, { assessor: await cast.as('head'), issuer: await cast.as('officer'), responsibleUserId: people.branch1 });
    await rectify(await cast.as('branch1'), h.id);
    const [officer, officer2] = [await cast.as('officer'), await cast.as('officer2')];
    const rs = await Promise.all([step(officer, h.id, 'verify', { note: '合格' }), step(officer2, h.id, 'verify', { note: '合格' })]);
    assert.deepEqual(rs.map((r) => r.status).sort(), [200, 409], JSON.stringify(rs.map((r) => r.body)));
    const d = ok(await officer.get(`/api/v1/hazards/${h.id}`));
    assert.equal(d.status, 'closed');
    assert.equal(d.timeline.filter((e: { step: string }) => e.step === 'verify').length, 1);
  });
});

describe('bad input on the report and the steps', () => {
  const body = async (extra: Record<string, unknown>) => ({ title: '营业厅门禁故障', category: 'physical', orgId: await t.orgId('SFX-001'), ...extra });
  const countAll = async () => ok(await (await cast.as('head')).get('/api/v1/hazards?includeWithdrawn=true&pageSize=1')).total;

  test('unknown category, 201-character title, control characters: 400 naming the field; nothing is created', async () => {
    const staff1 = await cast.as('staff1');
    const before = await countAll();
    assertFieldError(await staff1.post('/api/v1/hazards', await body({ category: 'weather' })), 'category');
    assertFieldError(await staff1.post('/api/v1/hazards', await body({ title: '隐'.repeat(201) })), 'title');
    ok(await staff1.post('/api/v1/hazards', await body({ title: '隐'.repeat(200) })), 201, '200 characters are fine');
    assertFieldError(await staff1.post('/api/v1/hazards', await body({ title: '门禁\u0007故障' })), 'title');
    assertFieldError(await staff1.post('/api/v1/hazards', await body({ description: 'a\u0000b' })), 'description');
    assertFieldError(await staff1.post('/api/v1/hazards', await body({ orgId: 'not-a-uuid' })), 'orgId');
    assert.equal(await countAll(), before + 1);
  });

  test('someone else’s upload among the photos: 400 naming attachmentIds.N; the upload stays theirs', async () => {
    const [staff1, staff2] = [await cast.as('staff1'), await cast.as('staff2')];
    const before = await countAll();
    const mine = await photo(staff1);
    const theirs = await photo(staff2);
    assertFieldError(await staff1.post('/api/v1/hazards', await body({ attachmentIds: [mine, theirs] })), 'attachmentIds.1');
    assert.equal(await countAll(), before);
    const h = ok(await staff2.post('/api/v1/hazards', await body({ attachmentIds: [theirs] })), 201);
    assert.equal(h.photos.length, 1, 'staff2 can still use their own upload');
  });

  test('HAZ-01: the report answers with the detail a later read shows (a reporter with a site and a photo; an assessor also sees the grade deadlines)', async () => {
    const [staff1, officer] = [await cast.as('staff1'), await cast.as('officer')];
    const [site] = ok(await officer.get(`/api/v1/sites?orgId=${await t.orgId('SFX-001')}&pageSize=50`)).items;
    // Assembled in the reporting transaction, not read back: it must equal what GET returns.
    const a = ok(await staff1.post('/api/v1/hazards', await body({ siteId: site.id, attachmentIds: [await photo(staff1)] })), 201);
    assert.deepEqual([a.siteName, a.photos.length, a.timeline.length, a.defaultDueOn], [site.name, 1, 1, null]);
    assert.deepEqual(a, ok(await staff1.get(`/api/v1/hazards/${a.id}`)));
    const b = ok(await officer.post('/api/v1/hazards', await body({})), 201);
    assert.ok(b.allowedActions.includes('assess') && b.defaultDueOn, 'the officer may assess: the deadline each grade sets');
    assert.deepEqual(b, ok(await officer.get(`/api/v1/hazards/${b.id}`)));
  });

  test('a site of another unit: 422 SITE_NOT_IN_UNIT naming siteId', async () => {
    const officer = await cast.as('officer');
    const sites = ok(await officer.get(`/api/v1/sites?orgId=${await t.orgId('SFX-002')}&pageSize=50`)).items;
    const e = assertError(await officer.post('/api/v1/hazards', await body({ siteId: sites[0].id })), 422, 'SITE_NOT_IN_UNIT');
    assert.deepEqual(e.details?.map((d) => d.path), ['siteId']);
  });

  test('steps: unknown fields, empty measures, a responsible person of another unit, a foreign evidence photo', async () => {
    const [head, officer, branch1, staff2] = [await cast.as('head'), await cast.as('officer'), await cast.as('branch1'), await cast.as('staff2')];
    const h = await report(t, await cast.as('staff1'), 'SFX-001', { title: '营业厅窗户护栏松动' });
    assertFieldError(await step(head, h.id, 'assess', { grade: 'general', secret: true }), 'secret');
    assertFieldError(await step(head, h.id, 'assess', { grade: 'tiny' }), 'grade');
    assertFieldError(await step(head, h.id, 'assess', { grade: 'general', dueOn: '2026-02-30' }), 'dueOn');
    ok(await step(head, h.id, 'assess', { grade: 'general' }));
    assertFieldError(await step(officer, h.id, 'issue-notice', { measures: '   ', responsibleUserId: people.branch1 }), 'measures');
    const e = assertError(await step(officer, h.id, 'issue-notice', { measures: '加固护栏', responsibleUserId: people.branch2 }), 422, 'RESPONSIBLE_NOT_ELIGIBLE');
    assert.deepEqual(e.details?.map((d) => d.path), ['responsibleUserId']);
    ok(await step(officer, h.id, 'issue-notice', { measures: '加固护栏', responsibleUserId: people.branch1 }));
    assertFieldError(await step(branch1, h.id, 'submit-rectification', { note: '已加固', attachmentIds: [await photo(staff2)] }), 'attachmentIds.0');
    assertFieldError(await step(branch1, h.id, 'progress', { note: '进行中', attachmentIds: [await photo(branch1), await photo(staff2)] }), 'attachmentIds.1');
    const d = ok(await branch1.get(`/api/v1/hazards/${h.id}`));
    assert.equal(d.status, 'rectifying', 'nothing applied');
    assert.deepEqual(d.timeline.map((x: { step: string }) => x.step), ['report', 'assess', 'issue_notice']);
  });
});
