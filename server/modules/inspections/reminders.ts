// Reminders (INS-02), run by the platform scheduler: "due tomorrow" (the org's lead days before the
// due date) to the team — and to the unit's head, unless the inspection is unannounced: the
// inspected unit is never told in advance — and "overdue" once the due time passed unsubmitted: the
// record is flagged (overdue_at, set once) and the team, the unit's head and the security heads are
// told. notify()'s key (rule, inspection, due time, recipient) makes each notice exactly once.
import { and, eq, gt, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { inspections, inspectionTemplates, notifications, orgs } from '../../db/schema/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { defineSweep } from '../../platform/scheduler/registry.ts';
import { effectiveSettings } from '../../platform/settings/service.ts';
import { dateIn, daysBetween } from '../../platform/time.ts';
import type { InspectionSettings } from './settings.ts';

const BATCH = 500;
const MAX_LEAD_DAYS = 31;

type Candidate = { i: typeof inspections.$inferSelect; orgPath: string; orgName: string; templateName: string };

const dueIso = sql`to_char(${inspections.dueAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const notYet = (rule: string) => sql`not exists (select 1 from ${notifications} n where n.rule = ${rule} and n.target_id = ${inspections.id} and n.due_key = ${dueIso})`;

async function candidates(ctx: Ctx, where: SQL): Promise<Candidate[]> {
  return ctx.tx
    .select({ i: inspections, orgPath: orgs.path, orgName: orgs.name, templateName: inspectionTemplates.name })
    .from(inspections)
    .innerJoin(orgs, eq(orgs.id, inspections.orgId))
    .innerJoin(inspectionTemplates, eq(inspectionTemplates.id, inspections.templateId))
    .where(and(isNull(inspections.withdrawnAt), ne(inspections.status, 'submitted'), where))
    .orderBy(inspections.dueAt)
    .limit(BATCH);
}

const team = (i: Candidate['i']) => [i.leaderId, ...i.memberIds];
const unitHeads = (ctx: Ctx, orgPath: string) => holders(ctx, { roleCodes: ['branch_head'], orgPath });
const securityHeads = (ctx: Ctx, orgPath: string) => holders(ctx, { roleCodes: ['security_head'], orgPath });

function send(ctx: Ctx, c: Candidate, rule: string, recipients: string[], due: string) {
  return notify(ctx, {
    rule,
    orgId: c.i.orgId,
    targetType: 'inspection',
    targetId: c.i.id,
    dueKey: c.i.dueAt.toISOString(),
    recipients,
    messageCode: rule,
    params: { number: c.i.number, unit: c.orgName, template: c.templateName, due },
    link: `/inspections/${c.i.id}`,
  });
}

export async function inspectionReminders(ctx: Ctx): Promise<void> {
  const tz = ctx.app.config.timeZone;
  const today = dateIn(ctx.now, tz);
  const lead = new Map<string, number>();
  const leadOf = async (orgPath: string) => {
    if (!lead.has(orgPath)) lead.set(orgPath, ((await effectiveSettings(ctx.tx, orgPath)).inspections as InspectionSettings).dueReminderDays);
    return lead.get(orgPath)!;
  };

  const horizon = new Date(ctx.now.getTime() + MAX_LEAD_DAYS * 86_400_000);
  for (const c of await candidates(ctx, and(gt(inspections.dueAt, ctx.now), lt(inspections.dueAt, horizon), notYet('inspection.due_tomorrow'))!)) {
    const due = dateIn(c.i.dueAt, tz);
    const left = daysBetween(today, due);
    if (left <= 0 || left > (await leadOf(c.orgPath))) continue;
    const to = c.i.unannounced ? team(c.i) : [...team(c.i), ...(await unitHeads(ctx, c.orgPath))];
    await send(ctx, c, 'inspection.due_tomorrow', to, due);
  }

  for (const c of await candidates(ctx, and(lt(inspections.dueAt, ctx.now), isNull(inspections.overdueAt))!)) {
    await ctx.tx.update(inspections).set({ overdueAt: ctx.now }).where(and(eq(inspections.id, c.i.id), isNull(inspections.overdueAt)));
    // Once overdue, the unit may know even of an unannounced inspection: it was missed.
    const to = [...team(c.i), ...(await unitHeads(ctx, c.orgPath)), ...(await securityHeads(ctx, c.orgPath))];
    await send(ctx, c, 'inspection.overdue', to, dateIn(c.i.dueAt, tz));
  }
}

defineSweep({ name: 'inspections.reminders', run: inspectionReminders });
