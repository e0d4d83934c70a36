// Time-based reminders and escalation (HAZ-04), run by the platform scheduler once a minute on one
// instance at a time. Each rule looks only at hazards that do not have the notice yet (the unique
// key (rule, record, due key, recipient) makes it exactly once): due in N days, due today, overdue
// (escalated to the unit head and the security head, then daily until closed), and rectifications
// waiting for verification longer than the org's threshold.
import { and, eq, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import { hazards, notifications, orgs } from '../../db/schema/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { defineSweep } from '../../platform/scheduler/registry.ts';
import { effectiveSettings } from '../../platform/settings/service.ts';
import { dateIn, daysBetween } from '../../platform/time.ts';
import { hazardLink, securityHeads, unitHeads } from './notices.ts';
import { HP } from './permissions.ts';
import type { HazardSettings } from './settings.ts';

const BATCH = 500;
const MAX_DUE_SOON_DAYS = 30;

type Candidate = { h: typeof hazards.$inferSelect; orgPath: string; orgName: string };

const notYet = (rule: string, dueKey: ReturnType<typeof sql>) =>
  sql`not exists (select 1 from ${notifications} n where n.rule = ${rule} and n.target_id = ${hazards.id} and n.due_key = ${dueKey})`;

async function candidates(ctx: Ctx, where: ReturnType<typeof and>): Promise<Candidate[]> {
  const rs = await ctx.tx
    .select({ h: hazards, orgPath: orgs.path, orgName: orgs.name })
    .from(hazards)
    .innerJoin(orgs, eq(orgs.id, hazards.orgId))
    .where(and(isNull(hazards.withdrawnAt), ne(hazards.status, 'closed'), where))
    .orderBy(hazards.dueAt)
    .limit(BATCH);
  return rs;
}

async function settingsOf(ctx: Ctx, cache: Map<string, HazardSettings>, orgPath: string) {
  if (!cache.has(orgPath)) cache.set(orgPath, (await effectiveSettings(ctx.tx, orgPath)).hazards as HazardSettings);
  return cache.get(orgPath)!;
}

/**
 * Deadline reminders concern hazards still to be rectified (assessed or rectifying). A rectification
 * submitted on time waits for verification (its own rule below) and is not escalated as overdue; if
 * verification sends it back, it is rectifying again and the reminders resume.
 */
const awaitingRectification = inArray(hazards.status, ['assessed', 'rectifying']);

const params = (c: Candidate, extra: Record<string, unknown>) => ({ number: c.h.number, title: c.h.title, unit: c.orgName, ...extra });

export async function hazardReminders(ctx: Ctx): Promise<void> {
  const tz = ctx.app.config.timeZone;
  const today = dateIn(ctx.now, tz);
  const cache = new Map<string, HazardSettings>();
  const dueIso = sql`to_char(${hazards.dueAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

  // Due soon (and not today): the responsible person and the unit's heads.
  const soonLimit = new Date(ctx.now.getTime() + MAX_DUE_SOON_DAYS * 86_400_000);
  for (const c of await candidates(ctx, and(awaitingRectification, isNotNull(hazards.dueAt), sql`${hazards.dueAt} > ${ctx.now}`, lt(hazards.dueAt, soonLimit), notYet('hazard.due_soon', dueIso)))) {
    const due = dateIn(c.h.dueAt!, tz);
    const left = daysBetween(today, due);
    if (left <= 0 || left > (await settingsOf(ctx, cache, c.orgPath)).dueSoonDays) continue;
    await notify(ctx, { rule: 'hazard.due_soon', orgId: c.h.orgId, targetType: 'hazard', targetId: c.h.id, dueKey: c.h.dueAt!.toISOString(), recipients: [c.h.responsibleUserId, ...(await unitHeads(ctx, c.orgPath))].filter((x): x is string => !!x), messageCode: 'hazard.due_soon', params: params(c, { due }), link: hazardLink(c.h.id) });
  }

  // Due today.
  const endOfToday = new Date(ctx.now.getTime() + 86_400_000);
  const todayKey = sql`'today:' || ${dueIso}`;
  for (const c of await candidates(ctx, and(awaitingRectification, sql`${hazards.dueAt} > ${ctx.now}`, lt(hazards.dueAt, endOfToday), notYet('hazard.due_today', todayKey)))) {
    if (dateIn(c.h.dueAt!, tz) !== today) continue;
    await notify(ctx, { rule: 'hazard.due_today', orgId: c.h.orgId, targetType: 'hazard', targetId: c.h.id, dueKey: `today:${c.h.dueAt!.toISOString()}`, recipients: [c.h.responsibleUserId, ...(await unitHeads(ctx, c.orgPath))].filter((x): x is string => !!x), messageCode: 'hazard.due_today', params: params(c, {}), link: hazardLink(c.h.id) });
  }

  // Overdue: escalated to the unit head and the security head, again every day until closed.
  const overdueKey = sql`${dueIso} || ':' || ${today}`;
  for (const c of await candidates(ctx, and(awaitingRectification, lt(hazards.dueAt, ctx.now), notYet('hazard.overdue', overdueKey)))) {
    const days = Math.max(1, daysBetween(dateIn(c.h.dueAt!, tz), today));
    const recipients = [c.h.responsibleUserId, ...(await unitHeads(ctx, c.orgPath)), ...(await securityHeads(ctx, c.orgPath))].filter((x): x is string => !!x);
    await notify(ctx, { rule: 'hazard.overdue', orgId: c.h.orgId, targetType: 'hazard', targetId: c.h.id, dueKey: `${c.h.dueAt!.toISOString()}:${today}`, recipients, messageCode: 'hazard.overdue', params: params(c, { days }), link: hazardLink(c.h.id) });
  }

  // Rectifications waiting for verification longer than the threshold.
  const waitKey = sql`to_char(${hazards.rectifiedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const minWait = new Date(ctx.now.getTime() - 86_400_000);
  for (const c of await candidates(ctx, and(eq(hazards.status, 'rectified'), isNull(hazards.verifiedAt), lt(hazards.rectifiedAt, minWait), notYet('hazard.verification_waiting', waitKey)))) {
    const waited = Math.floor((ctx.now.getTime() - c.h.rectifiedAt!.getTime()) / 86_400_000);
    if (waited < (await settingsOf(ctx, cache, c.orgPath)).verificationWaitDays) continue;
    const verifiers = (await holders(ctx, { permission: HP.verify, orgPath: c.orgPath })).filter((id) => id !== c.h.rectifiedBy && id !== c.h.reportedBy);
    await notify(ctx, { rule: 'hazard.verification_waiting', orgId: c.h.orgId, targetType: 'hazard', targetId: c.h.id, dueKey: c.h.rectifiedAt!.toISOString(), recipients: verifiers, messageCode: 'hazard.verification_waiting', params: params(c, { days: waited }), link: hazardLink(c.h.id) });
  }
}

defineSweep({ name: 'hazards.reminders', run: hazardReminders });
