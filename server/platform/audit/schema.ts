import { Type } from '@fastify/type-provider-typebox';
import { AUDIT_RESULTS } from '../../db/schema/audit.ts';
import { DateTime, Id, Nullable, PagingQuery, StringEnum } from '../http/types.ts';

export const AuditEvent = Type.Object({
  id: Type.Integer(),
  seq: Nullable(Type.Integer()),
  occurredAt: Type.String({ format: 'date-time' }),
  actorType: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  tokenId: Nullable(Type.String()),
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  targetLabel: Nullable(Type.String()),
  result: StringEnum(AUDIT_RESULTS),
  changes: Nullable(Type.Record(Type.String(), Type.Array(Type.Unknown()))),
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
  requestId: Nullable(Type.String()),
  hash: Nullable(Type.String()),
  sealedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const AuditFilter = {
  actorId: Type.Optional(Id()),
  orgId: Type.Optional(Id({ description: 'Events of this unit and its subtree' })),
  action: Type.Optional(Type.String({ maxLength: 100, description: 'Action, or its prefix ending in "." (e.g. "users.")' })),
  targetType: Type.Optional(Type.String({ maxLength: 50 })),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  result: Type.Optional(StringEnum(AUDIT_RESULTS)),
  from: Type.Optional(DateTime()),
  to: Type.Optional(DateTime()),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Text in the actor or target name' })),
};

export const AuditListQuery = Type.Object({ ...PagingQuery, ...AuditFilter }, { additionalProperties: false });
export const AuditExportQuery = Type.Object({ ...AuditFilter, lang: Type.Optional(StringEnum(['zh-CN', 'en'] as const)) }, { additionalProperties: false });
export const AuditEventParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** Where verification recomputes the hashes (platform/audit/verify.ts). */
export const RECOMPUTE_WAYS = ['database', 'app'] as const;

export const VerifyQuery = Type.Object(
  {
    recompute: Type.Optional(
      StringEnum(RECOMPUTE_WAYS, {
        description: 'database (default): hashes recomputed in the database, doubtful ranges again in Anbao; app: every hash recomputed in Anbao, relying on no database function',
      }),
    ),
  },
  { additionalProperties: false },
);

export const VerifyResponse = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  headSeq: Type.Integer(),
  headHash: Type.String(),
  firstBroken: Nullable(
    Type.Object({
      seq: Type.Integer(),
      id: Nullable(Type.Integer()),
      reason: Type.String(),
      occurredAt: Nullable(Type.String()),
      action: Nullable(Type.String()),
    }),
  ),
  unsealed: Type.Object({ count: Type.Integer(), oldestAt: Nullable(Type.String()) }),
  checkpoints: Type.Integer(),
  durationMs: Type.Integer(),
  recompute: StringEnum(RECOMPUTE_WAYS),
  /** Entries whose hash Anbao recomputed: all with 'app'; with 'database', those of ranges it did not clear. */
  recomputedInApp: Type.Integer(),
  /** With 'database': whether the database hashed the canonical JSON it keeps for each entry (a generated column) rather than assembling it from the columns. */
  canonicalColumn: Type.Boolean(),
});

export const Checkpoint = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  hash: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Nullable(Type.String()),
  publicKey: Type.String(),
  signature: Type.String(),
  payload: Type.String({ description: 'The exact text that was signed (Ed25519)' }),
});
