// Tests only: what the injection suites (injection*.test.ts) share to prove hostile text comes out
// inert — every text cell of an Excel export (RPT-03: no cell starts a formula) and the escaping of a
// printable page (stored text is shown, never interpreted).
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Client, Res } from '../harness.ts';

export interface TextCell {
  at: string;
  value: string;
  formula: boolean;
}

/** Every text cell of the first sheet, with the row and column it is in. */
export async function textCells(r: Res): Promise<TextCell[]> {
  assert.equal(r.status, 200, `export: ${r.status} ${String(r.raw).slice(0, 200)}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.body as never);
  const out: TextCell[] = [];
  wb.worksheets[0].eachRow((row, n) =>
    row.eachCell((cell, c) => {
      const formula = cell.type === ExcelJS.ValueType.Formula;
      if (typeof cell.value === 'string' || formula) out.push({ at: `R${n}C${c}`, value: String(cell.value), formula });
    }),
  );
  return out;
}

/** RPT-03: no formula cell, and no text cell starting = + - @ tab or CR. */
export function assertInert(cells: TextCell[], where: string) {
  for (const c of cells) {
    assert.equal(c.formula, false, `${where} ${c.at} is a formula`);
    assert.doesNotMatch(c.value, /^[=+\-@\t\r]/, `${where} ${c.at} starts a formula: ${c.value}`);
  }
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** The text as the print pages' esc() writes it. */
export const escaped = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITY[c]);

/**
 * A printable page shows each payload as escaped text: the escaped form is on the page, the raw one
 * (where escaping changes it) is not, and no tag or event handler a payload could open is in the markup.
 */
export function assertPageEscapes(r: Res, texts: string[], where: string) {
  assert.equal(r.status, 200, `${where}: ${r.status} ${String(r.raw).slice(0, 300)}`);
  assert.match(String(r.headers['content-type']), /text\/html/);
  const html = String(r.raw);
  for (const text of texts) {
    assert.ok(html.includes(escaped(text)), `${where} does not show ${text} escaped`);
    if (escaped(text) !== text) assert.ok(!html.includes(text), `${where} contains the raw payload ${text}`);
  }
  // Tags the payloads open (the label sheets draw their QR codes as <svg>, so that tag is matched as the payload writes it), or an event handler inside any tag.
  assert.doesNotMatch(html, /<script\b|<iframe\b|<img src=x|<svg\/|<a href="javascript|<[^>]*\son\w+=/i, `${where}: markup from a payload`);
}

/**
 * A register's `q` is a literal match: a search for each payload finds the record holding it and only
 * records holding it (in one of `fields`, case-insensitively as ILIKE), and `%` or `_` match only themselves.
 */
export async function assertLiteralSearch(c: Client, url: string, cases: Array<{ text: string; id: string }>, fields: (item: any) => unknown[], where: string) {
  const search = async (q: string) => {
    const r = await c.get(`${url}${url.includes('?') ? '&' : '?'}q=${encodeURIComponent(q)}&pageSize=200`);
    assert.equal(r.status, 200, `${where} q=${q}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body.items as Array<{ id: string }>;
  };
  const holds = (item: unknown, q: string) => fields(item).some((v) => typeof v === 'string' && v.toLowerCase().includes(q.toLowerCase()));
  for (const { text, id } of cases) {
    const items = await search(text);
    assert.ok(items.some((i) => i.id === id), `${where}: a search for ${text} does not find the record holding it`);
    for (const i of items) assert.ok(holds(i, text), `${where}: a search for ${text} matched ${JSON.stringify(fields(i))}`);
  }
  for (const wildcard of ['%', '_']) {
    const items = await search(wildcard);
    assert.ok(items.length > 0, `${where}: q=${wildcard} finds none of the payloads holding it`);
    for (const i of items) assert.ok(holds(i, wildcard), `${where}: q=${wildcard} matched ${JSON.stringify(fields(i))}: a wildcard, not a literal`);
  }
}

/** Each formula payload reached the sheet, and where it starts a cell it is neutralised (a leading apostrophe). */
export function assertHoldsFormulas(cells: TextCell[], payloads: string[], where: string, opts: { whole?: boolean } = { whole: true }) {
  for (const f of payloads) {
    const found = opts.whole ? cells.some((c) => c.value === `'${f}`) : cells.some((c) => c.value.includes(f));
    assert.ok(found, `${where} lacks ${f}${opts.whole ? ' as a neutralised cell' : ''}`);
  }
}
