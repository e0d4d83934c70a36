// The dashboard (RPT-02): exact figures for the security head (county), a branch head (their branch
// only) and the leadership, each figure equal to what its register filter returns for the same person.
// Hazards are made through the API over three months (the clock moves month by month); inspection
// records are inserted directly (their workflow is the inspections module's own tests' business).
import assert from 'node:assert/strict';
import { eq, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { rows } from '../../db/client.ts';
import { hazards, inspections, inspectionTemplates, orgs, users } from '../../db/schema/index.ts';
import { actorOf, findUserWithOrg, loadGrants } from '../../platform/auth/actor.ts';
import { systemCtx } from '../../platform/context.ts';
import { dashboard } from './service.ts';
import { addDays, dateIn, endOfDayIn } from '../../platform/time.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError } from '../../test/http-assert.ts';
import { Cast, ok, rectify, report, step, toRectifying } from '../hazards/testing.ts';

let t: TestApp;
let cast: Cast;
let org: Record<string, string>;
let user: Record<string, string>;
/** This month (M) and the two before it, by the real date; the test ends on the 20th of M. */
let M: string, M1: string, M2: string;

const shift = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + m - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};
const lastDay = (month: string) => addDays(`${shift(month, 1)}-01`, -1);

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  const tz = t.app.anbao.config.timeZone;
  M = dateIn(t.clock.now(), tz).slice(0, 7);
  [M1, M2] = [shift(M, -1), shift(M, -2)];
  org = Object.fromEntries(await Promise.all(['SFX', 'SFX-001', 'SFX-002', 'SFX-003'].map(async (c) => [c, await t.orgId(c)])));
  user = Object.fromEntries(await Promise.all(['officer', 'officer2', 'head', 'branch1', 'branch2', 'leader'].map(async (u) => [u, await t.userId(u)])));
  const as = (u: string) => cast.as(u);

  // Month M-2: H1 (SFX-001) closed the same day; H2 (SFX-002) and H3 (SFX-001) reported.
  cast.moveTo(`${M2}-10`);
  const h1 = await report(t, await as('officer'), 'SFX-001', { title: 'H1 营业厅门锁损坏' });
  await toRectifying(h1.id, { assessor: await as('head'), issuer: await as('officer'), responsibleUserId: user.branch1 });
  await rectify(await as('branch1'), h1.id);
  ok(await step(await as('head'), h1.id, 'verify', {}));
  const h2 = await report(t, await as('officer'), 'SFX-002', { title: 'H2 东街灭火器过期', category: 'fire' });
  const h3 = await report(t, await as('officer'), 'SFX-001', { title: 'H3 金库报警失灵' });

  // Month M-1: H2 significant due M-1/15 (overdue by the end); H3 major due M/25; H4 (SFX-002), H5 (SFX-001) reported.
  cast.moveTo(`${M1}-10`);
  await toRectifying(h2.id, { assessor: await as('head'), grade: 'significant', dueOn: `${M1}-15`, issuer: await as('officer'), responsibleUserId: user.branch2 });
  await toRectifying(h3.id, { assessor: await as('head'), grade: 'major', dueOn: `${M}-25`, issuer: await as('officer'), responsibleUserId: user.branch1 });
  const h4 = await report(t, await as('officer'), 'SFX-002', { title: 'H4 东街围墙破损' });
  const h5 = await report(t, await as('officer'), 'SFX-001', { title: 'H5 城关监控硬盘故障' });

  // Month M, day 10: H4 general due M/15 (overdue by the end); H5 rectified, waiting for verification;
  // H6 reported (proposed major, ungraded); H7 (SFX-002) closed; H8 withdrawn; H9 (SFX-002) major
  // graded by the officer, waiting for the head's sign-off; H3's extension requested.
  cast.moveTo(`${M}-10`);
  ok(await step(await as('head'), h4.id, 'assess', { grade: 'general', dueOn: `${M}-15` }));
  await toRectifying(h5.id, { assessor: await as('head'), dueOn: `${M}-25`, issuer: await as('officer'), responsibleUserId: user.branch1 });
  await rectify(await as('branch1'), h5.id);
  await report(t, await as('officer'), 'SFX-001', { title: 'H6 城关网点机房漏水', grade: 'major' });
  const h7 = await report(t, await as('officer'), 'SFX-002', { title: 'H7 东街应急灯损坏' });
  await toRectifying(h7.id, { assessor: await as('head'), issuer: await as('officer'), responsibleUserId: user.branch2 });
  await rectify(await as('branch2'), h7.id);
  ok(await step(await as('head'), h7.id, 'verify', {}));
  const h8 = await report(t, await as('officer'), 'SFX-001', { title: 'H8 重复报告' });
  ok(await step(await as('officer'), h8.id, 'withdraw', { reason: '重复' }));
  const h9 = await report(t, await as('officer'), 'SFX-002', { title: 'H9 东街运钞通道门禁失效' });
  ok(await step(await as('officer'), h9.id, 'assess', { grade: 'major', dueOn: `${M}-28`, interimMeasures: '加派保安' }));
  ok(await (await as('branch1')).post(`/api/v1/hazards/${h3.id}/extensions`, { requestedDueOn: `${M}-28`, reason: '需厂家维修' }), 201);

  await insertInspections(tz);
  cast.moveTo(`${M}-20`);
});
after(() => t.close());

/**
 * I1 SFX-001 due M/05 submitted · I2 SFX-001 due M/15 planned (overdue) · I3 SFX-002 due M/25 in
 * progress (officer a member) · I4 SFX-002 due M/12 submitted · I5 SFX-001 due M-1/25 planned (overdue,
 * last month) · I6 SFX-002 due M/18 withdrawn · I8 SFX-001 due M/28 planned · I9 SFX-001 due M/22
 * unannounced, not started (led by officer2; hidden from the branch and the leadership, INS-02).
 */
async function insertInspections(tz: string) {
  const templateId = randomUUID();
  const now = t.clock.now();
  // Whatever the demo seed planned is set aside (withdrawn), so the figures are this file's rows only.
  await t.database.db.update(inspections).set({ withdrawnAt: now, withdrawnBy: user.officer, withdrawnReason: '测试：不计入' }).where(isNull(inspections.withdrawnAt));
  await t.database.db.insert(inspectionTemplates).values({
    id: templateId,
    orgId: org.SFX,
    familyId: randomUUID(),
    templateVersion: 1,
    current: true,
    kind: 'business_hall',
    name: '营业网点安全检查表',
    nameEn: 'Branch security checklist',
    sections: [{ title: '安防设施', titleEn: 'Security equipment', items: [{ key: 'a1', text: '报警装置完好', textEn: 'Alarm works', standard: '每月测试', standardEn: 'Tested monthly', method: 'onsite', category: 'physical', defaultGrade: 'general' }] }],
    createdAt: now,
    updatedAt: now,
  });
  const row = (n: number, unit: string, due: string, status: 'planned' | 'in_progress' | 'submitted', extra: Partial<typeof inspections.$inferInsert> = {}) => ({
    id: randomUUID(),
    orgId: org[unit],
    numberingOrgId: org.SFX,
    number: `JC-TEST-${String(n).padStart(6, '0')}`,
    templateId,
    status,
    scheduledFor: addDays(due, -4),
    dueAt: endOfDayIn(due, tz),
    leaderId: user.officer,
    memberIds: [],
    submittedAt: status === 'submitted' ? endOfDayIn(addDays(due, -1), tz) : null,
    createdAt: now,
    updatedAt: now,
    ...extra,
  });
  await t.database.db.insert(inspections).values([
    row(1, 'SFX-001', `${M}-05`, 'submitted'),
    row(2, 'SFX-001', `${M}-15`, 'planned'),
    row(3, 'SFX-002', `${M}-25`, 'in_progress', { leaderId: user.branch2, memberIds: [user.officer] }),
    row(4, 'SFX-002', `${M}-12`, 'submitted'),
    row(5, 'SFX-001', `${M1}-25`, 'planned'),
    row(6, 'SFX-002', `${M}-18`, 'planned', { withdrawnAt: now, withdrawnBy: user.officer, withdrawnReason: '取消' }),
    row(8, 'SFX-001', `${M}-28`, 'planned'),
    row(9, 'SFX-001', `${M}-22`, 'planned', { unannounced: true, leaderId: user.officer2 }),
  ]);
}

const dash = async (c: Client, qs = '') => ok(await c.get(`/api/v1/dashboard${qs}`), 200, `dashboard${qs}`);
const months = (m: Record<string, [number, number]>) =>
  Array.from({ length: 12 }, (_, i) => shift(M, i - 11)).map((month) => ({ month, opened: m[month]?.[0] ?? 0, closed: m[month]?.[1] ?? 0 }));
const unitOf = (units: Array<{ orgId: string }>, code: string) => units.find((u) => u.orgId === org[code]);

describe('RPT-02: the security head sees the county', () => {
  let d: any;
  before(async () => {
    d = await dash(await cast.as('head'));
  });

  test('scope: the county, the head’s widest scope', () => {
    assert.deepEqual(d.scope, { orgId: org.SFX, orgName: '示范县农村信用合作联社' });
  });

  test('open and overdue hazards, by grade; withdrawn and closed ones are not counted', () => {
    assert.equal(d.hazards.open, 6);
    assert.equal(d.hazards.overdue, 2);
    assert.deepEqual(d.hazards.byGrade, { general: 2, significant: 1, major: 2, ungraded: 1 });
  });

  test('by unit: every direct child unit of the county, rolled up over its subtree', () => {
    assert.equal(d.hazards.byUnit.length, 10, '4 departments and 6 branches');
    assert.deepEqual(unitOf(d.hazards.byUnit, 'SFX-001'), { orgId: org['SFX-001'], orgName: '城关信用社', open: 3, overdue: 0 });
    assert.deepEqual(unitOf(d.hazards.byUnit, 'SFX-002'), { orgId: org['SFX-002'], orgName: '东街信用分社', open: 3, overdue: 2 });
    assert.deepEqual(d.hazards.byUnit.slice(0, 2).map((u: { orgId: string }) => u.orgId).sort(), [org['SFX-001'], org['SFX-002']].sort(), 'most open first');
    assert.ok(d.hazards.byUnit.slice(2).every((u: { open: number; overdue: number }) => u.open === 0 && u.overdue === 0));
  });

  test('opened and closed per month, the last 12 months, in the org time zone', () => {
    assert.deepEqual(d.hazards.monthly, months({ [M2]: [3, 1], [M1]: [2, 0], [M]: [3, 1] }));
  });

  test('inspections due this month: done, overdue, coverage, per unit (an unannounced one the head plans is counted)', () => {
    const { byUnit, ...totals } = d.inspections;
    assert.deepEqual(totals, { month: M, due: 6, done: 2, overdue: 1, coverage: 33.3 });
    assert.deepEqual(unitOf(byUnit, 'SFX-001'), { orgId: org['SFX-001'], orgName: '城关信用社', due: 4, done: 1, overdue: 1, coverage: 25 });
    assert.deepEqual(unitOf(byUnit, 'SFX-002'), { orgId: org['SFX-002'], orgName: '东街信用分社', due: 2, done: 1, overdue: 0, coverage: 50 });
    assert.deepEqual(unitOf(byUnit, 'SFX-003'), { orgId: org['SFX-003'], orgName: '西城信用分社', due: 0, done: 0, overdue: 0, coverage: null });
    assert.equal(byUnit[0].orgId, org['SFX-001'], 'most due first');
  });

  test('my tasks', () => {
    assert.deepEqual(d.tasks, { inspectionsDue: 0, hazardsToRectify: 2, hazardsToVerify: 1, hazardsToAssess: 1, signoffs: 1, extensions: 1 });
  });
});

describe('RPT-02: a branch head sees their branch only', () => {
  test('every figure is SFX-001’s; nothing of SFX-002; the unannounced inspection stays hidden (INS-02)', async () => {
    const d = await dash(await cast.as('branch1'));
    assert.deepEqual(d.scope, { orgId: org['SFX-001'], orgName: '城关信用社' });
    assert.deepEqual(d.hazards, {
      open: 3,
      overdue: 0,
      byGrade: { general: 1, significant: 0, major: 1, ungraded: 1 },
      byUnit: [],
      monthly: months({ [M2]: [2, 1], [M1]: [1, 0], [M]: [1, 0] }),
    });
    assert.deepEqual(d.inspections, { month: M, due: 3, done: 1, overdue: 1, coverage: 33.3, byUnit: [] });
    assert.deepEqual(d.tasks, { inspectionsDue: 0, hazardsToRectify: 1, hazardsToVerify: 0, hazardsToAssess: 0, signoffs: 0, extensions: 0 });
  });

  test('another unit, or the county above, is not found (404, audited as denied)', async () => {
    const branch1 = await cast.as('branch1');
    assertError(await branch1.get(`/api/v1/dashboard?orgId=${org['SFX-002']}`), 404, 'ORG_NOT_FOUND');
    assertError(await branch1.get(`/api/v1/dashboard?orgId=${org.SFX}`), 404, 'ORG_NOT_FOUND');
  });
});

describe('RPT-02: narrowing, the leadership, and who may see a dashboard', () => {
  test('the head narrows to SFX-002', async () => {
    const d = await dash(await cast.as('head'), `?orgId=${org['SFX-002']}`);
    assert.deepEqual(d.scope, { orgId: org['SFX-002'], orgName: '东街信用分社' });
    assert.deepEqual([d.hazards.open, d.hazards.overdue], [3, 2]);
    assert.deepEqual(d.hazards.byGrade, { general: 1, significant: 1, major: 1, ungraded: 0 });
    assert.deepEqual(d.hazards.monthly, months({ [M2]: [1, 0], [M1]: [1, 0], [M]: [2, 1] }));
    assert.deepEqual([d.inspections.due, d.inspections.done, d.inspections.overdue], [2, 1, 0]);
    assert.equal(d.tasks.hazardsToAssess, 1, 'tasks are not narrowed: H6 is in SFX-001');
  });

  test('the leader sees the county’s hazard figures, no unannounced inspection, and has no hazard tasks', async () => {
    const [head, leader] = [await dash(await cast.as('head')), await dash(await cast.as('leader'))];
    assert.deepEqual(leader.scope, head.scope);
    assert.deepEqual(leader.hazards, head.hazards);
    assert.deepEqual([leader.inspections.due, leader.inspections.done, leader.inspections.overdue, leader.inspections.coverage], [5, 2, 1, 40]);
    assert.deepEqual(leader.tasks, { inspectionsDue: 0, hazardsToRectify: 0, hazardsToVerify: 0, hazardsToAssess: 0, signoffs: 0, extensions: 0 });
  });

  test('the officer’s inspections due: led or joined, unsubmitted, due within 7 days or overdue', async () => {
    const d = await dash(await cast.as('officer'));
    assert.deepEqual(d.tasks, { inspectionsDue: 3, hazardsToRectify: 2, hazardsToVerify: 0, hazardsToAssess: 1, signoffs: 0, extensions: 0 });
  });

  test('staff (hazards.read, no inspections.read): their branch’s hazards, no inspection figures', async () => {
    const d = await dash(await cast.as('staff1'));
    assert.equal(d.scope.orgId, org['SFX-001']);
    assert.equal(d.hazards.open, 3);
    assert.deepEqual(d.inspections, { month: M, due: 0, done: 0, overdue: 0, coverage: null, byUnit: [] });
  });

  test('without hazards.read or inspections.read (the auditor): 403', async () => {
    assertError(await (await t.login('auditor')).get('/api/v1/dashboard'), 403, 'FORBIDDEN');
  });

  test('a malformed orgId is a 400 naming it', async () => {
    const r = await (await cast.as('head')).get('/api/v1/dashboard?orgId=nope');
    assert.equal(r.status, 400);
    assert.equal(r.body.error.details[0].path, 'orgId');
  });
});

describe('RPT-02: every figure is its register filter’s total for the same person', () => {
  const total = async (c: Client, path: string) => ok(await c.get(path), 200, path).total as number;

  for (const username of ['head', 'branch1', 'leader', 'officer']) {
    test(`${username}: hazard figures and tasks equal GET /api/v1/hazards with the documented filters`, async () => {
      const c = await cast.as(username);
      const d = await dash(c);
      const scope = `orgId=${d.scope.orgId}`;
      const graded = 'status=assessed&status=rectifying&status=rectified';
      const h = (qs: string) => total(c, `/api/v1/hazards?pageSize=1&${qs}`);
      assert.equal(d.hazards.open, await h(`open=true&${scope}`));
      assert.equal(d.hazards.overdue, await h(`overdue=true&${scope}`));
      for (const g of ['general', 'significant', 'major'] as const) assert.equal(d.hazards.byGrade[g], await h(`grade=${g}&${graded}&${scope}`), g);
      assert.equal(d.hazards.byGrade.ungraded, await h(`status=reported&${scope}`));
      for (const u of d.hazards.byUnit) {
        assert.equal(u.open, await h(`open=true&orgId=${u.orgId}`), u.orgName);
        assert.equal(u.overdue, await h(`overdue=true&orgId=${u.orgId}`), u.orgName);
      }
      for (const m of d.hazards.monthly.slice(-3)) {
        const range = (f: string) => `${f}From=${m.month}-01&${f}To=${lastDay(m.month)}`;
        assert.equal(m.opened, await h(`${range('reported')}&${scope}`), `${m.month} opened`);
        assert.equal(m.closed, await h(`${range('closed')}&${scope}`), `${m.month} closed`);
      }
      const tasks = { hazardsToRectify: 'rectify', hazardsToVerify: 'verify', hazardsToAssess: 'assess', signoffs: 'signoff', extensions: 'extension' } as const;
      for (const [k, task] of Object.entries(tasks)) assert.equal(d.tasks[k], await h(`task=${task}`), k);
    });
  }

  for (const username of ['head', 'branch1', 'leader']) {
    test(`${username}: inspection figures equal the inspection summary (INS-05) of this month`, async () => {
      const c = await cast.as(username);
      const d = await dash(c);
      const s = ok(await c.get(`/api/v1/inspections/summary?from=${M}-01&to=${lastDay(M)}&orgId=${d.scope.orgId}`));
      assert.deepEqual([d.inspections.due, d.inspections.done, d.inspections.overdue, d.inspections.coverage], [s.totals.due, s.totals.done, s.totals.overdue, s.totals.coverage]);
      for (const u of d.inspections.byUnit.filter((x: { due: number }) => x.due > 0)) {
        const su = ok(await c.get(`/api/v1/inspections/summary?from=${M}-01&to=${lastDay(M)}&orgId=${u.orgId}`));
        assert.deepEqual([u.due, u.done, u.overdue, u.coverage], [su.totals.due, su.totals.done, su.totals.overdue, su.totals.coverage], u.orgName);
      }
    });
  }
});

// Identical reads arriving together share one computation (platform/coalesce.ts); these prove that no
// viewer gets another's figures and that no read is answered from before it arrived.
describe('RPT-02: dashboards read at the same moment', () => {
  test('concurrent reads by different viewers and units each get their own figures', async () => {
    const reads = [['head', ''], ['head', `?orgId=${org['SFX-002']}`], ['branch1', ''], ['leader', ''], ['officer', ''], ['staff1', '']] as const;
    const clients = await Promise.all(reads.map(([u]) => cast.as(u)));
    const alone: unknown[] = [];
    for (const [i, [, qs]] of reads.entries()) alone.push(await dash(clients[i], qs));
    const together = await Promise.all(Array.from({ length: 5 }, () => reads.map(([, qs], i) => dash(clients[i], qs))).flat());
    together.forEach((d, j) => assert.deepEqual(d, alone[j % reads.length], `${reads[j % reads.length].join('')} read ${Math.floor(j / reads.length) + 1}`));
  });

  test('a hazard reported while the head’s dashboard is being read is counted by the head’s next read', async () => {
    const [head, officer] = [await cast.as('head'), await cast.as('officer')];
    const before = (await dash(head)).hazards.open;
    const burst = Array.from({ length: 10 }, () => dash(head));
    const h = await report(t, officer, 'SFX-003', { title: '并发读取期间报告的隐患' });
    const after = await dash(head);
    assert.equal(after.hazards.open, before + 1);
    assert.equal(after.hazards.byUnit.find((u: { orgId: string; open: number }) => u.orgId === org['SFX-003']).open, 1);
    for (const d of await Promise.all(burst)) assert.ok([before, before + 1].includes(d.hazards.open));
    ok(await step(officer, h.id, 'withdraw', { reason: '测试数据' }));
    assert.equal((await dash(head)).hazards.open, before);
  });
});

// The figures above are read from the maintained counters (counters.ts, migration 0004). These prove
// the counters right: what the triggers keep equals a recomputation from the registers, a rolled-back
// change leaves no trace, a moved unit takes its counts along, and for every viewer the dashboard from
// the counters equals the dashboard computed by scanning the registers.
describe('RPT-02: the dashboard counters', () => {
  const snapshot = async () =>
    (await rows<{ org_id: string; metric: string; bucket: string; n: number }>(t.database.db, sql`select org_id, metric, bucket, n from dashboard_counts where n <> 0 order by 1, 2, 3`)).map((r) => `${r.org_id} ${r.metric} ${r.bucket} ${r.n}`);
  const rebuild = () => t.database.db.execute(sql`select anbao_dash_rebuild()`);
  const ctxOf = async (username: string) => {
    const u = (await findUserWithOrg(t.database.db, eq(users.username, username)))!;
    return { ...systemCtx(t.app.anbao, t.database.db), actor: actorOf(u, await loadGrants(t.database.db, u.id)), now: t.clock.now() };
  };

  test('the counters each transaction maintained equal a recomputation from the registers', async () => {
    const kept = await snapshot();
    assert.ok(kept.length > 20, `counters exist (${kept.length})`);
    await rebuild();
    assert.deepEqual(await snapshot(), kept);
  });

  test('the county row counts every open, not withdrawn hazard of its subtree, by status', async () => {
    const [c] = await rows<{ n: number }>(t.database.db, sql`select coalesce(sum(n), 0)::int as n from dashboard_counts where org_id = ${org.SFX} and metric = 'hz.open'`);
    const [h] = await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${hazards} join ${orgs} on ${orgs.id} = ${hazards.orgId} where ${hazards.status} <> 'closed' and ${hazards.withdrawnAt} is null and ${orgs.path} like ${'%/' + org.SFX + '/%'}`);
    assert.equal(c.n, h.n);
    assert.ok(h.n >= 5);
  });

  test('a rolled-back change leaves the counters as they were', async () => {
    const before = await snapshot();
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        await tx.update(hazards).set({ status: 'closed', closedAt: t.clock.now() }).where(eq(hazards.orgId, org['SFX-001']));
        throw new Error('rollback');
      }),
      /rollback/,
    );
    assert.deepEqual(await snapshot(), before);
  });

  for (const [who, orgCode] of [['head', undefined], ['head', 'SFX-002'], ['branch1', undefined], ['leader', undefined], ['officer', undefined], ['officer2', undefined], ['staff1', undefined]] as const) {
    test(`${who}${orgCode ? ` (${orgCode})` : ''}: the dashboard from the counters equals the scan of the registers`, async () => {
      const q = orgCode ? { orgId: org[orgCode] } : {};
      const fromCounters = await dashboard(await ctxOf(who), q);
      const byScan = await dashboard(await ctxOf(who), q, { scan: true });
      assert.deepEqual(fromCounters, byScan);
    });
  }

  test('a unit moved to another parent takes its counts to its new ancestors', async () => {
    const before = await dashboard(await ctxOf('head'), {});
    const sfx1 = before.hazards.byUnit.find((u) => u.orgId === org['SFX-001'])!;
    const [b2] = await t.database.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, org['SFX-002']));
    const [b1] = await t.database.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, org['SFX-001']));
    // SFX-001 (and its subtree) under SFX-002, as the org service's move does: one statement rewriting the paths.
    await t.database.db.execute(sql`update orgs set path = ${b2.path} || substr(path, ${b1.path.length - org['SFX-001'].length}::int), parent_id = case when id = ${org['SFX-001']} then ${org['SFX-002']}::uuid else parent_id end, depth = depth + 1 where path like ${b1.path + '%'}`);
    const kept = await snapshot();
    await rebuild();
    assert.deepEqual(await snapshot(), kept);
    const after = await dashboard(await ctxOf('head'), {});
    const sfx2Before = before.hazards.byUnit.find((u) => u.orgId === org['SFX-002'])!;
    const sfx2After = after.hazards.byUnit.find((u) => u.orgId === org['SFX-002'])!;
    assert.equal(sfx2After.open, sfx2Before.open + sfx1.open);
    assert.equal(after.hazards.open, before.hazards.open);
    assert.deepEqual(after, await dashboard(await ctxOf('head'), {}, { scan: true }));
  });
});

describe('RPT-02: a task outside the viewer’s rectification scope', () => {
  test('a hazard whose named responsible person may not rectify there (staff1) is their task to rectify, as in the register, from the counters and by scan', async () => {
    const [officer, head, staff1] = [await cast.as('officer'), await cast.as('head'), await cast.as('staff1')];
    const before = (await dash(staff1)).tasks.hazardsToRectify;
    const h = await report(t, officer, 'SFX-001', { title: '柜员负责整改的隐患' });
    await toRectifying(h.id, { assessor: head, issuer: officer, responsibleUserId: await t.userId('staff1') });
    const d = await dash(staff1);
    assert.equal(d.tasks.hazardsToRectify, before + 1);
    assert.equal(d.tasks.hazardsToRectify, ok(await staff1.get('/api/v1/hazards?pageSize=1&task=rectify')).total);
    const u = (await findUserWithOrg(t.database.db, eq(users.username, 'staff1')))!;
    const ctx = { ...systemCtx(t.app.anbao, t.database.db), actor: actorOf(u, await loadGrants(t.database.db, u.id)), now: t.clock.now() };
    assert.deepEqual((await dashboard(ctx, {})).tasks, (await dashboard(ctx, {}, { scan: true })).tasks);
  });
});
