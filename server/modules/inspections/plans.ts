// Inspection plans (INS-02): a template, a scope of units and/or sites within the planning unit's
// subtree, a recurrence (daily … yearly, or one-off / unannounced), a team with a leader, and how
// long each inspection may take. Creating or changing an active plan generates what it owes at once
// (a plan created mid-month gets this month's inspections now); the scheduler does the rest.
import { and, count, eq, ilike, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inspectionPlans, inspections, inspectionTemplates, orgs, sites } from '../../db/schema/index.ts';
import type { Recurrence } from '../../db/schema/inspections.ts';
import { recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, type ErrorDetail, forbidden, invalidField, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { dateIn } from '../../platform/time.ts';
import { generatePlan } from './generate.ts';
import { periodOf } from './periods.ts';
import { IP } from './permissions.ts';
import { peopleNames } from './repository.ts';
import { checkTeam } from './team.ts';
import { usableTemplate } from './templates.ts';

type PlanRow = typeof inspectionPlans.$inferSelect;
type Row = { p: PlanRow; orgName: string; orgPath: string; templateName: string; templateVersion: number };

const onTeam = (me: string) => sql`(${inspectionPlans.leaderId} = ${me} or ${inspectionPlans.memberIds} @> ${JSON.stringify([me])}::jsonb)`;

/** Plans the caller may see: in their read subtrees; unannounced ones only by planners and the team. */
function planScope(ctx: Ctx): SQL {
  const a = requireActor(ctx);
  return and(
    inSubtrees(inspectionPlans.orgId, scopePaths(a, IP.read)),
    sql`(not ${inspectionPlans.unannounced} or ${onTeam(a.userId)} or ${inSubtrees(inspectionPlans.orgId, scopePaths(a, IP.plan))})`,
  )!;
}

const select = (ctx: Ctx) =>
  ctx.tx
    .select({ p: inspectionPlans, orgName: orgs.name, orgPath: orgs.path, templateName: inspectionTemplates.name, templateVersion: inspectionTemplates.templateVersion })
    .from(inspectionPlans)
    .innerJoin(orgs, eq(orgs.id, inspectionPlans.orgId))
    .innerJoin(inspectionTemplates, and(eq(inspectionTemplates.familyId, inspectionPlans.templateFamilyId), eq(inspectionTemplates.current, true)));

async function present(ctx: Ctx, rows: Row[]) {
  const orgIds = [...new Set(rows.flatMap((r) => r.p.scopeOrgIds))];
  const siteIds = [...new Set(rows.flatMap((r) => r.p.scopeSiteIds))];
  const unitNames = new Map(orgIds.length ? (await ctx.tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, orgIds))).map((o) => [o.id, o.name]) : []);
  const siteRows = siteIds.length ? await ctx.tx.select({ id: sites.id, name: sites.name, orgId: sites.orgId }).from(sites).where(inArray(sites.id, siteIds)) : [];
  const names = await peopleNames(ctx.tx, rows.flatMap((r) => [r.p.leaderId, ...r.p.memberIds]));
  return rows.map((r) => {
    const p = r.p;
    const manage = !p.withdrawnAt && can(ctx.actor, IP.plan, r.orgPath);
    return {
      id: p.id,
      orgId: p.orgId,
      orgName: r.orgName,
      name: p.name,
      templateFamilyId: p.templateFamilyId,
      templateName: r.templateName,
      templateVersion: r.templateVersion,
      scopeOrgs: p.scopeOrgIds.map((id) => ({ id, name: unitNames.get(id) ?? '' })),
      scopeSites: p.scopeSiteIds.map((id) => {
        const s = siteRows.find((x) => x.id === id);
        return { id, name: s?.name ?? '', orgId: s?.orgId ?? '' };
      }),
      recurrence: p.recurrence,
      unannounced: p.unannounced,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      durationDays: p.durationDays,
      leader: { id: p.leaderId, name: names.get(p.leaderId) ?? '' },
      members: p.memberIds.map((id) => ({ id, name: names.get(id) ?? '' })),
      active: p.active,
      generatedThrough: p.generatedThrough,
      ...recordMeta(p),
      allowedActions: manage ? ['edit', p.active ? 'pause' : 'resume', 'withdraw'] : [],
    };
  });
}

export async function visiblePlan(ctx: Ctx, id: string): Promise<Row> {
  const [r] = await select(ctx).where(eq(inspectionPlans.id, id));
  if (!r) throw notFound('PLAN_NOT_FOUND');
  const [ok] = await ctx.tx.select({ id: inspectionPlans.id }).from(inspectionPlans).where(and(eq(inspectionPlans.id, id), planScope(ctx)));
  if (!ok) throw notFound('PLAN_NOT_FOUND', { action: IP.read, targetType: 'inspection_plan', targetId: id, orgId: r.p.orgId, reason: 'out of scope' });
  return r;
}

export async function get(ctx: Ctx, id: string) {
  return (await present(ctx, [await visiblePlan(ctx, id)]))[0];
}

const SORTS = { name: inspectionPlans.name, startsOn: inspectionPlans.startsOn, createdAt: inspectionPlans.createdAt };

export async function list(ctx: Ctx, q: { orgId?: string; active?: boolean; recurrence?: Recurrence; q?: string; includeWithdrawn?: boolean; sort?: string }, p: PageParams) {
  const c: SQL[] = [planScope(ctx)];
  if (!q.includeWithdrawn) c.push(isNull(inspectionPlans.withdrawnAt));
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId)).path));
  if (q.active !== undefined) c.push(eq(inspectionPlans.active, q.active));
  if (q.recurrence) c.push(eq(inspectionPlans.recurrence, q.recurrence));
  if (q.q) c.push(ilike(inspectionPlans.name, `%${likeEscape(q.q)}%`));
  const where = and(...c)!;
  const [items, [{ n }]] = await Promise.all([
    select(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, '-createdAt', inspectionPlans.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(inspectionPlans).innerJoin(orgs, eq(orgs.id, inspectionPlans.orgId)).where(where),
  ]);
  return pageOf(await present(ctx, items), Number(n), p);
}

export interface PlanInput {
  orgId: string;
  name: string;
  templateId: string;
  scopeOrgIds?: string[];
  scopeSiteIds?: string[];
  recurrence: Recurrence;
  unannounced?: boolean;
  startsOn: string;
  endsOn?: string | null;
  durationDays: number;
  leaderId: string;
  memberIds?: string[];
}

/** Checks scope, template, team and dates; returns the values to store. */
async function validated(ctx: Ctx, unit: { id: string; path: string }, v: Required<Omit<PlanInput, 'orgId'>>, startsOnChanged: boolean) {
  if (!v.scopeOrgIds.length && !v.scopeSiteIds.length) throw invalidField('scopeOrgIds', 'SCOPE_REQUIRED');
  const bad: ErrorDetail[] = [];
  const paths: string[] = [];
  const us = v.scopeOrgIds.length ? await ctx.tx.select().from(orgs).where(inArray(orgs.id, v.scopeOrgIds)) : [];
  v.scopeOrgIds.forEach((id, i) => {
    const u = us.find((x) => x.id === id);
    if (!u || u.withdrawnAt || !u.path.startsWith(unit.path)) bad.push({ path: `scopeOrgIds.${i}`, code: 'SCOPE_OUTSIDE_PLAN' });
    else paths.push(u.path);
  });
  const ss = v.scopeSiteIds.length
    ? await ctx.tx.select({ id: sites.id, withdrawnAt: sites.withdrawnAt, path: orgs.path }).from(sites).innerJoin(orgs, eq(orgs.id, sites.orgId)).where(inArray(sites.id, v.scopeSiteIds))
    : [];
  v.scopeSiteIds.forEach((id, i) => {
    const s = ss.find((x) => x.id === id);
    if (!s || s.withdrawnAt || !s.path.startsWith(unit.path)) bad.push({ path: `scopeSiteIds.${i}`, code: 'SCOPE_OUTSIDE_PLAN' });
    else paths.push(s.path);
  });
  if (bad.length) throw ruleRefused('SCOPE_OUTSIDE_PLAN', {}, bad);
  if (v.endsOn && v.endsOn < v.startsOn) throw invalidField('endsOn', 'V_DATE_ORDER', { other: v.startsOn });
  const earliest = periodOf(v.recurrence, dateIn(ctx.now, ctx.app.config.timeZone)).start;
  if (startsOnChanged && v.startsOn < earliest) throw ruleRefused('STARTS_IN_PAST', { earliest }, [{ path: 'startsOn', code: 'STARTS_IN_PAST', params: { earliest } }]);
  const template = await usableTemplate(ctx, v.templateId, unit.path, 'templateId');
  const memberIds = await checkTeam(ctx, v.leaderId, v.memberIds, paths);
  return {
    name: v.name,
    templateFamilyId: template.familyId,
    scopeOrgIds: v.scopeOrgIds,
    scopeSiteIds: v.scopeSiteIds,
    recurrence: v.recurrence,
    unannounced: v.unannounced,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    durationDays: v.durationDays,
    leaderId: v.leaderId,
    memberIds,
  };
}

const FIELDS = ['name', 'templateFamilyId', 'scopeOrgIds', 'scopeSiteIds', 'recurrence', 'unannounced', 'startsOn', 'endsOn', 'durationDays', 'leaderId', 'memberIds', 'active'] as const;

async function planUnit(ctx: Ctx, orgId: string) {
  const unit = await visibleOrg(ctx, orgId);
  if (!can(ctx.actor, IP.plan, unit.path)) throw forbidden('FORBIDDEN', { action: IP.plan, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (unit.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  return unit;
}

export async function create(ctx: Ctx, input: PlanInput) {
  const unit = await planUnit(ctx, input.orgId);
  const v = await validated(ctx, unit, { ...input, scopeOrgIds: input.scopeOrgIds ?? [], scopeSiteIds: input.scopeSiteIds ?? [], unannounced: input.unannounced ?? false, endsOn: input.endsOn ?? null, memberIds: input.memberIds ?? [] }, true);
  const id = randomUUID();
  const by = ctx.actor!.userId;
  const [p] = await ctx.tx.insert(inspectionPlans).values({ id, orgId: unit.id, ...v, active: true, createdAt: ctx.now, createdBy: by, updatedAt: ctx.now, updatedBy: by }).returning();
  await audit(ctx, { action: 'inspection_plans.create', targetType: 'inspection_plan', targetId: id, targetLabel: p.name, orgId: unit.id, changes: diff(null, p, FIELDS) });
  await generatePlan(ctx, id);
  return get(ctx, id);
}

/**
 * Changes a plan (If-Match). Recurrence and start are fixed once it has generated inspections.
 * Pausing stops generation; resuming starts again from the current period (paused periods are not
 * made up). A new team also takes over the plan's inspections that have not started.
 */
export async function update(ctx: Ctx, id: string, patch: Partial<Omit<PlanInput, 'orgId'>> & { active?: boolean }, version: number) {
  const r = await visiblePlan(ctx, id);
  const before = r.p;
  if (!can(ctx.actor, IP.plan, r.orgPath)) throw forbidden('FORBIDDEN', { action: IP.plan, targetType: 'inspection_plan', targetId: id, orgId: before.orgId });
  if (before.withdrawnAt) throw invalidState('withdrawn');
  if (before.generatedThrough) {
    for (const f of ['recurrence', 'startsOn'] as const) {
      if (patch[f] !== undefined && patch[f] !== before[f]) throw ruleRefused('PLAN_ALREADY_GENERATED', {}, [{ path: f, code: 'PLAN_ALREADY_GENERATED' }]);
    }
  }
  // Pausing alone is always possible (e.g. the leader has left and the plan must stop).
  const onlyPause = Object.entries(patch).every(([k, x]) => (k === 'active' ? x === false : x === undefined));
  const v = onlyPause
    ? { name: before.name, templateFamilyId: before.templateFamilyId, scopeOrgIds: before.scopeOrgIds, scopeSiteIds: before.scopeSiteIds, recurrence: before.recurrence, unannounced: before.unannounced, startsOn: before.startsOn, endsOn: before.endsOn, durationDays: before.durationDays, leaderId: before.leaderId, memberIds: before.memberIds }
    : await validated(
    ctx,
    { id: before.orgId, path: r.orgPath },
    {
      name: patch.name ?? before.name,
      templateId: patch.templateId ?? before.templateFamilyId,
      scopeOrgIds: patch.scopeOrgIds ?? before.scopeOrgIds,
      scopeSiteIds: patch.scopeSiteIds ?? before.scopeSiteIds,
      recurrence: patch.recurrence ?? before.recurrence,
      unannounced: patch.unannounced ?? before.unannounced,
      startsOn: patch.startsOn ?? before.startsOn,
      endsOn: patch.endsOn === undefined ? before.endsOn : patch.endsOn,
      durationDays: patch.durationDays ?? before.durationDays,
      leaderId: patch.leaderId ?? before.leaderId,
      memberIds: patch.memberIds ?? before.memberIds,
    },
    patch.startsOn !== undefined && patch.startsOn !== before.startsOn,
  );
  const active = patch.active ?? before.active;
  const tz = ctx.app.config.timeZone;
  const current = periodOf(v.recurrence, dateIn(ctx.now, tz)).key;
  const resumed = active && !before.active && before.generatedThrough && before.generatedThrough < current;
  const by = ctx.actor!.userId;
  const after = await updateVersioned(ctx.tx, inspectionPlans, id, version, { ...v, active, ...(resumed ? { generatedThrough: current } : {}), updatedAt: ctx.now, updatedBy: by });
  if (before.leaderId !== after.leaderId || JSON.stringify(before.memberIds) !== JSON.stringify(after.memberIds)) {
    await ctx.tx
      .update(inspections)
      .set({ leaderId: after.leaderId, memberIds: after.memberIds, updatedAt: ctx.now, updatedBy: by })
      .where(and(eq(inspections.planId, id), eq(inspections.status, 'planned'), isNull(inspections.startedAt), isNull(inspections.withdrawnAt)));
  }
  await audit(ctx, { action: 'inspection_plans.update', targetType: 'inspection_plan', targetId: id, targetLabel: after.name, orgId: after.orgId, changes: diff(before, after, FIELDS) });
  if (after.active) await generatePlan(ctx, id);
  return get(ctx, id);
}

/** SEC-05: withdrawn, never deleted; its inspections stay (withdraw the planned ones separately). */
export async function withdraw(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const r = await visiblePlan(ctx, id);
  if (!can(ctx.actor, IP.plan, r.orgPath)) throw forbidden('FORBIDDEN', { action: IP.plan, targetType: 'inspection_plan', targetId: id, orgId: r.p.orgId });
  if (r.p.withdrawnAt) throw invalidState('withdrawn');
  const by = ctx.actor!.userId;
  await updateVersioned(ctx.tx, inspectionPlans, id, version ?? r.p.version, { active: false, withdrawnAt: ctx.now, withdrawnBy: by, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: by });
  await audit(ctx, { action: 'inspection_plans.withdraw', targetType: 'inspection_plan', targetId: id, targetLabel: r.p.name, orgId: r.p.orgId, detail: { reason } });
  return get(ctx, id);
}
