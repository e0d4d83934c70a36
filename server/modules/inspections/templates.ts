// Checklist templates (INS-01): sections of items, each with its standard, method, hazard category and
// the grade a failure proposes. Templates are versioned: an edit writes a new row (version + 1) of the
// same family and the old row stops being current; records keep the row they used. A template
// belongs to a unit and serves that unit's subtree; the shipped set is installed into every new
// cooperative (and every new top unit) through the org-created hook.
import { and, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inspectionPlans, inspectionResults, inspections, inspectionTemplates, orgs } from '../../db/schema/index.ts';
import type { TemplateSection } from '../../db/schema/inspections.ts';
import type { Executor } from '../../db/client.ts';
import { recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, conflict, type ErrorDetail, forbidden, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { numberingOrgId } from '../../platform/numbering-org.ts';
import { onOrgCreated } from '../../platform/orgs/hooks.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { IP } from './permissions.ts';
import { SHIPPED_TEMPLATES } from './shipped/index.ts';

export type TemplateRow = typeof inspectionTemplates.$inferSelect;
type Row = { t: TemplateRow; orgName: string; orgPath: string };

/** The units from `path`'s cooperative down to the unit itself: whose templates serve the unit. */
export async function cooperativeChain(ex: Executor, path: string): Promise<string[]> {
  const ids = path.split('/').filter(Boolean);
  return ids.slice(Math.max(0, ids.indexOf(await numberingOrgId(ex, path))));
}

/** Templates the caller may read: of units in their subtrees, and of the units above them up to their cooperative. */
async function templateScope(ctx: Ctx): Promise<SQL> {
  const roots = scopePaths(requireActor(ctx), IP.read);
  const above = new Set<string>();
  for (const p of roots) for (const id of await cooperativeChain(ctx.tx, p)) above.add(id);
  return or(inSubtrees(inspectionTemplates.orgId, roots), above.size ? inArray(inspectionTemplates.orgId, [...above]) : sql`false`)!;
}

const select = (ex: Executor) =>
  ex.select({ t: inspectionTemplates, orgName: orgs.name, orgPath: orgs.path }).from(inspectionTemplates).innerJoin(orgs, eq(orgs.id, inspectionTemplates.orgId));

export const itemsOf = (sections: TemplateSection[]) => sections.flatMap((s) => s.items);

function present(ctx: Ctx, r: Row) {
  const t = r.t;
  const editable = t.current && !t.withdrawnAt && can(ctx.actor, IP.manage_templates, r.orgPath);
  return {
    id: t.id,
    familyId: t.familyId,
    templateVersion: t.templateVersion,
    current: t.current,
    kind: t.kind,
    name: t.name,
    nameEn: t.nameEn,
    description: t.description,
    shipped: t.shipped,
    orgId: t.orgId,
    orgName: r.orgName,
    sectionCount: t.sections.length,
    itemCount: itemsOf(t.sections).length,
    ...recordMeta(t),
    allowedActions: editable ? ['edit', 'withdraw'] : [],
  };
}

/** A template version the caller may read (404 otherwise, audited when it exists elsewhere). */
export async function visibleTemplate(ctx: Ctx, id: string): Promise<Row> {
  const [r] = await select(ctx.tx).where(eq(inspectionTemplates.id, id));
  if (!r) throw notFound('TEMPLATE_NOT_FOUND');
  const [ok] = await ctx.tx.select({ id: inspectionTemplates.id }).from(inspectionTemplates).where(and(eq(inspectionTemplates.id, id), await templateScope(ctx)));
  if (!ok) throw notFound('TEMPLATE_NOT_FOUND', { action: IP.read, targetType: 'inspection_template', targetId: id, orgId: r.t.orgId, reason: 'out of scope' });
  return r;
}

export async function get(ctx: Ctx, id: string) {
  const r = await visibleTemplate(ctx, id);
  return { ...present(ctx, r), sections: r.t.sections };
}

const SORTS = { name: inspectionTemplates.name, kind: inspectionTemplates.kind, createdAt: inspectionTemplates.createdAt, updatedAt: inspectionTemplates.updatedAt };

export async function list(ctx: Ctx, q: { kind?: TemplateRow['kind']; q?: string; orgId?: string; includeRetired?: boolean; sort?: string }, p: PageParams) {
  const c: SQL[] = [await templateScope(ctx), eq(inspectionTemplates.current, true)];
  if (!q.includeRetired) c.push(isNull(inspectionTemplates.withdrawnAt));
  if (q.kind) c.push(eq(inspectionTemplates.kind, q.kind));
  if (q.orgId) c.push(eq(inspectionTemplates.orgId, (await visibleOrg(ctx, q.orgId)).id));
  if (q.q) c.push(or(ilike(inspectionTemplates.name, `%${likeEscape(q.q)}%`), ilike(inspectionTemplates.nameEn, `%${likeEscape(q.q)}%`))!);
  const where = and(...c)!;
  const [items, [{ n }]] = await Promise.all([
    select(ctx.tx).where(where).orderBy(...sortOrder(q.sort, SORTS, 'kind', inspectionTemplates.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(inspectionTemplates).where(where),
  ]);
  return pageOf(items.map((r) => present(ctx, r)), Number(n), p);
}

/** Every version of the template's family, newest first. */
export async function versions(ctx: Ctx, id: string) {
  const r = await visibleTemplate(ctx, id);
  const rs = await select(ctx.tx).where(eq(inspectionTemplates.familyId, r.t.familyId)).orderBy(desc(inspectionTemplates.templateVersion));
  return rs.map((x) => present(ctx, x));
}

/** Item keys are unique within a template: results are stored against them. */
function checkKeys(sections: TemplateSection[]): void {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  sections.forEach((s, i) =>
    s.items.forEach((it, j) => {
      if (seen.has(it.key)) details.push({ path: `sections.${i}.items.${j}.key`, code: 'DUPLICATE_ITEM_KEY', params: { key: it.key } });
      seen.add(it.key);
    }),
  );
  if (details.length) throw new AppError(400, 'VALIDATION_FAILED', {}, details);
}

type SectionInput = { title: string; titleEn?: string; items: Array<Omit<TemplateSection['items'][number], 'textEn' | 'standardEn'> & { textEn?: string; standardEn?: string }> };

/** Stored shape: English texts always present (empty when not given; readers fall back to Chinese). */
const normalise = (sections: SectionInput[]): TemplateSection[] =>
  sections.map((s) => ({ title: s.title, titleEn: s.titleEn ?? '', items: s.items.map((i) => ({ ...i, textEn: i.textEn ?? '', standardEn: i.standardEn ?? '' })) }));

export interface TemplateInput {
  orgId?: string;
  kind: TemplateRow['kind'];
  name: string;
  nameEn?: string;
  description?: string | null;
  sections: SectionInput[];
}

async function manageableOrg(ctx: Ctx, orgId: string | undefined) {
  const actor = requireActor(ctx);
  const org = await visibleOrg(ctx, orgId ?? (await numberingOrgId(ctx.tx, actor.orgPath)));
  if (!can(actor, IP.manage_templates, org.path)) throw forbidden('FORBIDDEN', { action: IP.manage_templates, targetType: 'org', targetId: org.id, orgId: org.id });
  if (org.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  return org;
}

export async function create(ctx: Ctx, input: TemplateInput) {
  const org = await manageableOrg(ctx, input.orgId);
  const sections = normalise(input.sections);
  checkKeys(sections);
  const id = randomUUID();
  const by = ctx.actor!.userId;
  const [t] = await ctx.tx
    .insert(inspectionTemplates)
    .values({ id, orgId: org.id, familyId: id, templateVersion: 1, current: true, kind: input.kind, name: input.name, nameEn: input.nameEn ?? '', description: input.description ?? null, sections, shipped: false, createdAt: ctx.now, createdBy: by, updatedAt: ctx.now, updatedBy: by })
    .returning();
  await audit(ctx, { action: 'inspection_templates.create', targetType: 'inspection_template', targetId: id, targetLabel: t.name, orgId: org.id, detail: { kind: t.kind, items: itemsOf(sections).length } });
  return get(ctx, id);
}

/** Loads the current, active version for a change by someone who may maintain it. */
async function forChange(ctx: Ctx, id: string): Promise<Row> {
  const r = await visibleTemplate(ctx, id);
  if (!can(ctx.actor, IP.manage_templates, r.orgPath)) throw forbidden('FORBIDDEN', { action: IP.manage_templates, targetType: 'inspection_template', targetId: id, orgId: r.t.orgId });
  if (!r.t.current) throw conflict('TEMPLATE_NOT_CURRENT');
  if (r.t.withdrawnAt) throw invalidState('retired');
  return r;
}

/**
 * Edits a template: the current row stops being current and a new row (version + 1) takes its place.
 * Inspections already under way keep the version they started on; planned ones that have no result
 * yet move to the new version, so the next visit uses the corrected checklist.
 */
export async function update(ctx: Ctx, id: string, patch: Partial<Omit<TemplateInput, 'orgId'>>, version: number) {
  const r = await forChange(ctx, id);
  const old = r.t;
  const sections = patch.sections ? normalise(patch.sections) : old.sections;
  checkKeys(sections);
  const by = ctx.actor!.userId;
  await updateVersioned(ctx.tx, inspectionTemplates, old.id, version, { current: false, updatedAt: ctx.now, updatedBy: by });
  const newId = randomUUID();
  const [t] = await ctx.tx
    .insert(inspectionTemplates)
    .values({
      id: newId,
      orgId: old.orgId,
      familyId: old.familyId,
      templateVersion: old.templateVersion + 1,
      current: true,
      kind: patch.kind ?? old.kind,
      name: patch.name ?? old.name,
      nameEn: patch.nameEn ?? old.nameEn,
      description: patch.description === undefined ? old.description : patch.description,
      sections,
      shipped: false,
      createdAt: ctx.now,
      createdBy: by,
      updatedAt: ctx.now,
      updatedBy: by,
    })
    .returning();
  const moved = await ctx.tx
    .update(inspections)
    .set({ templateId: newId, updatedAt: ctx.now, updatedBy: by })
    .where(
      and(
        eq(inspections.templateId, old.id),
        eq(inspections.status, 'planned'),
        isNull(inspections.withdrawnAt),
        sql`not exists (select 1 from ${inspectionResults} r where r.inspection_id = ${inspections.id})`,
      ),
    )
    .returning({ id: inspections.id });
  const count = (x: TemplateRow) => ({ ...x, items: itemsOf(x.sections).length, keys: itemsOf(x.sections).map((i) => i.key).join(',') });
  await audit(ctx, {
    action: 'inspection_templates.update',
    targetType: 'inspection_template',
    targetId: newId,
    targetLabel: `${t.name} v${t.templateVersion}`,
    orgId: t.orgId,
    changes: { ...diff(count(old), count(t), ['kind', 'name', 'nameEn', 'description', 'items', 'keys']), templateVersion: [old.templateVersion, t.templateVersion] },
    detail: { familyId: t.familyId, previousId: old.id, inspectionsMoved: moved.length },
  });
  return get(ctx, newId);
}

/** Retires the family (SEC-05: kept, with who and why); refused while an active plan uses it. */
export async function withdraw(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const r = await forChange(ctx, id);
  const [{ n }] = await ctx.tx
    .select({ n: count() })
    .from(inspectionPlans)
    .where(and(eq(inspectionPlans.templateFamilyId, r.t.familyId), eq(inspectionPlans.active, true), isNull(inspectionPlans.withdrawnAt)));
  if (Number(n) > 0) throw ruleRefused('TEMPLATE_IN_USE', { count: Number(n) });
  await updateVersioned(ctx.tx, inspectionTemplates, id, version ?? r.t.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'inspection_templates.withdraw', targetType: 'inspection_template', targetId: id, targetLabel: r.t.name, orgId: r.t.orgId, detail: { reason, familyId: r.t.familyId } });
  return get(ctx, id);
}

/**
 * The current version of a template family that may serve `unitPath` (a template of the unit's
 * cooperative or of a unit between it and the unit); `field` is named in the refusal.
 */
export async function usableTemplate(ctx: Ctx, idOrFamily: string, unitPath: string, field: string): Promise<TemplateRow> {
  const [any] = await ctx.tx.select().from(inspectionTemplates).where(or(eq(inspectionTemplates.id, idOrFamily), eq(inspectionTemplates.familyId, idOrFamily))).limit(1);
  const [cur] = any ? await ctx.tx.select().from(inspectionTemplates).where(and(eq(inspectionTemplates.familyId, any.familyId), eq(inspectionTemplates.current, true))) : [];
  if (!cur) throw ruleRefused('TEMPLATE_NOT_FOUND', {}, [{ path: field, code: 'TEMPLATE_NOT_FOUND' }]);
  if (cur.withdrawnAt) throw ruleRefused('TEMPLATE_RETIRED', {}, [{ path: field, code: 'TEMPLATE_RETIRED' }]);
  if (!(await cooperativeChain(ctx.tx, unitPath)).includes(cur.orgId)) throw ruleRefused('TEMPLATE_NOT_USABLE', {}, [{ path: field, code: 'TEMPLATE_NOT_USABLE' }]);
  return cur;
}

/** INS-01: the shipped checklists, installed into a new cooperative (county union) or top unit. */
export async function installShipped(ctx: Ctx, org: { id: string; name: string }): Promise<number> {
  const by = ctx.actor?.userId ?? null;
  const values = SHIPPED_TEMPLATES.map((s) => {
    const id = randomUUID();
    return { id, orgId: org.id, familyId: id, templateVersion: 1, current: true, kind: s.kind, name: s.name, nameEn: s.nameEn, description: s.description, sections: s.sections, shipped: true, createdAt: ctx.now, createdBy: by, updatedAt: ctx.now, updatedBy: by };
  });
  await ctx.tx.insert(inspectionTemplates).values(values);
  await audit(ctx, { action: 'inspection_templates.install', targetType: 'org', targetId: org.id, targetLabel: org.name, orgId: org.id, detail: { templates: values.map((v) => v.name) } });
  return values.length;
}

onOrgCreated('inspections.shipped-templates', async (ctx, org) => {
  if (org.kind === 'county_union' || !org.parentId) await installShipped(ctx, org);
});
