// The equipment register (EQP-01, EQP-04): register, read, list with filters, edit, withdraw, export.
// Status 'faulty' follows the fault tickets (faults.ts); expiry alerts are in sweeps.ts.
import { and, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { equipment, equipmentFaults, maintenanceTasks } from '../../db/schema/index.ts';
import type { EquipmentKind, EquipmentStatus } from '../../db/schema/equipment.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { conflict, forbidden, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { docNumber } from '../../platform/numbering.ts';
import { numberingOrgId } from '../../platform/numbering-org.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { requireSiteIn, today } from './common.ts';
import { EQUIPMENT_EXPORT_COLUMNS } from './export.ts';
import { listFaults } from './faults-repository.ts';
import { EP } from './permissions.ts';
import { presentEquipment } from './present.ts';
import { allEquipment, countEquipment, equipmentById, equipmentWhere, type EquipmentRow, listEquipment } from './repository.ts';
import { listTasks } from './tasks-repository.ts';

export const EXPORT_LIMIT = 50_000;

/** Equipment the caller may see (404 otherwise, audited when it exists outside their scope). */
export async function visibleEquipment(ctx: Ctx, id: string): Promise<EquipmentRow> {
  const r = await equipmentById(ctx.tx, today(ctx), id);
  if (!r) throw notFound('EQUIPMENT_NOT_FOUND');
  if (!can(requireActor(ctx), EP.read, r.orgPath)) {
    throw notFound('EQUIPMENT_NOT_FOUND', { action: EP.read, targetType: 'equipment', targetId: id, orgId: r.e.orgId, reason: 'out of scope' });
  }
  return r;
}

export function requireAt(ctx: Ctx, perm: string, orgPath: string, target: { type: string; id: string; orgId: string }): void {
  if (!can(ctx.actor, perm, orgPath)) throw forbidden('FORBIDDEN', { action: perm, targetType: target.type, targetId: target.id, orgId: target.orgId });
}

export async function get(ctx: Ctx, id: string) {
  const r = await visibleEquipment(ctx, id);
  const recent = await listTasks(ctx, { equipmentId: id }, { page: 1, pageSize: 50, offset: 0 }, '-dueOn');
  const due = await listTasks(ctx, { equipmentId: id, status: 'due' }, { page: 1, pageSize: 20, offset: 0 }, 'dueOn');
  const faults = await listFaults(ctx, { equipmentId: id }, { page: 1, pageSize: 50, offset: 0 });
  return { ...presentEquipment(ctx, r), recentTasks: recent.items, dueTasks: due.items, faults: faults.items };
}

export interface EquipmentQuery {
  kind?: EquipmentKind[];
  status?: EquipmentStatus[];
  orgId?: string;
  siteId?: string;
  q?: string;
  expiringWithin?: number;
  expired?: boolean;
  maintenanceOverdue?: boolean;
  includeWithdrawn?: boolean;
  sort?: string;
}

/** The register's filter as SQL: exactly the rows GET /api/v1/equipment?… lists (the dashboard tiles count with it). */
export async function whereFor(ctx: Ctx, q: EquipmentQuery, perm: string = EP.read): Promise<SQL> {
  const within = q.orgId ? (await visibleOrg(ctx, q.orgId)).path : undefined;
  return equipmentWhere({
    scope: inSubtrees(equipment.orgId, scopePaths(requireActor(ctx), perm)),
    today: today(ctx),
    kind: q.kind,
    status: q.status,
    withinPath: within,
    siteId: q.siteId,
    q: q.q,
    expiringWithin: q.expiringWithin,
    expired: q.expired,
    maintenanceOverdue: q.maintenanceOverdue,
    includeWithdrawn: q.includeWithdrawn,
  });
}

export async function list(ctx: Ctx, q: EquipmentQuery, p: PageParams) {
  const r = await listEquipment(ctx.tx, today(ctx), await whereFor(ctx, q), p, q.sort);
  return pageOf(r.items.map((x) => presentEquipment(ctx, x)), r.total, p);
}

export async function count(ctx: Ctx, q: EquipmentQuery): Promise<number> {
  return countEquipment(ctx.tx, await whereFor(ctx, q));
}

/** What the filters select, for the export and the label sheet (at most `limit` rows). */
export async function selected(ctx: Ctx, q: EquipmentQuery, perm: string, limit: number) {
  const where = and(await whereFor(ctx, q), inSubtrees(equipment.orgId, scopePaths(requireActor(ctx), perm)))!;
  const n = await countEquipment(ctx.tx, where);
  if (n > limit) throw ruleRefused('EXPORT_TOO_LARGE', { limit });
  return (await allEquipment(ctx.tx, today(ctx), where, q.sort, limit)).map((x) => presentEquipment(ctx, x));
}

/** Excel of exactly what the register shows for these filters (audited). */
export async function exportXlsx(ctx: Ctx, q: EquipmentQuery) {
  if (!can(ctx.actor, EP.export)) throw forbidden('FORBIDDEN', { action: EP.export });
  const rows = await selected(ctx, q, EP.export, EXPORT_LIMIT);
  const { sort: _sort, ...filter } = q;
  await audit(ctx, { action: 'equipment.export', targetType: 'equipment', targetLabel: `${rows.length}`, detail: { filter, rows: rows.length } });
  return buildXlsx({ zh: '安防设施台账', en: 'Equipment register' }, EQUIPMENT_EXPORT_COLUMNS(ctx.lang), rows, ctx.lang, ctx.app.config.timeZone);
}

export interface EquipmentInput {
  kind: EquipmentKind;
  name: string;
  orgId: string;
  siteId?: string | null;
  location?: string | null;
  model?: string | null;
  serialNo?: string | null;
  installedOn?: string | null;
  expiresOn?: string | null;
  notes?: string | null;
}

function checkDates(installedOn: string | null | undefined, expiresOn: string | null | undefined) {
  if (installedOn && expiresOn && expiresOn < installedOn) throw ruleRefused('EXPIRY_BEFORE_INSTALL', {}, [{ path: 'expiresOn', code: 'EXPIRY_BEFORE_INSTALL' }]);
}

/** EQP-01: registers equipment, numbered SB-YYYY-NNNNNN in the cooperative's series. */
export async function create(ctx: Ctx, input: EquipmentInput) {
  const actor = requireActor(ctx);
  const unit = await visibleOrg(ctx, input.orgId);
  if (!can(actor, EP.manage, unit.path)) throw forbidden('FORBIDDEN', { action: EP.manage, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (unit.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  if (input.siteId) await requireSiteIn(ctx, input.siteId, unit.path);
  checkDates(input.installedOn, input.expiresOn);
  const id = randomUUID();
  const numbering = await numberingOrgId(ctx.tx, unit.path);
  const [{ number }] = await ctx.tx.insert(equipment).values({
    id,
    orgId: unit.id,
    numberingOrgId: numbering,
    number: docNumber(numbering, 'SB', ctx.now, ctx.app.config.timeZone),
    kind: input.kind,
    name: input.name,
    siteId: input.siteId ?? null,
    location: input.location ?? null,
    model: input.model ?? null,
    serialNo: input.serialNo ?? null,
    installedOn: input.installedOn ?? null,
    expiresOn: input.expiresOn ?? null,
    status: 'in_service',
    notes: input.notes ?? null,
    createdAt: ctx.now,
    createdBy: actor.userId,
    updatedAt: ctx.now,
    updatedBy: actor.userId,
  }).returning({ number: equipment.number });
  await audit(ctx, { action: 'equipment.create', targetType: 'equipment', targetId: id, targetLabel: `${number} ${input.name}`, orgId: unit.id, detail: { kind: input.kind, expiresOn: input.expiresOn ?? null } });
  return get(ctx, id);
}

const FIELDS = ['name', 'siteId', 'location', 'model', 'serialNo', 'installedOn', 'expiresOn', 'status', 'notes', 'withdrawnReason'] as const;

export type EquipmentPatch = Partial<Pick<EquipmentInput, 'name' | 'siteId' | 'location' | 'model' | 'serialNo' | 'installedOn' | 'expiresOn' | 'notes'>> & {
  status?: 'in_service' | 'out_of_service' | 'retired';
};

export async function openFaultCount(ctx: Ctx, equipmentId: string): Promise<number> {
  const [{ n }] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(equipmentFaults)
    .where(and(eq(equipmentFaults.equipmentId, equipmentId), isNull(equipmentFaults.withdrawnAt), ne(equipmentFaults.status, 'closed')));
  return Number(n);
}

/** EQP-01: edits with optimistic concurrency; while a fault is open it cannot be put back in service (EQP-03). */
export async function update(ctx: Ctx, id: string, patch: EquipmentPatch, version: number) {
  const r = await visibleEquipment(ctx, id);
  requireAt(ctx, EP.manage, r.orgPath, { type: 'equipment', id, orgId: r.e.orgId });
  if (r.e.withdrawnAt) throw conflict('INVALID_STATE', { state: 'withdrawn' });
  if (patch.siteId) await requireSiteIn(ctx, patch.siteId, r.orgPath);
  checkDates(patch.installedOn === undefined ? r.e.installedOn : patch.installedOn, patch.expiresOn === undefined ? r.e.expiresOn : patch.expiresOn);
  if (patch.status && patch.status !== 'retired' && patch.status !== r.e.status && (await openFaultCount(ctx, id)) > 0) {
    throw ruleRefused('EQUIPMENT_HAS_OPEN_FAULTS', {}, [{ path: 'status', code: 'EQUIPMENT_HAS_OPEN_FAULTS' }]);
  }
  const after = await updateVersioned(ctx.tx, equipment, id, version, { ...patch, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'equipment.update', targetType: 'equipment', targetId: id, targetLabel: `${r.e.number} ${r.e.name}`, orgId: r.e.orgId, changes: diff(r.e, after, FIELDS) });
  return get(ctx, id);
}

/** SEC-05: withdrawn (e.g. registered twice), never deleted; its due tasks are withdrawn with it. */
export async function withdraw(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const r = await visibleEquipment(ctx, id);
  requireAt(ctx, EP.manage, r.orgPath, { type: 'equipment', id, orgId: r.e.orgId });
  if (r.e.withdrawnAt) throw conflict('INVALID_STATE', { state: 'withdrawn' });
  const after = await updateVersioned(ctx.tx, equipment, id, version ?? r.e.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await ctx.tx
    .update(maintenanceTasks)
    .set({ withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason })
    .where(and(eq(maintenanceTasks.equipmentId, id), eq(maintenanceTasks.status, 'due'), isNull(maintenanceTasks.withdrawnAt)));
  await audit(ctx, { action: 'equipment.withdraw', targetType: 'equipment', targetId: id, targetLabel: `${r.e.number} ${r.e.name}`, orgId: r.e.orgId, changes: diff(r.e, after, FIELDS), detail: { reason } });
  return get(ctx, id);
}
