// What modules call to remind and escalate (DESIGN §2 principle 3, §7):
//   notify(ctx, {...})  — in the caller's transaction: one in-app notification per (rule, record, due
//                         key, recipient), ever, and the e-mail / group-robot deliveries it causes;
//   holders(ctx, {...}) — who holds a role or permission over a unit ("the unit head", "the security head").
// Exactly once comes from the unique key and INSERT … ON CONFLICT DO NOTHING, so it holds whatever
// the number of app instances, sweeps or retries: a second insert of the same key waits for the first
// transaction and then does nothing. Deliveries go to the outbox in the same transaction (they exist
// if and only if the notification does) and are sent later by the worker, so a failing channel never
// blocks or rolls back the business step that caused them.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { grants, notificationChannels, notificationDeliveries, notifications, orgs, roles, users } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { hasMessage, t } from '../http/i18n.ts';
import { pathIds } from '../orgs/repository.ts';
import { kickDeliveries } from './worker.ts';
import './messages.ts';

export interface NotifyInput {
  /** The rule that fires, e.g. "hazard.overdue"; channels may be limited to some rules. */
  rule: string;
  /** The record's unit: channels configured at this unit or above it apply. */
  orgId: string;
  targetType: string;
  targetId: string;
  /**
   * The occurrence the notice is about: the due date for "due tomorrow", the day for a daily
   * "overdue" repeat (YYYY-MM-DD in the org's time zone, see platform/time.ts). Same key, no new notice.
   */
  dueKey: string;
  /** User ids; people who are not active (left, transferred) are skipped. */
  recipients: readonly string[];
  /** A message code registered with defineMessages; rendered in each reader's language. */
  messageCode: string;
  params?: Record<string, unknown>;
  /** Where the web app shows the record, e.g. "/hazards/<id>". */
  link?: string | null;
}

/** The language deliveries are written in: the org language (DESIGN: Chinese first). */
const ORG_LANG = 'zh-CN' as const;

type Person = { id: string; email: string | null };
type Channel = { id: string; kind: string };

/**
 * Who a notice will reach (active recipients, with their addresses) and, when `withChannels`, the
 * unit's name and the channels that carry the rule: every read notify() needs. A caller about to take
 * a lock held until commit (a document number) reads its audience first and sends with
 * notifyAudience after, so the lock is not also held through these reads.
 */
export interface Audience {
  rule: string;
  orgId: string;
  people: Person[];
  channels?: { org: { name: string } | null; list: Channel[] };
}

export async function audience(
  ctx: Ctx,
  a: { rule: string; orgId: string; recipients: readonly string[]; withChannels?: boolean; unit?: { name: string; path: string } },
): Promise<Audience> {
  const ids = [...new Set(a.recipients)];
  // Sorted, so concurrent transactions take the unique-index locks in the same order (no deadlock).
  const people = ids.length
    ? (await ctx.tx.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.id, ids), eq(users.status, 'active'), isNull(users.withdrawnAt))).orderBy(asc(users.id))).map((p) => ({ id: p.id, email: p.email?.trim() || null }))
    : [];
  return { rule: a.rule, orgId: a.orgId, people, ...(a.withChannels && people.length ? { channels: await channelsFor(ctx, a.orgId, a.rule, a.unit) } : {}) };
}

/**
 * The unit's name and the enabled channels at the unit or above it that carry `rule`. `unit`: the unit
 * `orgId` names, when the caller has just read it (saves reading it again).
 */
async function channelsFor(ctx: Ctx, orgId: string, rule: string, unit?: { name: string; path: string }): Promise<NonNullable<Audience['channels']>> {
  const [org] = unit ? [unit] : await ctx.tx.select({ name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) return { org: null, list: [] };
  const list = await ctx.tx
    .select({ id: notificationChannels.id, kind: notificationChannels.kind })
    .from(notificationChannels)
    .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
    .where(
      and(
        eq(notificationChannels.enabled, true),
        isNull(notificationChannels.withdrawnAt),
        inArray(notificationChannels.orgId, pathIds(org.path)),
        sql`(${notificationChannels.rules} = '[]'::jsonb or ${notificationChannels.rules} @> ${JSON.stringify([rule])}::jsonb)`,
      ),
    )
    .orderBy(asc(notificationChannels.id));
  return { org: { name: org.name }, list };
}

/**
 * Creates the notifications of `n` that do not exist yet and queues their deliveries, in ctx.tx.
 * Returns the ids of the notifications created now (empty when all existed already).
 */
export async function notify(ctx: Ctx, n: NotifyInput): Promise<string[]> {
  return notifyAudience(ctx, await audience(ctx, n), n);
}

/** notify() to an audience read beforehand (see audience). */
export async function notifyAudience(ctx: Ctx, to: Audience, n: Omit<NotifyInput, 'rule' | 'orgId' | 'recipients'>): Promise<string[]> {
  if (!hasMessage(n.messageCode)) throw new Error(`notify: message ${n.messageCode} is not defined (register it with defineMessages)`);
  if (!to.people.length) return [];
  const params = n.params ?? {};
  const created = await ctx.tx
    .insert(notifications)
    .values(
      to.people.map((p) => ({
        id: randomUUID(),
        orgId: to.orgId,
        recipientId: p.id,
        rule: to.rule,
        targetType: n.targetType,
        targetId: n.targetId,
        dueKey: n.dueKey,
        messageCode: n.messageCode,
        params,
        link: n.link ?? null,
        createdAt: ctx.now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id, recipientId: notifications.recipientId });
  if (!created.length) return [];
  const emailOf = new Map(to.people.map((p) => [p.id, p.email]));
  await enqueueDeliveries(ctx, { ...n, rule: to.rule, orgId: to.orgId, recipients: [] }, created.map((c) => ({ ...c, email: emailOf.get(c.recipientId) ?? null })), to.channels);
  return created.map((c) => c.id);
}

/**
 * One delivery per new notification for each e-mail channel (to the recipient's address), and one
 * per (rule, record, due key) for each group robot, however many people are notified, so a group is
 * not sent the same reminder once per recipient. Whatever goes wrong with the channels is logged and
 * never undoes the notifications or the caller's change: the insert runs in a savepoint (only when
 * there is something to queue: most units have no channel, and a savepoint costs two round trips
 * inside the caller's transaction, which may hold a document-number lock).
 */
async function enqueueDeliveries(ctx: Ctx, n: NotifyInput, created: Array<{ id: string; recipientId: string; email: string | null }>, known?: Audience['channels']): Promise<void> {
  try {
    const queued = await (async () => {
      const { org, list: channels } = known ?? (await channelsFor(ctx, n.orgId, n.rule));
      if (!org) return 0;
      if (!channels.length) return 0;
      const subject = t(ORG_LANG, n.messageCode, n.params ?? {});
      const body = t(ORG_LANG, n.link ? 'NOTIFY_BODY_LINK' : 'NOTIFY_BODY', { title: subject, org: org.name, link: n.link });
      const base = { orgId: n.orgId, subject, body, status: 'pending' as const, attempts: 0, nextAttemptAt: ctx.now, createdAt: ctx.now };
      const values = channels.flatMap<typeof notificationDeliveries.$inferInsert>((ch) =>
        ch.kind === 'email'
          ? created.filter((c) => c.email).map((c) => ({ ...base, id: randomUUID(), channelId: ch.id, notificationId: c.id, dedupeKey: `n:${c.id}`, recipient: c.email }))
          : [{ ...base, id: randomUUID(), channelId: ch.id, notificationId: null, dedupeKey: `g:${n.rule}:${n.targetId}:${n.dueKey}`, recipient: null }],
      );
      if (!values.length) return 0;
      const rs = await ctx.tx.transaction((sp) => sp.insert(notificationDeliveries).values(values).onConflictDoNothing().returning({ id: notificationDeliveries.id }));
      return rs.length;
    })();
    if (queued) ctx.afterCommit(() => kickDeliveries(ctx.app));
  } catch (e) {
    ctx.app.log.error({ err: e, rule: n.rule, targetId: n.targetId }, 'notify: could not queue deliveries (the notifications stand)');
  }
}

/**
 * Ids of the active people with an active grant that covers the unit at `orgPath` (the grant's unit is
 * the unit or one above it) and whose role is one of `roleCodes` and/or carries `permission`, sorted
 * by name. E.g. the unit head: { roleCodes: ['branch_head'], orgPath }; the security head:
 * { roleCodes: ['security_head'], orgPath }; whoever may verify: { permission: 'hazards.verify', orgPath }.
 */
export async function holders(ctx: Ctx, q: { roleCodes?: readonly string[]; permission?: string; orgPath: string }): Promise<string[]> {
  if (!q.roleCodes?.length && !q.permission) throw new Error('holders: name roleCodes or a permission');
  const conds = [
    isNull(grants.revokedAt),
    isNull(roles.withdrawnAt),
    isNull(orgs.withdrawnAt),
    eq(users.status, 'active'),
    isNull(users.withdrawnAt),
    // The unit and its ancestors are the ids in its path: an index lookup on grants.org_id, where
    // starts_with(path, orgs.path) joined every grant (50,000 on provincial data) to test its org.
    inArray(grants.orgId, pathIds(q.orgPath)),
  ];
  if (q.roleCodes?.length) conds.push(inArray(roles.code, [...q.roleCodes]));
  if (q.permission) conds.push(sql`${roles.permissions} @> ${JSON.stringify([q.permission])}::jsonb`);
  const rs = await ctx.tx
    .selectDistinct({ id: users.id, name: users.name })
    .from(grants)
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .innerJoin(orgs, eq(orgs.id, grants.orgId))
    .innerJoin(users, eq(users.id, grants.userId))
    .where(and(...conds))
    .orderBy(asc(users.name), asc(users.id));
  return rs.map((r) => r.id);
}
