// Printable A4 pages (RPT-03): the equipment card (设施卡片) with its maintenance and fault history, and
// the QR label sheet (设施标签): each label's QR code opens the equipment's page on a phone (EQP-01).
import { qrSvg } from '../../platform/print/qr.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { esc, escLines, formatDateTime, printPage } from '../../platform/print/html.ts';
import { equipmentLink } from './common.ts';
import { label } from './export.ts';
import { EP } from './permissions.ts';
import { type EquipmentQuery, get, selected } from './service.ts';

export const LABEL_LIMIT = 200;

export async function equipmentCard(ctx: Ctx, id: string): Promise<string> {
  const e = await get(ctx, id);
  const tz = ctx.app.config.timeZone;
  const L = (zh: string, en: string) => (ctx.lang === 'en' ? en : zh);
  const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`;
  const readings = (r: Record<string, number> | null) =>
    r ? Object.entries(r).map(([k, v]) => `${esc({ temperature: L('温度', 'Temp.'), humidity: L('湿度', 'Humidity'), voltage: L('电压', 'Voltage'), dischargeMinutes: L('放电分钟', 'Discharge min') }[k] ?? k)} ${esc(v)}`).join('；') : '';
  const tasks = e.recentTasks
    .map((t) => `<tr><td>${esc(t.dueOn)}</td><td>${esc(label(ctx.lang, 'type', t.type))}</td><td>${esc(t.status === 'done' ? label(ctx.lang, 'result', t.result) : t.overdue ? L('逾期未做', 'Overdue') : L('待完成', 'Due'))}</td><td>${esc(readings(t.readings as never))} ${escLines(t.note)}</td><td>${esc(t.completedBy?.name)} ${esc(formatDateTime(t.completedAt, tz))}</td></tr>`)
    .join('');
  const faults = e.faults
    .map((f) => `<tr><td>${esc(f.number)}</td><td>${esc(formatDateTime(f.reportedAt, tz))}</td><td>${escLines(f.description)}</td><td>${esc(label(ctx.lang, 'faultStatus', f.status))}</td><td>${escLines(f.fixNote)} ${esc(f.fixedBy?.name)}</td><td>${esc(f.verifiedBy?.name)}</td></tr>`)
    .join('');
  const body = `
<h1>${L('安防设施卡片', 'Equipment Card')}</h1>
<div class="meta"><span>${L('设施编号', 'Number')}：${esc(e.number)}</span><span>${L('状态', 'Status')}：<span class="badge">${esc(label(ctx.lang, 'status', e.status))}</span></span></div>
<table>
${row(L('名称 / 类别', 'Name / kind'), `${esc(e.name)} / ${esc(label(ctx.lang, 'kind', e.kind))}`)}
${row(L('所属单位', 'Unit'), esc(e.orgName))}
${row(L('场所 / 位置', 'Site / location'), `${esc(e.siteName ?? '')} ${esc(e.location ?? '')}`)}
${row(L('型号 / 序列号', 'Model / serial'), `${esc(e.model ?? '')} / ${esc(e.serialNo ?? '')}`)}
${row(L('安装日期 / 到期日期', 'Installed / expires'), `${esc(e.installedOn ?? '')} / ${esc(e.expiresOn ?? '')}`)}
${row(L('备注', 'Notes'), escLines(e.notes))}
</table>
<h2 style="font-size:13pt;margin:6mm 0 2mm">${L('维护保养记录', 'Maintenance history')}</h2>
<table><tr><th>${L('应完成日期', 'Due')}</th><th>${L('项目', 'Work')}</th><th>${L('结果', 'Result')}</th><th>${L('读数 / 说明', 'Readings / note')}</th><th>${L('执行人', 'By')}</th></tr>${tasks || `<tr><td colspan="5">${L('无', 'None')}</td></tr>`}</table>
<h2 style="font-size:13pt;margin:6mm 0 2mm">${L('故障维修记录', 'Faults and repairs')}</h2>
<table><tr><th>${L('工单号', 'Ticket')}</th><th>${L('报告时间', 'Reported')}</th><th>${L('故障情况', 'Fault')}</th><th>${L('状态', 'Status')}</th><th>${L('维修情况', 'Repair')}</th><th>${L('验收人', 'Verified by')}</th></tr>${faults || `<tr><td colspan="6">${L('无', 'None')}</td></tr>`}</table>`;
  await audit(ctx, { action: 'equipment.print', targetType: 'equipment', targetId: id, targetLabel: `${e.number} ${e.name}`, orgId: e.orgId });
  return printPage({ title: `${L('安防设施卡片', 'Equipment Card')} ${e.number}`, lang: ctx.lang, body });
}

/** EQP-01: an A4 sheet of QR labels (3 × 8) for what the register's filters select; `origin` is the web app's address. */
export async function labelSheet(ctx: Ctx, q: EquipmentQuery, origin: string): Promise<string> {
  const rows = await selected(ctx, q, EP.read, LABEL_LIMIT);
  const L = (zh: string, en: string) => (ctx.lang === 'en' ? en : zh);
  const labels: string[] = [];
  for (const e of rows) {
    const url = `${origin}${equipmentLink(e.id)}`;
    const svg = await qrSvg(url, 0);
    labels.push(
      `<div class="label"><div class="qr">${svg}</div><div class="txt"><b>${esc(e.number)}</b><br>${esc(e.name)}<br>${esc(label(ctx.lang, 'kind', e.kind))}<br>${esc(e.orgName)}${e.siteName ? ` · ${esc(e.siteName)}` : ''}<br><small>${esc(url)}</small></div></div>`,
    );
  }
  const style = `<style>.sheet{display:grid;grid-template-columns:repeat(3,1fr);gap:2mm}.label{border:1px dashed #666;height:33mm;padding:2mm;display:flex;gap:2mm;overflow:hidden;font-size:8pt;break-inside:avoid}.qr{width:27mm;height:27mm;flex:none}.qr svg{width:100%;height:100%}.txt{overflow:hidden;word-break:break-all}.txt small{font-size:5.5pt;color:#444}</style>`;
  await audit(ctx, { action: 'equipment.labels', targetType: 'equipment', targetLabel: `${rows.length}`, detail: { rows: rows.length } });
  const body = `${style}<h1>${L('安防设施标签', 'Equipment Labels')}</h1><div class="sheet">${labels.join('') || `<p>${L('没有符合条件的设施', 'No equipment matches the filters')}</p>`}</div>`;
  return printPage({ title: L('安防设施标签', 'Equipment Labels'), lang: ctx.lang, body });
}
