// Dashboard "today" tiles (RPT-02, issue 5): each counts exactly what its linked register lists for the
// viewer (their duty.read scope) within the dashboard's unit.
import { and } from 'drizzle-orm';
import { dutyAssignments } from '../../db/schema/index.ts';
import { inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { addDays, dateIn } from '../../platform/time.ts';
import { registerTodayTile } from '../dashboard/tiles.ts';
import { unitWithin } from './common.ts';
import { coverageOf } from './coverage.ts';
import { countLogs, logWhere } from './logs.ts';
import { DP } from './permissions.ts';
import { countAssignments, rosterWhere } from './roster.ts';

/** DUT-01: gaps in the next 7 days (today and the 6 days after), over the rostered units the viewer reads. */
export async function gapsNextWeek(ctx: Ctx, root: { path: string }): Promise<number> {
  const today = dateIn(ctx.now, ctx.app.config.timeZone);
  const units = await coverageOf(ctx, today, addDays(today, 6), root.path);
  return units.reduce((n, u) => n + u.gaps.filter((g) => new Date(g.endsAt).getTime() > ctx.now.getTime()).length, 0);
}

registerTodayTile({
  key: 'duty.gapsNext7Days',
  label: { 'zh-CN': '未来 7 天值班空档', en: 'Duty gaps, next 7 days' },
  link: '/duty/coverage?orgId={scope}',
  permission: DP.read,
  tone: 'warn',
  order: 30,
  count: (ctx, root) => gapsNextWeek(ctx, root),
});

registerTodayTile({
  key: 'duty.handoversMissing',
  label: { 'zh-CN': '未交接班', en: 'Handovers missing' },
  link: '/duty/rosters?missingHandover=true&orgId={scope}',
  permission: DP.read,
  tone: 'warn',
  order: 31,
  count: async (ctx, root) => countAssignments(ctx, and(await rosterWhere(ctx, { missingHandover: true }, inSubtrees(dutyAssignments.orgId, scopePaths(requireActor(ctx), DP.read))), unitWithin(root.path))!),
});

registerTodayTile({
  key: 'duty.urgentToday',
  label: { 'zh-CN': '今日紧急值班情况', en: 'Urgent duty reports today' },
  link: '/duty/logs?urgent=true&today=true&orgId={scope}',
  permission: DP.read,
  order: 32,
  count: async (ctx, root) => countLogs(ctx, and(await logWhere(ctx, { urgent: true, today: true }), unitWithin(root.path))!),
});

