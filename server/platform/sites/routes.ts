// /api/v1/sites — sites inside units (ORG-01).
import { Type } from '@fastify/type-provider-typebox';
import { HistoryEntry, recordHistory } from '../audit/history.ts';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { P } from '../access/platform-permissions.ts';
import { pageParams } from '../http/paging.ts';
import { requestCtx, write } from '../http/request-ctx.ts';
import { IdParams, Page, WithdrawBody } from '../http/types.ts';
import { expectedVersion } from '../http/versions.ts';
import { Site, SiteCreate, SiteListQuery, SitePatch } from './schema.ts';
import * as sitesService from './service.ts';

export async function siteRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sites'];

  app.get('/api/v1/sites', { schema: { tags, summary: 'List sites in my scope', querystring: SiteListQuery, response: { 200: Page(Site) } }, config: { permission: P.orgs.read, access: 'unit' } }, async (req) =>
    sitesService.list(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.get('/api/v1/sites/:id', { schema: { tags, summary: 'One site', params: IdParams, response: { 200: Site } }, config: { permission: P.orgs.read, access: 'unit' } }, async (req) =>
    sitesService.get(requestCtx(req), req.params.id),
  );

  app.get('/api/v1/sites/:id/history', { schema: { tags, summary: "The site's change history", params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: { permission: P.orgs.read, access: 'unit' } }, async (req) => {
    const ctx = requestCtx(req);
    await sitesService.visibleSite(ctx, req.params.id);
    return recordHistory(ctx, 'site', req.params.id);
  });

  app.post('/api/v1/sites', { schema: { tags, summary: 'Create a site', body: SiteCreate, response: { 201: Site } }, config: { permission: P.sites.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => sitesService.create(ctx, req.body), { status: 201 }),
  );

  app.patch('/api/v1/sites/:id', { schema: { tags, summary: 'Change a site (If-Match: version)', params: IdParams, body: SitePatch, response: { 200: Site } }, config: { permission: P.sites.manage, access: 'unit' } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    const v = expectedVersion(req, version);
    return write(req, reply, (ctx) => sitesService.update(ctx, req.params.id, patch, v));
  });

  app.post('/api/v1/sites/:id/withdraw', { schema: { tags, summary: 'Withdraw a site', params: IdParams, body: WithdrawBody, response: { 200: Site } }, config: { permission: P.sites.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => sitesService.withdraw(ctx, req.params.id, req.body.reason, req.body.version)),
  );
}
