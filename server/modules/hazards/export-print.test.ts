// The register's Excel export (HAZ-08, RPT-03) and the printable 整改通知书 (HAZ-03, RPT-03): exactly
// what the filters select, in the reader's language, formula-looking text kept as text, HTML escaped,
// every export audited, and another unit's notice not found.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { auditEntries } from '../../test/audit-helpers.ts';
import { type Client, type Res, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError } from '../../test/http-assert.ts';
import { grant } from '../../test/people-helpers.ts';
import { personWithRole } from '../../test/people.ts';
import { Cast, localDay, ok, report, toRectifying } from './testing.ts';

const FORMULA = "=cmd|' /C calc'!A0";
const XSS = '<img src=x onerror=alert(1)>配电箱';

let t: TestApp;
let cast: Cast;
let d0: string;
let branch1Id: string;
/** X1: formula title (SFX-001); X2: fire, significant, rectifying (SFX-001); X3: fire (SFX-002); X4: network (SFX-001); X5: HTML title (SFX-001). */
const x: Record<string, { id: string; number: string; noticeNumber?: string | null; dueAt?: string | null }> = {};

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  d0 = localDay(t, 1);
  cast.moveTo(d0, 10);
  branch1Id = await t.userId('branch1');
  const [officer, head] = [await cast.as('officer'), await cast.as('head')];
  x.X1 = await report(t, officer, 'SFX-001', { title: FORMULA, category: 'physical' });
  x.X2 = await report(t, officer, 'SFX-001', { title: '消防栓水压不足', category: 'fire' });
  x.X2 = await toRectifying(x.X2.id, { assessor: head, grade: 'significant', dueOn: localDay(t, 9), issuer: officer, responsibleUserId: branch1Id, measures: '更换消防栓减压阀并试水' });
  x.X3 = await report(t, officer, 'SFX-002', { title: '东街分社灭火器压力不足', category: 'fire' });
  x.X4 = await report(t, officer, 'SFX-001', { title: '网点无线路由器未加密', category: 'network' });
  x.X5 = await report(t, officer, 'SFX-001', { title: XSS, description: '<script>alert("x")</script>\n第二行' });
  await toRectifying(x.X5.id, { assessor: head, issuer: officer, responsibleUserId: branch1Id, measures: '<b>加锁</b>' });
});
after(() => t.close());

async function sheet(r: Res) {
  assert.equal(r.status, 200, String(r.raw).slice(0, 300));
  assert.match(String(r.headers['content-type']), /spreadsheetml\.sheet/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.body as never);
  const ws = wb.worksheets[0];
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { ws, header: rows[0] as string[], data: rows.slice(1) };
}

const exportAs = async (c: Client, qs: string, lang?: 'en') => c.get(`/api/v1/hazards/export.xlsx?${qs}`, lang ? { headers: { 'accept-language': lang } } : undefined);

const ZH_HEADERS = ['隐患编号', '隐患名称', '类别', '来源', '等级', '状态', '是否逾期', '责任单位', '场所', '具体位置', '隐患描述', '报告人', '报告时间', '整改期限', '整改责任人', '整改措施', '整改完成时间', '复查人', '销号时间'];

describe('HAZ-08: the Excel export is exactly the filtered register', () => {
  test('Chinese headers and labels by default; the rows are those of the same filter in the register; the file is named for the local day', async () => {
    const head = await cast.as('head');
    const r = await exportAs(head, 'category=fire&sort=number');
    assert.match(String(r.headers['content-disposition']), new RegExp(`filename\\*=UTF-8''${encodeURIComponent(`隐患整改台账-${d0}.xlsx`)}`));
    const { ws, header, data } = await sheet(r);
    assert.equal(ws.name, '隐患整改台账');
    assert.deepEqual(header, ZH_HEADERS);
    const listed = ok(await head.get('/api/v1/hazards?category=fire&sort=number&pageSize=200')).items.map((h: { number: string }) => h.number);
    assert.deepEqual(data.map((row) => row[0]), listed);
    assert.deepEqual(listed, [x.X2.number, x.X3.number]);
    const x2 = data[0];
    assert.deepEqual(x2.slice(1, 8), ['消防栓水压不足', '消防安全', '员工报告', '较大', '整改中', '否', '城关信用社']);
    assert.equal(x2[11], '杨晓明');
    assert.equal(x2[13], `${localDay(t, 9)} 23:59:59`, 'deadline in local time');
    assert.equal(x2[14], '赵丽华');
    assert.equal(x2[15], '更换消防栓减压阀并试水');
    assert.equal(data[1][7], '东街信用分社');
    assert.equal(data[1][5], '待定级');
  });

  test('English headers and labels with Accept-Language: en', async () => {
    const { ws, header, data } = await sheet(await exportAs(await cast.as('head'), `orgId=${await t.orgId('SFX-001')}&category=fire`, 'en'));
    assert.equal(ws.name, 'Hazard register');
    assert.deepEqual(header.slice(0, 8), ['Number', 'Title', 'Category', 'Source', 'Grade', 'Status', 'Overdue', 'Responsible unit']);
    assert.equal(data.length, 1);
    assert.deepEqual(data[0].slice(0, 7), [x.X2.number, '消防栓水压不足', 'Fire', 'Staff report', 'Significant', 'Rectifying', 'No']);
  });

  test('a title that looks like a formula is written as text with a leading apostrophe', async () => {
    const { ws, data } = await sheet(await exportAs(await cast.as('head'), `q=${encodeURIComponent('cmd|')}`));
    assert.equal(data.length, 1);
    const cell = ws.getRow(2).getCell(2);
    assert.equal(cell.type, ExcelJS.ValueType.String);
    assert.equal(cell.value, `'${FORMULA}`);
    assert.equal(data[0][0], x.X1.number);
  });

  test('a branch head exports their branch only', async () => {
    const { data } = await sheet(await exportAs(await cast.as('branch1'), 'sort=number'));
    assert.deepEqual(data.map((row) => row[0]), [x.X1.number, x.X2.number, x.X4.number, x.X5.number]);
  });

  test('the export covers only the units where the caller may export, even where they may read more', async () => {
    // Reads the whole county as staff, exports SFX-001 only as its branch head.
    const secadmin = await t.login('secadmin');
    const p = await personWithRole(t, secadmin, { orgCode: 'SFX-BGS', roleCode: 'staff', grantOrgCode: 'SFX' });
    ok(await grant(t, secadmin, p.id, 'branch_head', 'SFX-001'), 201);
    const c = await t.login(p.username);
    assert.equal(ok(await c.get('/api/v1/hazards?pageSize=200')).total, 5, 'reads all five');
    const { data } = await sheet(await exportAs(c, 'sort=number'));
    assert.deepEqual(data.map((row) => row[0]), [x.X1.number, x.X2.number, x.X4.number, x.X5.number]);
  });

  test('the export is audited with its filter and row count; the auditor sees it', async () => {
    const head = await cast.as('head');
    await sheet(await exportAs(head, `category=network&orgId=${await t.orgId('SFX-001')}`));
    const auditor = await t.login('auditor');
    const entries = await auditEntries(auditor, { action: 'hazards.export', actorId: await t.userId('head') });
    const e = entries[0];
    assert.ok(e, 'hazards.export is in the trail');
    assert.equal(e.result, 'success');
    assert.deepEqual(e.detail?.filter, { category: ['network'], orgId: await t.orgId('SFX-001') });
    assert.equal(e.detail?.rows, 1);
  });

  test('staff cannot export (no hazards.export): 403, audited as denied', async () => {
    const staff1 = await cast.as('staff1');
    assertError(await exportAs(staff1, ''), 403, 'FORBIDDEN');
    const auditor = await t.login('auditor');
    const denied = await auditEntries(auditor, { result: 'denied', actorId: await t.userId('staff1') });
    assert.ok(denied.some((e) => e.action === 'hazards.export' || String(e.detail?.route).includes('export.xlsx')), JSON.stringify(denied.map((e) => e.action)));
  });
});

describe('HAZ-03: the printable rectification notice', () => {
  test('an A4 HTML page with the notice number, measures, responsible person and deadline', async () => {
    const r = await (await cast.as('branch1')).get(`/api/v1/hazards/${x.X2.id}/print`);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/html/);
    const html = String(r.raw);
    assert.match(html, /隐患整改通知书/);
    assert.ok(x.X2.noticeNumber && html.includes(x.X2.noticeNumber), 'the notice number');
    assert.ok(html.includes(x.X2.number));
    assert.ok(html.includes('更换消防栓减压阀并试水'));
    assert.ok(html.includes('赵丽华'));
    assert.ok(html.includes(localDay(t, 9)), 'the deadline as a local date');
    assert.ok(!/<script/i.test(html), 'no script on a printable page');
  });

  test('stored HTML in the title, description and measures is shown, never interpreted', async () => {
    const html = String((await (await cast.as('officer')).get(`/api/v1/hazards/${x.X5.id}/print`)).raw);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;配电箱'));
    assert.ok(!html.includes('<img src=x'));
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>第二行'));
    assert.ok(html.includes('&lt;b&gt;加锁&lt;/b&gt;'));
    assert.ok(!/<script/i.test(html));
  });

  test('English on request', async () => {
    const html = String((await (await cast.as('officer')).get(`/api/v1/hazards/${x.X2.id}/print`, { headers: { 'accept-language': 'en' } })).raw);
    assert.match(html, /Rectification Notice/);
    assert.ok(html.includes('Significant'));
  });

  test('another unit’s notice is not found (404, audited as denied)', async () => {
    const branch2 = await cast.as('branch2');
    assertError(await branch2.get(`/api/v1/hazards/${x.X2.id}/print`), 404, 'HAZARD_NOT_FOUND');
    const auditor = await t.login('auditor');
    const denied = await auditEntries(auditor, { result: 'denied', actorId: await t.userId('branch2'), targetId: x.X2.id });
    assert.equal(denied.length, 1);
  });
});
