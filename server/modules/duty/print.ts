// Printable A4 forms (RPT-03): the duty log of one shift (值班记录) and the handover record (交接班记录).
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { esc, escLines, formatDateTime, printPage, signatureLine } from '../../platform/print/html.ts';
import { getHandover } from './handovers.ts';
import { logsOfAssignment } from './logs.ts';
import { getAssignment } from './roster.ts';
import { statusLabel } from './export.ts';

const T = (ctx: Ctx) => (zh: string, en: string) => (ctx.lang === 'en' ? en : zh);
const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`;

export async function shiftLogPage(ctx: Ctx, assignmentId: string): Promise<string> {
  const a = await getAssignment(ctx, assignmentId);
  const logs = await logsOfAssignment(ctx, assignmentId);
  const tz = ctx.app.config.timeZone;
  const L = T(ctx);
  const time = (v: string) => formatDateTime(v, tz).slice(11);
  const entries = logs.length
    ? logs
        .map((l) => `<tr><td style="width:14%">${esc(time(l.occurredAt))}${l.urgent ? `<br><span class="badge">${L('紧急', 'Urgent')}</span>` : ''}</td><td>${escLines(l.happened)}${l.correctsId ? `<br><small>${L('（更正记录）', '(correction)')}</small>` : ''}</td><td>${escLines(l.actionTaken)}</td><td style="width:12%">${esc(l.author.name)}</td></tr>`)
        .join('')
    : `<tr><td colspan="4">${L('本班次无值班记录', 'No entries on this shift')}</td></tr>`;
  const body = `
<h1>${L('值班记录', 'Duty Log')}</h1>
<div class="meta"><span>${esc(a.orgName)}</span><span>${esc(a.dutyDate)} ${esc(a.shiftName)}（${esc(formatDateTime(a.startsAt, tz))} – ${esc(formatDateTime(a.endsAt, tz))}）</span></div>
<table>
${row(L('值班人员', 'On duty'), esc(a.people.map((p) => p.name).join('、')))}
${row(L('值班领导', 'Leader on duty'), esc(a.leader?.name ?? ''))}
${row(L('交接班', 'Handover'), esc(statusLabel(ctx.lang, a.handoverStatus)))}
</table>
<table style="margin-top:4mm"><tr><th style="width:14%">${L('时间', 'Time')}</th><th>${L('情况记录', 'What happened')}</th><th>${L('处置情况', 'Action taken')}</th><th style="width:12%">${L('记录人', 'By')}</th></tr>${entries}</table>
${signatureLine([
  { label: L('值班人员', 'On duty'), signer: a.people.map((p) => p.name).join('、') },
  { label: L('值班领导', 'Leader on duty'), signer: a.leader?.name },
])}`;
  await audit(ctx, { action: 'duty.print_log', targetType: 'duty_assignment', targetId: assignmentId, targetLabel: `${a.orgName} ${a.dutyDate} ${a.shiftName}`, orgId: a.orgId });
  return printPage({ title: `${L('值班记录', 'Duty Log')} ${a.dutyDate} ${a.shiftName}`, lang: ctx.lang, body });
}

export async function handoverPage(ctx: Ctx, id: string): Promise<string> {
  const h = await getHandover(ctx, id);
  const tz = ctx.app.config.timeZone;
  const L = T(ctx);
  const items = (list: typeof h.items) =>
    list.length
      ? `<ol>${list.map((i) => `<li>${escLines(i.text)}${i.closedAt ? `（${L('已办结', 'closed')}：${esc(i.closedBy?.name)} ${esc(formatDateTime(i.closedAt, tz))}）` : `（${L('未办结', 'open')}）`}</li>`).join('')}</ol>`
      : L('无', 'None');
  const body = `
<h1>${L('交接班记录', 'Handover Record')}</h1>
<div class="meta"><span>${esc(h.orgName)}</span><span>${esc(h.dutyDate)} ${esc(h.shiftName)}</span></div>
<table>
${row(L('状态', 'Status'), esc(statusLabel(ctx.lang, h.status)))}
${row(L('交班说明', 'Note'), escLines(h.note))}
${row(L('本班遗留事项', 'Items raised'), items(h.items))}
${row(L('前班移交事项', 'Carried over'), items(h.carried))}
</table>
${signatureLine([
  { label: L('交班人', 'Outgoing'), signer: h.outgoing.name, at: formatDateTime(h.submittedAt, tz) },
  { label: L('接班人', 'Incoming'), signer: h.incoming?.name, at: formatDateTime(h.confirmedAt, tz) },
])}`;
  await audit(ctx, { action: 'duty.print_handover', targetType: 'duty_handover', targetId: id, targetLabel: `${h.orgName} ${h.dutyDate} ${h.shiftName}`, orgId: h.orgId });
  return printPage({ title: `${L('交接班记录', 'Handover Record')} ${h.dutyDate} ${h.shiftName}`, lang: ctx.lang, body });
}
