// Plan-generated inspections (INS-02): for each period a plan owes — from its start through the
// current period in the org time zone, never beyond its end — one inspection per unit or site in
// scope, numbered JC-YYYY-NNNNNN in the cooperative's series. Idempotent: the plan row is locked, an
// existing (plan, unit, site, period) is skipped, and the insert does nothing on the unique key;
// numbers are drawn only for rows actually inserted, so the series stays gap-free.
import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inspectionPlans, inspections, inspectionTemplates, orgs, sites } from '../../db/schema/index.ts';
import { RECURRENCES } from '../../db/schema/inspections.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { allocateDocNumber } from '../../platform/numbering.ts';
import { numberingOrgId } from '../../platform/numbering-org.ts';
import { defineSweep } from '../../platform/scheduler/registry.ts';
import { dateIn, endOfDayIn } from '../../platform/time.ts';
import { periodOf, periodsBetween, scheduleIn } from './periods.ts';

type PlanRow = typeof inspectionPlans.$inferSelect;
/** A catch-up never creates more than this many periods per plan in one run (the next run continues). */
const MAX_PERIODS = 400;

/** The units and sites a plan inspects now (withdrawn ones are skipped). */
async function targets(ctx: Ctx, plan: PlanRow): Promise<Array<{ orgId: string; siteId: string | null; orgPath: string; name: string }>> {
  const out: Array<{ orgId: string; siteId: string | null; orgPath: string; name: string }> = [];
  if (plan.scopeOrgIds.length) {
    const us = await ctx.tx.select().from(orgs).where(and(inArray(orgs.id, plan.scopeOrgIds), isNull(orgs.withdrawnAt)));
    for (const id of plan.scopeOrgIds) {
      const u = us.find((x) => x.id === id);
      if (u) out.push({ orgId: u.id, siteId: null, orgPath: u.path, name: u.name });
    }
  }
  if (plan.scopeSiteIds.length) {
    const ss = await ctx.tx
      .select({ id: sites.id, orgId: sites.orgId, path: orgs.path, name: sites.name })
      .from(sites)
      .innerJoin(orgs, eq(orgs.id, sites.orgId))
      .where(and(inArray(sites.id, plan.scopeSiteIds), isNull(sites.withdrawnAt), isNull(orgs.withdrawnAt)));
    for (const id of plan.scopeSiteIds) {
      const s = ss.find((x) => x.id === id);
      if (s) out.push({ orgId: s.orgId, siteId: s.id, orgPath: s.path, name: s.name });
    }
  }
  return out;
}

/** Creates the inspections a plan owes up to now; returns how many were created. */
export async function generatePlan(ctx: Ctx, planId: string): Promise<number> {
  const [plan] = await ctx.tx.select().from(inspectionPlans).where(eq(inspectionPlans.id, planId)).for('update');
  if (!plan || !plan.active || plan.withdrawnAt) return 0;
  const tz = ctx.app.config.timeZone;
  const today = dateIn(ctx.now, tz);
  const until = plan.endsOn && plan.endsOn < today ? plan.endsOn : today;
  const periods = periodsBetween(plan.recurrence, plan.startsOn, until, { since: plan.generatedThrough, limit: MAX_PERIODS });
  if (!periods.length) return 0;
  const [template] = await ctx.tx
    .select()
    .from(inspectionTemplates)
    .where(and(eq(inspectionTemplates.familyId, plan.templateFamilyId), eq(inspectionTemplates.current, true), isNull(inspectionTemplates.withdrawnAt)));
  if (!template) {
    ctx.app.log.warn({ planId }, 'inspection plan: its template is retired; nothing generated');
    return 0;
  }
  const scope = await targets(ctx, plan);
  const numbering = new Map<string, string>();
  const created: string[] = [];
  for (const period of periods) {
    const { scheduledFor, dueOn } = scheduleIn(plan.recurrence, period, plan.startsOn, plan.durationDays);
    for (const t of scope) {
      const [exists] = await ctx.tx
        .select({ id: inspections.id })
        .from(inspections)
        .where(and(eq(inspections.planId, plan.id), eq(inspections.orgId, t.orgId), t.siteId ? eq(inspections.siteId, t.siteId) : isNull(inspections.siteId), eq(inspections.periodKey, period.key)));
      if (exists) continue;
      if (!numbering.has(t.orgPath)) numbering.set(t.orgPath, await numberingOrgId(ctx.tx, t.orgPath));
      const numberingOrg = numbering.get(t.orgPath)!;
      const id = randomUUID();
      const [row] = await ctx.tx
        .insert(inspections)
        .values({
          id,
          orgId: t.orgId,
          numberingOrgId: numberingOrg,
          number: `pending:${id}`,
          siteId: t.siteId,
          planId: plan.id,
          periodKey: period.key,
          templateId: template.id,
          status: 'planned',
          unannounced: plan.unannounced,
          scheduledFor,
          dueAt: endOfDayIn(dueOn, tz),
          leaderId: plan.leaderId,
          memberIds: plan.memberIds,
          createdAt: ctx.now,
          createdBy: ctx.actor?.userId ?? null,
          updatedAt: ctx.now,
          updatedBy: ctx.actor?.userId ?? null,
        })
        .onConflictDoNothing()
        .returning({ id: inspections.id });
      if (!row) continue;
      const number = await allocateDocNumber(ctx.tx, numberingOrg, 'JC', ctx.now, tz);
      await ctx.tx.update(inspections).set({ number }).where(eq(inspections.id, id));
      await audit(ctx, { action: 'inspections.create', targetType: 'inspection', targetId: id, targetLabel: `${number} ${t.name}`, orgId: t.orgId, detail: { planId: plan.id, plan: plan.name, period: period.key, dueOn } });
      created.push(number);
    }
  }
  const last = periods[periods.length - 1].key;
  // Bookkeeping of the scheduler, not an edit of the plan: the plan's version stays as it is.
  if (plan.generatedThrough !== last) await ctx.tx.update(inspectionPlans).set({ generatedThrough: last }).where(eq(inspectionPlans.id, plan.id));
  return created.length;
}

/**
 * Active plans with a period not generated yet (the current period's key per recurrence); a plan that
 * ended before the current period and has generated before is done.
 */
function owing(today: string): SQL {
  const c = RECURRENCES.filter((r) => r !== 'once').map((r) => {
    const current = periodOf(r, today);
    return and(
      eq(inspectionPlans.recurrence, r),
      or(isNull(inspectionPlans.generatedThrough), and(sql`${inspectionPlans.generatedThrough} < ${current.key}`, or(isNull(inspectionPlans.endsOn), gte(inspectionPlans.endsOn, current.start))))!,
    )!;
  });
  c.push(and(eq(inspectionPlans.recurrence, 'once'), isNull(inspectionPlans.generatedThrough))!);
  return and(eq(inspectionPlans.active, true), isNull(inspectionPlans.withdrawnAt), lte(inspectionPlans.startsOn, today), or(...c))!;
}

export async function generateDue(ctx: Ctx): Promise<number> {
  const today = dateIn(ctx.now, ctx.app.config.timeZone);
  const plans = await ctx.tx.select({ id: inspectionPlans.id }).from(inspectionPlans).where(owing(today)).orderBy(inspectionPlans.createdAt).limit(200);
  let n = 0;
  for (const p of plans) n += await generatePlan(ctx, p.id);
  return n;
}

defineSweep({ name: 'inspections.generate', run: async (ctx) => void (await generateDue(ctx)) });
