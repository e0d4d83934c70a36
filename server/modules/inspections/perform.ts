// Performing an inspection (INS-03, INS-04): start it, record each item's result (pass / fail / not
// applicable, note, photos, for a failure the confirmed grade), submit it. Only the team may do these
// steps; a submitted record is locked (409 INVALID_STATE). Submission opens one hazard per failed
// item through the hazards module, linked to the record and item, with the item's photos copied —
// all in the submitting transaction, so a refusal leaves nothing half written.
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { inspectionResults, inspections } from '../../db/schema/index.ts';
import type { HazardGrade, HazardStatus } from '../../db/schema/hazards.ts';
import type { ItemResult } from '../../db/schema/inspections.ts';
import { can } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { attachmentsOf, copyAttachments, linkAttachments } from '../../platform/files/service.ts';
import { AppError, forbidden, invalidField, invalidState, ruleRefused } from '../../platform/http/errors.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { mayReadHazardsIn, openHazard } from '../hazards/index.ts';
import { IP } from './permissions.ts';
import { isTeamMember } from './policy.ts';
import { type InspectionRow, peopleNames, resultsOf } from './repository.ts';
import { detail, detailPeople, get, visibleInspection } from './service.ts';
import { templateContents } from './template-content.ts';
import { itemsOf } from './templates.ts';

/** Locks the record (steps on one inspection queue up) and loads it as the caller sees it. */
export async function lockVisible(ctx: Ctx, id: string): Promise<InspectionRow> {
  const r = await visibleInspection(ctx, id, { lock: true });
  if (r.i.withdrawnAt) throw invalidState('withdrawn');
  return r;
}

/** 403 unless the caller is on the team and may inspect the unit. */
export function requireTeam(ctx: Ctx, r: InspectionRow): void {
  const denial = { action: IP.perform, targetType: 'inspection', targetId: r.i.id, orgId: r.i.orgId };
  if (!can(ctx.actor, IP.perform, r.orgPath)) throw forbidden('FORBIDDEN', denial);
  if (!isTeamMember(r.i, ctx.actor?.userId)) throw forbidden('NOT_ON_TEAM', { ...denial, reason: 'not on the team' });
}

const label = (r: InspectionRow) => `${r.i.number} ${r.orgName}`;

export async function start(ctx: Ctx, id: string, b: { location?: string | null; version?: number }) {
  const r = await lockVisible(ctx, id);
  requireTeam(ctx, r);
  if (r.i.status !== 'planned') throw invalidState(r.i.status);
  const by = ctx.actor!.userId;
  await updateVersioned(ctx.tx, inspections, id, b.version ?? r.i.version, { status: 'in_progress', startedAt: ctx.now, startedBy: by, location: b.location ?? r.i.location, updatedAt: ctx.now, updatedBy: by });
  await audit(ctx, { action: 'inspections.start', targetType: 'inspection', targetId: id, targetLabel: label(r), orgId: r.i.orgId, changes: { status: ['planned', 'in_progress'] }, detail: { location: b.location ?? null } });
  return get(ctx, id);
}

async function templateItems(ctx: Ctx, templateId: string) {
  return itemsOf((await templateContents(ctx, [templateId])).get(templateId)!.sections);
}

/**
 * Records one item's result (idempotent: the same call again changes nothing but the time). Photos
 * are uploaded first (/api/v1/attachments) and linked here. A change after someone signed clears the
 * signatures: a signature covers the results as they were when it was given.
 */
export async function recordResult(ctx: Ctx, id: string, itemKey: string, b: { result: ItemResult; note?: string | null; grade?: HazardGrade | null; attachmentIds?: string[] }) {
  const r = await lockVisible(ctx, id);
  requireTeam(ctx, r);
  if (r.i.status === 'submitted') throw invalidState('submitted');
  const item = (await templateItems(ctx, r.i.templateId)).find((x) => x.key === itemKey);
  if (!item) throw new AppError(404, 'INSPECTION_ITEM_NOT_FOUND', { key: itemKey });
  if (b.grade && b.result !== 'fail') throw invalidField('grade', 'GRADE_ONLY_FOR_FAIL');
  const by = ctx.actor!.userId;
  const [before] = await ctx.tx.select().from(inspectionResults).where(and(eq(inspectionResults.inspectionId, id), eq(inspectionResults.itemKey, itemKey)));
  const values = { result: b.result, note: b.note ?? null, grade: b.result === 'fail' ? (b.grade ?? item.defaultGrade) : null, updatedAt: ctx.now, updatedBy: by };
  const [row] = await ctx.tx
    .insert(inspectionResults)
    .values({ id: randomUUID(), inspectionId: id, orgId: r.i.orgId, itemKey, ...values })
    .onConflictDoUpdate({ target: [inspectionResults.inspectionId, inspectionResults.itemKey], set: values })
    .returning();
  await linkAttachments(ctx, b.attachmentIds ?? [], { type: 'inspection_result', id: row.id, orgId: r.i.orgId });
  const changed = !before || before.result !== values.result || before.note !== values.note || before.grade !== values.grade || !!b.attachmentIds?.length;
  const signed = !!(r.i.inspectorSignedAt || r.i.unitSignedAt);
  if (r.i.status === 'planned' || (signed && changed)) {
    const clear = signed && changed ? { inspectorSignedBy: null, inspectorSignedAt: null, inspectorSignMethod: null, inspectorSignatureId: null, unitSignedBy: null, unitSignerName: null, unitSignedAt: null, unitSignMethod: null, unitSignatureId: null } : {};
    const startNow = r.i.status === 'planned' ? { status: 'in_progress' as const, startedAt: ctx.now, startedBy: by } : {};
    await updateVersioned(ctx.tx, inspections, id, r.i.version, { ...clear, ...startNow, updatedAt: ctx.now, updatedBy: by });
  }
  if (changed) {
    await audit(ctx, {
      action: 'inspections.result',
      targetType: 'inspection',
      targetId: id,
      targetLabel: label(r),
      orgId: r.i.orgId,
      changes: { [`results.${itemKey}`]: [before ? `${before.result}${before.grade ? `/${before.grade}` : ''}` : null, `${values.result}${values.grade ? `/${values.grade}` : ''}`] },
      detail: { itemKey, note: values.note, photos: b.attachmentIds?.length ?? 0, signaturesCleared: signed },
    });
  }
  return get(ctx, id);
}

/**
 * Submits the record: every item answered (422 naming the missing keys) and the inspector signed.
 * It is locked from then on. Each failed item opens a hazard (INS-04). The answer is the record's
 * detail, assembled from what the transaction holds (read again, it would cost six more queries).
 */
export async function submit(ctx: Ctx, id: string, b: { summary?: string | null; location?: string | null; version?: number }) {
  const r = await lockVisible(ctx, id);
  requireTeam(ctx, r);
  if (r.i.status === 'submitted') throw invalidState('submitted');
  const template = (await templateContents(ctx, [r.i.templateId])).get(r.i.templateId)!;
  const results = await resultsOf(ctx.tx, id);
  const byKey = new Map(results.map((x) => [x.itemKey, x]));
  const missing = itemsOf(template.sections).filter((x) => !byKey.has(x.key)).map((x) => x.key);
  if (missing.length) {
    throw ruleRefused('ITEMS_UNANSWERED', { count: missing.length, keys: missing.join(', ') }, missing.map((k) => ({ path: `results.${k}`, code: 'V_REQUIRED' })));
  }
  if (!r.i.inspectorSignedAt) throw ruleRefused('INSPECTOR_SIGNATURE_REQUIRED', {}, [{ path: 'inspectorSignature', code: 'INSPECTOR_SIGNATURE_REQUIRED' }]);
  const by = ctx.actor!.userId;
  const location = b.location === undefined ? r.i.location : b.location;
  const i = await updateVersioned(ctx.tx, inspections, id, b.version ?? r.i.version, { status: 'submitted', submittedAt: ctx.now, submittedBy: by, summary: b.summary ?? null, location, updatedAt: ctx.now, updatedBy: by });
  // What the answer names and every item's photos are read before the first hazard takes a number
  // (that counter row stays locked until commit, so the less that runs after it, the less other
  // submissions wait). A submitted record's photos can no longer be withdrawn.
  const names = await peopleNames(ctx.tx, detailPeople(i, results));
  const photos = await attachmentsOf(ctx, results.map((x) => ({ type: 'inspection_result', id: x.id, canWithdraw: false })));
  const failed = itemsOf(template.sections).filter((item) => byKey.get(item.key)!.result === 'fail');
  const opened: Array<{ id: string; number: string; status: HazardStatus }> = [];
  for (const item of failed) {
    const res = byKey.get(item.key)!;
    const h = await openHazard(
      ctx,
      {
        title: item.text.slice(0, 200),
        description: `${ctx.lang === 'en' ? 'Found by inspection' : '安全检查发现'} ${r.i.number}（${template.name}）：${res.note ?? (ctx.lang === 'en' ? 'failed' : '不合格')}\n${ctx.lang === 'en' ? 'Standard' : '检查标准'}：${item.standard}`.slice(0, 5000),
        category: item.category,
        source: 'inspection',
        orgId: r.i.orgId,
        siteId: r.i.siteId,
        location: location ?? r.siteName ?? null,
        grade: res.grade ?? item.defaultGrade,
      },
      { inspectionId: id, inspectionItemKey: item.key },
    );
    await copyAttachments(ctx, (photos.get(`inspection_result:${res.id}`) ?? []).map((a) => a.id), { type: 'hazard', id: h.id, orgId: h.orgId });
    await ctx.tx.update(inspectionResults).set({ hazardId: h.id }).where(eq(inspectionResults.id, res.id));
    res.hazardId = h.id;
    opened.push({ id: h.id, number: h.number, status: h.status });
  }
  await audit(ctx, {
    action: 'inspections.submit',
    targetType: 'inspection',
    targetId: id,
    targetLabel: label(r),
    orgId: r.i.orgId,
    changes: { status: [r.i.status, 'submitted'] },
    detail: { failed: opened.length, hazards: opened.map((h) => h.number), summary: b.summary ?? null },
  });
  // The counts are this transaction's (the locked read's may predate a result the lock waited for).
  const counted = { ...r, i, answeredCount: results.length, failedCount: results.filter((x) => x.result === 'fail').length };
  // The hazards were opened in the record's unit: the caller sees them if they read that unit's hazards.
  return detail(ctx, counted, template, results, { names, photos, hazards: mayReadHazardsIn(ctx, r.orgPath) ? opened : [] });
}
