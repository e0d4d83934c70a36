// /api/v1/notification-channels and /api/v1/notification-deliveries — delivery channels and their log
// (system administrator: settings.manage); /api/v1/notifications — my in-app notifications (everyone).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { P } from '../access/platform-permissions.ts';
import { pageParams } from '../http/paging.ts';
import { requestCtx, write } from '../http/request-ctx.ts';
import { IdParams, Page, WithdrawBody } from '../http/types.ts';
import { expectedVersion } from '../http/versions.ts';
import { checkCreateBody } from './channel-config.ts';
import * as channels from './channels-service.ts';
import * as inbox from './inbox-service.ts';
import { Channel, ChannelCreate, ChannelListQuery, ChannelPatch, Count, Delivery, DeliveryListQuery, Notification, NotificationListQuery } from './schema.ts';
import { deliverDue } from './worker.ts';

export async function notifyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];
  const config = { permission: P.settings.manage, access: 'unit' } as const;

  app.get('/api/v1/notification-channels', { schema: { tags, summary: 'Delivery channels in my scope', querystring: ChannelListQuery, response: { 200: Page(Channel) } }, config }, async (req) =>
    channels.list(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.get('/api/v1/notification-channels/:id', { schema: { tags, summary: 'One delivery channel (secrets masked)', params: IdParams, response: { 200: Channel } }, config }, async (req) =>
    channels.get(requestCtx(req), req.params.id),
  );

  app.post(
    '/api/v1/notification-channels',
    {
      schema: { tags, summary: 'Create a channel: e-mail (SMTP), WeCom or DingTalk group robot', body: ChannelCreate, response: { 201: Channel } },
      config,
      // Field errors of the kind the body names, before the union check mixes in the other kinds'.
      preValidation: async (req) => checkCreateBody(req.body),
    },
    async (req, reply) => write(req, reply, (ctx) => channels.create(ctx, req.body), { status: 201 }),
  );

  app.patch('/api/v1/notification-channels/:id', { schema: { tags, summary: 'Change a channel (If-Match: version)', params: IdParams, body: ChannelPatch, response: { 200: Channel } }, config }, async (req, reply) => {
    const { version, ...patch } = req.body;
    const v = expectedVersion(req, version);
    return write(req, reply, (ctx) => channels.update(ctx, req.params.id, patch, v));
  });

  app.post('/api/v1/notification-channels/:id/withdraw', { schema: { tags, summary: 'Withdraw a channel', params: IdParams, body: WithdrawBody, response: { 200: Channel } }, config }, async (req, reply) =>
    write(req, reply, (ctx) => channels.withdraw(ctx, req.params.id, req.body.reason, req.body.version)),
  );

  app.post(
    '/api/v1/notification-channels/:id/test',
    { schema: { tags, summary: 'Send a test message now (an e-mail goes to my own address); returns the delivery with its outcome', params: IdParams, response: { 200: Delivery } }, config },
    async (req, reply) => {
      const deliveryId = await write(req, reply, (ctx) => channels.queueTest(ctx, req.params.id));
      // Sent after the commit, outside any transaction; the outcome is in the delivery returned.
      await deliverDue(req.server.anbao, undefined, { ids: [deliveryId] });
      return channels.getDelivery(requestCtx(req), deliveryId);
    },
  );

  app.get('/api/v1/notification-deliveries', { schema: { tags, summary: 'Delivery log of the channels in my scope, newest first', querystring: DeliveryListQuery, response: { 200: Page(Delivery) } }, config }, async (req) =>
    channels.deliveries(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.get('/api/v1/notifications', { schema: { tags, summary: 'My notifications, newest first', querystring: NotificationListQuery, response: { 200: Page(Notification) } }, config: { access: 'self' } }, async (req) =>
    inbox.list(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.get('/api/v1/notifications/unread-count', { schema: { tags, summary: 'How many of my notifications are unread', response: { 200: Count } }, config: { access: 'self' } }, async (req) => inbox.unreadCount(requestCtx(req)));

  app.post('/api/v1/notifications/read-all', { schema: { tags, summary: 'Mark all my notifications read', body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: Count } }, config: { access: 'self' } }, async (req, reply) =>
    write(req, reply, (ctx) => inbox.markAllRead(ctx)),
  );

  app.post('/api/v1/notifications/:id/read', { schema: { tags, summary: 'Mark one of my notifications read', params: IdParams, response: { 200: Notification } }, config: { access: 'self' } }, async (req, reply) =>
    write(req, reply, (ctx) => inbox.markRead(ctx, req.params.id)),
  );
}
