// /api/v1/orgs — the org tree (ORG-01). Thin handlers: schema in, service call, presenter out.
import { HistoryEntry, recordHistory } from '../audit/history.ts';
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { P } from '../access/platform-permissions.ts';
import { pageParams } from '../http/paging.ts';
import { requestCtx, write } from '../http/request-ctx.ts';
import { IdParams, Page, WithdrawBody } from '../http/types.ts';
import { expectedVersion } from '../http/versions.ts';
import { Org, OrgCreate, OrgListQuery, OrgMove, OrgPatch } from './schema.ts';
import * as orgsService from './service.ts';

export async function orgRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['orgs'];

  app.get('/api/v1/orgs', { schema: { tags, summary: 'List units in my scope', querystring: OrgListQuery, response: { 200: Page(Org) } }, config: { permission: P.orgs.read, access: 'unit' } }, async (req) =>
    orgsService.list(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.get(
    '/api/v1/orgs/tree',
    { schema: { tags, summary: 'Every unit in my scope, for the tree view', querystring: Type.Object({ includeWithdrawn: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: { 200: Type.Array(Org) } }, config: { permission: P.orgs.read, access: 'unit' } },
    async (req) => orgsService.tree(requestCtx(req), !!req.query.includeWithdrawn),
  );

  app.get('/api/v1/orgs/:id', { schema: { tags, summary: 'One unit', params: IdParams, response: { 200: Org } }, config: { permission: P.orgs.read, access: 'unit' } }, async (req) => {
    const ctx = requestCtx(req);
    return orgsService.presentOrg(ctx, await orgsService.visibleOrg(ctx, req.params.id));
  });

  app.get('/api/v1/orgs/:id/history', { schema: { tags, summary: "The unit's change history", params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: { permission: P.orgs.read, access: 'unit' } }, async (req) => {
    const ctx = requestCtx(req);
    await orgsService.visibleOrg(ctx, req.params.id);
    return recordHistory(ctx, 'org', req.params.id);
  });

  app.post('/api/v1/orgs', { schema: { tags, summary: 'Create a unit', body: OrgCreate, response: { 201: Org } }, config: { permission: P.orgs.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => orgsService.create(ctx, req.body), { status: 201 }),
  );

  app.patch('/api/v1/orgs/:id', { schema: { tags, summary: 'Change a unit (If-Match: version)', params: IdParams, body: OrgPatch, response: { 200: Org } }, config: { permission: P.orgs.manage, access: 'unit' } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    const v = expectedVersion(req, version);
    return write(req, reply, (ctx) => orgsService.update(ctx, req.params.id, patch, v));
  });

  app.post('/api/v1/orgs/:id/move', { schema: { tags, summary: 'Move a unit and its subtree', params: IdParams, body: OrgMove, response: { 200: Org } }, config: { permission: P.orgs.manage, access: 'unit' } }, async (req, reply) => {
    const v = expectedVersion(req, req.body.version);
    return write(req, reply, (ctx) => orgsService.move(ctx, req.params.id, req.body.parentId, v));
  });

  app.post('/api/v1/orgs/:id/withdraw', { schema: { tags, summary: 'Withdraw an empty unit', params: IdParams, body: WithdrawBody, response: { 200: Org } }, config: { permission: P.orgs.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => orgsService.withdraw(ctx, req.params.id, req.body.reason, req.body.version)),
  );
}
