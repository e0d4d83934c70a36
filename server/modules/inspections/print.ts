// The printable A4 《安全检查记录表》 (INS-03, RPT-03): the checklist with each item's result, notes
// and the numbers of the hazards failed items opened, the team, time and place, and both signatures —
// drawn ones inlined as data: URLs (the CSP allows img-src 'self' data:). Every value goes through
// esc(): stored text is shown, never interpreted.
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit/writer.ts';
import { content } from '../../platform/files/service.ts';
import { esc, escLines, formatDate, formatDateTime, printPage, signatureLine } from '../../platform/print/html.ts';
import { label } from './export.ts';
import { get } from './service.ts';

type Detail = Awaited<ReturnType<typeof get>>;

async function imageUrl(ctx: Ctx, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  const f = await content(ctx, id).catch(() => null);
  return f ? `data:${f.meta.contentType};base64,${f.data.toString('base64')}` : null;
}

const MARK = { pass: '✓', fail: '✗', na: '—' } as const;

function itemRows(ctx: Ctx, d: Detail): string {
  const en = ctx.lang === 'en';
  let n = 0;
  return d.sections
    .map((s) => {
      const head = `<tr><th colspan="5" style="width:auto">${esc(en && s.titleEn ? s.titleEn : s.title)}</th></tr>`;
      const rows = s.items.map((it) => {
        n += 1;
        const r = it.result;
        const result = r ? `${MARK[r.result]} ${esc(label(ctx.lang, 'result', r.result))}${r.result === 'fail' && r.grade ? `<br>（${esc(label(ctx.lang, 'grade', r.grade))}）` : ''}` : '';
        const note = [r?.note ? escLines(r.note) : '', r?.hazard ? `${en ? 'Hazard' : '隐患'} ${esc(r.hazard.number)}` : '', r?.photos.length ? `${en ? 'Photos' : '照片'} ${r.photos.length}` : ''].filter(Boolean).join('<br>');
        return `<tr><td>${n}</td><td>${esc(en && it.textEn ? it.textEn : it.text)}</td><td>${esc(en && it.standardEn ? it.standardEn : it.standard)}<br><small>${esc(label(ctx.lang, 'method', it.method))}</small></td><td>${result}</td><td>${note}</td></tr>`;
      });
      return head + rows.join('');
    })
    .join('');
}

export async function recordPage(ctx: Ctx, id: string): Promise<string> {
  const d = await get(ctx, id);
  const tz = ctx.app.config.timeZone;
  const en = ctx.lang === 'en';
  const L = (zh: string, e: string) => (en ? e : zh);
  const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`;
  const sig = (s: Detail['inspectorSignature']) => (s ? `${s.signerName}（${label(ctx.lang, 'signMethod', s.method)}）` : null);
  const failed = d.sections.flatMap((s) => s.items).filter((i) => i.result?.result === 'fail').length;
  const title = L('安全检查记录表', 'Security Inspection Record');
  const body = `
<h1>${title}</h1>
<div class="meta"><span>${L('编号', 'No.')}：${esc(d.number)}</span><span>${esc(d.templateName)} v${d.templateVersion}</span></div>
<table>
${row(L('受检单位', 'Inspected unit'), `${esc(d.orgName)}${d.siteName ? ` / ${esc(d.siteName)}` : ''}`)}
${row(L('检查计划', 'Plan'), d.planName ? `${esc(d.planName)}（${esc(d.periodKey)}）` : esc(L('临时检查', 'Ad hoc')) + (d.unannounced ? esc(L('（突击）', ' (unannounced)')) : ''))}
${row(L('检查组', 'Team'), `${esc(L('组长', 'Leader'))}：${esc(d.leader.name)}${d.members.length ? `；${esc(L('成员', 'Members'))}：${esc(d.members.map((m) => m.name).join('、'))}` : ''}`)}
${row(L('检查时间', 'Time'), `${esc(formatDateTime(d.startedAt, tz))}${d.submittedAt ? ` — ${esc(formatDateTime(d.submittedAt, tz))}` : ''}（${esc(L('期限', 'due'))} ${esc(formatDate(d.dueAt, tz))}）`)}
${row(L('检查地点', 'Location'), esc(d.location ?? d.siteName ?? d.orgName))}
</table>
<table style="margin-top:4mm">
<colgroup><col style="width:7%"><col style="width:28%"><col style="width:33%"><col style="width:12%"><col style="width:20%"></colgroup>
<tr><th style="width:auto">${L('序号', 'No.')}</th><th style="width:auto">${L('检查项目', 'Item')}</th><th style="width:auto">${L('检查标准 / 方法', 'Standard / method')}</th><th style="width:auto">${L('结果', 'Result')}</th><th style="width:auto">${L('情况说明', 'Notes')}</th></tr>
${itemRows(ctx, d)}
</table>
<table style="margin-top:4mm">
${row(L('检查结论', 'Conclusion'), `${esc(L(`共 ${d.itemCount} 项，不合格 ${failed} 项`, `${d.itemCount} items, ${failed} failed`))}${d.summary ? `<br>${escLines(d.summary)}` : ''}`)}
</table>
${signatureLine([
  { label: L('检查人签字', 'Inspector'), signer: sig(d.inspectorSignature), at: formatDateTime(d.inspectorSignature?.signedAt, tz), imageUrl: await imageUrl(ctx, d.inspectorSignature?.imageId) },
  { label: L('受检单位负责人签字', 'Head of the inspected unit'), signer: sig(d.unitSignature), at: formatDateTime(d.unitSignature?.signedAt, tz), imageUrl: await imageUrl(ctx, d.unitSignature?.imageId) },
])}
<p class="note">${L('不合格项已按规定登记隐患并下达整改；受检单位应按期整改并接受复查。', 'Failed items are registered as hazards for rectification; the inspected unit must rectify them by the deadline and accept verification.')}</p>`;
  await audit(ctx, { action: 'inspections.print', targetType: 'inspection', targetId: id, targetLabel: `${d.number} ${d.orgName}`, orgId: d.orgId });
  return printPage({ title: `${title} ${d.number}`, lang: ctx.lang, body });
}
