// Printable A4 pages (RPT-03): the QR label sheet of a route (PAT-01: one label per checkpoint, eight
// per page, the QR code drawn server-side as SVG with the checkpoint's link, and the link and token
// printed beneath it for a phone without a camera), the patrol record, the opening / closing check record.
import { qrSvg } from '../../platform/print/qr.ts';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit/writer.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { esc, escLines, formatDateTime, printPage, signatureLine } from '../../platform/print/html.ts';
import { can } from '../../platform/access/scope.ts';
import { getCheck } from './checks.ts';
import { label } from './export.ts';
import { get as getPatrol } from './patrols.ts';
import { getRoute, visibleRoute } from './patrol-routes.ts';
import { PP } from './permissions.ts';

const LABEL_CSS = `<style>
.labels { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.label { border: 1px dashed #000; padding: 4mm; text-align: center; page-break-inside: avoid; break-inside: avoid; height: 62mm; }
.label svg { width: 38mm; height: 38mm; }
.label .n { font-size: 13pt; font-weight: bold; }
.label .u { font-size: 8pt; word-break: break-all; }
.labels .label:nth-child(8n) { page-break-after: always; break-after: page; }
</style>`;

export async function labelsPage(ctx: Ctx, routeId: string, origin: string): Promise<string> {
  const r = await visibleRoute(ctx, routeId);
  if (!can(ctx.actor, PP.manage_routes, r.orgPath)) throw forbidden('FORBIDDEN', { action: PP.manage_routes, targetType: 'patrol_route', targetId: routeId, orgId: r.row.orgId });
  const route = await getRoute(ctx, routeId);
  const en = ctx.lang === 'en';
  const labels: string[] = [];
  for (const c of route.checkpoints) {
    const url = `${origin}/patrols/scan/${c.token}`;
    const svg = await qrSvg(url, 1);
    labels.push(`<div class="label"><div class="n">${esc(`${c.seq}. ${c.name}`)}</div>${svg}<div>${esc(route.orgName)} · ${esc(route.name)}</div><div class="u">${esc(url)}</div><div class="u">${en ? 'Code' : '编码'}：${esc(c.token)}</div></div>`);
  }
  await audit(ctx, { action: 'patrol_routes.print_labels', targetType: 'patrol_route', targetId: routeId, targetLabel: route.name, orgId: route.orgId, detail: { checkpoints: route.checkpoints.length } });
  const title = en ? `Checkpoint QR labels — ${route.name}` : `巡查点二维码标签 — ${route.name}`;
  return printPage({ title, lang: ctx.lang, body: `${LABEL_CSS}<h1>${esc(title)}</h1><div class="labels">${labels.join('')}</div><p class="note">${en ? 'Stick each label at its checkpoint. Scanning it opens the checkpoint link on the guard’s phone and records the visit.' : '将标签张贴于对应巡查点。巡逻人员用手机扫码打开链接即记录到达。'}</p>` });
}

const STATUS_ZH = { ok: ['正常', 'On time'], late: ['超时', 'Late'], missed: ['漏巡', 'Missed'], pending: ['未到', 'Pending'] } as const;

export async function patrolPage(ctx: Ctx, id: string): Promise<string> {
  const p = await getPatrol(ctx, id);
  const tz = ctx.app.config.timeZone;
  const en = ctx.lang === 'en';
  const L = (zh: string, e: string) => (en ? e : zh);
  const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`;
  const cps = p.checkpoints
    .map((c) => `<tr><td>${c.seq}</td><td>${esc(c.name)}</td><td>${esc(formatDateTime(c.firstScanAt, tz))}</td><td>${c.scans}</td><td>${esc(STATUS_ZH[c.status][en ? 1 : 0])}${c.outOfOrder ? L('（顺序异常）', ' (out of order)') : ''}</td></tr>`)
    .join('');
  // Escaped here: the flag lines below are markup, and a checkpoint's name is stored text (RPT-03: every value through esc()).
  const name = (cid: string | null) => esc(p.checkpoints.find((c) => c.checkpointId === cid)?.name ?? '');
  const flags = p.flags.map((f) => (f.kind === 'too_fast' ? L(`${name(f.previousCheckpointId)} → ${name(f.checkpointId)} 仅间隔 ${f.value} 秒`, `${name(f.previousCheckpointId)} → ${name(f.checkpointId)} only ${f.value} s apart`) : L(`${name(f.checkpointId)} 短时间内扫码 ${f.value} 次`, `${name(f.checkpointId)} scanned ${f.value} times within minutes`))).join('<br>');
  const anomalies = p.anomalies.map((a) => `${esc(a.checkpointName ?? '')} ${escLines(a.note)}（${esc(a.reportedBy?.name)} ${esc(formatDateTime(a.reportedAt, tz))}${a.hazardNumber ? `，${L('隐患', 'hazard')} ${esc(a.hazardNumber)}` : ''}）`).join('<br>');
  const body = `
<h1>${L('巡逻记录', 'Patrol Record')}</h1>
<div class="meta"><span>${esc(p.orgName)}</span><span>${esc(p.day)}</span></div>
<table>
${row(L('巡逻路线', 'Route'), esc(p.routeName))}
${row(L('计划时间', 'Scheduled'), esc(formatDateTime(p.scheduledAt, tz)) || L('（临时巡逻）', '(unscheduled)'))}
${row(L('巡逻人 / 起止时间', 'Guard / from–to'), `${esc(p.guard?.name)} ${esc(formatDateTime(p.startedAt, tz))} – ${esc(formatDateTime(p.finishedAt, tz))}`)}
${row(L('结果', 'Result'), esc(L(`漏巡 ${p.missedCount} 个，超时 ${p.lateCount} 个，异常扫码 ${p.flagCount} 处`, `${p.missedCount} missed, ${p.lateCount} late, ${p.flagCount} impossible-scan flags`)))}
${flags ? row(L('异常扫码', 'Impossible scans'), flags) : ''}
${row(L('发现异常', 'Anomalies'), anomalies || L('无', 'None'))}
${row(L('备注', 'Note'), escLines(p.note))}
</table>
<table style="margin-top:4mm"><tr><th style="width:8%">${L('序', '#')}</th><th style="width:40%">${L('巡查点', 'Checkpoint')}</th><th>${L('首次扫码', 'First scan')}</th><th style="width:10%">${L('次数', 'Scans')}</th><th>${L('情况', 'Status')}</th></tr>${cps}</table>
${signatureLine([{ label: L('巡逻人', 'Guard'), signer: p.guard?.name, at: formatDateTime(p.finishedAt, tz) }, { label: L('审核人', 'Reviewed by'), signer: null, at: null }])}`;
  await audit(ctx, { action: 'patrols.print', targetType: 'patrol', targetId: id, targetLabel: `${p.routeName} ${p.day}`, orgId: p.orgId });
  return printPage({ title: `${L('巡逻记录', 'Patrol Record')} ${p.routeName} ${p.day}`, lang: ctx.lang, body });
}

export async function checkPage(ctx: Ctx, id: string): Promise<string> {
  const c = await getCheck(ctx, id);
  const tz = ctx.app.config.timeZone;
  const en = ctx.lang === 'en';
  const L = (zh: string, e: string) => (en ? e : zh);
  const items = c.items.map((i, n) => `<tr><td>${n + 1}</td><td>${esc(i.text)}</td><td>${i.ok ? L('正常', 'OK') : L('异常', 'Not OK')}</td><td>${escLines(i.note)}</td></tr>`).join('');
  const body = `
<h1>${esc(label(ctx.lang, 'checkKind', c.kind))}${L('登记', ' record')}</h1>
<div class="meta"><span>${esc(c.orgName)}</span><span>${esc(c.day)} · ${esc(label(ctx.lang, 'checkStatus', c.status))}${c.missed ? L('（未按时）', ' (missed the deadline)') : ''}</span></div>
<table><tr><th style="width:8%">${L('序', '#')}</th><th style="width:52%">${L('检查项目', 'Item')}</th><th style="width:12%">${L('结果', 'Result')}</th><th>${L('情况说明', 'Note')}</th></tr>${items}</table>
${c.note ? `<p>${L('备注', 'Note')}：${escLines(c.note)}</p>` : ''}
${signatureLine([
  { label: L('检查人', 'Checked by'), signer: c.firstBy?.name, at: formatDateTime(c.firstAt, tz) },
  { label: L('复核人', 'Confirmed by'), signer: c.secondBy?.name, at: formatDateTime(c.secondAt, tz) },
])}`;
  await audit(ctx, { action: 'opening_checks.print', targetType: 'opening_check', targetId: id, targetLabel: `${c.orgName} ${c.day} ${c.kind}`, orgId: c.orgId });
  return printPage({ title: `${label(ctx.lang, 'checkKind', c.kind)} ${c.orgName} ${c.day}`, lang: ctx.lang, body });
}
