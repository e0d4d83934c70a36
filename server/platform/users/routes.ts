// /api/v1/users — people and accounts (ORG-02, SEC-01); grants of a person (SEC-02, SEC-03).
import { HistoryEntry, recordHistory } from '../audit/history.ts';
import type { FastifyInstance } from 'fastify';
import { type TypeBoxTypeProvider, Type } from '@fastify/type-provider-typebox';
import { grantRole, revokeGrant } from '../access/grants-service.ts';
import { P } from '../access/platform-permissions.ts';
import { pageParams } from '../http/paging.ts';
import { requestCtx, write } from '../http/request-ctx.ts';
import { Id, IdParams, Page } from '../http/types.ts';
import { expectedVersion } from '../http/versions.ts';
import { ReasonBody, Revealed, RevealBody, TemporaryPassword, User, UserCreate, UserCreated, UserListQuery, UserPatch, UserStatusBody } from './schema.ts';
import * as usersService from './service.ts';

const GrantBody = Type.Object(
  { roleId: Type.Optional(Id()), roleCode: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), orgId: Id() },
  { additionalProperties: false },
);

export async function userRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get('/api/v1/users', { schema: { tags, summary: 'List people in my scope', querystring: UserListQuery, response: { 200: Page(User) } }, config: { permission: P.users.read, access: 'unit' } }, async (req) =>
    usersService.list(requestCtx(req), req.query, pageParams(req.query)),
  );

  app.get('/api/v1/users/:id', { schema: { tags, summary: 'One person with their grants', params: IdParams, response: { 200: User } }, config: { permission: P.users.read, access: 'unit' } }, async (req) =>
    usersService.get(requestCtx(req), req.params.id),
  );

  app.get('/api/v1/users/:id/history', { schema: { tags, summary: "The person's record history (changes, status, grants)", params: IdParams, response: { 200: Type.Array(HistoryEntry) } }, config: { permission: P.users.read, access: 'unit' } }, async (req) => {
    const ctx = requestCtx(req);
    await usersService.visibleUser(ctx, req.params.id);
    return recordHistory(ctx, 'user', req.params.id);
  });

  app.post('/api/v1/users', { schema: { tags, summary: 'Create a person with an account', body: UserCreate, response: { 201: UserCreated } }, config: { permission: P.users.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => usersService.create(ctx, req.body), { status: 201, redact: ['initialPassword'] }),
  );

  app.patch('/api/v1/users/:id', { schema: { tags, summary: 'Change a person (If-Match: version)', params: IdParams, body: UserPatch, response: { 200: User } }, config: { permission: P.users.manage, access: 'unit' } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    const v = expectedVersion(req, version);
    return write(req, reply, (ctx) => usersService.update(ctx, req.params.id, patch, v));
  });

  app.post('/api/v1/users/:id/status', { schema: { tags, summary: 'Active / transferred / left (leaving ends sessions and tokens at once)', params: IdParams, body: UserStatusBody, response: { 200: User } }, config: { permission: P.users.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => usersService.setStatus(ctx, req.params.id, req.body.status, req.body.reason, req.body.version)),
  );

  app.post('/api/v1/users/:id/reveal', { schema: { tags, summary: 'Show a masked field in clear (audited with the reason)', params: IdParams, body: RevealBody, response: { 200: Revealed } }, config: { permission: P.users.reveal, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => usersService.reveal(ctx, req.params.id, req.body.field, req.body.reason), { redact: ['value'] }),
  );

  app.post('/api/v1/users/:id/reset-password', { schema: { tags, summary: 'Set a one-time password (shown once)', params: IdParams, body: ReasonBody, response: { 200: TemporaryPassword } }, config: { permission: P.users.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => usersService.resetPassword(ctx, req.params.id, req.body.reason), { redact: ['temporaryPassword'] }),
  );

  app.post('/api/v1/users/:id/reset-totp', { schema: { tags, summary: 'Clear a lost authenticator', params: IdParams, body: ReasonBody, response: { 200: User } }, config: { permission: P.users.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => usersService.resetTotp(ctx, req.params.id, req.body.reason)),
  );

  app.post('/api/v1/users/:id/unlock', { schema: { tags, summary: 'Lift a lockout', params: IdParams, body: ReasonBody, response: { 200: User } }, config: { permission: P.users.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, (ctx) => usersService.unlock(ctx, req.params.id, req.body.reason)),
  );

  app.post('/api/v1/users/:id/grants', { schema: { tags: ['grants'], summary: 'Grant a role over a unit subtree', params: IdParams, body: GrantBody, response: { 201: User } }, config: { permission: P.roles.manage, access: 'unit' } }, async (req, reply) =>
    write(
      req,
      reply,
      async (ctx) => {
        await grantRole(ctx, req.params.id, req.body);
        return usersService.get(ctx, req.params.id);
      },
      { status: 201 },
    ),
  );

  app.post('/api/v1/grants/:id/revoke', { schema: { tags: ['grants'], summary: 'Revoke a grant', params: IdParams, body: ReasonBody, response: { 200: User } }, config: { permission: P.roles.manage, access: 'unit' } }, async (req, reply) =>
    write(req, reply, async (ctx) => {
      const g = await revokeGrant(ctx, req.params.id, req.body.reason);
      return usersService.get(ctx, g.userId);
    }),
  );

}
