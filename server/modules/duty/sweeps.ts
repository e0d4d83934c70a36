// Sweeps (run by the platform scheduler, one instance at a time) — exactly once per occurrence through
// notify's unique key (rule, record, due key, recipient), however often they run:
//  - duty.gaps (DUT-01): a gap in a rostered unit's coverage within the org's gapNoticeDays is flagged
//    to the unit head and the security head, once per gap;
//  - duty.handovers (DUT-03): a shift that ended without a confirmed handover is flagged once.
import { and, asc, eq, sql } from 'drizzle-orm';
import { dutyAssignments, dutyShifts, notifications, orgs } from '../../db/schema/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { defineSweep } from '../../platform/scheduler/registry.ts';
import { effectiveSettings } from '../../platform/settings/service.ts';
import { addDays, dateIn } from '../../platform/time.ts';
import { coverageOf } from './coverage.ts';
import { missingHandoverSql } from './policy.ts';
import type { DutySettings } from './settings.ts';

const BATCH = 500;
const unitHeads = (ctx: Ctx, orgPath: string) => holders(ctx, { roleCodes: ['branch_head'], orgPath });
const securityHeads = (ctx: Ctx, orgPath: string) => holders(ctx, { roleCodes: ['security_head'], orgPath });

export async function gapSweep(ctx: Ctx): Promise<void> {
  const today = dateIn(ctx.now, ctx.app.config.timeZone);
  const units = await ctx.tx.selectDistinct({ id: orgs.id, path: orgs.path }).from(dutyShifts).innerJoin(orgs, eq(orgs.id, dutyShifts.orgId)).where(sql`${dutyShifts.withdrawnAt} is null and ${orgs.withdrawnAt} is null`).orderBy(asc(orgs.path));
  for (const u of units) {
    const days = ((await effectiveSettings(ctx.tx, u.path)).duty as DutySettings).gapNoticeDays;
    // Only this unit (not its subtree: each rostered unit is its own row).
    const [cov] = (await coverageOf(ctx, today, addDays(today, days), u.path, true)).filter((c) => c.orgId === u.id);
    const gaps = (cov?.gaps ?? []).filter((g) => new Date(g.endsAt).getTime() > ctx.now.getTime());
    if (!gaps.length) continue;
    const recipients = [...(await unitHeads(ctx, u.path)), ...(await securityHeads(ctx, u.path))];
    for (const g of gaps) {
      await notify(ctx, { rule: 'duty.gap', orgId: u.id, targetType: 'org', targetId: u.id, dueKey: `${g.startsAt}/${g.endsAt}`, recipients, messageCode: 'duty.gap', params: { unit: cov.orgName, date: g.date, from: g.from, to: g.to }, link: `/duty/rosters/coverage?orgId=${u.id}` });
    }
  }
}

export async function handoverSweep(ctx: Ctx): Promise<void> {
  const rows = await ctx.tx
    .select({ a: dutyAssignments, shiftName: dutyShifts.name, orgName: orgs.name, orgPath: orgs.path })
    .from(dutyAssignments)
    .innerJoin(dutyShifts, eq(dutyShifts.id, dutyAssignments.shiftId))
    .innerJoin(orgs, eq(orgs.id, dutyAssignments.orgId))
    .where(and(missingHandoverSql(ctx.now), sql`not exists (select 1 from ${notifications} n where n.rule = 'duty.handover_missing' and n.target_id = ${dutyAssignments.id})`))
    .orderBy(asc(dutyAssignments.endsAt))
    .limit(BATCH);
  for (const r of rows) {
    const recipients = [...(await unitHeads(ctx, r.orgPath)), ...(await securityHeads(ctx, r.orgPath))];
    await notify(ctx, { rule: 'duty.handover_missing', orgId: r.a.orgId, targetType: 'duty_assignment', targetId: r.a.id, dueKey: 'missing', recipients, messageCode: 'duty.handover_missing', params: { unit: r.orgName, date: r.a.dutyDate, shift: r.shiftName }, link: `/duty/rosters/${r.a.id}` });
  }
}

defineSweep({ name: 'duty.gaps', everyMs: 600_000, run: gapSweep });
defineSweep({ name: 'duty.handovers', run: handoverSweep });
