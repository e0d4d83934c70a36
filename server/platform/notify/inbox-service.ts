// The in-app notifications of the signed-in person (the bell): their own only, newest first, each
// rendered in the request's language from its message code. Another person's notification is "not
// found" (audited as denied). Marking read is audited: when someone saw an escalation is evidence.
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.ts';
import { iso } from '../access/records.ts';
import { requireActor } from '../access/scope.ts';
import { audit } from '../audit/writer.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { type Lang, t } from '../http/i18n.ts';
import { pageOf, type PageParams } from '../http/paging.ts';

type NotificationRow = typeof notifications.$inferSelect;

export function presentNotification(n: NotificationRow, lang: Lang) {
  return {
    id: n.id,
    orgId: n.orgId,
    rule: n.rule,
    messageCode: n.messageCode,
    title: t(lang, n.messageCode, n.params),
    params: n.params,
    link: n.link,
    targetType: n.targetType,
    targetId: n.targetId,
    createdAt: n.createdAt.toISOString(),
    readAt: iso(n.readAt),
  };
}

const mine = (ctx: Ctx) => eq(notifications.recipientId, requireActor(ctx).userId);

export async function list(ctx: Ctx, q: { unreadOnly?: boolean }, p: PageParams) {
  const w = q.unreadOnly ? and(mine(ctx), isNull(notifications.readAt)) : mine(ctx);
  const [items, [{ n }]] = await Promise.all([
    ctx.tx.select().from(notifications).where(w).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(notifications).where(w),
  ]);
  return pageOf(items.map((x) => presentNotification(x, ctx.lang)), Number(n), p);
}

export async function unreadCount(ctx: Ctx) {
  const [{ n }] = await ctx.tx.select({ n: count() }).from(notifications).where(and(mine(ctx), isNull(notifications.readAt)));
  return { count: Number(n) };
}

/** Marks one of my notifications read (the first reading time stays). */
export async function markRead(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const [n] = await ctx.tx.select().from(notifications).where(eq(notifications.id, id));
  if (!n) throw notFound('NOTIFICATION_NOT_FOUND');
  if (n.recipientId !== actor.userId) {
    throw notFound('NOTIFICATION_NOT_FOUND', { action: 'notifications.read', targetType: 'notification', targetId: id, orgId: n.orgId, reason: 'not the recipient' });
  }
  if (!n.readAt) {
    const [after] = await ctx.tx.update(notifications).set({ readAt: ctx.now }).where(and(eq(notifications.id, id), isNull(notifications.readAt))).returning();
    if (after) {
      await audit(ctx, { action: 'notifications.read', targetType: 'notification', targetId: id, targetLabel: t('zh-CN', n.messageCode, n.params), orgId: n.orgId });
      return presentNotification(after, ctx.lang);
    }
  }
  // Read already (perhaps a moment ago in another tab): the first reading time stands.
  const [current] = await ctx.tx.select().from(notifications).where(eq(notifications.id, id));
  return presentNotification(current, ctx.lang);
}

/** Marks all my unread notifications read; returns how many. */
export async function markAllRead(ctx: Ctx) {
  const done = await ctx.tx.update(notifications).set({ readAt: ctx.now }).where(and(mine(ctx), isNull(notifications.readAt))).returning({ id: notifications.id });
  if (done.length) await audit(ctx, { action: 'notifications.read_all', targetType: 'notification', detail: { count: done.length } });
  return { count: done.length };
}
