// Printable A4 forms (RPT-03): server-rendered HTML with print CSS, signature lines, no script (the
// CSP allows none). Every value goes through esc(): stored text is shown, never interpreted.
import type { Lang } from '../http/i18n.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Multi-line text with line breaks kept. */
export function escLines(v: unknown): string {
  return esc(v).replace(/\r?\n/g, '<br>');
}

export function formatDateTime(d: Date | string | null | undefined, tz: string): string {
  if (!d) return '';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(d));
}

export function formatDate(d: Date | string | null | undefined, tz: string): string {
  return formatDateTime(d, tz).slice(0, 10);
}

const CSS = `
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", "Songti SC", serif; font-size: 12pt; color: #000; margin: 0; }
main { max-width: 178mm; margin: 0 auto; padding: 8mm 0; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 0.3em; margin: 0 0 4mm; }
.meta { display: flex; justify-content: space-between; font-size: 10.5pt; margin-bottom: 3mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 2mm 2.5mm; vertical-align: top; word-wrap: break-word; }
th { width: 24%; font-weight: normal; background: #f3f3f3; text-align: left; }
.sign { display: flex; justify-content: space-between; margin-top: 10mm; gap: 8mm; }
.sign div { flex: 1; border-top: 1px solid #000; padding-top: 1.5mm; font-size: 10.5pt; min-height: 16mm; }
.sign img { max-height: 14mm; display: block; }
.note { font-size: 9.5pt; color: #333; margin-top: 6mm; }
.badge { border: 1px solid #000; padding: 0 2mm; }
@media screen { body { background: #eee; } main { background: #fff; padding: 14mm 16mm; margin: 6mm auto; box-shadow: 0 0 4mm rgba(0,0,0,.2); } }
`;

export function printPage(opts: { title: string; lang: Lang; body: string }): string {
  return `<!doctype html><html lang="${opts.lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><title>${esc(opts.title)}</title><style>${CSS}</style></head><body><main>${opts.body}</main></body></html>`;
}

/** A row of signature boxes: label, then the signer and time when signed. */
export function signatureLine(boxes: Array<{ label: string; signer?: string | null; at?: string | null; imageUrl?: string | null }>): string {
  return `<div class="sign">${boxes
    .map((b) => `<div>${esc(b.label)}：${b.imageUrl ? `<img src="${esc(b.imageUrl)}" alt="${esc(b.label)}">` : ''}${esc(b.signer ?? '')}<br>${esc(b.at ?? '')}</div>`)
    .join('')}</div>`;
}
