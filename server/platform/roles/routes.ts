// /api/v1/roles and /api/v1/permissions (SEC-02).
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { P } from '../access/platform-permissions.ts';
import { requestCtx, write } from '../http/request-ctx.ts';
import { IdParams, WithdrawBody } from '../http/types.ts';
import { expectedVersion } from '../http/versions.ts';
import { Permission, Role, RoleCreate, RolePatch } from './schema.ts';
import * as rolesService from './service.ts';

export async function roleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['roles'];

  app.get('/api/v1/permissions', { schema: { tags, summary: 'The permission catalogue (module × action)', response: { 200: Type.Array(Permission) } }, config: { access: 'global' } }, async () => rolesService.permissionCatalogue());

  app.get(
    '/api/v1/roles',
    { schema: { tags, summary: 'Built-in and custom roles', querystring: Type.Object({ includeWithdrawn: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: { 200: Type.Array(Role) } }, config: { access: 'global' } },
    async (req) => rolesService.list(requestCtx(req), !!req.query.includeWithdrawn),
  );

  app.get('/api/v1/roles/:id', { schema: { tags, summary: 'One role', params: IdParams, response: { 200: Role } }, config: { access: 'global' } }, async (req) => rolesService.get(requestCtx(req), req.params.id));

  app.post('/api/v1/roles', { schema: { tags, summary: 'Create a custom role', body: RoleCreate, response: { 201: Role } }, config: { permission: P.roles.manage, access: 'global' } }, async (req, reply) =>
    write(req, reply, (ctx) => rolesService.create(ctx, req.body), { status: 201 }),
  );

  app.patch('/api/v1/roles/:id', { schema: { tags, summary: 'Change a custom role (If-Match: version)', params: IdParams, body: RolePatch, response: { 200: Role } }, config: { permission: P.roles.manage, access: 'global' } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    const v = expectedVersion(req, version);
    return write(req, reply, (ctx) => rolesService.update(ctx, req.params.id, patch, v));
  });

  app.post('/api/v1/roles/:id/withdraw', { schema: { tags, summary: 'Withdraw an unused custom role', params: IdParams, body: WithdrawBody, response: { 200: Role } }, config: { permission: P.roles.manage, access: 'global' } }, async (req, reply) =>
    write(req, reply, (ctx) => rolesService.withdraw(ctx, req.params.id, req.body.reason)),
  );
}
