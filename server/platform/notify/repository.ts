// Queries of the channel list and the delivery log, always filtered by the caller's scope.
import { and, count, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { notificationChannels, notificationDeliveries, orgs } from '../../db/schema/index.ts';
import type { ChannelKind } from '../../db/schema/notify.ts';
import { type PageParams, sortOrder } from '../http/paging.ts';
import { pathWithin } from '../access/scope.ts';

export interface ChannelFilter {
  scope: SQL;
  withinPath?: string;
  kind?: ChannelKind;
  includeWithdrawn?: boolean;
}

const CHANNEL_SORTS = { name: notificationChannels.name, kind: notificationChannels.kind, createdAt: notificationChannels.createdAt };

export async function listChannels(ex: Executor, f: ChannelFilter, p: PageParams, sort?: string) {
  const conds: SQL[] = [f.scope];
  if (f.withinPath) conds.push(pathWithin(orgs.path, f.withinPath));
  if (f.kind) conds.push(eq(notificationChannels.kind, f.kind));
  if (!f.includeWithdrawn) conds.push(isNull(notificationChannels.withdrawnAt));
  const w = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    ex
      .select({ channel: notificationChannels, orgName: orgs.name, orgPath: orgs.path })
      .from(notificationChannels)
      .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
      .where(w)
      .orderBy(...sortOrder(sort, CHANNEL_SORTS, 'name', notificationChannels.id))
      .limit(p.pageSize)
      .offset(p.offset),
    ex.select({ n: count() }).from(notificationChannels).innerJoin(orgs, eq(orgs.id, notificationChannels.orgId)).where(w),
  ]);
  return { items, total: Number(n) };
}

export interface DeliveryFilter {
  scope: SQL;
  channelId?: string;
  status?: (typeof notificationDeliveries.$inferSelect)['status'];
  from?: Date;
  to?: Date;
}

const DELIVERY_SORTS = {
  createdAt: notificationDeliveries.createdAt,
  nextAttemptAt: notificationDeliveries.nextAttemptAt,
  attempts: notificationDeliveries.attempts,
  status: notificationDeliveries.status,
};

const deliveryColumns = { delivery: notificationDeliveries, channelName: notificationChannels.name, kind: notificationChannels.kind, orgPath: orgs.path };

export async function listDeliveries(ex: Executor, f: DeliveryFilter, p: PageParams, sort?: string) {
  const conds: SQL[] = [f.scope];
  if (f.channelId) conds.push(eq(notificationDeliveries.channelId, f.channelId));
  if (f.status) conds.push(eq(notificationDeliveries.status, f.status));
  if (f.from) conds.push(gte(notificationDeliveries.createdAt, f.from));
  if (f.to) conds.push(lte(notificationDeliveries.createdAt, f.to));
  const w = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    ex
      .select(deliveryColumns)
      .from(notificationDeliveries)
      .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
      .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
      .where(w)
      .orderBy(...sortOrder(sort, DELIVERY_SORTS, '-createdAt', notificationDeliveries.id))
      .limit(p.pageSize)
      .offset(p.offset),
    ex.select({ n: count() }).from(notificationDeliveries).innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId)).where(w),
  ]);
  return { items, total: Number(n) };
}

export async function findDelivery(ex: Executor, id: string) {
  const [r] = await ex
    .select(deliveryColumns)
    .from(notificationDeliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
    .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
    .where(eq(notificationDeliveries.id, id));
  return r;
}
