import { Type } from '@fastify/type-provider-typebox';
import { Id, Nullable } from '../http/types.ts';

export const Attachment = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  ownerType: Nullable(Type.String()),
  ownerId: Nullable(Type.String()),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Nullable(Type.String()),
  withdrawnAt: Nullable(Type.String({ format: 'date-time' })),
  withdrawnReason: Nullable(Type.String()),
  allowedActions: Type.Array(Type.String()),
});

const OwnerType = Type.String({ minLength: 1, maxLength: 50, pattern: '^[a-z_]+$' });

export const UploadQuery = Type.Object({ ownerType: Type.Optional(OwnerType), ownerId: Type.Optional(Id()) }, { additionalProperties: false });
export const OwnerQuery = Type.Object({ ownerType: OwnerType, ownerId: Id(), includeWithdrawn: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const ContentQuery = Type.Object({ download: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
