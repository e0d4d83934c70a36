// VIS-02: the visitor blocklist (黑名单) of a cooperative. An entry names the person and their document
// (matched by its keyed hash, stored encrypted, shown masked) and why; it refuses registration and
// check-in at every unit of the cooperative. Entries are withdrawn with a reason, never deleted.
import { and, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { orgs, visitorBlocklist } from '../../db/schema/index.ts';
import type { DocumentType } from '../../db/schema/visitors.ts';
import { loadScoped, recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { maskIdNumber } from '../../platform/crypto/keyring.ts';
import { conflict, forbidden, invalidState } from '../../platform/http/errors.ts';
import { pageOf, type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { cooperativeOf, namesOf, normaliseDocument, ref } from './common.ts';
import { VP } from './permissions.ts';

type Row = typeof visitorBlocklist.$inferSelect;
const select = (ctx: Ctx) => ctx.tx.select({ b: visitorBlocklist, orgName: orgs.name, orgPath: orgs.path }).from(visitorBlocklist).innerJoin(orgs, eq(orgs.id, visitorBlocklist.orgId));

async function present(ctx: Ctx, rows: Array<{ b: Row; orgName: string; orgPath: string }>) {
  const names = await namesOf(ctx.tx, rows.map((r) => r.b.createdBy));
  return rows.map(({ b, orgName, orgPath }) => ({
    id: b.id,
    orgId: b.orgId,
    orgName,
    cooperativeId: b.cooperativeId,
    name: b.name,
    documentType: b.documentType,
    documentNumber: maskIdNumber(ctx.app.keys.decrypt(b.documentNumberEnc)),
    reason: b.reason,
    addedBy: ref(names, b.createdBy),
    ...recordMeta(b),
    allowedActions: !b.withdrawnAt && can(ctx.actor, VP.blocklist, orgPath) ? ['withdraw'] : [],
  }));
}

async function visibleEntry(ctx: Ctx, id: string) {
  return loadScoped(ctx, visitorBlocklist, id, { readPerm: VP.desk, notFoundCode: 'BLOCKLIST_NOT_FOUND', targetType: 'visitor_blocklist' });
}

async function getEntry(ctx: Ctx, id: string) {
  const [r] = await select(ctx).where(eq(visitorBlocklist.id, id));
  return (await present(ctx, [r]))[0];
}

export async function get(ctx: Ctx, id: string) {
  await visibleEntry(ctx, id);
  return getEntry(ctx, id);
}

export async function list(ctx: Ctx, q: { orgId?: string; q?: string; includeWithdrawn?: boolean; sort?: string }, p: PageParams) {
  const c: SQL[] = [inSubtrees(visitorBlocklist.orgId, scopePaths(requireActor(ctx), VP.desk))];
  if (!q.includeWithdrawn) c.push(isNull(visitorBlocklist.withdrawnAt));
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId, VP.desk)).path));
  if (q.q) c.push(or(ilike(visitorBlocklist.name, `%${likeEscape(q.q)}%`), ilike(visitorBlocklist.reason, `%${likeEscape(q.q)}%`))!);
  const where = and(...c)!;
  const order = sortOrder(q.sort, { createdAt: visitorBlocklist.createdAt, name: visitorBlocklist.name }, '-createdAt', visitorBlocklist.id);
  const [items, [{ n }]] = await Promise.all([
    select(ctx).where(where).orderBy(...order).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(visitorBlocklist).innerJoin(orgs, eq(orgs.id, visitorBlocklist.orgId)).where(where),
  ]);
  return pageOf(await present(ctx, items), Number(n), p);
}

export async function add(ctx: Ctx, input: { orgId: string; name: string; documentType: DocumentType; documentNumber: string; reason: string }) {
  const actor = requireActor(ctx);
  const unit = await visibleOrg(ctx, input.orgId, VP.blocklist);
  if (!can(actor, VP.blocklist, unit.path)) throw forbidden('FORBIDDEN', { action: VP.blocklist, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (unit.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  const coop = await cooperativeOf(ctx.tx, unit.path);
  const doc = normaliseDocument(input.documentNumber);
  const id = randomUUID();
  await ctx.tx.insert(visitorBlocklist).values({
    id,
    orgId: unit.id,
    cooperativeId: coop.id,
    name: input.name,
    documentType: input.documentType,
    documentNumberEnc: ctx.app.keys.encrypt(doc),
    documentNumberHash: ctx.app.keys.lookupHash(doc),
    reason: input.reason,
    createdAt: ctx.now,
    createdBy: actor.userId,
    updatedAt: ctx.now,
    updatedBy: actor.userId,
  });
  await audit(ctx, { action: 'visitor_blocklist.add', targetType: 'visitor_blocklist', targetId: id, targetLabel: input.name, orgId: unit.id, detail: { reason: input.reason, documentType: input.documentType } });
  return getEntry(ctx, id);
}

export async function withdraw(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const r = await visibleEntry(ctx, id);
  if (!can(requireActor(ctx), VP.blocklist, r.orgPath)) throw forbidden('FORBIDDEN', { action: VP.blocklist, targetType: 'visitor_blocklist', targetId: id, orgId: r.row.orgId });
  if (r.row.withdrawnAt) throw invalidState('withdrawn');
  await updateVersioned(ctx.tx, visitorBlocklist, id, version ?? r.row.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'visitor_blocklist.withdraw', targetType: 'visitor_blocklist', targetId: id, targetLabel: r.row.name, orgId: r.row.orgId, detail: { reason } });
  return getEntry(ctx, id);
}
