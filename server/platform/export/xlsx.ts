// Excel exports of registers (HAZ-08, RPT-03): one sheet, headers in the reader's language, a frozen
// header row, and every text cell neutralised against formula injection (a leading = + - @ or tab
// would otherwise be run by Excel: "=cmd|…").
import type { Lang } from '../http/i18n.ts';

export interface ExportColumn<R> {
  key: string;
  zh: string;
  en: string;
  width?: number;
  value: (row: R) => string | number | Date | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that Excel must show as typed, never evaluate. */
export function neutralise(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

export async function buildXlsx<R>(sheet: { zh: string; en: string }, columns: ExportColumn<R>[], rows: R[], lang: Lang, timeZone: string): Promise<Buffer> {
  // Loaded on the first export: the library took seconds of every start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Anbao 安保';
  wb.created = new Date();
  const ws = wb.addWorksheet(lang === 'en' ? sheet.en : sheet.zh, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: lang === 'en' ? c.en : c.zh, key: c.key, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  for (const r of rows) {
    const out: Record<string, string | number | null> = {};
    for (const c of columns) {
      const v = c.value(r);
      out[c.key] = v === null || v === undefined ? null : v instanceof Date ? fmt.format(v) : typeof v === 'number' ? v : neutralise(String(v));
    }
    ws.addRow(out);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Content-Disposition for a download with a Chinese file name (RFC 6266 / 5987). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
