// The machine-room and vault entry register (机房出入管理登记簿, VIS-03): at least two people enter
// together; anyone outside the IT department and any third-party engineer needs an approval by the
// IT head or the security head, who is not the requester; a third party is supervised in person by an
// employee throughout. pending_approval → approved → inside → left (or rejected).
import { and, count, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { orgs, roomEntries, sites } from '../../db/schema/index.ts';
import type { RoomEntryStatus, ThirdParty } from '../../db/schema/visitors.ts';
import { loadScoped, recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { forbidden, invalidState, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { docNumber } from '../../platform/numbering.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { addDays, startOfDayIn } from '../../platform/time.ts';
import { checkRange, cooperativeOf, iso, namesOf, ref, requirePeople, RESTRICTED_KINDS, siteFor } from './common.ts';
import { ENTRY_EXPORT_COLUMNS } from './export.ts';
import { RP } from './permissions.ts';

type Row = typeof roomEntries.$inferSelect;
const select = (ctx: Ctx) =>
  ctx.tx
    .select({ e: roomEntries, orgName: orgs.name, orgPath: orgs.path, siteName: sites.name, siteKind: sites.kind })
    .from(roomEntries)
    .innerJoin(orgs, eq(orgs.id, roomEntries.orgId))
    .innerJoin(sites, eq(sites.id, roomEntries.siteId));
type EntryRow = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

const STEPS: Record<string, { from: readonly RoomEntryStatus[]; perm: string }> = {
  approve: { from: ['pending_approval'], perm: RP.approve },
  reject: { from: ['pending_approval'], perm: RP.approve },
  enter: { from: ['approved', 'pending_approval'], perm: RP.log },
  exit: { from: ['inside'], perm: RP.log },
  withdraw: { from: ['pending_approval', 'approved', 'inside', 'left', 'rejected'], perm: RP.withdraw },
};

function actions(ctx: Ctx, e: Row, orgPath: string): string[] {
  if (e.withdrawnAt) return [];
  return Object.entries(STEPS)
    .filter(([k, s]) => s.from.includes(e.status) && can(ctx.actor, s.perm, orgPath) && !(k === 'enter' && e.status === 'pending_approval'))
    .filter(([k]) => !((k === 'approve' || k === 'reject') && e.createdBy === ctx.actor?.userId))
    .map(([k]) => k);
}

async function present(ctx: Ctx, rows: EntryRow[]) {
  const names = await namesOf(ctx.tx, rows.flatMap((r) => [...r.e.staffIds, r.e.supervisorId, r.e.approvedBy, r.e.createdBy]));
  return rows.map(({ e, orgName, orgPath, siteName, siteKind }) => ({
    id: e.id,
    number: e.number,
    orgId: e.orgId,
    orgName,
    siteId: e.siteId,
    siteName,
    siteKind,
    people: [
      ...e.staffIds.map((id) => ({ kind: 'staff' as const, id, name: names.get(id) ?? '', company: null })),
      ...e.thirdParties.map((p) => ({ kind: 'third_party' as const, id: null, name: p.name, company: p.company })),
    ],
    thirdParty: e.thirdParties.length > 0,
    supervisor: ref(names, e.supervisorId),
    purpose: e.purpose,
    workDone: e.workDone,
    status: e.status,
    approvalRequired: e.approvalRequired,
    requestedBy: ref(names, e.createdBy),
    approvedBy: ref(names, e.approvedBy),
    approvedAt: iso(e.approvedAt),
    approvalNote: e.approvalNote,
    enteredAt: iso(e.enteredAt),
    exitedAt: iso(e.exitedAt),
    ...recordMeta(e),
    allowedActions: actions(ctx, e, orgPath),
  }));
}
export type PresentedEntry = Awaited<ReturnType<typeof present>>[number];

export async function visibleEntry(ctx: Ctx, id: string) {
  return loadScoped(ctx, roomEntries, id, { readPerm: RP.read, notFoundCode: 'ROOM_ENTRY_NOT_FOUND', targetType: 'room_entry' });
}

export async function get(ctx: Ctx, id: string) {
  await visibleEntry(ctx, id);
  return (await present(ctx, await select(ctx).where(eq(roomEntries.id, id))))[0];
}

export interface EntryQuery {
  siteId?: string;
  orgId?: string;
  status?: RoomEntryStatus[];
  thirdParty?: boolean;
  from?: string;
  to?: string;
  q?: string;
  includeWithdrawn?: boolean;
  sort?: string;
}

const entryAt = sql`coalesce(${roomEntries.enteredAt}, ${roomEntries.createdAt})`;

async function whereFor(ctx: Ctx, q: EntryQuery, perm = RP.read): Promise<SQL> {
  const tz = ctx.app.config.timeZone;
  checkRange(q.from, q.to);
  const c: SQL[] = [inSubtrees(roomEntries.orgId, scopePaths(requireActor(ctx), perm))];
  if (!q.includeWithdrawn) c.push(isNull(roomEntries.withdrawnAt));
  if (q.siteId) c.push(eq(roomEntries.siteId, q.siteId));
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId, RP.read)).path));
  if (q.status?.length) c.push(inArray(roomEntries.status, q.status));
  if (q.thirdParty === true) c.push(sql`jsonb_array_length(${roomEntries.thirdParties}) > 0`);
  if (q.thirdParty === false) c.push(sql`jsonb_array_length(${roomEntries.thirdParties}) = 0`);
  if (q.from) c.push(gte(entryAt, startOfDayIn(q.from, tz)));
  if (q.to) c.push(lt(entryAt, startOfDayIn(addDays(q.to, 1), tz)));
  if (q.q) {
    const p = `%${likeEscape(q.q)}%`;
    // VIS-03 register search: a third party's name and company are matched as written — the JSON text of the column would hold
    // them with quotes and backslashes escaped (not found) and its keys "name" / "company" (found everywhere).
    const thirdParty = sql`exists (select 1 from jsonb_array_elements(${roomEntries.thirdParties}) as tp where tp->>'name' ilike ${p} or tp->>'company' ilike ${p})`;
    c.push(or(ilike(roomEntries.number, p), ilike(roomEntries.purpose, p), ilike(roomEntries.workDone, p), thirdParty)!);
  }
  return and(...c)!;
}

const SORTS = { enteredAt: entryAt, number: roomEntries.number, createdAt: roomEntries.createdAt };

export async function list(ctx: Ctx, q: EntryQuery, p: PageParams) {
  const where = await whereFor(ctx, q);
  const [items, [{ n }]] = await Promise.all([
    select(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, '-enteredAt', roomEntries.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(roomEntries).innerJoin(orgs, eq(orgs.id, roomEntries.orgId)).where(where),
  ]);
  return pageOf(await present(ctx, items), Number(n), p);
}

/** The rows of a register view (export, print), oldest first for the paper register. */
export async function rowsFor(ctx: Ctx, q: EntryQuery, perm: string, limit: number) {
  const where = and(await whereFor(ctx, q), inSubtrees(roomEntries.orgId, scopePaths(requireActor(ctx), perm)))!;
  const [{ n }] = await ctx.tx.select({ n: count() }).from(roomEntries).innerJoin(orgs, eq(orgs.id, roomEntries.orgId)).where(where);
  if (Number(n) > limit) throw ruleRefused('EXPORT_TOO_LARGE', { limit });
  return present(ctx, await select(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, 'enteredAt', roomEntries.id)).limit(limit));
}

export async function exportXlsx(ctx: Ctx, q: EntryQuery) {
  const rows = await rowsFor(ctx, q, RP.export, 50_000);
  const { sort: _sort, ...filter } = q;
  await audit(ctx, { action: 'room_entries.export', targetType: 'room_entries', targetLabel: `${rows.length}`, detail: { filter, rows: rows.length } });
  return buildXlsx({ zh: '机房出入管理登记簿', en: 'Machine-room entry register' }, ENTRY_EXPORT_COLUMNS(ctx.lang), rows, ctx.lang, ctx.app.config.timeZone);
}

/** VIS-03: IT department staff (room_entries.it_staff over the room's unit) enter without approval. */
async function needsApproval(ctx: Ctx, staffIds: string[], thirdParties: ThirdParty[], orgPath: string): Promise<boolean> {
  if (thirdParties.length) return true;
  const it = new Set(await holders(ctx, { permission: RP.it_staff, orgPath }));
  return staffIds.some((id) => !it.has(id));
}

export async function create(ctx: Ctx, input: { siteId: string; staffIds: string[]; thirdParties?: ThirdParty[]; supervisorId?: string | null; purpose: string }) {
  const actor = requireActor(ctx);
  const site = await siteFor(ctx, input.siteId, RP.log, RP.read);
  if (!RESTRICTED_KINDS.includes(site.kind)) throw ruleRefused('NOT_A_RESTRICTED_ROOM', {}, [{ path: 'siteId', code: 'NOT_A_RESTRICTED_ROOM' }]);
  const third = input.thirdParties ?? [];
  // VIS-03: at least two people present.
  if (input.staffIds.length + third.length < 2) throw ruleRefused('TWO_PEOPLE_REQUIRED', {}, [{ path: 'staffIds', code: 'TWO_PEOPLE_REQUIRED' }]);
  // VIS-03: a third party is supervised in person throughout by an employee who enters with them.
  if (third.length && !input.supervisorId) throw ruleRefused('SUPERVISOR_REQUIRED', {}, [{ path: 'supervisorId', code: 'SUPERVISOR_REQUIRED' }]);
  if (input.supervisorId && !input.staffIds.includes(input.supervisorId)) throw ruleRefused('SUPERVISOR_NOT_PRESENT', {}, [{ path: 'supervisorId', code: 'SUPERVISOR_NOT_PRESENT' }]);
  const coop = await cooperativeOf(ctx.tx, site.orgPath);
  await requirePeople(ctx, input.staffIds, coop.path, 'staffIds');
  const approvalRequired = await needsApproval(ctx, input.staffIds, third, site.orgPath);
  const id = randomUUID();
  const [e] = await ctx.tx
    .insert(roomEntries)
    .values({
      id,
      orgId: site.orgId,
      numberingOrgId: coop.id,
      // DESIGN §4: the number is taken by this INSERT (the counter row is locked one round trip later).
      number: docNumber(coop.id, 'JF', ctx.now, ctx.app.config.timeZone),
      siteId: site.id,
      staffIds: input.staffIds,
      thirdParties: third,
      supervisorId: input.supervisorId ?? null,
      purpose: input.purpose,
      status: approvalRequired ? 'pending_approval' : 'inside',
      approvalRequired,
      enteredAt: approvalRequired ? null : ctx.now,
      createdAt: ctx.now,
      createdBy: actor.userId,
      updatedAt: ctx.now,
      updatedBy: actor.userId,
    })
    .returning();
  await audit(ctx, {
    action: 'room_entries.create',
    targetType: 'room_entry',
    targetId: id,
    targetLabel: `${e.number} ${site.name}`,
    orgId: site.orgId,
    detail: { staffIds: e.staffIds, thirdParties: third.length, supervisorId: e.supervisorId, approvalRequired, status: e.status },
  });
  if (approvalRequired) {
    const approvers = (await holders(ctx, { permission: RP.approve, orgPath: site.orgPath })).filter((u) => u !== actor.userId);
    await notify(ctx, { rule: 'room_entry.approval_needed', orgId: site.orgId, targetType: 'room_entry', targetId: id, dueKey: 'approval', recipients: approvers, messageCode: 'room_entry.approval_needed', params: { site: site.name, purpose: e.purpose }, link: `/visitors/rooms/${id}` });
  }
  return get(ctx, id);
}

async function forStep(ctx: Ctx, id: string, step: keyof typeof STEPS) {
  const r = await visibleEntry(ctx, id);
  const spec = STEPS[step];
  if (!can(requireActor(ctx), spec.perm, r.orgPath)) throw forbidden('FORBIDDEN', { action: spec.perm, targetType: 'room_entry', targetId: id, orgId: r.row.orgId });
  if (r.row.withdrawnAt) throw invalidState('withdrawn');
  if (!spec.from.includes(r.row.status)) throw invalidState(r.row.status);
  return r.row;
}

async function apply(ctx: Ctx, before: Row, step: string, version: number | undefined, set: Partial<Row>, detail: Record<string, unknown> | null = null) {
  const after = await updateVersioned(ctx.tx, roomEntries, before.id, version ?? before.version, { ...set, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: `room_entries.${step}`, targetType: 'room_entry', targetId: before.id, targetLabel: before.number, orgId: before.orgId, changes: diff(before, after, ['status', 'approvedBy', 'enteredAt', 'exitedAt', 'workDone']), detail });
  return get(ctx, before.id);
}

/** VIS-03: the approver (IT head or security head) is a different person from the requester. */
export async function decide(ctx: Ctx, id: string, approve: boolean, b: { note?: string | null; version?: number }) {
  const e = await forStep(ctx, id, approve ? 'approve' : 'reject');
  if (e.createdBy === ctx.actor!.userId) throw ruleRefused('ENTRY_SELF_APPROVAL', {}, [{ path: 'approvedBy', code: 'ENTRY_SELF_APPROVAL' }]);
  return apply(ctx, e, approve ? 'approve' : 'reject', b.version, { status: approve ? 'approved' : 'rejected', approvedBy: ctx.actor!.userId, approvedAt: ctx.now, approvalNote: b.note ?? null }, b.note ? { note: b.note } : null);
}

export async function enter(ctx: Ctx, id: string, b: { version?: number }) {
  const e = await forStep(ctx, id, 'enter');
  if (e.status === 'pending_approval') throw ruleRefused('APPROVAL_REQUIRED', {}, [{ path: 'status', code: 'APPROVAL_REQUIRED' }]);
  return apply(ctx, e, 'enter', b.version, { status: 'inside', enteredAt: ctx.now });
}

export async function exit(ctx: Ctx, id: string, b: { workDone: string; version?: number }) {
  const e = await forStep(ctx, id, 'exit');
  return apply(ctx, e, 'exit', b.version, { status: 'left', exitedAt: ctx.now, workDone: b.workDone });
}

export async function withdraw(ctx: Ctx, id: string, b: { reason: string; version?: number }) {
  const e = await forStep(ctx, id, 'withdraw');
  return apply(ctx, e, 'withdraw', b.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: b.reason }, { reason: b.reason });
}
