// Printable A4 registers (RPT-03): the 机房出入管理登记簿 of one room for a date range (VIS-03) and the
// 访客登记簿 for the register's filters (VIS-01). Rows in time order; document numbers stay masked.
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { esc, escLines, formatDateTime, printPage, signatureLine } from '../../platform/print/html.ts';
import { RP, VP } from './permissions.ts';
import { label, peopleText } from './export.ts';
import { siteFor, checkRange } from './common.ts';
import { rowsFor } from './rooms-service.ts';
import { printRows as exportRowsForPrint, type VisitorQuery } from './visitors-service.ts';

const TABLE_CSS = '<style>table.reg th, table.reg td { width: auto; font-size: 9.5pt; padding: 1.2mm 1.5mm; } table.reg th { text-align: center; }</style>';
const PRINT_LIMIT = 2000;

export async function entryRegisterPage(ctx: Ctx, q: { siteId: string; from: string; to: string }): Promise<string> {
  checkRange(q.from, q.to);
  const site = await siteFor(ctx, q.siteId, RP.read, RP.read);
  const rows = await rowsFor(ctx, { siteId: q.siteId, from: q.from, to: q.to }, RP.read, PRINT_LIMIT);
  const tz = ctx.app.config.timeZone;
  const L = (zh: string, en: string) => (ctx.lang === 'en' ? en : zh);
  const head = [L('编号', 'No.'), L('进入人员', 'People'), L('陪同监督人', 'Supervisor'), L('事由', 'Purpose'), L('审批人', 'Approved by'), L('进入时间', 'In'), L('离开时间', 'Out'), L('工作内容', 'Work done')];
  const body = `${TABLE_CSS}
<h1>${L('机房出入管理登记簿', 'Machine-Room Entry Register')}</h1>
<div class="meta"><span>${L('场所', 'Room')}：${esc(site.name)}（${esc(label(ctx.lang, 'siteKind', site.kind))}）</span><span>${L('单位', 'Unit')}：${esc(site.orgName)}</span><span>${esc(q.from)} — ${esc(q.to)}</span></div>
<table class="reg"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${rows.length ? rows.map((e) => `<tr><td>${esc(e.number)}</td><td>${esc(peopleText(e))}</td><td>${esc(e.supervisor?.name)}</td><td>${escLines(e.purpose)}</td><td>${esc(e.approvalRequired ? e.approvedBy?.name : L('免审批', 'Not required'))}</td><td>${esc(formatDateTime(e.enteredAt, tz))}</td><td>${esc(formatDateTime(e.exitedAt, tz))}</td><td>${escLines(e.workDone)}</td></tr>`).join('\n') : `<tr><td colspan="8">${L('本期间无出入记录', 'No entries in this period')}</td></tr>`}
</tbody></table>
${signatureLine([{ label: L('登记人', 'Recorded by'), signer: null }, { label: L('机房管理员', 'Room administrator'), signer: null }, { label: L('安全保卫部门审核', 'Reviewed by security'), signer: null }])}
<p class="note">${L('进入机房、金库须两人以上同时在场；非信息科技部人员及外来维护人员须经审批，外来人员由本单位员工全程陪同监督。', 'At least two people enter together; people outside the IT department and third parties need an approval; third parties are supervised in person throughout.')}</p>`;
  await audit(ctx, { action: 'room_entries.print', targetType: 'site', targetId: site.id, targetLabel: site.name, orgId: site.orgId, detail: { from: q.from, to: q.to, rows: rows.length } });
  return printPage({ title: `${L('机房出入管理登记簿', 'Machine-Room Entry Register')} ${site.name}`, lang: ctx.lang, body });
}

export async function visitorRegisterPage(ctx: Ctx, q: VisitorQuery): Promise<string> {
  const rows = await exportRowsForPrint(ctx, q, PRINT_LIMIT);
  const tz = ctx.app.config.timeZone;
  const L = (zh: string, en: string) => (ctx.lang === 'en' ? en : zh);
  const head = [L('编号', 'No.'), L('姓名', 'Name'), L('单位', 'Company'), L('证件号码', 'Document'), L('事由', 'Purpose'), L('接待人', 'Host'), L('陪同人', 'Escort'), L('进入', 'In'), L('离开', 'Out')];
  const body = `${TABLE_CSS}
<h1>${L('访客登记簿', 'Visitor Register')}</h1>
<div class="meta"><span>${esc(q.from ?? '')} — ${esc(q.to ?? '')}</span><span>${L('共', 'Total')} ${rows.length}</span></div>
<table class="reg"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${rows.length ? rows.map((v) => `<tr><td>${esc(v.number)}</td><td>${esc(v.name)}</td><td>${esc(v.company)}</td><td>${esc(v.documentNumber)}</td><td>${escLines(v.purpose)}</td><td>${esc(v.host?.name)}</td><td>${esc(v.escort?.name)}</td><td>${esc(formatDateTime(v.checkedInAt, tz))}</td><td>${esc(formatDateTime(v.checkedOutAt, tz))}</td></tr>`).join('\n') : `<tr><td colspan="9">${L('无记录', 'No records')}</td></tr>`}
</tbody></table>
${signatureLine([{ label: L('门岗登记人', 'Desk'), signer: null }, { label: L('安全保卫部门审核', 'Reviewed by security'), signer: null }])}`;
  await audit(ctx, { action: 'visitors.print', targetType: 'visitors', targetLabel: `${rows.length}`, detail: { filter: q, rows: rows.length, permission: VP.read } });
  return printPage({ title: L('访客登记簿', 'Visitor Register'), lang: ctx.lang, body });
}
