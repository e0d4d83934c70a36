// The printable A4 整改通知书 (rectification notice, HAZ-03, RPT-03).
import type { Ctx } from '../../platform/context.ts';
import { esc, escLines, formatDate, formatDateTime, printPage, signatureLine } from '../../platform/print/html.ts';
import { audit } from '../../platform/audit/writer.ts';
import { label } from './export.ts';
import { get } from './service.ts';

export async function noticePage(ctx: Ctx, id: string): Promise<string> {
  const h = await get(ctx, id);
  const tz = ctx.app.config.timeZone;
  const en = ctx.lang === 'en';
  const L = (zh: string, e: string) => (en ? e : zh);
  const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`;
  const body = `
<h1>${L('隐患整改通知书', 'Rectification Notice')}</h1>
<div class="meta"><span>${L('通知书编号', 'Notice no.')}：${esc(h.noticeNumber ?? L('（尚未下达）', '(not issued yet)'))}</span><span>${L('隐患编号', 'Hazard no.')}：${esc(h.number)}</span></div>
<table>
${row(L('责任单位', 'Responsible unit'), esc(h.orgName))}
${row(L('隐患名称', 'Hazard'), esc(h.title))}
${row(L('类别 / 等级', 'Category / grade'), `${esc(label(ctx.lang, 'category', h.category))} / <span class="badge">${esc(label(ctx.lang, 'grade', h.grade) ?? '-')}</span>`)}
${row(L('场所 / 位置', 'Site / location'), `${esc(h.siteName ?? '')} ${esc(h.location ?? '')}`)}
${row(L('隐患描述', 'Description'), escLines(h.description))}
${row(L('发现途径 / 报告人', 'Source / reported by'), `${esc(label(ctx.lang, 'source', h.source))} / ${esc(h.reportedBy?.name)} ${esc(formatDateTime(h.reportedAt, tz))}`)}
${h.interimMeasures ? row(L('临时防范措施', 'Interim measures'), escLines(h.interimMeasures)) : ''}
${row(L('整改措施要求', 'Required measures'), escLines(h.measures))}
${row(L('整改责任人', 'Responsible person'), esc(h.responsibleUser?.name))}
${row(L('整改期限', 'Deadline'), esc(formatDate(h.dueAt, tz)))}
${row(L('整改情况', 'Rectification'), h.rectifiedAt ? `${escLines(h.rectificationNote)}<br>${esc(h.rectifiedBy?.name)} ${esc(formatDateTime(h.rectifiedAt, tz))}` : '')}
${row(L('复查意见', 'Verification'), h.verifiedAt ? `${escLines(h.verificationNote ?? L('复查合格', 'Verified'))}<br>${esc(h.verifiedBy?.name)} ${esc(formatDateTime(h.verifiedAt, tz))}` : '')}
</table>
${signatureLine([
  { label: L('下达人', 'Issued by'), signer: h.noticeIssuedBy?.name, at: formatDateTime(h.noticeIssuedAt, tz) },
  { label: L('责任单位负责人签收', 'Received by the unit head'), signer: null, at: null },
  { label: L('复查人', 'Verified by'), signer: h.verifiedBy?.name, at: formatDateTime(h.verifiedAt, tz) },
])}
<p class="note">${L('请责任单位按期整改，整改完成后提交整改情况及证明材料，由安全保卫部门复查确认。逾期未整改的，将按规定上报并追究责任。', 'The responsible unit must rectify by the deadline and submit what was done with evidence for verification by the security department. Overdue rectifications are reported upward.')}</p>`;
  await audit(ctx, { action: 'hazards.print', targetType: 'hazard', targetId: id, targetLabel: `${h.number} ${h.title}`, orgId: h.orgId });
  return printPage({ title: `${L('隐患整改通知书', 'Rectification Notice')} ${h.number}`, lang: ctx.lang, body });
}
