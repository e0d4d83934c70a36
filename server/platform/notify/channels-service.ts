// Delivery channels of a unit and its subtree (e-mail over SMTP, WeCom and DingTalk group robots),
// configured by the system administrator (settings.manage, SEC-03), with a "send test" and the
// delivery log. Every change is audited, with secret settings recorded as changed, never their value.
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { notificationChannels, notificationDeliveries, users } from '../../db/schema/index.ts';
import type { ChannelKind } from '../../db/schema/notify.ts';
import { P } from '../access/platform-permissions.ts';
import { iso, loadScoped, recordMeta } from '../access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../access/scope.ts';
import { audit, diff } from '../audit/writer.ts';
import type { Ctx } from '../context.ts';
import { conflict, notFound, ruleRefused } from '../http/errors.ts';
import { t } from '../http/i18n.ts';
import { pageOf, type PageParams } from '../http/paging.ts';
import { updateVersioned } from '../http/versions.ts';
import { orgFor, visibleOrg } from '../orgs/service.ts';
import { checkConfig, decryptConfig, encryptConfig, maskConfig, mergeConfig, SECRET_FIELDS } from './channel-config.ts';
import { channelActions } from './policy.ts';
import { findDelivery, listChannels, listDeliveries } from './repository.ts';
import { type ChannelCreate, type ChannelPatch, CONFIG_SCHEMAS } from './schema.ts';

type ChannelRow = typeof notificationChannels.$inferSelect;
type DeliveryRow = typeof notificationDeliveries.$inferSelect;
type Plain = Record<string, unknown>;
const FIELDS = ['orgId', 'kind', 'name', 'enabled', 'rules'] as const;
const TARGET = 'notification_channel';

export function presentChannel(ctx: Ctx, c: ChannelRow, org: { name: string; path: string }) {
  return {
    id: c.id,
    orgId: c.orgId,
    orgName: org.name,
    kind: c.kind,
    name: c.name,
    enabled: c.enabled,
    rules: c.rules,
    config: maskConfig(c.kind, decryptConfig(ctx.app, c.configEnc)),
    ...recordMeta(c),
    allowedActions: channelActions(ctx, org.path, c),
  };
}

/** The config's changed fields as "config.<field>", secrets as '***'. */
function configChanges(kind: ChannelKind, before: Plain | null, after: Plain | null) {
  const d = diff(before, after, Object.keys(CONFIG_SCHEMAS[kind].properties), SECRET_FIELDS[kind]);
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [`config.${k}`, v]));
}

/** A channel at a unit where the caller holds settings.manage; 404 elsewhere (audited as denied). */
export function visibleChannel(ctx: Ctx, id: string) {
  return loadScoped(ctx, notificationChannels, id, { readPerm: P.settings.manage, notFoundCode: 'NOTIFICATION_CHANNEL_NOT_FOUND', targetType: TARGET });
}

/** A channel the caller may change (seeing one already takes settings.manage at its unit), not withdrawn. */
async function liveChannel(ctx: Ctx, id: string) {
  const r = await visibleChannel(ctx, id);
  if (r.row.withdrawnAt) throw conflict('ALREADY_WITHDRAWN');
  return r;
}

export async function get(ctx: Ctx, id: string) {
  const r = await visibleChannel(ctx, id);
  return presentChannel(ctx, r.row, await visibleOrg(ctx, r.row.orgId, P.settings.manage));
}

export async function list(ctx: Ctx, q: { orgId?: string; kind?: ChannelKind; includeWithdrawn?: boolean; sort?: string }, p: PageParams) {
  const scope = inSubtrees(notificationChannels.orgId, scopePaths(requireActor(ctx), P.settings.manage));
  const within = q.orgId ? (await visibleOrg(ctx, q.orgId, P.settings.manage)).path : undefined;
  const r = await listChannels(ctx.tx, { scope, withinPath: within, kind: q.kind, includeWithdrawn: q.includeWithdrawn }, p, q.sort);
  return pageOf(r.items.map((x) => presentChannel(ctx, x.channel, { name: x.orgName, path: x.orgPath })), r.total, p);
}

export async function create(ctx: Ctx, input: ChannelCreate) {
  const org = await orgFor(ctx, input.orgId, P.settings.manage);
  const config = checkConfig(input.kind, input.config);
  const by = ctx.actor!.userId;
  const [c] = await ctx.tx
    .insert(notificationChannels)
    .values({
      id: randomUUID(),
      orgId: org.id,
      kind: input.kind,
      name: input.name,
      enabled: input.enabled ?? true,
      configEnc: encryptConfig(ctx.app, config),
      rules: input.rules ?? [],
      createdAt: ctx.now,
      createdBy: by,
      updatedAt: ctx.now,
      updatedBy: by,
    })
    .returning();
  await audit(ctx, {
    action: 'notification_channels.create',
    targetType: TARGET,
    targetId: c.id,
    targetLabel: c.name,
    orgId: org.id,
    changes: { ...diff(null, c, FIELDS), ...configChanges(c.kind, null, config) },
  });
  return presentChannel(ctx, c, org);
}

export async function update(ctx: Ctx, id: string, patch: Omit<ChannelPatch, 'version'>, version: number) {
  const { row: before } = await liveChannel(ctx, id);
  const stored = decryptConfig(ctx.app, before.configEnc);
  const set: Plain = { updatedAt: ctx.now, updatedBy: ctx.actor!.userId };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  if (patch.rules !== undefined) set.rules = patch.rules;
  let config = stored;
  if (patch.config) {
    config = checkConfig(before.kind, mergeConfig(before.kind, stored, patch.config));
    if (JSON.stringify(config) !== JSON.stringify(stored)) set.configEnc = encryptConfig(ctx.app, config);
  }
  const after = await updateVersioned(ctx.tx, notificationChannels, id, version, set);
  await audit(ctx, {
    action: 'notification_channels.update',
    targetType: TARGET,
    targetId: id,
    targetLabel: after.name,
    orgId: after.orgId,
    changes: { ...diff(before, after, FIELDS), ...configChanges(before.kind, stored, config) },
  });
  return presentChannel(ctx, after, await visibleOrg(ctx, after.orgId, P.settings.manage));
}

/** Withdrawn channels send nothing more; their queued deliveries fail with "channel withdrawn". */
export async function withdraw(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const { row } = await liveChannel(ctx, id);
  const by = ctx.actor!.userId;
  const after = await updateVersioned(ctx.tx, notificationChannels, id, version ?? row.version, { withdrawnAt: ctx.now, withdrawnBy: by, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: by });
  await audit(ctx, { action: 'notification_channels.withdraw', targetType: TARGET, targetId: id, targetLabel: row.name, orgId: row.orgId, detail: { reason } });
  return presentChannel(ctx, after, await visibleOrg(ctx, after.orgId, P.settings.manage));
}

/**
 * Queues a test message through the channel (an e-mail goes to the caller's own address) and returns
 * the delivery's id; the route sends it right after the commit. Works on a disabled channel too, so
 * it can be checked before it is switched on.
 */
export async function queueTest(ctx: Ctx, id: string): Promise<string> {
  const { row } = await liveChannel(ctx, id);
  const actor = requireActor(ctx);
  let recipient: string | null = null;
  if (row.kind === 'email') {
    const [me] = await ctx.tx.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
    recipient = me?.email?.trim() || null;
    if (!recipient) throw ruleRefused('NOTIFY_TEST_NO_EMAIL');
  }
  const at = new Intl.DateTimeFormat('zh-CN', { timeZone: ctx.app.config.timeZone, dateStyle: 'medium', timeStyle: 'medium' }).format(ctx.now);
  const deliveryId = randomUUID();
  await ctx.tx.insert(notificationDeliveries).values({
    id: deliveryId,
    orgId: row.orgId,
    channelId: row.id,
    notificationId: null,
    dedupeKey: `test:${deliveryId}`,
    recipient,
    subject: t('zh-CN', 'NOTIFY_TEST_SUBJECT', { channel: row.name }),
    body: t('zh-CN', 'NOTIFY_TEST_BODY', { channel: row.name, by: actor.name, at }),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: ctx.now,
    isTest: true,
    createdAt: ctx.now,
  });
  await audit(ctx, { action: 'notification_channels.test', targetType: TARGET, targetId: row.id, targetLabel: row.name, orgId: row.orgId, detail: { deliveryId, recipient } });
  return deliveryId;
}

export function presentDelivery(d: DeliveryRow, channel: { channelName: string; kind: ChannelKind }) {
  return {
    id: d.id,
    orgId: d.orgId,
    channelId: d.channelId,
    channelName: channel.channelName,
    kind: channel.kind,
    notificationId: d.notificationId,
    recipient: d.recipient,
    subject: d.subject,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastError: d.lastError,
    sentAt: iso(d.sentAt),
    isTest: d.isTest,
    createdAt: d.createdAt.toISOString(),
  };
}

export async function getDelivery(ctx: Ctx, id: string) {
  const r = await findDelivery(ctx.tx, id);
  if (!r || !can(requireActor(ctx), P.settings.manage, r.orgPath)) throw notFound('NOT_FOUND');
  return presentDelivery(r.delivery, r);
}

/** The delivery log of the channels in the caller's scope, newest first. */
export async function deliveries(ctx: Ctx, q: { channelId?: string; status?: DeliveryRow['status']; from?: string; to?: string; sort?: string }, p: PageParams) {
  const scope = inSubtrees(notificationChannels.orgId, scopePaths(requireActor(ctx), P.settings.manage));
  if (q.channelId) await visibleChannel(ctx, q.channelId);
  const r = await listDeliveries(ctx.tx, { scope, channelId: q.channelId, status: q.status, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined }, p, q.sort);
  return pageOf(r.items.map((x) => presentDelivery(x.delivery, x)), r.total, p);
}
