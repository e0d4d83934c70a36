// Deadline extensions (HAZ-04): the responsible side asks with a reason; the security head approves
// or rejects (never the person who asked). Only an approval moves due_at — audited like any change.
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { hazardExtensions, hazards, hazardUpdates } from '../../db/schema/index.ts';
import { can } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { dateIn, endOfDayIn } from '../../platform/time.ts';
import * as notices from './notices.ts';
import { HP } from './permissions.ts';
import { extensionDecidable, isResponsibleSide, STEP_FROM } from './policy.ts';
import { get, visibleHazard } from './service.ts';

export async function requestExtension(ctx: Ctx, id: string, b: { requestedDueOn: string; reason: string }) {
  const r = await visibleHazard(ctx, id);
  const h = r.hazard;
  if (h.withdrawnAt || !STEP_FROM.requestExtension.includes(h.status) || !h.dueAt) throw invalidState(h.withdrawnAt ? 'withdrawn' : h.status);
  if (!isResponsibleSide(ctx, h, r.orgPath)) throw forbidden('FORBIDDEN', { action: HP.rectify, targetType: 'hazard', targetId: id, orgId: h.orgId });
  const tz = ctx.app.config.timeZone;
  const requestedDueAt = endOfDayIn(b.requestedDueOn, tz);
  if (b.requestedDueOn <= dateIn(h.dueAt, tz)) throw ruleRefused('EXTENSION_NOT_LATER', {}, [{ path: 'requestedDueOn', code: 'EXTENSION_NOT_LATER' }]);
  // One pending request at a time: lock the hazard row so two concurrent requests cannot both pass.
  await ctx.tx.select({ id: hazards.id }).from(hazards).where(eq(hazards.id, id)).for('update');
  const [pending] = await ctx.tx.select({ id: hazardExtensions.id }).from(hazardExtensions).where(and(eq(hazardExtensions.hazardId, id), eq(hazardExtensions.status, 'pending')));
  if (pending) throw conflict('EXTENSION_PENDING');
  const extId = randomUUID();
  await ctx.tx.insert(hazardExtensions).values({ id: extId, hazardId: id, orgId: h.orgId, requestedBy: ctx.actor!.userId, requestedAt: ctx.now, currentDueAt: h.dueAt, requestedDueAt, reason: b.reason, status: 'pending' });
  await ctx.tx.insert(hazardUpdates).values({ id: randomUUID(), hazardId: id, orgId: h.orgId, step: 'extension_request', note: b.reason, fromStatus: h.status, toStatus: h.status, createdAt: ctx.now, createdBy: ctx.actor!.userId });
  await audit(ctx, { action: 'hazards.extension_request', targetType: 'hazard', targetId: id, targetLabel: `${h.number} ${h.title}`, orgId: h.orgId, detail: { extensionId: extId, from: h.dueAt.toISOString(), to: requestedDueAt.toISOString(), reason: b.reason } });
  await notices.extensionRequested(ctx, h, r.orgPath, extId, b.requestedDueOn);
  return get(ctx, id);
}

export async function decideExtension(ctx: Ctx, id: string, extensionId: string, approve: boolean, b: { note?: string | null; version?: number }) {
  const r = await visibleHazard(ctx, id);
  const [e] = await ctx.tx.select().from(hazardExtensions).where(and(eq(hazardExtensions.id, extensionId), eq(hazardExtensions.hazardId, id)));
  if (!e) throw notFound('EXTENSION_NOT_FOUND');
  if (!can(ctx.actor, HP.approve_extension, r.orgPath)) throw forbidden('FORBIDDEN', { action: HP.approve_extension, targetType: 'hazard', targetId: id, orgId: r.hazard.orgId });
  if (e.requestedBy === ctx.actor!.userId) throw ruleRefused('SAME_PERSON_CANNOT_APPROVE');
  if (e.status !== 'pending') throw invalidState(e.status);
  if (!extensionDecidable(r.hazard)) throw invalidState(r.hazard.withdrawnAt ? 'withdrawn' : r.hazard.status);
  const decided = await updateVersioned(ctx.tx, hazardExtensions, extensionId, b.version ?? e.version, {
    status: approve ? 'approved' : 'rejected',
    decidedBy: ctx.actor!.userId,
    decidedAt: ctx.now,
    decisionNote: b.note ?? null,
  });
  const h = r.hazard;
  if (approve) {
    await updateVersioned(ctx.tx, hazards, id, h.version, { dueAt: e.requestedDueAt, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  }
  await ctx.tx.insert(hazardUpdates).values({ id: randomUUID(), hazardId: id, orgId: h.orgId, step: 'extension_decision', note: b.note ?? (approve ? 'approved' : 'rejected'), fromStatus: h.status, toStatus: h.status, createdAt: ctx.now, createdBy: ctx.actor!.userId });
  await audit(ctx, {
    action: approve ? 'hazards.extension_approve' : 'hazards.extension_reject',
    targetType: 'hazard',
    targetId: id,
    targetLabel: `${h.number} ${h.title}`,
    orgId: h.orgId,
    changes: approve ? { dueAt: [h.dueAt?.toISOString() ?? null, e.requestedDueAt.toISOString()] } : null,
    detail: { extensionId, note: b.note ?? null },
  });
  await notices.extensionDecided(ctx, h, decided.requestedBy, approve);
  return get(ctx, id);
}
