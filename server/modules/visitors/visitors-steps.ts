// The visit's state machine (VIS-01): appointed → inside → left, or appointed → cancelled / no_show.
// Each step checks scope (404), permission at the unit (403), state (409 INVALID_STATE), version (409),
// and is audited in the same transaction. Revealing a document number needs a reason and is audited.
import { visitors } from '../../db/schema/index.ts';
import type { VisitorStatus } from '../../db/schema/visitors.ts';
import { can, requireActor } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidState } from '../../platform/http/errors.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { VP } from './permissions.ts';
import { notifyArrival } from './visitors-notices.ts';
import { get, refuseBlocklisted, VISITOR_STEPS, visibleVisitor } from './visitors-service.ts';

type Step = keyof typeof VISITOR_STEPS;
type Row = typeof visitors.$inferSelect;

async function forStep(ctx: Ctx, id: string, step: Step) {
  const r = await visibleVisitor(ctx, id);
  const spec = VISITOR_STEPS[step];
  if (!can(requireActor(ctx), spec.perm, r.orgPath)) throw forbidden('FORBIDDEN', { action: spec.perm, targetType: 'visitor', targetId: id, orgId: r.row.orgId });
  if (r.row.withdrawnAt) throw invalidState('withdrawn');
  if (!spec.from.includes(r.row.status)) throw invalidState(r.row.status);
  return r;
}

async function apply(ctx: Ctx, before: Row, step: Step, version: number | undefined, set: Partial<Row>, reason?: string) {
  const after = await updateVersioned(ctx.tx, visitors, before.id, version ?? before.version, { ...set, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, {
    action: `visitors.${step}`,
    targetType: 'visitor',
    targetId: before.id,
    targetLabel: `${before.number} ${before.name}`,
    orgId: before.orgId,
    changes: diff(before, after, ['status', 'checkedInAt', 'checkedOutAt', 'endReason']),
    detail: reason ? { reason } : null,
  });
  return after;
}

/** The desk checks an appointed visitor in; the blocklist is checked again; the host is told. */
export async function checkIn(ctx: Ctx, id: string, b: { version?: number }) {
  const r = await forStep(ctx, id, 'check_in');
  await refuseBlocklisted(ctx, r.orgPath, r.row.documentNumberHash);
  const after = await apply(ctx, r.row, 'check_in', b.version, { status: 'inside' as VisitorStatus, checkedInAt: ctx.now, checkedInBy: ctx.actor!.userId });
  await notifyArrival(ctx, after);
  return get(ctx, id);
}

export async function checkOut(ctx: Ctx, id: string, b: { version?: number }) {
  const r = await forStep(ctx, id, 'check_out');
  await apply(ctx, r.row, 'check_out', b.version, { status: 'left', checkedOutAt: ctx.now, checkedOutBy: ctx.actor!.userId });
  return get(ctx, id);
}

export async function cancel(ctx: Ctx, id: string, b: { reason: string; version?: number }) {
  const r = await forStep(ctx, id, 'cancel');
  await apply(ctx, r.row, 'cancel', b.version, { status: 'cancelled', endReason: b.reason }, b.reason);
  return get(ctx, id);
}

export async function noShow(ctx: Ctx, id: string, b: { version?: number }) {
  const r = await forStep(ctx, id, 'no_show');
  await apply(ctx, r.row, 'no_show', b.version, { status: 'no_show' });
  return get(ctx, id);
}

/** VIS-01 / PIP-02: the document number in clear, with the reason recorded in the audit trail (not the number). */
export async function reveal(ctx: Ctx, id: string, reason: string) {
  const r = await visibleVisitor(ctx, id);
  if (!can(requireActor(ctx), VP.reveal, r.orgPath)) throw forbidden('FORBIDDEN', { action: VP.reveal, targetType: 'visitor', targetId: id, orgId: r.row.orgId });
  const value = ctx.app.keys.decrypt(r.row.documentNumberEnc);
  await audit(ctx, { action: 'visitors.reveal', targetType: 'visitor', targetId: id, targetLabel: `${r.row.number} ${r.row.name}`, orgId: r.row.orgId, detail: { field: 'documentNumber', reason } });
  return { field: 'documentNumber', value };
}
