import { Type } from '@fastify/type-provider-typebox';
import { Id, Nullable, PagingQuery, Title } from '../http/types.ts';

export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'First characters of the token, to recognise it' }),
  userId: Type.String(),
  userName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  permissions: Type.Array(Type.String()),
  expiresAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Nullable(Type.String()),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
  revokedBy: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()),
  status: Type.Unsafe<'active' | 'expired' | 'revoked'>({ type: 'string', enum: ['active', 'expired', 'revoked'] }),
  allowedActions: Type.Array(Type.String()),
});

export const ApiTokenCreate = Type.Object(
  {
    name: Title(100),
    userId: Id({ description: 'The person the integration acts for' }),
    orgId: Id({ description: 'Subtree the token is limited to' }),
    permissions: Type.Array(Type.String({ minLength: 3, maxLength: 80 }), { minItems: 1, maxItems: 200, uniqueItems: true }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }),
  },
  { additionalProperties: false },
);

// `token` is null when an Idempotency-Key retry replays the first response: the secret is never stored.
export const ApiTokenCreated = Type.Object({ token: Nullable(Type.String({ description: 'Shown once; store it now (null on an idempotent replay)' })), apiToken: ApiToken });

export const ApiTokenListQuery = Type.Object(
  { ...PagingQuery, userId: Type.Optional(Id()), includeRevoked: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
