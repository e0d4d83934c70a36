// The visitor register (VIS-01, VIS-02): appointments by the host and walk-ins at the desk, identity
// documents encrypted at rest and shown masked, restricted areas escorted, the blocklist refusing entry.
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { visitorBlocklist, visitors } from '../../db/schema/index.ts';
import type { DocumentType, VisitorStatus } from '../../db/schema/visitors.ts';
import { loadScoped, recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { maskIdNumber } from '../../platform/crypto/keyring.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { conflict, forbidden, invalidField, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams } from '../../platform/http/paging.ts';
import { docNumber } from '../../platform/numbering.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { addDays, startOfDayIn } from '../../platform/time.ts';
import { cooperativeOf, namesOf, normaliseDocument, ref, requirePeople, RESTRICTED_KINDS, sitesByIds, checkRange, iso } from './common.ts';
import { VISITOR_EXPORT_COLUMNS } from './export.ts';
import { VP } from './permissions.ts';
import { countVisitors, exportVisitors, listVisitors, selectVisitors, type VisitorRow, visitorWhere } from './visitors-repository.ts';
import { notifyArrival } from './visitors-notices.ts';

export const EXPORT_LIMIT = 50_000;
type Row = typeof visitors.$inferSelect;

/** A visitor record the caller may see (404 otherwise, audited when it lies outside their scope). */
export async function visibleVisitor(ctx: Ctx, id: string): Promise<{ row: Row; orgPath: string }> {
  return loadScoped(ctx, visitors, id, { readPerm: VP.read, notFoundCode: 'VISITOR_NOT_FOUND', targetType: 'visitor' });
}

const STEPS: Record<string, { from: readonly VisitorStatus[]; perm: string }> = {
  check_in: { from: ['appointed'], perm: VP.desk },
  check_out: { from: ['inside'], perm: VP.desk },
  no_show: { from: ['appointed'], perm: VP.desk },
  cancel: { from: ['appointed'], perm: VP.register },
};
export const VISITOR_STEPS = STEPS;

export function visitorActions(ctx: Ctx, v: Row, orgPath: string): string[] {
  if (v.withdrawnAt) return [];
  const out = Object.entries(STEPS)
    .filter(([, s]) => s.from.includes(v.status) && can(ctx.actor, s.perm, orgPath))
    .map(([k]) => k);
  if (can(ctx.actor, VP.reveal, orgPath)) out.push('reveal');
  return out;
}

function maskedDocument(ctx: Ctx, enc: string): string {
  return maskIdNumber(ctx.app.keys.decrypt(enc));
}

async function present(ctx: Ctx, rows: VisitorRow[]) {
  const names = await namesOf(ctx.tx, rows.flatMap((r) => [r.v.hostId, r.v.escortId, r.v.checkedInBy, r.v.checkedOutBy]));
  const siteRows = new Map((await sitesByIds(ctx.tx, [...new Set(rows.flatMap((r) => r.v.siteIds))])).map((s) => [s.id, s]));
  return rows.map(({ v, orgName, orgPath }) => {
    const sites = v.siteIds.map((id) => siteRows.get(id)).filter((s) => !!s).map((s) => ({ id: s!.id, name: s!.name, kind: s!.kind }));
    return {
      id: v.id,
      number: v.number,
      kind: v.kind,
      orgId: v.orgId,
      orgName,
      name: v.name,
      company: v.company,
      documentType: v.documentType,
      documentNumber: maskedDocument(ctx, v.documentNumberEnc),
      purpose: v.purpose,
      host: ref(names, v.hostId),
      sites,
      restricted: sites.some((s) => RESTRICTED_KINDS.includes(s.kind)),
      escort: ref(names, v.escortId),
      status: v.status,
      expectedAt: iso(v.expectedAt),
      checkedInAt: iso(v.checkedInAt),
      checkedInBy: ref(names, v.checkedInBy),
      checkedOutAt: iso(v.checkedOutAt),
      checkedOutBy: ref(names, v.checkedOutBy),
      afterClosingAt: iso(v.afterClosingAt),
      endReason: v.endReason,
      ...recordMeta(v),
      allowedActions: visitorActions(ctx, v, orgPath),
    };
  });
}
export type PresentedVisitor = Awaited<ReturnType<typeof present>>[number];

export async function get(ctx: Ctx, id: string) {
  await visibleVisitor(ctx, id);
  const [r] = await selectVisitors(ctx.tx).where(eq(visitors.id, id));
  return (await present(ctx, [r]))[0];
}

export interface VisitorQuery {
  status?: VisitorStatus[];
  kind?: 'appointment' | 'walk_in';
  orgId?: string;
  hostId?: string;
  siteId?: string;
  from?: string;
  to?: string;
  inside?: boolean;
  insideAfterClosing?: boolean;
  q?: string;
  sort?: string;
}

/** The register's filter as SQL over visitors ⋈ orgs, within `scope` (the dashboard tiles count with it). */
export async function whereFor(ctx: Ctx, q: VisitorQuery, scope: SQL = inSubtrees(visitors.orgId, scopePaths(requireActor(ctx), VP.read))): Promise<SQL> {
  const tz = ctx.app.config.timeZone;
  checkRange(q.from, q.to);
  return visitorWhere({
    scope,
    status: q.status,
    kind: q.kind,
    withinPath: q.orgId ? (await visibleOrg(ctx, q.orgId, VP.read)).path : undefined,
    hostId: q.hostId,
    siteId: q.siteId,
    from: q.from ? startOfDayIn(q.from, tz) : undefined,
    toExclusive: q.to ? startOfDayIn(addDays(q.to, 1), tz) : undefined,
    inside: q.inside,
    insideAfterClosing: q.insideAfterClosing,
    q: q.q,
  });
}

export async function list(ctx: Ctx, q: VisitorQuery, p: PageParams) {
  const r = await listVisitors(ctx.tx, await whereFor(ctx, q), p, q.sort);
  return pageOf(await present(ctx, r.items), r.total, p);
}

export async function count(ctx: Ctx, q: VisitorQuery, scope?: SQL): Promise<number> {
  return countVisitors(ctx.tx, await whereFor(ctx, q, scope));
}

/** Excel of exactly what the register lists for these filters, where the caller may export (audited). */
export async function exportXlsx(ctx: Ctx, q: VisitorQuery) {
  const where = and(await whereFor(ctx, q), inSubtrees(visitors.orgId, scopePaths(requireActor(ctx), VP.export)))!;
  const n = await countVisitors(ctx.tx, where);
  if (n > EXPORT_LIMIT) throw ruleRefused('EXPORT_TOO_LARGE', { limit: EXPORT_LIMIT });
  const rows = await present(ctx, await exportVisitors(ctx.tx, where, q.sort, EXPORT_LIMIT));
  const { sort: _sort, ...filter } = q;
  await audit(ctx, { action: 'visitors.export', targetType: 'visitors', targetLabel: `${rows.length}`, detail: { filter, rows: rows.length } });
  return buildXlsx({ zh: '访客登记簿', en: 'Visitor register' }, VISITOR_EXPORT_COLUMNS(ctx.lang), rows, ctx.lang, ctx.app.config.timeZone);
}

/**
 * VIS-02: the blocklist of the unit's cooperative refuses the document number (422, with the reason
 * for the desk, naming the documentNumber field).
 */
export async function refuseBlocklisted(ctx: Ctx, orgPath: string, documentHash: string): Promise<void> {
  const coop = await cooperativeOf(ctx.tx, orgPath);
  const [hit] = await ctx.tx
    .select({ id: visitorBlocklist.id, reason: visitorBlocklist.reason, name: visitorBlocklist.name })
    .from(visitorBlocklist)
    .where(and(eq(visitorBlocklist.cooperativeId, coop.id), eq(visitorBlocklist.documentNumberHash, documentHash), isNull(visitorBlocklist.withdrawnAt)))
    .limit(1);
  if (hit) throw ruleRefused('VISITOR_BLOCKLISTED', { reason: hit.reason, blocklistId: hit.id }, [{ path: 'documentNumber', code: 'VISITOR_BLOCKLISTED' }]);
}

export interface VisitorInput {
  kind: 'appointment' | 'walk_in';
  orgId: string;
  name: string;
  company?: string | null;
  documentType: DocumentType;
  documentNumber: string;
  purpose: string;
  hostId: string;
  siteIds: string[];
  escortId?: string | null;
  expectedAt?: string | null;
  checkIn?: boolean;
}

/** VIS-01: an appointment made in advance, or a walk-in registered (and checked in) at the desk. */
export async function register(ctx: Ctx, input: VisitorInput) {
  const actor = requireActor(ctx);
  const unit = await visibleOrg(ctx, input.orgId, VP.register);
  if (!can(actor, VP.register, unit.path)) throw forbidden('FORBIDDEN', { action: VP.register, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (unit.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  const checkIn = input.kind === 'walk_in' && input.checkIn !== false;
  // Checking in is the desk's job (门岗): a walk-in checked in at once needs the desk permission.
  if (checkIn && !can(actor, VP.desk, unit.path)) throw forbidden('FORBIDDEN', { action: VP.desk, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (input.kind === 'appointment' && !input.expectedAt) throw invalidField('expectedAt', 'V_REQUIRED');
  const sites = await sitesByIds(ctx.tx, input.siteIds);
  if (sites.length !== input.siteIds.length || sites.some((s) => s.withdrawnAt || !s.orgPath.startsWith(unit.path))) {
    throw ruleRefused('VISIT_SITE_NOT_IN_UNIT', {}, [{ path: 'siteIds', code: 'VISIT_SITE_NOT_IN_UNIT' }]);
  }
  // VIS-02: a visit to a vault, machine room or monitoring room is escorted.
  if (sites.some((s) => RESTRICTED_KINDS.includes(s.kind)) && !input.escortId) throw ruleRefused('ESCORT_REQUIRED', {}, [{ path: 'escortId', code: 'ESCORT_REQUIRED' }]);
  const coop = await cooperativeOf(ctx.tx, unit.path);
  await requirePeople(ctx, [input.hostId], coop.path, 'hostId');
  if (input.escortId) await requirePeople(ctx, [input.escortId], coop.path, 'escortId');
  const doc = normaliseDocument(input.documentNumber);
  const hash = ctx.app.keys.lookupHash(doc);
  await refuseBlocklisted(ctx, unit.path, hash);
  const id = randomUUID();
  const [v] = await ctx.tx
    .insert(visitors)
    .values({
      id,
      orgId: unit.id,
      numberingOrgId: coop.id,
      number: docNumber(coop.id, 'FK', ctx.now, ctx.app.config.timeZone),
      kind: input.kind,
      name: input.name,
      company: input.company ?? null,
      documentType: input.documentType,
      documentNumberEnc: ctx.app.keys.encrypt(doc),
      documentNumberHash: hash,
      purpose: input.purpose,
      hostId: input.hostId,
      siteIds: input.siteIds,
      escortId: input.escortId ?? null,
      status: checkIn ? 'inside' : 'appointed',
      expectedAt: input.expectedAt ? new Date(input.expectedAt) : null,
      checkedInAt: checkIn ? ctx.now : null,
      checkedInBy: checkIn ? actor.userId : null,
      createdAt: ctx.now,
      createdBy: actor.userId,
      updatedAt: ctx.now,
      updatedBy: actor.userId,
    })
    .returning();
  await audit(ctx, {
    action: 'visitors.register',
    targetType: 'visitor',
    targetId: id,
    targetLabel: `${v.number} ${v.name}`,
    orgId: unit.id,
    // The document number is never copied into the trail (PIP-02).
    detail: { kind: v.kind, status: v.status, hostId: v.hostId, siteIds: v.siteIds, escortId: v.escortId, documentType: v.documentType },
  });
  if (checkIn) await notifyArrival(ctx, v);
  return get(ctx, id);
}

/** The register's rows for the A4 print (time order, as on paper). */
export async function printRows(ctx: Ctx, q: VisitorQuery, limit: number) {
  const where = await whereFor(ctx, q);
  if ((await countVisitors(ctx.tx, where)) > limit) throw ruleRefused('EXPORT_TOO_LARGE', { limit });
  return present(ctx, await exportVisitors(ctx.tx, where, q.sort ?? 'visitAt', limit));
}
