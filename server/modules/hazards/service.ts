// The hazard register (HAZ-01, HAZ-07, HAZ-08): report, read, list, export, reporters' recognition.
// Workflow steps are in workflow.ts; the other modules open hazards through openHazard() only.
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { hazardExtensions, hazards, hazardUpdates, orgs, sites } from '../../db/schema/index.ts';
import type { HazardCategory, HazardGrade, HazardSource } from '../../db/schema/hazards.ts';
import { can, inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { conflict, forbidden, invalidField, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams } from '../../platform/http/paging.ts';
import { attachmentsOf, linkAttachments } from '../../platform/files/service.ts';
import { docNumber } from '../../platform/numbering.ts';
import { numberingOrgId } from '../../platform/numbering-org.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { effectiveSettings } from '../../platform/settings/service.ts';
import { dateIn, endOfDayIn, startOfDayIn } from '../../platform/time.ts';
import { HAZARD_EXPORT_COLUMNS } from './export.ts';
import { noticeReported, reportedAudience } from './notices.ts';
import { HP } from './permissions.ts';
import { mayAttachToHazard, mayAttachToStep, mayReadHazardsIn, STEP_FROM } from './policy.ts';
import { type ExtensionRow, peopleOf, presentExtension, presentHazard } from './present.ts';
import { defaultDueDays, type HazardSettings } from './settings.ts';
import {
  countHazards,
  exportHazards,
  extensionsOf,
  hazardById,
  hazardWhere,
  type HazardFilterSql,
  type HazardRow,
  listHazards,
  peopleNames,
  reporterRanking,
  timelineOf,
} from './repository.ts';

export const EXPORT_LIMIT = 50_000;

/** A hazard the caller may see (404 otherwise, audited when it exists outside their scope). */
export async function visibleHazard(ctx: Ctx, id: string): Promise<HazardRow> {
  const r = await hazardById(ctx.tx, id);
  if (!r) throw notFound('HAZARD_NOT_FOUND');
  requireActor(ctx);
  if (!mayReadHazardsIn(ctx, r.orgPath)) {
    throw notFound('HAZARD_NOT_FOUND', { action: HP.read, targetType: 'hazard', targetId: id, orgId: r.hazard.orgId, reason: 'out of scope' });
  }
  return r;
}

async function pendingExtensions(ctx: Ctx, ids: string[]) {
  const rs = await extensionsOf(ctx.tx, ids);
  return new Map(rs.filter((e) => e.status === 'pending').map((e) => [e.hazardId, e]));
}

export async function present(ctx: Ctx, rows: HazardRow[]) {
  const pending = await pendingExtensions(ctx, rows.map((r) => r.hazard.id));
  const names = await peopleNames(ctx.tx, rows.flatMap((r) => peopleOf(r, [...pending.values()])));
  return rows.map((r) => presentHazard(ctx, r, names, pending.get(r.hazard.id)));
}

export async function get(ctx: Ctx, id: string) {
  const r = await visibleHazard(ctx, id);
  const exts = await extensionsOf(ctx.tx, [id]);
  const timeline = await timelineOf(ctx.tx, id);
  const names = await peopleNames(ctx.tx, [...peopleOf(r, exts), ...timeline.map((u) => u.createdBy)]);
  // Visibility is settled above (visibleHazard): the photos of the hazard and of each step in one read.
  const files = await attachmentsOf(ctx, [
    { type: 'hazard', id, canWithdraw: mayAttachToHazard(ctx, r.hazard, r.orgPath) },
    ...timeline.map((u) => ({ type: 'hazard_update', id: u.id, canWithdraw: mayAttachToStep(ctx, r.hazard, u) })),
  ]);
  return hazardDetail(ctx, r, { exts, timeline, names, files }, (orgPath) => effectiveSettings(ctx.tx, orgPath));
}

/**
 * The detail page's answer from its parts: `get` reads them; reporting assembles them from what its
 * transaction wrote. `settings` is read only when the caller may assess (the deadline each grade sets).
 */
async function hazardDetail(
  ctx: Ctx,
  r: HazardRow,
  parts: { exts: ExtensionRow[]; timeline: Array<typeof hazardUpdates.$inferSelect>; names: Map<string, string>; files: Awaited<ReturnType<typeof attachmentsOf>> },
  settings: (orgPath: string) => Promise<Awaited<ReturnType<typeof effectiveSettings>>>,
) {
  const { exts, timeline, names, files } = parts;
  const pending = exts.find((e) => e.status === 'pending');
  const timelineOut = timeline.map((u) => ({
    id: u.id,
    step: u.step,
    note: u.note,
    fromStatus: u.fromStatus,
    toStatus: u.toStatus,
    at: u.createdAt.toISOString(),
    by: { id: u.createdBy, name: names.get(u.createdBy) ?? '' },
    attachments: files.get(`hazard_update:${u.id}`) ?? [],
  }));
  const hazard = presentHazard(ctx, r, names, pending);
  // The assessor sees the deadline each grade would set (HAZ-02); they may not read the org settings.
  const defaultDueOn = hazard.allowedActions.includes('assess') ? defaultDueDays((await settings(r.orgPath)).hazards as HazardSettings, dateIn(ctx.now, ctx.app.config.timeZone)) : null;
  return {
    ...hazard,
    photos: files.get(`hazard:${r.hazard.id}`) ?? [],
    timeline: timelineOut,
    extensions: exts.map((e) => presentExtension(ctx, e, names, r)),
    defaultDueOn,
  };
}

export interface HazardQuery {
  status?: HazardFilterSql['status'];
  grade?: HazardGrade[];
  category?: HazardCategory[];
  source?: HazardSource[];
  orgId?: string;
  siteId?: string;
  overdue?: boolean;
  open?: boolean;
  dueFrom?: string;
  dueTo?: string;
  reportedFrom?: string;
  reportedTo?: string;
  closedFrom?: string;
  closedTo?: string;
  q?: string;
  reporterId?: string;
  responsibleUserId?: string;
  inspectionId?: string;
  task?: 'rectify' | 'verify' | 'assess' | 'signoff' | 'extension';
  includeWithdrawn?: boolean;
  sort?: string;
}

/** "My tasks" as SQL: the hazards waiting for the caller to act (the same rules as allowedActions). */
function taskCondition(ctx: Ctx, task: NonNullable<HazardQuery['task']>): SQL {
  const actor = requireActor(ctx);
  const me = actor.userId;
  const at = (perm: string) => inSubtrees(hazards.orgId, scopePaths(actor, perm));
  switch (task) {
    case 'rectify':
      return and(eq(hazards.status, 'rectifying'), or(eq(hazards.responsibleUserId, me), at(HP.rectify)))!;
    case 'verify':
      return and(eq(hazards.status, 'rectified'), isNull(hazards.verifiedAt), at(HP.verify), sql`${hazards.rectifiedBy} is distinct from ${me}`, sql`${hazards.reportedBy} <> ${me}`)!;
    case 'assess':
      return and(eq(hazards.status, 'reported'), at(HP.assess))!;
    case 'signoff':
      return and(
        eq(hazards.grade, 'major'),
        at(HP.signoff),
        or(
          and(eq(hazards.status, 'assessed'), isNull(hazards.assessmentSignoffAt)),
          and(eq(hazards.status, 'rectified'), sql`${hazards.verifiedAt} is not null`, isNull(hazards.closureSignoffAt), sql`${hazards.rectifiedBy} is distinct from ${me}`),
        ),
      )!;
    case 'extension':
      return and(
        at(HP.approve_extension),
        inArray(hazards.status, [...STEP_FROM.requestExtension]),
        sql`exists (select 1 from ${hazardExtensions} where ${hazardExtensions.hazardId} = ${hazards.id} and ${hazardExtensions.status} = 'pending' and ${hazardExtensions.requestedBy} <> ${me})`,
      )!;
  }
}

/**
 * The register's filter as SQL over hazards ⋈ orgs: exactly the rows GET /api/v1/hazards?… gives the
 * caller for `q`. Read models (the dashboard, RPT-02) count with it, so each of their figures is the
 * register's answer to a filter by construction.
 */
export async function whereFor(ctx: Ctx, q: HazardQuery): Promise<SQL> {
  return registerWhere(ctx, q, inSubtrees(hazards.orgId, scopePaths(requireActor(ctx), HP.read)));
}

/** The hazards an inspection opened that the caller may see: id, number and status, for its detail (INS-04). */
export async function openedByInspection(ctx: Ctx, inspectionId: string) {
  return ctx.tx
    .select({ id: hazards.id, number: hazards.number, status: hazards.status })
    .from(hazards)
    .innerJoin(orgs, eq(orgs.id, hazards.orgId))
    .where(await whereFor(ctx, { inspectionId, includeWithdrawn: true }));
}

/**
 * The conditions of `q` alone, without the caller's read scope: only ever ANDed with whereFor(ctx, …),
 * e.g. as `count(*) filter (where …)` of several figures over one scoped scan (whereFor(ctx, a) ∧
 * filterConditions(ctx, b) = whereFor(ctx, a ∧ b)).
 */
export async function filterConditions(ctx: Ctx, q: HazardQuery): Promise<SQL> {
  return registerWhere(ctx, q, sql`true`);
}

async function registerWhere(ctx: Ctx, q: HazardQuery, scope: SQL): Promise<SQL> {
  const tz = ctx.app.config.timeZone;
  const within = q.orgId ? (await visibleOrg(ctx, q.orgId)).path : undefined;
  return hazardWhere({
    scope,
    now: ctx.now,
    status: q.status,
    grade: q.grade,
    category: q.category,
    source: q.source,
    withinPath: within,
    siteId: q.siteId,
    overdue: q.overdue,
    open: q.open,
    dueFrom: q.dueFrom ? startOfDayIn(q.dueFrom, tz) : undefined,
    dueTo: q.dueTo ? endOfDayIn(q.dueTo, tz) : undefined,
    reportedFrom: q.reportedFrom ? startOfDayIn(q.reportedFrom, tz) : undefined,
    reportedTo: q.reportedTo ? endOfDayIn(q.reportedTo, tz) : undefined,
    closedFrom: q.closedFrom ? startOfDayIn(q.closedFrom, tz) : undefined,
    closedTo: q.closedTo ? endOfDayIn(q.closedTo, tz) : undefined,
    q: q.q,
    reporterId: q.reporterId,
    responsibleUserId: q.responsibleUserId,
    inspectionId: q.inspectionId,
    // A withdrawn hazard is nobody's task, even when withdrawn ones are listed too.
    task: q.task ? and(isNull(hazards.withdrawnAt), taskCondition(ctx, q.task)) : undefined,
    includeWithdrawn: q.includeWithdrawn,
  });
}

export async function list(ctx: Ctx, q: HazardQuery, p: PageParams) {
  const r = await listHazards(ctx.tx, await whereFor(ctx, q), p, q.sort);
  return pageOf(await present(ctx, r.items), r.total, p);
}

export async function count(ctx: Ctx, q: HazardQuery): Promise<number> {
  return countHazards(ctx.tx, await whereFor(ctx, q));
}

/** HAZ-08: Excel of exactly what the register shows for these filters (audited). */
export async function exportXlsx(ctx: Ctx, q: HazardQuery) {
  if (!can(ctx.actor, HP.export)) throw forbidden('FORBIDDEN', { action: HP.export });
  // Rows of the units where the caller may export, not every unit they may read (a second grant can widen reading only).
  const where = and(await whereFor(ctx, q), inSubtrees(hazards.orgId, scopePaths(requireActor(ctx), HP.export)))!;
  const n = await countHazards(ctx.tx, where);
  if (n > EXPORT_LIMIT) throw ruleRefused('EXPORT_TOO_LARGE', { limit: EXPORT_LIMIT });
  const rows = await present(ctx, await exportHazards(ctx.tx, where, q.sort, EXPORT_LIMIT));
  const { sort: _sort, ...filter } = q;
  await audit(ctx, { action: 'hazards.export', targetType: 'hazards', targetLabel: `${rows.length}`, detail: { filter, rows: rows.length } });
  return buildXlsx({ zh: '隐患整改台账', en: 'Hazard register' }, HAZARD_EXPORT_COLUMNS(ctx.lang), rows, ctx.lang, ctx.app.config.timeZone);
}

export interface HazardInput {
  title: string;
  description?: string | null;
  category: HazardCategory;
  source?: HazardSource;
  orgId: string;
  siteId?: string | null;
  location?: string | null;
  grade?: HazardGrade | null;
  attachmentIds?: string[];
}

/**
 * Reports a hazard (HAZ-01, HAZ-07): anyone holding hazards.report over the responsible unit.
 * Other modules use it with their own source and link (an inspection's failed item: INS-04).
 */
export async function openHazard(ctx: Ctx, input: HazardInput, link: { inspectionId?: string; inspectionItemKey?: string } = {}) {
  return (await createHazard(ctx, input, link)).row.hazard;
}

/**
 * POST /hazards: reports the hazard and answers with its detail, assembled from what the transaction
 * wrote — read back after the commit it would cost six more queries. What the detail needs beyond the
 * rows written (the unit's settings, for an assessor) is read before the number is taken.
 */
export async function reportHazard(ctx: Ctx, input: HazardInput) {
  const { row, step, settings } = await createHazard(ctx, input, {}, { forAnswer: true });
  const h = row.hazard;
  const actor = requireActor(ctx);
  const names = new Map([[actor.userId, actor.name]]);
  const files = input.attachmentIds?.length ? await attachmentsOf(ctx, [{ type: 'hazard', id: h.id, canWithdraw: mayAttachToHazard(ctx, h, row.orgPath) }]) : new Map();
  return hazardDetail(ctx, row, { exts: [], timeline: [step], names, files }, async (orgPath) => settings ?? effectiveSettings(ctx.tx, orgPath));
}

async function createHazard(ctx: Ctx, input: HazardInput, link: { inspectionId?: string; inspectionItemKey?: string }, opts: { forAnswer?: boolean } = {}) {
  const actor = requireActor(ctx);
  const unit = await visibleOrg(ctx, input.orgId);
  if (!can(actor, HP.report, unit.path)) throw forbidden('FORBIDDEN', { action: HP.report, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (unit.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  let site: { name: string; orgPath: string; withdrawnAt: Date | null } | undefined;
  if (input.siteId) {
    [site] = await ctx.tx.select({ name: sites.name, orgPath: orgs.path, withdrawnAt: sites.withdrawnAt }).from(sites).innerJoin(orgs, eq(orgs.id, sites.orgId)).where(eq(sites.id, input.siteId));
    if (!site || site.withdrawnAt) throw invalidField('siteId', 'SITE_NOT_FOUND');
    if (!site.orgPath.startsWith(unit.path)) throw ruleRefused('SITE_NOT_IN_UNIT', {}, [{ path: 'siteId', code: 'SITE_NOT_IN_UNIT' }]);
  }
  const id = randomUUID();
  const numbering = await numberingOrgId(ctx.tx, unit.path);
  // The number is taken as late as possible: its counter row stays locked until commit, so every
  // read that does not need the number (who is notified) comes before it (HAZ-01 numbering).
  const assessors = await reportedAudience(ctx, unit);
  // An assessor's answer shows the deadline each grade sets (hazardDetail): read before the number too.
  const settings = opts.forAnswer && can(actor, HP.assess, unit.path) ? await effectiveSettings(ctx.tx, unit.path) : undefined;
  // The number is taken by the INSERT itself (docNumber): its counter is locked one statement later.
  const [h] = await ctx.tx
    .insert(hazards)
    .values({
      id,
      orgId: unit.id,
      numberingOrgId: numbering,
      number: docNumber(numbering, 'YH', ctx.now, ctx.app.config.timeZone),
      title: input.title,
      description: input.description ?? null,
      category: input.category,
      source: input.source ?? 'report',
      siteId: input.siteId ?? null,
      location: input.location ?? null,
      grade: input.grade ?? null,
      status: 'reported',
      reportedBy: actor.userId,
      reportedAt: ctx.now,
      inspectionId: link.inspectionId ?? null,
      inspectionItemKey: link.inspectionItemKey ?? null,
      createdAt: ctx.now,
      createdBy: actor.userId,
      updatedAt: ctx.now,
      updatedBy: actor.userId,
    })
    .returning();
  await linkAttachments(ctx, input.attachmentIds ?? [], { type: 'hazard', id, orgId: unit.id });
  const [step] = await ctx.tx.insert(hazardUpdates).values({ id: randomUUID(), hazardId: id, orgId: unit.id, step: 'report', note: input.description ?? null, toStatus: 'reported', createdAt: ctx.now, createdBy: actor.userId }).returning();
  await audit(ctx, {
    action: 'hazards.report',
    targetType: 'hazard',
    targetId: id,
    targetLabel: `${h.number} ${h.title}`,
    orgId: unit.id,
    detail: { category: h.category, source: h.source, grade: h.grade, inspectionId: h.inspectionId, attachments: input.attachmentIds?.length ?? 0 },
  });
  await noticeReported(ctx, h, assessors);
  const row: HazardRow = { hazard: h, orgName: unit.name, orgPath: unit.path, siteName: site?.name ?? null, reporterName: actor.name, responsibleName: null };
  return { row, step, settings };
}

/** HAZ-07: the recognition list of people who reported confirmed hazards. */
export async function reporters(ctx: Ctx, q: { from?: string; to?: string; orgId?: string; limit?: number }) {
  const actor = requireActor(ctx);
  const tz = ctx.app.config.timeZone;
  let scope = inSubtrees(hazards.orgId, scopePaths(actor, HP.read));
  if (q.orgId) scope = and(scope, pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId)).path))!;
  const rs = await reporterRanking(
    ctx.tx,
    scope,
    q.from ? startOfDayIn(q.from, tz) : undefined,
    q.to ? endOfDayIn(q.to, tz) : undefined,
    q.limit ?? 50,
  );
  return { items: rs.map((r) => ({ ...r, confirmed: Number(r.confirmed), major: Number(r.major), lastReportedAt: new Date(r.lastReportedAt).toISOString() })) };
}

