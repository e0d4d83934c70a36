import { Type } from '@fastify/type-provider-typebox';
import { USER_STATUSES } from '../../db/schema/users.ts';
import { Id, Nullable, PagingQuery, Reason, RecordMeta, StringEnum, Title } from '../http/types.ts';

export const Username = Type.String({ minLength: 2, maxLength: 50, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$', description: 'Letters, digits, _ . -' });
const Phone = Type.String({ minLength: 5, maxLength: 20, pattern: '^\\+?[0-9][0-9 -]{3,18}[0-9]$' });
const IdNumber = Type.String({ minLength: 15, maxLength: 18, pattern: '^[0-9]{15}$|^[0-9]{17}[0-9Xx]$', description: 'Resident identity card number' });
const Email = Type.String({ maxLength: 200, format: 'email' });
const Short = (max = 100) => Type.String({ maxLength: max });

export const UserGrant = Type.Object({
  id: Type.String(),
  roleId: Type.String(),
  roleCode: Type.String(),
  roleName: Type.String(),
  roleNameEn: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  grantedAt: Type.String({ format: 'date-time' }),
  grantedBy: Nullable(Type.String()),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
  revokedBy: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()),
  allowedActions: Type.Array(Type.String()),
});

export const User = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  username: Type.String(),
  name: Type.String(),
  post: Nullable(Type.String()),
  employeeNo: Nullable(Type.String()),
  email: Nullable(Type.String()),
  /** Masked (138****1234); reveal with a reason to see it. */
  phone: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  status: StringEnum(USER_STATUSES),
  statusChangedAt: Nullable(Type.String({ format: 'date-time' })),
  lockedUntil: Nullable(Type.String({ format: 'date-time' })),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
  grants: Type.Array(UserGrant),
  ...RecordMeta,
});

export const UserCreate = Type.Object(
  {
    orgId: Id(),
    username: Username,
    name: Title(50),
    post: Type.Optional(Nullable(Short())),
    employeeNo: Type.Optional(Nullable(Short(50))),
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Phone)),
    idNumber: Type.Optional(Nullable(IdNumber)),
    /** Initial password; generated (and shown once) when omitted. The person must change it at first sign-in. */
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
);

export const UserCreated = Type.Object({ user: User, initialPassword: Nullable(Type.String()) });

export const UserPatch = Type.Object(
  {
    orgId: Type.Optional(Id()),
    name: Type.Optional(Title(50)),
    post: Type.Optional(Nullable(Short())),
    employeeNo: Type.Optional(Nullable(Short(50))),
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Phone)),
    idNumber: Type.Optional(Nullable(IdNumber)),
    locale: Type.Optional(Nullable(StringEnum(['zh-CN', 'en'] as const))),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const UserStatusBody = Type.Object(
  { status: StringEnum(USER_STATUSES), reason: Reason(), version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const RevealBody = Type.Object({ field: StringEnum(['phone', 'idNumber'] as const), reason: Reason() }, { additionalProperties: false });
export const Revealed = Type.Object({ field: Type.String(), value: Nullable(Type.String()) });
export const ReasonBody = Type.Object({ reason: Reason() }, { additionalProperties: false });
// null when an Idempotency-Key retry replays the first response: the one-time password is never stored.
export const TemporaryPassword = Type.Object({ temporaryPassword: Nullable(Type.String()) });

export const UserListQuery = Type.Object(
  {
    ...PagingQuery,
    orgId: Type.Optional(Id()),
    status: Type.Optional(StringEnum(USER_STATUSES)),
    roleCode: Type.Optional(Type.String({ maxLength: 50 })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    phone: Type.Optional(Phone),
  },
  { additionalProperties: false },
);
