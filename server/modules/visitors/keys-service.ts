// Key custody for machine rooms and vaults (VIS-04): key sets with named holders; a handover is signed
// by both sides — the giver records it, the receiver confirms it with their password; a loss is
// declared by a holder or the officer, and the set stays flagged until the lock change is recorded.
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { keyHandovers, keySets, orgs, sites } from '../../db/schema/index.ts';
import { loadScoped, recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import { confirmationRefusal, confirmOwnPassword } from '../../platform/auth/confirm-password.ts';
import type { Ctx } from '../../platform/context.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { forbidden, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { holders, notify } from '../../platform/notify/service.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { cooperativeOf, iso, namesOf, ref, requirePeople, RESTRICTED_KINDS, siteFor } from './common.ts';
import { KEY_EXPORT_COLUMNS } from './export.ts';
import { KP } from './permissions.ts';

type Row = typeof keySets.$inferSelect;
const select = (ctx: Ctx) =>
  ctx.tx
    .select({ k: keySets, orgName: orgs.name, orgPath: orgs.path, siteName: sites.name, siteKind: sites.kind })
    .from(keySets)
    .innerJoin(orgs, eq(orgs.id, keySets.orgId))
    .innerJoin(sites, eq(sites.id, keySets.siteId));
type KeyRow = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

const isHolder = (ctx: Ctx, k: Row) => !!ctx.actor && k.holderIds.includes(ctx.actor.userId);

function actions(ctx: Ctx, k: Row, orgPath: string): string[] {
  if (k.withdrawnAt) return [];
  const manage = can(ctx.actor, KP.manage, orgPath);
  const out: string[] = [];
  if (k.status === 'normal' && isHolder(ctx, k)) out.push('handover');
  if (k.status === 'normal' && (manage || isHolder(ctx, k))) out.push('declare_loss');
  if (k.status === 'lost' && manage) out.push('lock_change');
  if (manage) out.push('withdraw');
  return out;
}

async function present(ctx: Ctx, rows: KeyRow[]) {
  const names = await namesOf(ctx.tx, rows.flatMap((r) => [...r.k.holderIds, r.k.lostBy, r.k.lockChangedBy]));
  return rows.map(({ k, orgName, orgPath, siteName, siteKind }) => ({
    id: k.id,
    orgId: k.orgId,
    orgName,
    siteId: k.siteId,
    siteName,
    siteKind,
    description: k.description,
    copies: k.copies,
    holders: k.holderIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    status: k.status,
    lostAt: iso(k.lostAt),
    lostBy: ref(names, k.lostBy),
    lossNote: k.lossNote,
    lockChangedAt: iso(k.lockChangedAt),
    lockChangedBy: ref(names, k.lockChangedBy),
    lockChangeNote: k.lockChangeNote,
    lossCount: k.lossCount,
    ...recordMeta(k),
    allowedActions: actions(ctx, k, orgPath),
  }));
}

export async function visibleKeySet(ctx: Ctx, id: string) {
  return loadScoped(ctx, keySets, id, { readPerm: KP.read, notFoundCode: 'KEY_SET_NOT_FOUND', targetType: 'key_set' });
}

export async function get(ctx: Ctx, id: string) {
  await visibleKeySet(ctx, id);
  const [k] = await present(ctx, await select(ctx).where(eq(keySets.id, id)));
  const hs = await ctx.tx.select().from(keyHandovers).where(eq(keyHandovers.keySetId, id)).orderBy(asc(keyHandovers.givenAt));
  const names = await namesOf(ctx.tx, hs.flatMap((h) => [h.fromUserId, h.toUserId]));
  const handovers = hs.map((h) => ({
    id: h.id,
    from: ref(names, h.fromUserId),
    to: ref(names, h.toUserId),
    note: h.note,
    status: h.status,
    givenAt: h.givenAt.toISOString(),
    confirmedAt: iso(h.confirmedAt),
    allowedActions: h.status === 'pending' && h.toUserId === ctx.actor?.userId && k.status === 'normal' ? ['confirm'] : [],
  }));
  return { ...k, handovers };
}

export interface KeyQuery {
  siteId?: string;
  orgId?: string;
  status?: 'normal' | 'lost';
  holderId?: string;
  q?: string;
  includeWithdrawn?: boolean;
  sort?: string;
}

/** The register's filter; the dashboard tile counts `status=lost` with it. */
export async function whereFor(ctx: Ctx, q: KeyQuery, scope: SQL = inSubtrees(keySets.orgId, scopePaths(requireActor(ctx), KP.read))): Promise<SQL> {
  const c: SQL[] = [scope];
  if (!q.includeWithdrawn) c.push(isNull(keySets.withdrawnAt));
  if (q.siteId) c.push(eq(keySets.siteId, q.siteId));
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId, KP.read)).path));
  if (q.status) c.push(eq(keySets.status, q.status));
  if (q.holderId) c.push(sql`${keySets.holderIds} @> ${JSON.stringify([q.holderId])}::jsonb`);
  if (q.q) c.push(or(ilike(keySets.description, `%${likeEscape(q.q)}%`), ilike(sites.name, `%${likeEscape(q.q)}%`))!);
  return and(...c)!;
}

const SORTS = { createdAt: keySets.createdAt, site: sites.name, lostAt: keySets.lostAt };
const countWhere = async (ctx: Ctx, where: SQL) =>
  Number((await ctx.tx.select({ n: count() }).from(keySets).innerJoin(orgs, eq(orgs.id, keySets.orgId)).innerJoin(sites, eq(sites.id, keySets.siteId)).where(where))[0].n);

export async function list(ctx: Ctx, q: KeyQuery, p: PageParams) {
  const where = await whereFor(ctx, q);
  const [items, n] = await Promise.all([select(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, 'site', keySets.id)).limit(p.pageSize).offset(p.offset), countWhere(ctx, where)]);
  return pageOf(await present(ctx, items), n, p);
}

export async function count_(ctx: Ctx, q: KeyQuery, scope?: SQL) {
  return countWhere(ctx, await whereFor(ctx, q, scope));
}

export async function exportXlsx(ctx: Ctx, q: KeyQuery) {
  const where = and(await whereFor(ctx, q), inSubtrees(keySets.orgId, scopePaths(requireActor(ctx), KP.export)))!;
  if ((await countWhere(ctx, where)) > 50_000) throw ruleRefused('EXPORT_TOO_LARGE', { limit: 50_000 });
  const rows = await present(ctx, await select(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, 'site', keySets.id)).limit(50_000));
  const { sort: _sort, ...filter } = q;
  await audit(ctx, { action: 'keys.export', targetType: 'key_sets', targetLabel: `${rows.length}`, detail: { filter, rows: rows.length } });
  return buildXlsx({ zh: '钥匙保管登记', en: 'Key custody register' }, KEY_EXPORT_COLUMNS(ctx.lang), rows, ctx.lang, ctx.app.config.timeZone);
}

export async function create(ctx: Ctx, input: { siteId: string; description: string; copies: number; holderIds: string[] }) {
  const actor = requireActor(ctx);
  const site = await siteFor(ctx, input.siteId, KP.manage, KP.read);
  if (!RESTRICTED_KINDS.includes(site.kind)) throw ruleRefused('NOT_A_RESTRICTED_ROOM', {}, [{ path: 'siteId', code: 'NOT_A_RESTRICTED_ROOM' }]);
  await requirePeople(ctx, input.holderIds, (await cooperativeOf(ctx.tx, site.orgPath)).path, 'holderIds');
  const id = randomUUID();
  await ctx.tx.insert(keySets).values({ id, orgId: site.orgId, siteId: site.id, description: input.description, copies: input.copies, holderIds: input.holderIds, status: 'normal', createdAt: ctx.now, createdBy: actor.userId, updatedAt: ctx.now, updatedBy: actor.userId });
  await audit(ctx, { action: 'keys.create', targetType: 'key_set', targetId: id, targetLabel: `${site.name} ${input.description}`, orgId: site.orgId, detail: { copies: input.copies, holderIds: input.holderIds } });
  return get(ctx, id);
}

async function live(ctx: Ctx, id: string) {
  const r = await visibleKeySet(ctx, id);
  if (r.row.withdrawnAt) throw invalidState('withdrawn');
  return r;
}

const label = (k: Row) => k.description;

/** VIS-04: the giver (a holder) records the handover; it takes effect when the receiver confirms. */
export async function handover(ctx: Ctx, id: string, b: { toUserId: string; note?: string | null }) {
  const { row: k, orgPath } = await live(ctx, id);
  if (!isHolder(ctx, k)) throw forbidden('NOT_A_HOLDER', { action: 'keys.handover', targetType: 'key_set', targetId: id, orgId: k.orgId });
  if (k.status === 'lost') throw ruleRefused('KEY_SET_LOST');
  if (k.holderIds.includes(b.toUserId)) throw ruleRefused('RECEIVER_IS_HOLDER', {}, [{ path: 'toUserId', code: 'RECEIVER_IS_HOLDER' }]);
  await requirePeople(ctx, [b.toUserId], (await cooperativeOf(ctx.tx, orgPath)).path, 'toUserId');
  const hid = randomUUID();
  await ctx.tx.insert(keyHandovers).values({ id: hid, keySetId: id, orgId: k.orgId, fromUserId: ctx.actor!.userId, toUserId: b.toUserId, note: b.note ?? null, status: 'pending', givenAt: ctx.now });
  await audit(ctx, { action: 'keys.handover', targetType: 'key_set', targetId: id, targetLabel: label(k), orgId: k.orgId, detail: { handoverId: hid, from: ctx.actor!.userId, to: b.toUserId, note: b.note ?? null } });
  await notify(ctx, { rule: 'key.handover', orgId: k.orgId, targetType: 'key_set', targetId: id, dueKey: hid, recipients: [b.toUserId], messageCode: 'key.handover', params: { description: k.description, from: ctx.actor!.name }, link: `/visitors/keys/${id}` });
  return get(ctx, id);
}

/** VIS-04: the receiver confirms with their own password (a second, separately authenticated signature). */
export async function confirm(ctx: Ctx, id: string, handoverId: string, b: { password: string }) {
  const { row: k } = await live(ctx, id);
  const [h] = await ctx.tx.select().from(keyHandovers).where(and(eq(keyHandovers.id, handoverId), eq(keyHandovers.keySetId, id)));
  if (!h) throw notFound('KEY_HANDOVER_NOT_FOUND');
  if (h.toUserId !== ctx.actor!.userId) throw forbidden('NOT_THE_RECEIVER', { action: 'keys.confirm', targetType: 'key_set', targetId: id, orgId: k.orgId });
  if (h.status !== 'pending') throw invalidState(h.status);
  if (k.status === 'lost') throw ruleRefused('KEY_SET_LOST');
  // SEC-01: a wrong password counts towards the lockout; the refusal commits with its audit entry.
  const c = await confirmOwnPassword(ctx, ctx.actor!.userId, b.password, 'key handover');
  if (!c.ok) {
    const refused = confirmationRefusal(c);
    await audit(ctx, { action: 'keys.confirm', targetType: 'key_set', targetId: id, targetLabel: label(k), orgId: k.orgId, result: 'failure', detail: { handoverId, reason: refused.code } });
    return { refused };
  }
  // The giver may have handed the set on meanwhile: then this handover is stale.
  if (!k.holderIds.includes(h.fromUserId)) throw invalidState('giver_no_longer_holder');
  const holderIds = [...k.holderIds.filter((u) => u !== h.fromUserId), h.toUserId];
  const after = await updateVersioned(ctx.tx, keySets, id, k.version, { holderIds, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await ctx.tx.update(keyHandovers).set({ status: 'confirmed', confirmedAt: ctx.now, version: sql`${keyHandovers.version} + 1` }).where(eq(keyHandovers.id, handoverId));
  await audit(ctx, { action: 'keys.confirm', targetType: 'key_set', targetId: id, targetLabel: label(k), orgId: k.orgId, changes: diff(k, after, ['holderIds']), detail: { handoverId, from: h.fromUserId, to: h.toUserId } });
  return get(ctx, id);
}

/** VIS-04: a holder or the officer declares the set lost; the people who manage keys there are told. */
export async function declareLoss(ctx: Ctx, id: string, b: { note: string; version?: number }) {
  const { row: k, orgPath } = await live(ctx, id);
  if (!isHolder(ctx, k) && !can(ctx.actor, KP.manage, orgPath)) throw forbidden('NOT_A_HOLDER', { action: 'keys.loss', targetType: 'key_set', targetId: id, orgId: k.orgId });
  if (k.status === 'lost') throw invalidState('lost');
  const after = await updateVersioned(ctx.tx, keySets, id, b.version ?? k.version, { status: 'lost', lostAt: ctx.now, lostBy: ctx.actor!.userId, lossNote: b.note, lockChangedAt: null, lockChangedBy: null, lockChangeNote: null, lossCount: k.lossCount + 1, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  // Pending handovers of a lost set lapse.
  await ctx.tx.update(keyHandovers).set({ status: 'cancelled' }).where(and(eq(keyHandovers.keySetId, id), eq(keyHandovers.status, 'pending')));
  await audit(ctx, { action: 'keys.loss', targetType: 'key_set', targetId: id, targetLabel: label(k), orgId: k.orgId, changes: diff(k, after, ['status']), detail: { note: b.note } });
  const [s] = await ctx.tx.select({ name: sites.name }).from(sites).where(eq(sites.id, k.siteId));
  await notify(ctx, { rule: 'key.lost', orgId: k.orgId, targetType: 'key_set', targetId: id, dueKey: after.lostAt!.toISOString(), recipients: await holders(ctx, { permission: KP.manage, orgPath }), messageCode: 'key.lost', params: { description: k.description, site: s?.name ?? '' }, link: `/visitors/keys/${id}` });
  return get(ctx, id);
}

/** VIS-04: the lock change closes the loss. */
export async function lockChange(ctx: Ctx, id: string, b: { note: string; version?: number }) {
  const { row: k, orgPath } = await live(ctx, id);
  if (!can(ctx.actor, KP.manage, orgPath)) throw forbidden('FORBIDDEN', { action: KP.manage, targetType: 'key_set', targetId: id, orgId: k.orgId });
  if (k.status !== 'lost') throw ruleRefused('KEY_SET_NOT_LOST');
  const after = await updateVersioned(ctx.tx, keySets, id, b.version ?? k.version, { status: 'normal', lockChangedAt: ctx.now, lockChangedBy: ctx.actor!.userId, lockChangeNote: b.note, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'keys.lock_change', targetType: 'key_set', targetId: id, targetLabel: label(k), orgId: k.orgId, changes: diff(k, after, ['status']), detail: { note: b.note } });
  return get(ctx, id);
}

export async function withdraw(ctx: Ctx, id: string, b: { reason: string; version?: number }) {
  const { row: k, orgPath } = await live(ctx, id);
  if (!can(ctx.actor, KP.manage, orgPath)) throw forbidden('FORBIDDEN', { action: KP.manage, targetType: 'key_set', targetId: id, orgId: k.orgId });
  await updateVersioned(ctx.tx, keySets, id, b.version ?? k.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: b.reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'keys.withdraw', targetType: 'key_set', targetId: id, targetLabel: label(k), orgId: k.orgId, detail: { reason: b.reason } });
  return get(ctx, id);
}
