// Excel export of the audit trail (SEC-04, RPT-03): Chinese headers by default (English on request),
// exactly the filtered entries, values that would start a formula written as text, and the export
// itself recorded in the trail.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { auditRows } from '../../test/audit-rows.ts';
import { type Client, type Res, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertStatus } from '../../test/http-assert.ts';

let t: TestApp;
let auditor: Client;
let sysadmin: Client;
const FORMULA = "=cmd|' /C calc'!A0";

before(async () => {
  t = await startTestApp();
  auditor = await t.login('auditor');
  sysadmin = await t.login('sysadmin');
});
after(async () => t.close());

async function sheet(r: Res) {
  assertStatus(r, 200);
  assert.match(String(r.headers['content-type']), /spreadsheetml\.sheet/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.body as never);
  const ws = wb.worksheets[0];
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { ws, header: rows[0] as string[], data: rows.slice(1) };
}

test('SEC-04: the export has Chinese headers and exactly the filtered entries; formula-like text is written as text', async () => {
  const site = await sysadmin.post('/api/v1/sites', { orgId: await t.orgId('SFX-005'), kind: 'atm', name: FORMULA });
  assertStatus(site, 201);
  assertStatus(await sysadmin.patch(`/api/v1/sites/${site.body.id}`, { location: '+1+1', version: 1 }), 200);
  await t.seal();

  const r = await auditor.get(`/api/v1/audit/events/export.xlsx?targetId=${site.body.id}`);
  assert.match(String(r.headers['content-disposition']), /filename\*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97/, '审计日志…xlsx');
  const { ws, header, data } = await sheet(r);
  assert.equal(ws.name, '审计日志');
  assert.deepEqual(header, ['链序号', '时间', '操作人', '机构', '操作', '对象类型', '对象', '结果', 'IP 地址', '变更内容', '详情', '哈希']);

  const expected = (await auditRows(t, { targetId: site.body.id })).sort((a, b) => b.id - a.id);
  assert.equal(data.length, 2);
  assert.deepEqual(data.map((row) => row[4]), expected.map((e) => e.action), 'newest first, the same entries');
  assert.deepEqual(data.map((row) => row[0]), expected.map((e) => e.seq));
  assert.deepEqual(data.map((row) => row[11]), expected.map((e) => e.hash));
  assert.equal(data[0][2], '王建国');
  assert.equal(data[0][3], '北郊信用社');

  // The site's name as the target: shown as typed, never evaluated.
  const targetCells = [2, 3].map((n) => ws.getRow(n).getCell(7));
  for (const c of targetCells) {
    assert.equal(c.type, ExcelJS.ValueType.String);
    assert.equal(c.value, `'${FORMULA}`);
  }
  const changes = String(data.find((row) => row[4] === 'sites.update')![9]);
  assert.ok(changes.includes('+1+1'), 'JSON text starts with {, not a formula character');
});

test('SEC-04: the export is itself audited (audit.export) with its filter and row count', async () => {
  const before = (await auditRows(t, { action: 'audit.export' })).length;
  const r = await auditor.get('/api/v1/audit/events/export.xlsx?action=sites.&result=success');
  const { data } = await sheet(r);
  const exports = await auditRows(t, { action: 'audit.export' });
  assert.equal(exports.length, before + 1);
  const e = exports[exports.length - 1];
  assert.equal(e.actorId, await t.userId('auditor'));
  assert.deepEqual(e.detail, { filter: { action: 'sites.', result: 'success' }, rows: data.length });
  assert.ok(data.every((row) => String(row[4]).startsWith('sites.') && row[7] === 'success'));
});

test('SEC-04: English headers on request; only the auditor may export', async () => {
  const r = await auditor.get('/api/v1/audit/events/export.xlsx?action=sites.create&lang=en', { headers: { 'accept-language': 'en' } });
  const { ws, header } = await sheet(r);
  assert.equal(ws.name, 'Audit trail');
  assert.deepEqual(header.slice(0, 5), ['Seq', 'Time', 'Actor', 'Unit', 'Action']);
  assertError(await sysadmin.get('/api/v1/audit/events/export.xlsx'), 403, 'FORBIDDEN');
  assertError(await auditor.get('/api/v1/audit/events/export.xlsx?from=yesterday'), 400, 'VALIDATION_FAILED');
});
