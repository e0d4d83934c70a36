// INS-05: the inspection summary of a period (for reports, RPT-02): per inspected unit, how many
// inspections fell due in the period (due date within [from, to] in the org time zone), how many of
// those were submitted (done) and how many are overdue (unsubmitted past due); coverage = done / due;
// the failed items of the submitted ones by hazard category; and the units with the most findings.
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { inspectionResults, inspections, orgs } from '../../db/schema/index.ts';
import type { HazardCategory } from '../../db/schema/hazards.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField } from '../../platform/http/errors.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { endOfDayIn, startOfDayIn } from '../../platform/time.ts';
import { readScope } from './service.ts';
import { templateContents } from './template-content.ts';
import { itemsOf } from './templates.ts';
import { pathWithin } from '../../platform/access/scope.ts';

const TOP = 10;
const coverage = (done: number, due: number) => (due ? Math.round((done / due) * 1000) / 10 : null);

export async function summary(ctx: Ctx, q: { from: string; to: string; orgId?: string }) {
  if (q.to < q.from) throw invalidField('to', 'V_DATE_ORDER', { other: q.from });
  const tz = ctx.app.config.timeZone;
  const c: SQL[] = [readScope(ctx), isNull(inspections.withdrawnAt), sql`${inspections.dueAt} between ${startOfDayIn(q.from, tz)} and ${endOfDayIn(q.to, tz)}`];
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId)).path));
  const where = and(...c)!;

  const perUnit = await ctx.tx
    .select({
      orgId: inspections.orgId,
      orgName: orgs.name,
      due: sql<number>`count(*)::int`,
      done: sql<number>`count(*) filter (where ${inspections.status} = 'submitted')::int`,
      overdue: sql<number>`count(*) filter (where ${inspections.status} <> 'submitted' and ${inspections.dueAt} < ${ctx.now})::int`,
    })
    .from(inspections)
    .innerJoin(orgs, eq(orgs.id, inspections.orgId))
    .where(where)
    .groupBy(inspections.orgId, orgs.name, orgs.sortOrder)
    .orderBy(asc(orgs.sortOrder), asc(orgs.name), asc(inspections.orgId));

  const failed = await ctx.tx
    .select({ orgId: inspections.orgId, templateId: inspections.templateId, itemKey: inspectionResults.itemKey })
    .from(inspectionResults)
    .innerJoin(inspections, eq(inspections.id, inspectionResults.inspectionId))
    .innerJoin(orgs, eq(orgs.id, inspections.orgId))
    .where(and(where, eq(inspections.status, 'submitted'), eq(inspectionResults.result, 'fail')));
  const templates = await templateContents(ctx, failed.map((f) => f.templateId));
  const byCategory = new Map<HazardCategory, number>();
  const byUnit = new Map<string, number>();
  for (const f of failed) {
    const item = itemsOf(templates.get(f.templateId)!.sections).find((x) => x.key === f.itemKey);
    const cat = item?.category ?? 'other';
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + 1);
    byUnit.set(f.orgId, (byUnit.get(f.orgId) ?? 0) + 1);
  }

  const units = perUnit.map((u) => ({ orgId: u.orgId, orgName: u.orgName, due: Number(u.due), done: Number(u.done), overdue: Number(u.overdue), coverage: coverage(Number(u.done), Number(u.due)), failedItems: byUnit.get(u.orgId) ?? 0 }));
  const total = (k: 'due' | 'done' | 'overdue' | 'failedItems') => units.reduce((s, u) => s + u[k], 0);
  return {
    from: q.from,
    to: q.to,
    totals: { due: total('due'), done: total('done'), overdue: total('overdue'), coverage: coverage(total('done'), total('due')), failedItems: total('failedItems') },
    units,
    failedByCategory: [...byCategory.entries()].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    topUnits: units
      .filter((u) => u.failedItems > 0)
      .sort((a, b) => b.failedItems - a.failedItems || a.orgName.localeCompare(b.orgName, 'zh-CN'))
      .slice(0, TOP)
      .map((u) => ({ orgId: u.orgId, orgName: u.orgName, failedItems: u.failedItems })),
  };
}
