// The hazard register (隐患整改台账, HAZ-01, HAZ-08): every filter, paging and sorting, withdrawn
// records, "my tasks" for the right people, and the org scope of a branch head. One set of hazards is
// built first (below), then each test asks the register a question with an exact answer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { Cast, idsOf, localDay, ok, photo, rectify, report, step, toRectifying } from './testing.ts';

let t: TestApp;
let cast: Cast;
/** The hazards, by letter (see before()). */
const h: Record<string, { id: string; number: string; dueAt: string | null }> = {};
let people: Record<string, string>;
let hallSite: string;
let d0: string;

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  d0 = localDay(t, 1);
  cast.moveTo(d0, 10);
  people = Object.fromEntries(await Promise.all(['officer', 'head', 'branch1', 'branch2', 'staff1', 'guard1'].map(async (u) => [u, await t.userId(u)])));
  const [officer, head, branch1, branch2, staff1, guard1] = await Promise.all(['officer', 'head', 'branch1', 'branch2', 'staff1', 'guard1'].map((u) => cast.as(u)));
  const sites = ok(await officer.get(`/api/v1/sites?orgId=${await t.orgId('SFX-001')}&pageSize=50`));
  hallSite = sites.items.find((s: { name: string }) => s.name === '城关信用社营业大厅').id;
  const keep = (k: string, x: { id: string; number: string; dueAt: string | null }) => (h[k] = { id: x.id, number: x.number, dueAt: x.dueAt });

  // A: SFX-001, physical, staff report at the hall; general, due d0+5, rectifying by branch1; an extension is pending.
  keep('A', await report(t, staff1, 'SFX-001', { title: '营业厅后门锁具损坏', siteId: hallSite, attachmentIds: [await photo(staff1)] }));
  keep('A', await toRectifying(h.A.id, { assessor: head, dueOn: localDay(t, 5), issuer: officer, responsibleUserId: people.branch1 }));
  ok(await branch1.post(`/api/v1/hazards/${h.A.id}/extensions`, { requestedDueOn: localDay(t, 12), reason: '锁具需厂家供货' }), 201);
  // B: SFX-002, fire, found on patrol by the officer; significant, due d0+2, rectifying by branch2.
  keep('B', await report(t, officer, 'SFX-002', { title: '东街分社灭火器过期', category: 'fire', source: 'patrol' }));
  keep('B', await toRectifying(h.B.id, { assessor: head, grade: 'significant', dueOn: localDay(t, 2), issuer: officer, responsibleUserId: people.branch2 }));
  // C: SFX-001, network, from an audit; still reported (to grade).
  keep('C', await report(t, staff1, 'SFX-001', { title: '网点机房交换机口令未修改', category: 'network', source: 'audit' }));
  // D: SFX-001, major, graded and signed off by the head in one act; due d0+10; no notice yet.
  keep('D', await report(t, officer, 'SFX-001', { title: '金库报警装置失灵' }));
  keep('D', ok(await step(head, h.D.id, 'assess', { grade: 'major', dueOn: localDay(t, 10), interimMeasures: '安排专人 24 小时值守' })));
  // E: SFX-002, personnel, reported by the officer, rectified by branch2: waits for verification.
  keep('E', await report(t, officer, 'SFX-002', { title: '东街分社保安脱岗', category: 'personnel' }));
  await toRectifying(h.E.id, { assessor: head, issuer: officer, responsibleUserId: people.branch2 });
  keep('E', await rectify(branch2, h.E.id));
  // F: SFX-001, reported by the guard, withdrawn as a duplicate.
  keep('F', await report(t, guard1, 'SFX-001', { title: 'ATM 监控摄像头被遮挡' }));
  ok(await step(officer, h.F.id, 'withdraw', { reason: '与 YH 重复报告' }));
  // G: SFX-001, general, due d0+1, rectified by branch1 and verified by the head: closed.
  keep('G', await report(t, staff1, 'SFX-001', { title: '营业厅消防通道堆放杂物', category: 'fire' }));
  await toRectifying(h.G.id, { assessor: officer, dueOn: localDay(t, 1), issuer: officer, responsibleUserId: people.branch1 });
  await rectify(branch1, h.G.id);
  keep('G', ok(await step(head, h.G.id, 'verify', { note: '复查合格' })));
  // H: SFX-002, major graded by the officer: waits for the security head's sign-off; due d0+7 (major default).
  keep('H', await report(t, officer, 'SFX-002', { title: '东街分社运钞通道门禁失效' }));
  keep('H', ok(await step(officer, h.H.id, 'assess', { grade: 'major', interimMeasures: '临时加派保安' })));
});
after(() => t.close());

/** Ids of the hazards the person finds with `qs`, sorted. */
async function found(username: string, qs: string): Promise<string[]> {
  const r = ok(await (await cast.as(username)).get(`/api/v1/hazards?pageSize=200&${qs}`), 200, qs);
  assert.equal(r.total, r.items.length, 'total counts the same rows');
  return idsOf(r.items);
}
const ids = (...letters: string[]) => letters.map((l) => h[l].id).sort();

describe('HAZ-01: register filters (as the security head, county-wide)', () => {
  test('no filter: every hazard of the county except the withdrawn one', async () => {
    assert.deepEqual(await found('head', ''), ids('A', 'B', 'C', 'D', 'E', 'G', 'H'));
  });

  test('status, one or several', async () => {
    assert.deepEqual(await found('head', 'status=rectifying'), ids('A', 'B'));
    assert.deepEqual(await found('head', 'status=rectifying&status=rectified'), ids('A', 'B', 'E'));
    assert.deepEqual(await found('head', 'status=closed'), ids('G'));
    assert.deepEqual(await found('head', 'status=reported'), ids('C'));
  });

  test('grade, category and source', async () => {
    assert.deepEqual(await found('head', 'grade=major'), ids('D', 'H'));
    assert.deepEqual(await found('head', 'grade=significant'), ids('B'));
    assert.deepEqual(await found('head', 'grade=general'), ids('A', 'E', 'G'));
    assert.deepEqual(await found('head', 'category=fire'), ids('B', 'G'));
    assert.deepEqual(await found('head', 'category=network&category=personnel'), ids('C', 'E'));
    assert.deepEqual(await found('head', 'source=patrol'), ids('B'));
    assert.deepEqual(await found('head', 'source=audit'), ids('C'));
  });

  test('orgId is the unit and its subtree: the county holds both branches, a branch only its own', async () => {
    assert.deepEqual(await found('head', `orgId=${await t.orgId('SFX')}`), ids('A', 'B', 'C', 'D', 'E', 'G', 'H'));
    assert.deepEqual(await found('head', `orgId=${await t.orgId('SFX-001')}`), ids('A', 'C', 'D', 'G'));
    assert.deepEqual(await found('head', `orgId=${await t.orgId('SFX-002')}`), ids('B', 'E', 'H'));
    assert.deepEqual(await found('head', `orgId=${await t.orgId('SFX-003')}`), []);
  });

  test('siteId', async () => {
    assert.deepEqual(await found('head', `siteId=${hallSite}`), ids('A'));
  });

  test('open = not closed; open=false = closed', async () => {
    assert.deepEqual(await found('head', 'open=true'), ids('A', 'B', 'C', 'D', 'E', 'H'));
    assert.deepEqual(await found('head', 'open=false'), ids('G'));
  });

  test('dueFrom / dueTo are local calendar days, both ends included', async () => {
    assert.deepEqual(await found('head', `dueFrom=${localDay(t, 2)}&dueTo=${localDay(t, 5)}`), ids('A', 'B'));
    assert.deepEqual(await found('head', `dueTo=${localDay(t, 1)}`), ids('G'));
    assert.deepEqual(await found('head', `dueFrom=${localDay(t, 7)}`), ids('D', 'E', 'H'));
  });

  test('reportedFrom / reportedTo and closedFrom / closedTo are local calendar days', async () => {
    assert.deepEqual(await found('head', `reportedFrom=${d0}&reportedTo=${d0}`), ids('A', 'B', 'C', 'D', 'E', 'G', 'H'));
    assert.deepEqual(await found('head', `reportedTo=${localDay(t, -1)}`), []);
    assert.deepEqual(await found('head', `closedFrom=${d0}&closedTo=${d0}`), ids('G'));
    assert.deepEqual(await found('head', `closedFrom=${localDay(t, 1)}`), []);
    assert.deepEqual(await found('head', `closedTo=${localDay(t, -1)}`), []);
  });

  test('q matches the number and the title; LIKE wildcards are taken literally', async () => {
    assert.deepEqual(await found('head', `q=${encodeURIComponent(h.C.number)}`), ids('C'));
    assert.deepEqual(await found('head', `q=${encodeURIComponent('灭火器')}`), ids('B'));
    assert.deepEqual(await found('head', `q=${encodeURIComponent('东街分社')}`), ids('B', 'E', 'H'));
    assert.deepEqual(await found('head', 'q=%25'), []);
  });

  test('reporterId and responsibleUserId', async () => {
    assert.deepEqual(await found('head', `reporterId=${people.officer}`), ids('B', 'D', 'E', 'H'));
    assert.deepEqual(await found('head', `reporterId=${people.staff1}`), ids('A', 'C', 'G'));
    assert.deepEqual(await found('head', `responsibleUserId=${people.branch2}`), ids('B', 'E'));
    assert.deepEqual(await found('head', `responsibleUserId=${people.branch1}`), ids('A', 'G'));
  });

  test('filters combine (AND)', async () => {
    assert.deepEqual(await found('head', `orgId=${await t.orgId('SFX-001')}&category=fire`), ids('G'));
    assert.deepEqual(await found('head', `open=true&grade=major&orgId=${await t.orgId('SFX-002')}`), ids('H'));
  });

  test('a bad filter value is a 400 naming it', async () => {
    const r = await (await cast.as('head')).get('/api/v1/hazards?grade=huge');
    assert.equal(r.status, 400);
    assert.ok(r.body.error.details.some((d: { path: string }) => d.path.startsWith('grade')), JSON.stringify(r.body));
  });
});

describe('HAZ-01: my tasks (task=…) list what each person must act on', () => {
  test('rectify: the named responsible person of a rectifying hazard in their unit', async () => {
    assert.deepEqual(await found('branch1', 'task=rectify'), ids('A'));
    assert.deepEqual(await found('branch2', 'task=rectify'), ids('B'));
    assert.deepEqual(await found('staff1', 'task=rectify'), []);
  });

  test('verify: not the reporter (E was reported by the officer), never the rectifier', async () => {
    assert.deepEqual(await found('head', 'task=verify'), ids('E'));
    assert.deepEqual(await found('officer', 'task=verify'), []);
    assert.deepEqual(await found('branch2', 'task=verify'), []);
  });

  test('assess: reported hazards, for the assessors', async () => {
    assert.deepEqual(await found('officer', 'task=assess'), ids('C'));
    assert.deepEqual(await found('head', 'task=assess'), ids('C'));
    assert.deepEqual(await found('branch1', 'task=assess'), []);
    assert.deepEqual(await found('head', 'task=assess&includeWithdrawn=true'), ids('C'), 'the withdrawn F is nobody’s task');
  });

  test('signoff: the major hazard graded by the officer, for the security head only', async () => {
    assert.deepEqual(await found('head', 'task=signoff'), ids('H'));
    assert.deepEqual(await found('officer', 'task=signoff'), []);
  });

  test('extension: the pending request, for the security head (never the requester)', async () => {
    assert.deepEqual(await found('head', 'task=extension'), ids('A'));
    assert.deepEqual(await found('officer', 'task=extension'), []);
    assert.deepEqual(await found('branch1', 'task=extension'), []);
  });
});

describe('HAZ-01: paging and sorting', () => {
  const graded = 'status=assessed&status=rectifying&status=rectified&status=closed';

  test('sort=-dueAt: latest deadline first, across pages', async () => {
    const head = await cast.as('head');
    const p1 = ok(await head.get(`/api/v1/hazards?${graded}&sort=-dueAt&pageSize=3&page=1`));
    const p2 = ok(await head.get(`/api/v1/hazards?${graded}&sort=-dueAt&pageSize=3&page=2`));
    const p3 = ok(await head.get(`/api/v1/hazards?${graded}&sort=-dueAt&pageSize=3&page=3`));
    assert.deepEqual([p1.total, p1.page, p1.pageSize], [6, 1, 3]);
    // E (30 days) > D (10) > H (7) > A (5) > B (2) > G (1)
    const byDue = ['E', 'D', 'H', 'A', 'B', 'G'].map((l) => h[l].id);
    assert.deepEqual([...p1.items, ...p2.items].map((x: { id: string }) => x.id), byDue);
    assert.deepEqual(p3.items, []);
  });

  test('sort=number ascending and descending', async () => {
    const head = await cast.as('head');
    const asc = ok(await head.get('/api/v1/hazards?sort=number&pageSize=200')).items.map((x: { number: string }) => x.number);
    const desc = ok(await head.get('/api/v1/hazards?sort=-number&pageSize=200')).items.map((x: { number: string }) => x.number);
    assert.equal(asc.length, 7);
    assert.deepEqual(asc, [...asc].sort());
    assert.deepEqual(desc, [...asc].reverse());
  });

  test('an unknown sort field is a 400 naming sort', async () => {
    assertFieldError(await (await cast.as('head')).get('/api/v1/hazards?sort=secret'), 'sort');
  });
});

describe('withdrawn records (SEC-05) and the branch head’s scope (SEC-02)', () => {
  test('the withdrawn hazard is hidden by default and shown, with who and why, on request', async () => {
    assert.ok(!(await found('head', '')).includes(h.F.id));
    const r = ok(await (await cast.as('head')).get('/api/v1/hazards?includeWithdrawn=true&pageSize=200'));
    const f = r.items.find((x: { id: string }) => x.id === h.F.id);
    assert.ok(f, 'listed with includeWithdrawn');
    assert.equal(f.withdrawnReason, '与 YH 重复报告');
    assert.equal(f.withdrawnBy, people.officer);
    assert.deepEqual(f.allowedActions, []);
  });

  test('a branch head sees their branch only, whatever the filter', async () => {
    assert.deepEqual(await found('branch1', ''), ids('A', 'C', 'D', 'G'));
    assert.deepEqual(await found('branch1', 'q=%E4%B8%9C%E8%A1%97'), [], 'SFX-002 titles are not found');
    assert.deepEqual(await found('branch2', 'open=true'), ids('B', 'E', 'H'));
    assertError(await (await cast.as('branch1')).get(`/api/v1/hazards?orgId=${await t.orgId('SFX-002')}`), 404, 'ORG_NOT_FOUND');
    assertError(await (await cast.as('branch1')).get(`/api/v1/hazards/${h.B.id}`), 404, 'HAZARD_NOT_FOUND');
  });
});

describe('HAZ-01: overdue follows the clock', () => {
  test('nothing is overdue before the first deadline', async () => {
    assert.deepEqual(await found('head', 'overdue=true'), []);
  });

  test('three days on, B (due in 2 days) is overdue; the closed G (due in 1) is not', async () => {
    cast.advanceDays(3);
    assert.deepEqual(await found('head', 'overdue=true'), ids('B'));
    assert.deepEqual(await found('head', 'overdue=false'), ids('A', 'C', 'D', 'E', 'G', 'H'));
    const b = ok(await (await cast.as('branch2')).get(`/api/v1/hazards/${h.B.id}`));
    assert.equal(b.overdue, true);
    assert.deepEqual(await found('branch1', 'overdue=true'), [], 'SFX-001 has nothing overdue');
  });
});
