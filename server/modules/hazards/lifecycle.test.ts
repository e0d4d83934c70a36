// The hazard lifecycle end to end through the API (HAZ-02 … HAZ-06), as the demo people.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { PNG_1X1, upload } from '../../test/uploads.ts';

let t: TestApp;
let officer: Client, head: Client, branch1: Client, branch2: Client, staff1: Client;
let branch1Id: string;

before(async () => {
  t = await startTestApp();
  [officer, head, branch1, branch2, staff1] = await Promise.all(['officer', 'head', 'branch1', 'branch2', 'staff1'].map((u) => t.login(u)));
  branch1Id = await t.userId('branch1');
});
after(() => t.close());

async function photo(c: Client): Promise<string> {
  const r = await upload(c, { fileName: '现场照片.png', data: PNG_1X1 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

async function reportAs(c: Client, extra: Record<string, unknown> = {}) {
  const r = await c.post('/api/v1/hazards', { title: '营业厅后门锁具损坏', description: '后门锁芯松动，无法正常上锁', category: 'physical', orgId: await t.orgId('SFX-001'), attachmentIds: [await photo(c)], ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

const step = (c: Client, id: string, name: string, body: Record<string, unknown>) => c.post(`/api/v1/hazards/${id}/${name}`, body);

describe('general hazard: report → assess → notice → rectify → verify', () => {
  let id: string;

  test('HAZ-07: staff reports a hazard with a photo; it is numbered YH-YYYY-NNNNNN', async () => {
    const h = await reportAs(staff1);
    id = h.id;
    assert.match(h.number, /^YH-\d{4}-\d{6}$/);
    assert.equal(h.status, 'reported');
    assert.equal(h.photos.length, 1);
    assert.equal(h.reportedBy.name, '周敏');
    assert.deepEqual(h.allowedActions, ['print'], 'staff may only read and print');
  });

  test('HAZ-02: a step in the wrong state is refused with 409 INVALID_STATE', async () => {
    const r = await step(officer, id, 'verify', {});
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'INVALID_STATE');
  });

  test('HAZ-02: the head grades it general; the default deadline is 30 days, end of day in Asia/Shanghai', async () => {
    const r = await step(head, id, 'assess', { grade: 'general', note: '一般隐患' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'assessed');
    const due = new Date(r.body.dueAt);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(t.clock.now());
    const expected = new Date(Date.parse(`${today}T23:59:59.999+08:00`) + 30 * 86_400_000);
    assert.equal(due.toISOString(), expected.toISOString());
  });

  test('HAZ-03: the officer issues the notice to branch1; the notice is numbered ZG-…', async () => {
    const r = await step(officer, id, 'issue-notice', { measures: '更换锁芯并加装防撬锁', responsibleUserId: branch1Id });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'rectifying');
    assert.match(r.body.noticeNumber, /^ZG-\d{4}-\d{6}$/);
    assert.equal(r.body.responsibleUser.name, '赵丽华');
  });

  test('rectification without evidence is refused naming attachmentIds', async () => {
    const r = await step(branch1, id, 'submit-rectification', { note: '已更换锁芯', attachmentIds: [] });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.details[0].path, 'attachmentIds');
  });

  test('branch2 (another branch) cannot see or rectify it: 404', async () => {
    assert.equal((await branch2.get(`/api/v1/hazards/${id}`)).status, 404);
    assert.equal((await step(branch2, id, 'submit-rectification', { note: 'x', attachmentIds: [] })).status, 404);
  });

  test('branch1 submits the rectification with evidence', async () => {
    const r = await step(branch1, id, 'submit-rectification', { note: '已更换锁芯并加装防撬锁', attachmentIds: [await photo(branch1)] });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'rectified');
    assert.equal(r.body.timeline.at(-1).attachments.length, 1);
  });

  test('HAZ-05: the person who rectified cannot verify: 422 SAME_PERSON_CANNOT_VERIFY', async () => {
    // Give branch1 the verify permission through a security-officer grant, so only four eyes stop them.
    const secadmin = await t.login('secadmin');
    const g = await secadmin.post(`/api/v1/users/${branch1Id}/grants`, { roleCode: 'security_officer', orgId: await t.orgId('SFX-001') });
    assert.equal(g.status, 201, JSON.stringify(g.body));
    const b1 = await t.login('branch1');
    const r = await step(b1, id, 'verify', {});
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'SAME_PERSON_CANNOT_VERIFY');
    const detail = await b1.get(`/api/v1/hazards/${id}`);
    assert.ok(!detail.body.allowedActions.includes('verify'), 'the UI does not offer it either');
  });

  test('the officer verifies and it closes; the timeline shows every step', async () => {
    const r = await step(officer, id, 'verify', { note: '复查合格' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'closed');
    assert.deepEqual(
      r.body.timeline.map((e: { step: string }) => e.step),
      ['report', 'assess', 'issue_notice', 'submit_rectification', 'verify'],
    );
  });
});

describe('HAZ-05: the reporter cannot verify their own hazard', () => {
  test('officer reports, rectified by branch1 → officer refused, head accepted', async () => {
    const h = await reportAs(officer);
    assert.equal((await step(head, h.id, 'assess', { grade: 'significant' })).status, 200);
    assert.equal((await step(head, h.id, 'issue-notice', { measures: '整改', responsibleUserId: branch1Id })).status, 200);
    assert.equal((await step(branch1, h.id, 'submit-rectification', { note: '完成', attachmentIds: [await photo(branch1)] })).status, 200);
    const r = await step(officer, h.id, 'verify', {});
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'SAME_PERSON_CANNOT_VERIFY');
    assert.equal((await step(head, h.id, 'verify', {})).body.status, 'closed');
  });
});

describe('HAZ-06: a major hazard needs interim measures and the security head’s sign-off', () => {
  let id: string;
  test('major without interim measures → 422 naming interimMeasures', async () => {
    id = (await reportAs(staff1, { title: '金库报警装置失灵', category: 'physical' })).id;
    const r = await step(officer, id, 'assess', { grade: 'major' });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.details[0].path, 'interimMeasures');
  });

  test('officer grades it major: the notice waits for the head’s sign-off', async () => {
    const r = await step(officer, id, 'assess', { grade: 'major', interimMeasures: '安排专人 24 小时值守' });
    assert.equal(r.status, 200);
    assert.equal(r.body.signoffPending, 'assessment');
    const n = await step(officer, id, 'issue-notice', { measures: '更换报警主机', responsibleUserId: branch1Id });
    assert.equal(n.status, 422);
    assert.equal(n.body.error.code, 'SIGNOFF_REQUIRED');
    assert.equal((await step(officer, id, 'signoff', { stage: 'assessment' })).status, 403, 'only the security head signs off');
    const s = await step(head, id, 'signoff', { stage: 'assessment', note: '同意' });
    assert.equal(s.status, 200);
    assert.equal(s.body.signoffPending, null);
    assert.equal(s.body.assessmentSignoffBy.name, '陈卫东');
  });

  test('after verification by the officer it waits for the closing sign-off, then closes', async () => {
    assert.equal((await step(officer, id, 'issue-notice', { measures: '更换报警主机', responsibleUserId: branch1Id })).status, 200);
    assert.equal((await step(branch1, id, 'submit-rectification', { note: '已更换', attachmentIds: [await photo(branch1)] })).status, 200);
    const v = await step(officer, id, 'verify', { note: '测试报警正常' });
    assert.equal(v.status, 200);
    assert.equal(v.body.status, 'rectified');
    assert.equal(v.body.signoffPending, 'closure');
    const c = await step(head, id, 'signoff', { stage: 'closure' });
    assert.equal(c.status, 200, JSON.stringify(c.body));
    assert.equal(c.body.status, 'closed');
  });
});

describe('HAZ-04: deadline extensions are approved by the security head, never silent', () => {
  test('request → refused for the requester → approved by the head → due date moves and is audited', async () => {
    const h = await reportAs(staff1);
    await step(head, h.id, 'assess', { grade: 'general' });
    const n = await step(officer, h.id, 'issue-notice', { measures: '整改', responsibleUserId: branch1Id });
    const oldDue = n.body.dueAt;
    const later = new Date(Date.parse(oldDue) + 10 * 86_400_000).toISOString().slice(0, 10);
    const r = await branch1.post(`/api/v1/hazards/${h.id}/extensions`, { requestedDueOn: later, reason: '配件需厂家供货' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.dueAt, oldDue, 'the deadline does not move on request');
    const ext = r.body.pendingExtension;
    assert.equal((await branch1.post(`/api/v1/hazards/${h.id}/extensions`, { requestedDueOn: later, reason: '再次' })).status, 409);
    assert.equal((await officer.post(`/api/v1/hazards/${h.id}/extensions/${ext.id}/approve`, {})).status, 403);
    const a = await head.post(`/api/v1/hazards/${h.id}/extensions/${ext.id}/approve`, { note: '同意延期' });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(a.body.dueAt.slice(0, 10), new Date(Date.parse(`${later}T23:59:59.999+08:00`)).toISOString().slice(0, 10));
    assert.equal(a.body.extensions[0].status, 'approved');
    const hist = await head.get(`/api/v1/hazards/${h.id}/history`);
    assert.ok(hist.body.some((e: { action: string; changes: Record<string, unknown> }) => e.action === 'hazards.extension_approve' && e.changes.dueAt));
  });
});
