// Notifications (platform notify/): in-app notifications with an exactly-once key, delivery channels
// per org (e-mail over SMTP, WeCom and DingTalk group robots) and the delivery outbox with retries.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerColumns, ts } from './common.ts';
import { orgs } from './orgs.ts';
import { users } from './users.ts';

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    recipientId: uuid('recipient_id').notNull().references(() => users.id),
    /** The rule that produced it, e.g. "hazard.overdue". */
    rule: text('rule').notNull(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    /** The due time (or other occurrence key) the notice is about: one notice per rule, record, due key and recipient. */
    dueKey: text('due_key').notNull(),
    /** Message code and parameters, rendered in the reader's language. */
    messageCode: text('message_code').notNull(),
    params: jsonb('params').notNull().$type<Record<string, unknown>>(),
    link: text('link'),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_once_uq').on(t.rule, t.targetId, t.dueKey, t.recipientId),
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt),
    index('notifications_unread_idx').on(t.recipientId).where(sql`${t.readAt} is null`),
  ],
);

export const CHANNEL_KINDS = ['email', 'wecom', 'dingtalk'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A delivery channel of an org (and its subtree); its settings (SMTP password, webhook URL) are encrypted. */
export const notificationChannels = pgTable(
  'notification_channels',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    kind: text('kind', { enum: CHANNEL_KINDS }).notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    configEnc: text('config_enc').notNull(),
    /** Rules sent through this channel; empty = all. */
    rules: jsonb('rules').notNull().$type<string[]>(),
    ...registerColumns(),
  },
  (t) => [index('notification_channels_org_idx').on(t.orgId)],
);

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

/** The outbox: one row per message to send, claimed by one worker at a time, retried with back-off. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    channelId: uuid('channel_id').notNull().references(() => notificationChannels.id),
    notificationId: uuid('notification_id').references(() => notifications.id),
    /** Unique per channel: an e-mail per notification, a group message per rule, record and due key. */
    dedupeKey: text('dedupe_key').notNull(),
    recipient: text('recipient'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    claimedUntil: ts('claimed_until'),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    isTest: boolean('is_test').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_once_uq').on(t.channelId, t.dedupeKey),
    index('notification_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index('notification_deliveries_channel_idx').on(t.channelId, t.createdAt),
  ],
);
