// Fault tickets (故障工单, EQP-03): reported (by anyone, also from a patrol, an inspection or a
// maintenance task) → assigned to a person → fixed by the assignee (what was done) → verified and
// closed by someone other than the fixer and the reporter (422 FAULT_SAME_PERSON_CANNOT_VERIFY), or
// reopened with the reason. While a ticket is open its equipment is faulty (out of service when the
// reporter says so); verification returns it to service. A serious fault also opens a hazard.
import { and, eq, isNull, ne } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { equipment, equipmentFaults } from '../../db/schema/index.ts';
import type { EquipmentStatus, FaultSource } from '../../db/schema/equipment.ts';
import type { HazardCategory, HazardSource } from '../../db/schema/hazards.ts';
import { can, requireActor } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { listForOwner, linkAttachments } from '../../platform/files/service.ts';
import { forbidden, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { docNumber } from '../../platform/numbering.ts';
import { openHazard } from '../hazards/index.ts';
import { faultLink, peopleNames, requireEligiblePerson } from './common.ts';
import { presentFaults, selectFaults } from './faults-repository.ts';
import { EP } from './permissions.ts';
import { FAULT_STEP_FROM, mayFix, verifierConflict } from './policy.ts';
import { type FaultRow, faultPeople, presentFault } from './present.ts';
import { requireAt, visibleEquipment } from './service.ts';

type Fault = typeof equipmentFaults.$inferSelect;

export async function visibleFault(ctx: Ctx, id: string): Promise<FaultRow> {
  const [r] = await selectFaults(ctx).where(eq(equipmentFaults.id, id));
  if (!r) throw notFound('FAULT_NOT_FOUND');
  if (!can(requireActor(ctx), EP.read, r.orgPath)) throw notFound('FAULT_NOT_FOUND', { action: EP.read, targetType: 'equipment_fault', targetId: id, orgId: r.f.orgId, reason: 'out of scope' });
  return r;
}

export async function getFault(ctx: Ctx, id: string) {
  const r = await visibleFault(ctx, id);
  const names = await peopleNames(ctx.tx, faultPeople(r));
  return { ...presentFault(ctx, r, names), photos: await listForOwner(ctx, 'equipment_fault', id, false) };
}

export { presentFaults };

/** EQP-03: the equipment's status follows its open tickets (retired and withdrawn equipment keep theirs). */
export async function syncEquipmentStatus(ctx: Ctx, equipmentId: string): Promise<void> {
  const [e] = await ctx.tx.select().from(equipment).where(eq(equipment.id, equipmentId));
  if (!e || e.withdrawnAt || e.status === 'retired') return;
  const open = await ctx.tx
    .select({ outOfService: equipmentFaults.outOfService })
    .from(equipmentFaults)
    .where(and(eq(equipmentFaults.equipmentId, equipmentId), ne(equipmentFaults.status, 'closed'), isNull(equipmentFaults.withdrawnAt)));
  const next: EquipmentStatus = open.some((f) => f.outOfService) ? 'out_of_service' : open.length ? 'faulty' : 'in_service';
  if (next === e.status) return;
  const after = await updateVersioned(ctx.tx, equipment, e.id, e.version, { status: next, updatedAt: ctx.now, updatedBy: ctx.actor?.userId ?? null });
  await audit(ctx, { action: 'equipment.status', targetType: 'equipment', targetId: e.id, targetLabel: `${e.number} ${e.name}`, orgId: e.orgId, changes: diff(e, after, ['status']), detail: { open: open.length } });
}

async function send(ctx: Ctx, f: Fault, name: string, rule: string, dueKey: string, recipients: Array<string | null | undefined>) {
  const to = [...new Set(recipients.filter((x): x is string => !!x))].filter((id) => id !== ctx.actor?.userId);
  if (!to.length) return;
  await notify(ctx, { rule, orgId: f.orgId, targetType: 'equipment_fault', targetId: f.id, dueKey, recipients: to, messageCode: rule, params: { number: f.number, name }, link: faultLink(f.id) });
}

export interface FaultInput {
  equipmentId: string;
  description: string;
  outOfService?: boolean;
  serious?: boolean;
  source?: FaultSource;
  sourceId?: string | null;
  attachmentIds?: string[];
}

const HAZARD_CATEGORY = (kind: string): HazardCategory => (kind.startsWith('fire_') || kind === 'emergency_light' ? 'fire' : 'physical');
const HAZARD_SOURCE: Record<FaultSource, HazardSource> = { report: 'report', patrol: 'patrol', inspection: 'inspection', maintenance: 'other' };

/** EQP-03: opens a ticket; its equipment becomes faulty (or out of service). Used by the maintenance tasks too. */
export async function openFault(ctx: Ctx, input: FaultInput): Promise<Fault> {
  const actor = requireActor(ctx);
  const r = await visibleEquipment(ctx, input.equipmentId);
  requireAt(ctx, EP.report_fault, r.orgPath, { type: 'equipment', id: r.e.id, orgId: r.e.orgId });
  if (r.e.withdrawnAt) throw invalidState('withdrawn');
  if (r.e.status === 'retired') throw ruleRefused('EQUIPMENT_RETIRED', {}, [{ path: 'equipmentId', code: 'EQUIPMENT_RETIRED' }]);
  const id = randomUUID();
  let hazardId: string | null = null;
  if (input.serious) {
    const h = await openHazard(ctx, {
      title: `${ctx.lang === 'en' ? 'Equipment fault' : '安防设施故障'}：${r.e.number} ${r.e.name}`.slice(0, 200),
      description: input.description,
      category: HAZARD_CATEGORY(r.e.kind),
      source: HAZARD_SOURCE[input.source ?? 'report'],
      orgId: r.e.orgId,
      siteId: r.e.siteId,
      location: r.e.location,
    });
    hazardId = h.id;
  }
  const [f] = await ctx.tx
    .insert(equipmentFaults)
    .values({
      id,
      orgId: r.e.orgId,
      numberingOrgId: r.e.numberingOrgId,
      number: docNumber(r.e.numberingOrgId, 'GZ', ctx.now, ctx.app.config.timeZone),
      equipmentId: r.e.id,
      description: input.description,
      outOfService: input.outOfService ?? false,
      serious: input.serious ?? false,
      source: input.source ?? 'report',
      sourceId: input.sourceId ?? null,
      status: 'reported',
      reportedBy: actor.userId,
      reportedAt: ctx.now,
      hazardId,
      createdAt: ctx.now,
      createdBy: actor.userId,
      updatedAt: ctx.now,
      updatedBy: actor.userId,
    })
    .returning();
  await linkAttachments(ctx, input.attachmentIds ?? [], { type: 'equipment_fault', id, orgId: r.e.orgId });
  await audit(ctx, {
    action: 'equipment_faults.report',
    targetType: 'equipment_fault',
    targetId: id,
    targetLabel: `${f.number} ${r.e.number} ${r.e.name}`,
    orgId: r.e.orgId,
    detail: { equipmentId: r.e.id, outOfService: f.outOfService, serious: f.serious, source: f.source, sourceId: f.sourceId, hazardId, attachments: input.attachmentIds?.length ?? 0 },
  });
  await syncEquipmentStatus(ctx, r.e.id);
  await send(ctx, f, r.e.name, 'equipment.fault_reported', 'report', await holders(ctx, { permission: EP.assign_fault, orgPath: r.orgPath }));
  return f;
}

export async function report(ctx: Ctx, input: FaultInput) {
  return getFault(ctx, (await openFault(ctx, input)).id);
}

async function forStep(ctx: Ctx, id: string, step: keyof typeof FAULT_STEP_FROM): Promise<FaultRow> {
  const r = await visibleFault(ctx, id);
  if (r.f.withdrawnAt) throw invalidState('withdrawn');
  if (!FAULT_STEP_FROM[step].includes(r.f.status)) throw invalidState(r.f.status);
  return r;
}

const FIELDS = ['status', 'assigneeId', 'fixNote', 'verificationNote', 'closedAt', 'reopenCount', 'reopenReason', 'withdrawnReason'] as const;

async function apply(ctx: Ctx, r: FaultRow, step: string, version: number | undefined, set: Partial<Fault>, note?: string | null) {
  const before = r.f;
  const after = await updateVersioned(ctx.tx, equipmentFaults, before.id, version ?? before.version, { ...set, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, {
    action: `equipment_faults.${step}`,
    targetType: 'equipment_fault',
    targetId: before.id,
    targetLabel: `${before.number} ${r.equipmentNumber} ${r.equipmentName}`,
    orgId: before.orgId,
    changes: diff(before, after, FIELDS),
    detail: note ? { note } : null,
  });
  return after;
}

export async function assign(ctx: Ctx, id: string, b: { assigneeId: string; note?: string | null; version?: number }) {
  const r = await forStep(ctx, id, 'assign');
  requireAt(ctx, EP.assign_fault, r.orgPath, { type: 'equipment_fault', id, orgId: r.f.orgId });
  await requireEligiblePerson(ctx, b.assigneeId, r.orgPath, 'assigneeId');
  const after = await apply(ctx, r, 'assign', b.version, { status: 'assigned', assigneeId: b.assigneeId, assignedBy: ctx.actor!.userId, assignedAt: ctx.now }, b.note);
  await send(ctx, after, r.equipmentName, 'equipment.fault_assigned', `assign:${ctx.now.toISOString()}`, [b.assigneeId]);
  return getFault(ctx, id);
}

/** The assignee reports what was done (photos optional). */
export async function fix(ctx: Ctx, id: string, b: { note: string; attachmentIds?: string[]; version?: number }) {
  const r = await forStep(ctx, id, 'fix');
  if (!mayFix(ctx, r.f, r.orgPath)) throw forbidden('FORBIDDEN', { action: 'equipment_faults.fix', targetType: 'equipment_fault', targetId: id, orgId: r.f.orgId, reason: 'not the assignee' });
  const after = await apply(ctx, r, 'fix', b.version, { status: 'fixed', fixedBy: ctx.actor!.userId, fixedAt: ctx.now, fixNote: b.note }, b.note);
  await linkAttachments(ctx, b.attachmentIds ?? [], { type: 'equipment_fault', id, orgId: r.f.orgId });
  const verifiers = (await holders(ctx, { permission: EP.verify_fault, orgPath: r.orgPath })).filter((u) => !verifierConflict(u, after));
  await send(ctx, after, r.equipmentName, 'equipment.fault_fixed', `fixed:${ctx.now.toISOString()}`, verifiers);
  return getFault(ctx, id);
}

/** EQP-03: verified by someone other than the fixer and the reporter; closes the ticket, the equipment returns to service. */
export async function verify(ctx: Ctx, id: string, b: { note?: string | null; version?: number }) {
  const r = await forStep(ctx, id, 'verify');
  requireAt(ctx, EP.verify_fault, r.orgPath, { type: 'equipment_fault', id, orgId: r.f.orgId });
  const conflict = verifierConflict(ctx.actor!.userId, r.f);
  if (conflict) throw ruleRefused('FAULT_SAME_PERSON_CANNOT_VERIFY', { who: ctx.lang === 'en' ? conflict : conflict === 'fixer' ? '维修人' : '报告人' });
  await apply(ctx, r, 'verify', b.version, { status: 'closed', verifiedBy: ctx.actor!.userId, verifiedAt: ctx.now, verificationNote: b.note ?? null, closedAt: ctx.now }, b.note);
  await syncEquipmentStatus(ctx, r.f.equipmentId);
  return getFault(ctx, id);
}

/** The repair did not hold: back to the assignee, with the reason; the equipment is faulty again. */
export async function reopen(ctx: Ctx, id: string, b: { reason: string; version?: number }) {
  const r = await forStep(ctx, id, 'reopen');
  requireAt(ctx, EP.verify_fault, r.orgPath, { type: 'equipment_fault', id, orgId: r.f.orgId });
  const after = await apply(
    ctx,
    r,
    'reopen',
    b.version,
    { status: 'assigned', reopenCount: r.f.reopenCount + 1, reopenReason: b.reason, verifiedBy: null, verifiedAt: null, verificationNote: null, closedAt: null },
    b.reason,
  );
  await syncEquipmentStatus(ctx, r.f.equipmentId);
  await send(ctx, after, r.equipmentName, 'equipment.fault_reopened', `reopen:${after.reopenCount}`, [after.assigneeId]);
  return getFault(ctx, id);
}

/** SEC-05: a ticket reported by mistake is withdrawn with the reason; the equipment status is recomputed. */
export async function withdraw(ctx: Ctx, id: string, b: { reason: string; version?: number }) {
  const r = await forStep(ctx, id, 'withdraw');
  requireAt(ctx, EP.manage, r.orgPath, { type: 'equipment_fault', id, orgId: r.f.orgId });
  await apply(ctx, r, 'withdraw', b.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: b.reason }, b.reason);
  await syncEquipmentStatus(ctx, r.f.equipmentId);
  return getFault(ctx, id);
}
