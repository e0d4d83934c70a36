// Opening and closing checks of branches (营业前 / 营业后安全检查, PAT-04): a short fixed checklist
// done before and after business hours by the two people on duty — the first records the items, a
// second, different person confirms (two-person rule): from their own session, or on the first
// person's phone with their own username and password (checked like a sign-in, SEC-01). A check not completed
// by the org's deadline that day is flagged "missed" by the sweep (and stays flagged if done later).
import { and, count, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { randomUUID } from 'node:crypto';
import { openingChecks, orgs, users } from '../../db/schema/index.ts';
import type { CheckKind, CheckStatus } from '../../db/schema/patrols.ts';
import { allowedActions, loadScoped, recordMeta } from '../../platform/access/records.ts';
import { findUserWithOrg } from '../../platform/auth/actor.ts';
import { confirmationRefusal, confirmOwnPassword } from '../../platform/auth/confirm-password.ts';
import { can, inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { buildXlsx } from '../../platform/export/xlsx.ts';
import { conflict, forbidden, invalidField, invalidState, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { holders } from '../../platform/notify/service.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { CHECKLISTS, itemText } from './checklist.ts';
import { todayOf } from './common.ts';
import { CHECK_EXPORT_COLUMNS } from './export.ts';
import { PP } from './permissions.ts';

const first = alias(users, 'first_person');
const second = alias(users, 'second_person');
const select = (ctx: Ctx) =>
  ctx.tx
    .select({ c: openingChecks, orgName: orgs.name, orgPath: orgs.path, firstName: first.name, secondName: second.name })
    .from(openingChecks)
    .innerJoin(orgs, eq(orgs.id, openingChecks.orgId))
    .leftJoin(first, eq(first.id, openingChecks.firstBy))
    .leftJoin(second, eq(second.id, openingChecks.secondBy));
type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

function present(ctx: Ctx, r: Row) {
  const c = r.c;
  const me = ctx.actor?.userId;
  return {
    id: c.id,
    orgId: c.orgId,
    orgName: r.orgName,
    day: c.day,
    kind: c.kind,
    status: c.status,
    missed: c.missed,
    items: c.items.map((i) => ({ key: i.key, text: itemText(c.kind, i.key, ctx.lang), ok: i.ok, note: i.note })),
    failedItems: c.items.filter((i) => !i.ok).length,
    note: c.note,
    firstBy: c.firstBy ? { id: c.firstBy, name: r.firstName ?? '' } : null,
    firstAt: c.firstAt?.toISOString() ?? null,
    secondBy: c.secondBy ? { id: c.secondBy, name: r.secondName ?? '' } : null,
    secondAt: c.secondAt?.toISOString() ?? null,
    ...recordMeta(c),
    allowedActions: c.withdrawnAt
      ? []
      : allowedActions(ctx, r.orgPath, {
          confirm: { perm: PP.check, when: c.status === 'awaiting_second' && c.firstBy !== me },
          // The second person confirms on this device with their own password (PAT-04).
          confirmWithPassword: { perm: PP.check, when: c.status === 'awaiting_second' },
          perform: { perm: PP.check, when: c.status === 'missed' && c.day === todayOf(ctx) },
          withdraw: { perm: PP.withdraw },
          print: { perm: PP.read },
        }),
  };
}

export async function visibleCheck(ctx: Ctx, id: string) {
  return loadScoped(ctx, openingChecks, id, { readPerm: PP.read, notFoundCode: 'OPENING_CHECK_NOT_FOUND', targetType: 'opening_check' });
}

export async function getCheck(ctx: Ctx, id: string) {
  await visibleCheck(ctx, id);
  const [r] = await select(ctx).where(eq(openingChecks.id, id));
  return present(ctx, r);
}

export interface CheckQuery {
  orgId?: string;
  kind?: CheckKind;
  status?: CheckStatus;
  missed?: boolean;
  dayFrom?: string;
  dayTo?: string;
  today?: boolean;
  personId?: string;
  includeWithdrawn?: boolean;
  sort?: string;
}

/** The register's filter as SQL over opening_checks ⋈ orgs (the dashboard tile counts with it). */
export async function checkWhere(ctx: Ctx, q: CheckQuery): Promise<SQL> {
  const c: SQL[] = [inSubtrees(openingChecks.orgId, scopePaths(requireActor(ctx), PP.read))];
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId, PP.read)).path));
  if (!q.includeWithdrawn) c.push(isNull(openingChecks.withdrawnAt));
  if (q.kind) c.push(eq(openingChecks.kind, q.kind));
  if (q.status) c.push(eq(openingChecks.status, q.status));
  if (q.missed !== undefined) c.push(eq(openingChecks.missed, q.missed));
  if (q.personId) c.push(or(eq(openingChecks.firstBy, q.personId), eq(openingChecks.secondBy, q.personId))!);
  const today = todayOf(ctx);
  if (q.today || q.dayFrom) c.push(gte(openingChecks.day, q.today ? today : q.dayFrom!));
  if (q.today || q.dayTo) c.push(lte(openingChecks.day, q.today ? today : q.dayTo!));
  return and(...c)!;
}

const SORTS = { day: openingChecks.day, createdAt: openingChecks.createdAt };

export async function listChecks(ctx: Ctx, q: CheckQuery, p: PageParams) {
  const where = await checkWhere(ctx, q);
  const [rows, [{ n }]] = await Promise.all([
    select(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, '-day', openingChecks.id), openingChecks.kind).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(openingChecks).innerJoin(orgs, eq(orgs.id, openingChecks.orgId)).where(where),
  ]);
  return pageOf(rows.map((r) => present(ctx, r)), Number(n), p);
}

export async function countChecks(ctx: Ctx, q: CheckQuery): Promise<number> {
  const [{ n }] = await ctx.tx.select({ n: count() }).from(openingChecks).innerJoin(orgs, eq(orgs.id, openingChecks.orgId)).where(await checkWhere(ctx, q));
  return Number(n);
}

export async function exportChecks(ctx: Ctx, q: CheckQuery) {
  const where = and(await checkWhere(ctx, q), inSubtrees(openingChecks.orgId, scopePaths(requireActor(ctx), PP.export)))!;
  const rows = (await select(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, '-day', openingChecks.id)).limit(50_001)).map((r) => present(ctx, r));
  if (rows.length > 50_000) throw ruleRefused('EXPORT_TOO_LARGE', { limit: 50_000 });
  const { sort: _s, ...filter } = q;
  await audit(ctx, { action: 'opening_checks.export', targetType: 'opening_checks', targetLabel: `${rows.length}`, detail: { filter, rows: rows.length } });
  return buildXlsx({ zh: '营业前后安全检查登记', en: 'Opening and closing checks' }, CHECK_EXPORT_COLUMNS(ctx.lang), rows, ctx.lang, ctx.app.config.timeZone);
}

/** The shipped checklists in the caller's language. */
export function checklists(ctx: Ctx) {
  const en = ctx.lang === 'en';
  const list = (k: CheckKind) => CHECKLISTS[k].map((i) => ({ key: i.key, text: en ? i.en : i.zh }));
  return { opening: list('opening'), closing: list('closing') };
}

function validItems(kind: CheckKind, items: Array<{ key: string; ok: boolean; note?: string | null }>) {
  const known = CHECKLISTS[kind].map((i) => i.key);
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (!known.includes(it.key) || seen.has(it.key)) throw invalidField(`items.${i}.key`, 'CHECK_ITEM_UNKNOWN');
    seen.add(it.key);
    if (!it.ok && !it.note?.trim()) throw invalidField(`items.${i}.note`, 'CHECK_NOTE_REQUIRED');
  });
  const missing = known.filter((k) => !seen.has(k));
  if (missing.length) throw ruleRefused('CHECK_ITEMS_INCOMPLETE', { missing: missing.join(', ') }, [{ path: 'items', code: 'CHECK_ITEMS_INCOMPLETE', params: { missing: missing.join(', ') } }]);
  return known.map((k) => {
    const it = items.find((x) => x.key === k)!;
    return { key: k, ok: it.ok, note: it.note?.trim() || null };
  });
}

/** PAT-04: the first person on duty records today's check of the branch; it waits for the second. */
export async function createCheck(ctx: Ctx, b: { orgId: string; kind: CheckKind; items: Array<{ key: string; ok: boolean; note?: string | null }>; note?: string | null }) {
  const actor = requireActor(ctx);
  const unit = await visibleOrg(ctx, b.orgId, PP.check);
  if (!can(actor, PP.check, unit.path)) throw forbidden('FORBIDDEN', { action: PP.check, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (unit.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  if (unit.kind !== 'branch') throw ruleRefused('NOT_A_BRANCH', {}, [{ path: 'orgId', code: 'NOT_A_BRANCH' }]);
  const items = validItems(b.kind, b.items);
  const day = todayOf(ctx);
  const [existing] = await ctx.tx
    .select()
    .from(openingChecks)
    .where(and(eq(openingChecks.orgId, unit.id), eq(openingChecks.day, day), eq(openingChecks.kind, b.kind), isNull(openingChecks.withdrawnAt)))
    .for('update');
  if (existing && existing.status !== 'missed') throw conflict('CHECK_ALREADY_DONE');
  const values = { status: 'awaiting_second' as const, items, note: b.note?.trim() || null, firstBy: actor.userId, firstAt: ctx.now, updatedAt: ctx.now, updatedBy: actor.userId };
  let id: string;
  if (existing) {
    id = existing.id;
    await updateVersioned(ctx.tx, openingChecks, id, existing.version, values);
  } else {
    id = randomUUID();
    await ctx.tx.insert(openingChecks).values({ id, orgId: unit.id, day, kind: b.kind, missed: false, createdAt: ctx.now, createdBy: actor.userId, ...values });
  }
  await audit(ctx, { action: 'opening_checks.record', targetType: 'opening_check', targetId: id, targetLabel: `${unit.name} ${day} ${b.kind}`, orgId: unit.id, detail: { failed: items.filter((i) => !i.ok).map((i) => i.key), late: existing?.missed ?? false } });
  return getCheck(ctx, id);
}

/**
 * PAT-04: the second person on duty confirms — never the one who recorded it. Either the caller
 * confirms as themself, or (`username` + `password`) the second person confirms on the caller's
 * device: they must hold the check permission over the branch, and a wrong password counts towards
 * their lockout — that refusal is returned as `{ refused }` so it commits with its audit entry.
 */
export async function confirmCheck(ctx: Ctx, id: string, b: { note?: string | null; version?: number; username?: string; password?: string }) {
  const r = await visibleCheck(ctx, id);
  const me = requireActor(ctx).userId;
  const c = r.row;
  if (!can(ctx.actor, PP.check, r.orgPath)) throw forbidden('FORBIDDEN', { action: PP.check, targetType: 'opening_check', targetId: id, orgId: c.orgId });
  if (c.withdrawnAt) throw invalidState('withdrawn');
  if (c.status !== 'awaiting_second') throw invalidState(c.status);
  let secondBy = me;
  if (b.username !== undefined) {
    if (!b.password) throw invalidField('password', 'V_REQUIRED');
    const u = await findUserWithOrg(ctx.tx, sql`lower(${users.username}) = lower(${b.username})`);
    const eligible = !!u && u.status === 'active' && !u.withdrawnAt && (await holders(ctx, { permission: PP.check, orgPath: r.orgPath })).includes(u.id);
    if (!eligible) throw ruleRefused('SECOND_PERSON_NOT_ELIGIBLE', {}, [{ path: 'username', code: 'SECOND_PERSON_NOT_ELIGIBLE' }]);
    if (c.firstBy === u.id) throw ruleRefused('SECOND_PERSON_REQUIRED', {}, [{ path: 'username', code: 'SECOND_PERSON_REQUIRED' }]);
    const pw = await confirmOwnPassword(ctx, u.id, b.password, 'opening check');
    if (!pw.ok) {
      const refused = confirmationRefusal(pw);
      await audit(ctx, { action: 'opening_checks.confirm', targetType: 'opening_check', targetId: id, targetLabel: `${c.day} ${c.kind}`, orgId: c.orgId, result: 'failure', detail: { method: 'password', second: u.username, reason: refused.code } });
      return { refused };
    }
    secondBy = u.id;
  }
  if (c.firstBy === secondBy) throw ruleRefused('SECOND_PERSON_REQUIRED');
  const note = b.note?.trim() ? [c.note, b.note.trim()].filter(Boolean).join('\n') : c.note;
  await updateVersioned(ctx.tx, openingChecks, id, b.version ?? c.version, { status: 'done', secondBy, secondAt: ctx.now, note, updatedAt: ctx.now, updatedBy: me });
  await audit(ctx, { action: 'opening_checks.confirm', targetType: 'opening_check', targetId: id, targetLabel: `${c.day} ${c.kind}`, orgId: c.orgId, changes: { status: ['awaiting_second', 'done'] }, detail: secondBy === me ? null : { method: 'password', second: secondBy, onDeviceOf: me } });
  return getCheck(ctx, id);
}

export async function withdrawCheck(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const r = await visibleCheck(ctx, id);
  if (!can(ctx.actor, PP.withdraw, r.orgPath)) throw forbidden('FORBIDDEN', { action: PP.withdraw, targetType: 'opening_check', targetId: id, orgId: r.row.orgId });
  if (r.row.withdrawnAt) throw invalidState('withdrawn');
  await updateVersioned(ctx.tx, openingChecks, id, version ?? r.row.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'opening_checks.withdraw', targetType: 'opening_check', targetId: id, targetLabel: `${r.row.day} ${r.row.kind}`, orgId: r.row.orgId, detail: { reason } });
  return getCheck(ctx, id);
}
