// VIS-01: a visitor still inside at the unit's closing time (org setting, default 18:00) is flagged
// once, and the host and the unit head are told once. Runs every minute on one instance.
import { and, eq, isNull, lte } from 'drizzle-orm';
import { orgs, visitors } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { defineSweep } from '../../platform/scheduler/registry.ts';
import { effectiveSettings } from '../../platform/settings/service.ts';
import { dateIn, startOfDayIn } from '../../platform/time.ts';
import { namesOf } from './common.ts';
import type { VisitorSettings } from './settings.ts';
import { visitorLink } from './visitors-notices.ts';

const BATCH = 500;

/** The instant of the closing time on the local day of `at`. */
export function closingOn(at: Date, closingTime: string, tz: string): Date {
  const [h, m] = closingTime.split(':').map(Number);
  return new Date(startOfDayIn(dateIn(at, tz), tz).getTime() + (h * 60 + m) * 60_000);
}

export async function flagInsideAfterClosing(ctx: Ctx): Promise<void> {
  const tz = ctx.app.config.timeZone;
  const rows = await ctx.tx
    .select({ v: visitors, orgPath: orgs.path })
    .from(visitors)
    .innerJoin(orgs, eq(orgs.id, visitors.orgId))
    .where(and(eq(visitors.status, 'inside'), isNull(visitors.afterClosingAt), isNull(visitors.withdrawnAt), lte(visitors.checkedInAt, ctx.now)))
    .orderBy(visitors.checkedInAt)
    .limit(BATCH);
  const cache = new Map<string, string>();
  for (const { v, orgPath } of rows) {
    if (!cache.has(orgPath)) cache.set(orgPath, ((await effectiveSettings(ctx.tx, orgPath)).visitors as VisitorSettings).closingTime);
    // Checked in before closing: flagged at closing; checked in after it: flagged at once.
    const closing = closingOn(v.checkedInAt!, cache.get(orgPath)!, tz);
    if (ctx.now < closing && v.checkedInAt! < closing) continue;
    await ctx.tx.update(visitors).set({ afterClosingAt: ctx.now }).where(eq(visitors.id, v.id));
    await audit(ctx, { action: 'visitors.after_closing', targetType: 'visitor', targetId: v.id, targetLabel: `${v.number} ${v.name}`, orgId: v.orgId, detail: { closingTime: cache.get(orgPath) } });
    const heads = await holders(ctx, { roleCodes: ['branch_head'], orgPath });
    const names = await namesOf(ctx.tx, [v.hostId]);
    await notify(ctx, {
      rule: 'visitor.after_closing',
      orgId: v.orgId,
      targetType: 'visitor',
      targetId: v.id,
      dueKey: 'after_closing',
      recipients: [v.hostId, ...heads],
      messageCode: 'visitor.after_closing',
      params: { name: v.name, number: v.number, host: names.get(v.hostId) ?? '' },
      link: visitorLink(v.id),
    });
  }
}

defineSweep({ name: 'visitors.after-closing', run: flagInsideAfterClosing });
