import { Type } from '@fastify/type-provider-typebox';
import { SESSION_STATES } from '../../db/schema/users.ts';
import { Nullable, StringEnum } from '../http/types.ts';

const Otp = Type.String({ pattern: '^\\d{6}$', description: '6-digit TOTP code' });
const Password = Type.String({ minLength: 1, maxLength: 128 });

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Password, otp: Type.Optional(Otp) },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });
export const OtpBody = Type.Object({ otp: Otp }, { additionalProperties: false });
export const TotpDisableBody = Type.Object({ password: Password, otp: Otp }, { additionalProperties: false });

export const MeResponse = Type.Object({
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    name: Type.String(),
    orgId: Type.String(),
    orgName: Type.String(),
    post: Nullable(Type.String()),
    locale: Nullable(Type.String()),
    totpEnabled: Type.Boolean(),
    passwordChangedAt: Nullable(Type.String({ format: 'date-time' })),
    passwordExpiresAt: Nullable(Type.String({ format: 'date-time' })),
    lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
  }),
  /** The cooperative's time zone (ANBAO_TIMEZONE): the zone its days — deadlines, "today" — are counted in. */
  timeZone: Type.String(),
  authKind: StringEnum(['session', 'token'] as const),
  state: StringEnum(SESSION_STATES),
  csrfToken: Nullable(Type.String()),
  grants: Type.Array(Type.Object({ roleCode: Type.String(), roleName: Type.String(), roleNameEn: Type.String(), orgId: Type.String(), orgName: Type.String() })),
  /** permission → ids of the subtree roots where it is held */
  permissions: Type.Record(Type.String(), Type.Array(Type.String())),
  policy: Type.Object({
    passwordMinLength: Type.Integer(),
    passwordMinClasses: Type.Integer(),
    idleTimeoutMinutes: Type.Integer(),
    totpRequired: Type.Boolean(),
  }),
});

export const TotpSetupResponse = Type.Object({ secret: Type.String(), uri: Type.String(), qrDataUrl: Type.String() });
