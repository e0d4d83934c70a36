// The duty registers' read models beyond the lists: 24-hour coverage (DUT-01) and the Excel exports
// (exactly what the filters select, rows of the units where the caller may export; audited).
import type { Ctx } from '../../platform/context.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { can } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { checkRange, coverageOf } from './coverage.ts';
import { HANDOVER_COLUMNS, LOG_COLUMNS, ROSTER_COLUMNS } from './export.ts';
import { exportHandoverRows, type HandoverQuery } from './handovers.ts';
import { exportLogRows, type LogQuery } from './logs.ts';
import { DP } from './permissions.ts';
import { exportRows, type RosterQuery } from './roster.ts';

export const EXPORT_LIMIT = 20_000;

export async function coverage(ctx: Ctx, q: { orgId?: string; from: string; to: string }) {
  checkRange(q.from, q.to);
  const within = q.orgId ? (await visibleOrg(ctx, q.orgId)).path : undefined;
  const units = await coverageOf(ctx, q.from, q.to, within);
  return { from: q.from, to: q.to, gapCount: units.reduce((n, u) => n + u.gaps.length, 0), units };
}

function requireExport(ctx: Ctx) {
  if (!can(ctx.actor, DP.export)) throw forbidden('FORBIDDEN', { action: DP.export });
}

const filterOf = <Q extends { sort?: string }>(q: Q) => {
  const { sort: _s, ...f } = q;
  return f;
};

export async function rosterXlsx(ctx: Ctx, q: RosterQuery) {
  requireExport(ctx);
  const rows = await exportRows(ctx, q, EXPORT_LIMIT);
  await audit(ctx, { action: 'duty.export_roster', targetType: 'duty_assignments', targetLabel: `${rows.length}`, detail: { filter: filterOf(q), rows: rows.length } });
  return buildXlsx({ zh: '值班表', en: 'Duty roster' }, ROSTER_COLUMNS(ctx.lang), rows, ctx.lang, ctx.app.config.timeZone);
}

export async function logsXlsx(ctx: Ctx, q: LogQuery) {
  requireExport(ctx);
  const rows = await exportLogRows(ctx, q, EXPORT_LIMIT);
  await audit(ctx, { action: 'duty.export_logs', targetType: 'duty_logs', targetLabel: `${rows.length}`, detail: { filter: filterOf(q), rows: rows.length } });
  return buildXlsx({ zh: '值班日志', en: 'Duty log' }, LOG_COLUMNS(ctx.lang), rows, ctx.lang, ctx.app.config.timeZone);
}

export async function handoversXlsx(ctx: Ctx, q: HandoverQuery) {
  requireExport(ctx);
  const rows = await exportHandoverRows(ctx, q, EXPORT_LIMIT);
  await audit(ctx, { action: 'duty.export_handovers', targetType: 'duty_handovers', targetLabel: `${rows.length}`, detail: { filter: filterOf(q), rows: rows.length } });
  return buildXlsx({ zh: '交接班登记簿', en: 'Handover register' }, HANDOVER_COLUMNS(ctx.lang), rows, ctx.lang, ctx.app.config.timeZone);
}
