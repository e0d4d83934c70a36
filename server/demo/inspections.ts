// The demo's default inspection plan (INS-02: a full inspection of every branch at least monthly):
// "每月网点全面安全检查" with the county's shipped 营业网点 checklist, led by the security officer with a
// second officer, starting on the first day of the current month — generated at once, so a fresh
// start shows this month's inspections.
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inspectionPlans, inspectionTemplates, orgs, users } from '../db/schema/index.ts';
import { audit } from '../platform/audit/writer.ts';
import { type AppContext, inSystemTx } from '../platform/context.ts';
import { dateIn } from '../platform/time.ts';
import { generatePlan } from '../modules/inspections/index.ts';

export async function seedDemoInspections(app: AppContext): Promise<void> {
  await inSystemTx(app, async (ctx) => {
    const [county] = await ctx.tx.select().from(orgs).where(eq(orgs.code, 'SFX'));
    const [template] = await ctx.tx
      .select()
      .from(inspectionTemplates)
      .where(and(eq(inspectionTemplates.orgId, county.id), eq(inspectionTemplates.kind, 'business_hall'), eq(inspectionTemplates.shipped, true), eq(inspectionTemplates.current, true)));
    const branches = await ctx.tx.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.parentId, county.id), eq(orgs.kind, 'branch'))).orderBy(orgs.sortOrder);
    const person = async (username: string) => (await ctx.tx.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
    const id = randomUUID();
    const startsOn = `${dateIn(ctx.now, ctx.app.config.timeZone).slice(0, 8)}01`;
    await ctx.tx.insert(inspectionPlans).values({
      id,
      orgId: county.id,
      name: '每月网点全面安全检查',
      templateFamilyId: template.familyId,
      scopeOrgIds: branches.map((b) => b.id),
      scopeSiteIds: [],
      recurrence: 'monthly',
      unannounced: false,
      startsOn,
      endsOn: null,
      // Whole month: due at the end of each month (never beyond it).
      durationDays: 31,
      leaderId: await person('officer'),
      memberIds: [await person('officer2')],
      active: true,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await audit(ctx, { action: 'inspection_plans.create', targetType: 'inspection_plan', targetId: id, targetLabel: '每月网点全面安全检查', orgId: county.id, detail: { demo: true, branches: branches.length, startsOn } });
    await generatePlan(ctx, id);
  });
}
