// /api/v1/api-tokens — integrations' credentials (security administrator only).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { P } from '../access/platform-permissions.ts';
import { pageParams } from '../http/paging.ts';
import { requestCtx, write } from '../http/request-ctx.ts';
import { IdParams, Page } from '../http/types.ts';
import { ReasonBody } from '../users/schema.ts';
import { ApiToken, ApiTokenCreate, ApiTokenCreated, ApiTokenListQuery } from './schema.ts';
import * as tokens from './service.ts';

export async function apiTokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['api-tokens'];
  const config = { permission: P.apiTokens.manage, access: 'unit' } as const;

  app.get('/api/v1/api-tokens', { schema: { tags, summary: 'API tokens in my scope (never the secret)', querystring: ApiTokenListQuery, response: { 200: Page(ApiToken) } }, config }, async (req) =>
    tokens.list(requestCtx(req), req.query, pageParams(req.query)),
  );
  app.get('/api/v1/api-tokens/:id', { schema: { tags, summary: 'One API token', params: IdParams, response: { 200: ApiToken } }, config }, async (req) => tokens.get(requestCtx(req), req.params.id));
  app.post('/api/v1/api-tokens', { schema: { tags, summary: 'Create a token (shown once)', body: ApiTokenCreate, response: { 201: ApiTokenCreated } }, config }, async (req, reply) =>
    write(req, reply, (ctx) => tokens.create(ctx, req.body), { status: 201, redact: ['token'] }),
  );
  app.post('/api/v1/api-tokens/:id/revoke', { schema: { tags, summary: 'Revoke a token', params: IdParams, body: ReasonBody, response: { 200: ApiToken } }, config }, async (req, reply) =>
    write(req, reply, (ctx) => tokens.revoke(ctx, req.params.id, req.body.reason)),
  );
}
