// Types of the notification APIs (taken from the server's schemas) and where a notification leads.
import type { Static } from 'typebox';
import type { Channel as ChannelSchema, Delivery as DeliverySchema, Notification as NotificationSchema } from '../../../../server/platform/notify/schema.ts';
export type { ChannelKind } from '../../../../server/db/schema/notify.ts';

export type AppNotification = Static<typeof NotificationSchema>;
export type Channel = Static<typeof ChannelSchema>;
export type Delivery = Static<typeof DeliverySchema>;
export type DeliveryStatus = Delivery['status'];

export const CHANNEL_KINDS = ['email', 'wecom', 'dingtalk'] as const;
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed'];

/** Record pages by the notification's target type. */
const TARGET_PAGES: Record<string, string> = { hazard: '/hazards', inspection: '/inspections' };

/**
 * The page of the record a notification is about: the link the server gave (an app path), else the
 * record page of its target type; null when there is no page for it.
 */
export function notificationTarget(n: Pick<AppNotification, 'link' | 'targetType' | 'targetId'>): string | null {
  // Only paths inside the app: a link is never followed off-site.
  if (n.link && n.link.startsWith('/') && !n.link.startsWith('//')) return n.link;
  const base = TARGET_PAGES[n.targetType];
  return base ? `${base}/${encodeURIComponent(n.targetId)}` : null;
}

export const unreadCountKey = ['notifications', 'unread-count'] as const;
