// Inspection records (INS-03): read, list, export, ad-hoc creation and withdrawal. Performing an
// inspection (start, results, signatures, submission) is in perform.ts; plan-generated records come
// from generate.ts.
import { and, eq, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inspections, sites } from '../../db/schema/index.ts';
import type { InspectionStatus } from '../../db/schema/inspections.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { attachmentsOf } from '../../platform/files/service.ts';
import { conflict, forbidden, invalidField, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { docNumber } from '../../platform/numbering.ts';
import { numberingOrgId } from '../../platform/numbering-org.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { dateIn, endOfDayIn } from '../../platform/time.ts';
import { openedByInspection } from '../hazards/index.ts';
import { INSPECTION_EXPORT_COLUMNS } from './export.ts';
import { IP } from './permissions.ts';
import { canPerform } from './policy.ts';
import { peopleOf, presentInspection } from './present.ts';
import { exportInspections, inspectionById, inspectionsMatching, inspectionWhere, type InspectionRow, listInspections, notHiddenFrom, peopleNames, type ResultRow, resultsOf } from './repository.ts';
import { checkTeam } from './team.ts';
import { type TemplateContent, templateContents } from './template-content.ts';
import { usableTemplate } from './templates.ts';

export const EXPORT_LIMIT = 50_000;

/** SQL: the inspections the caller may see (their read subtrees, minus unannounced ones not started). */
export function readScope(ctx: Ctx): SQL {
  const actor = requireActor(ctx);
  return and(inSubtrees(inspections.orgId, scopePaths(actor, IP.read)), notHiddenFrom(actor.userId, inSubtrees(inspections.orgId, scopePaths(actor, IP.plan))))!;
}

/** An inspection the caller may see (404 otherwise, audited when it exists outside their view). */
export async function visibleInspection(ctx: Ctx, id: string, opts: { lock?: boolean } = {}): Promise<InspectionRow> {
  // The usual case in one query: the record, read through the scope (and locked, for a step that
  // changes it). Only when that finds nothing is the record looked up alone, to tell "absent" from
  // "out of scope" (audited). A concurrent change the lock waited for is seen in the inspections row
  // (PostgreSQL re-reads a locked row's latest version), but the counts beside it (answered, failed)
  // are as of the query's start: a step that presents the record counts its results afresh (submit)
  // or reads it again (get).
  const matching = inspectionsMatching(ctx.tx, and(eq(inspections.id, id), readScope(ctx))!);
  const [mine] = opts.lock ? await matching.for('update', { of: inspections }) : await matching;
  if (mine) return mine;
  const r = await inspectionById(ctx.tx, id);
  if (!r) throw notFound('INSPECTION_NOT_FOUND');
  const [seen] = await ctx.tx.select({ id: inspections.id }).from(inspections).where(and(eq(inspections.id, id), readScope(ctx)));
  if (!seen) throw notFound('INSPECTION_NOT_FOUND', { action: IP.read, targetType: 'inspection', targetId: id, orgId: r.i.orgId, reason: 'out of scope' });
  return r;
}

export async function present(ctx: Ctx, rows: InspectionRow[]) {
  const names = await peopleNames(ctx.tx, rows.flatMap((r) => peopleOf(r.i)));
  return rows.map((r) => presentInspection(ctx, r, names));
}

/** One record with its template version's sections and each item's result, photos and hazard. */
export async function get(ctx: Ctx, id: string) {
  const r = await visibleInspection(ctx, id);
  const template = (await templateContents(ctx, [r.i.templateId])).get(r.i.templateId)!;
  const results = await resultsOf(ctx.tx, id);
  const names = await peopleNames(ctx.tx, detailPeople(r.i, results));
  const canChange = canPerform(ctx.actor, r.i, r.orgPath) && r.i.status !== 'submitted' && !r.i.withdrawnAt;
  const photos = await attachmentsOf(ctx, results.map((x) => ({ type: 'inspection_result', id: x.id, canWithdraw: canChange })));
  const hazards = results.some((x) => x.hazardId) ? await openedByInspection(ctx, id) : [];
  return detail(ctx, r, template, results, { names, photos, hazards });
}

/** Everyone the detail names: the record's people and whoever answered an item (one read of names). */
export const detailPeople = (i: InspectionRow['i'], results: ResultRow[]) => [...peopleOf(i), ...results.map((x) => x.updatedBy)];

/**
 * The detail from its parts: `get` reads them; submit assembles it from what its transaction already
 * holds. `hazards` are the opened hazards the caller may see.
 */
export function detail(
  ctx: Ctx,
  r: InspectionRow,
  template: TemplateContent,
  results: ResultRow[],
  parts: { names: Map<string, string>; photos: Awaited<ReturnType<typeof attachmentsOf>>; hazards: Awaited<ReturnType<typeof openedByInspection>> },
) {
  const { names, photos, hazards } = parts;
  const out = presentInspection(ctx, r, names);
  const byKey = new Map(results.map((x) => [x.itemKey, x]));
  const sections = template.sections.map((s) => ({
    title: s.title,
    titleEn: s.titleEn,
    items: s.items.map((item) => {
      const res = byKey.get(item.key);
      const h = res?.hazardId ? hazards.find((x) => x.id === res.hazardId) : undefined;
      return {
        ...item,
        result: res
          ? {
              result: res.result,
              note: res.note,
              grade: res.grade,
              updatedAt: res.updatedAt.toISOString(),
              updatedBy: res.updatedBy ? { id: res.updatedBy, name: names.get(res.updatedBy) ?? '' } : null,
              photos: photos.get(`inspection_result:${res.id}`) ?? [],
              hazard: h ? { id: h.id, number: h.number, status: h.status } : null,
            }
          : null,
      };
    }),
  }));
  return { ...out, sections };
}

export interface InspectionQuery {
  status?: InspectionStatus[];
  orgId?: string;
  siteId?: string;
  planId?: string;
  overdue?: boolean;
  scheduledFrom?: string;
  scheduledTo?: string;
  mine?: boolean;
  q?: string;
  includeWithdrawn?: boolean;
  sort?: string;
}

async function whereFor(ctx: Ctx, q: InspectionQuery): Promise<SQL> {
  const actor = requireActor(ctx);
  return inspectionWhere({
    scope: readScope(ctx),
    now: ctx.now,
    status: q.status,
    withinPath: q.orgId ? (await visibleOrg(ctx, q.orgId)).path : undefined,
    siteId: q.siteId,
    planId: q.planId,
    overdue: q.overdue,
    scheduledFrom: q.scheduledFrom,
    scheduledTo: q.scheduledTo,
    mine: q.mine ? actor.userId : undefined,
    q: q.q,
    includeWithdrawn: q.includeWithdrawn,
  });
}

export async function list(ctx: Ctx, q: InspectionQuery, p: PageParams) {
  const r = await listInspections(ctx.tx, await whereFor(ctx, q), p, q.sort);
  return pageOf(await present(ctx, r.items), r.total, p);
}

/** RPT-03: Excel of exactly what the list shows for these filters (audited). */
export async function exportXlsx(ctx: Ctx, q: InspectionQuery) {
  if (!can(ctx.actor, IP.export)) throw forbidden('FORBIDDEN', { action: IP.export });
  const where = await whereFor(ctx, q);
  const rows = await exportInspections(ctx.tx, where, q.sort, EXPORT_LIMIT + 1);
  if (rows.length > EXPORT_LIMIT) throw ruleRefused('EXPORT_TOO_LARGE', { limit: EXPORT_LIMIT });
  const out = await present(ctx, rows);
  const { sort: _sort, ...filter } = q;
  await audit(ctx, { action: 'inspections.export', targetType: 'inspections', targetLabel: `${out.length}`, detail: { filter, rows: out.length } });
  return buildXlsx({ zh: '安全检查记录', en: 'Inspections' }, INSPECTION_EXPORT_COLUMNS(ctx.lang), out, ctx.lang, ctx.app.config.timeZone);
}

export interface AdhocInput {
  templateId: string;
  orgId: string;
  siteId?: string | null;
  leaderId: string;
  memberIds?: string[];
  unannounced?: boolean;
  scheduledFor?: string;
  dueOn: string;
}

/** An inspection without a plan (ad hoc or unannounced): template, unit or site, team, due date. */
export async function createAdhoc(ctx: Ctx, input: AdhocInput) {
  const unit = await visibleOrg(ctx, input.orgId);
  if (!can(ctx.actor, IP.plan, unit.path)) throw forbidden('FORBIDDEN', { action: IP.plan, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (unit.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  if (input.siteId) {
    const [s] = await ctx.tx.select().from(sites).where(eq(sites.id, input.siteId));
    if (!s || s.withdrawnAt || s.orgId !== unit.id) throw ruleRefused('INSPECTION_SITE_NOT_IN_UNIT', {}, [{ path: 'siteId', code: 'INSPECTION_SITE_NOT_IN_UNIT' }]);
  }
  const tz = ctx.app.config.timeZone;
  const today = dateIn(ctx.now, tz);
  const scheduledFor = input.scheduledFor ?? today;
  const earliest = scheduledFor > today ? scheduledFor : today;
  if (input.dueOn < earliest) throw invalidField('dueOn', 'V_DATE_ORDER', { other: earliest });
  const template = await usableTemplate(ctx, input.templateId, unit.path, 'templateId');
  const memberIds = await checkTeam(ctx, input.leaderId, input.memberIds ?? [], [unit.path]);
  const id = randomUUID();
  const numbering = await numberingOrgId(ctx.tx, unit.path);
  const by = ctx.actor!.userId;
  const [{ number }] = await ctx.tx.insert(inspections).values({
    id,
    orgId: unit.id,
    numberingOrgId: numbering,
    number: docNumber(numbering, 'JC', ctx.now, tz),
    siteId: input.siteId ?? null,
    templateId: template.id,
    status: 'planned',
    unannounced: input.unannounced ?? false,
    scheduledFor,
    dueAt: endOfDayIn(input.dueOn, tz),
    leaderId: input.leaderId,
    memberIds,
    createdAt: ctx.now,
    createdBy: by,
    updatedAt: ctx.now,
    updatedBy: by,
  }).returning({ number: inspections.number });
  await audit(ctx, { action: 'inspections.create', targetType: 'inspection', targetId: id, targetLabel: `${number} ${unit.name}`, orgId: unit.id, detail: { adhoc: true, template: template.name, templateVersion: template.templateVersion, unannounced: input.unannounced ?? false, dueOn: input.dueOn } });
  return get(ctx, id);
}

/** A planned inspection that will not take place (e.g. the branch closed): kept, marked, with why. */
export async function withdraw(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const r = await visibleInspection(ctx, id);
  if (!can(ctx.actor, IP.plan, r.orgPath)) throw forbidden('FORBIDDEN', { action: IP.plan, targetType: 'inspection', targetId: id, orgId: r.i.orgId });
  if (r.i.withdrawnAt) throw invalidState('withdrawn');
  if (r.i.status !== 'planned' || r.i.startedAt) throw invalidState(r.i.status);
  const by = ctx.actor!.userId;
  await updateVersioned(ctx.tx, inspections, id, version ?? r.i.version, { withdrawnAt: ctx.now, withdrawnBy: by, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: by });
  await audit(ctx, { action: 'inspections.withdraw', targetType: 'inspection', targetId: id, targetLabel: `${r.i.number} ${r.orgName}`, orgId: r.i.orgId, detail: { reason } });
  return get(ctx, id);
}
