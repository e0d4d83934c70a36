// The security policy of DESIGN §6 (SEC-01), configurable per org by the system administrator.
// The three administrator roles always need a second factor (SEC-01, SEC-03): the setting adds roles.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { BUILTIN_ROLES } from '../access/catalogue.ts';
import { StringEnum } from '../http/types.ts';
import { defineSettingsSection } from './registry.ts';

const SecuritySchema = Type.Object(
  {
    passwordMinLength: Type.Integer({ minimum: 6, maximum: 64 }),
    adminPasswordMinLength: Type.Integer({ minimum: 8, maximum: 64 }),
    passwordMinClasses: Type.Integer({ minimum: 1, maximum: 4 }),
    passwordHistory: Type.Integer({ minimum: 0, maximum: 24 }),
    passwordMaxAgeDays: Type.Integer({ minimum: 0, maximum: 3650 }),
    lockoutThreshold: Type.Integer({ minimum: 1, maximum: 100 }),
    lockoutMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    idleTimeoutMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    absoluteTimeoutHours: Type.Integer({ minimum: 1, maximum: 168 }),
    totpRoles: Type.Array(StringEnum(BUILTIN_ROLES), { maxItems: BUILTIN_ROLES.length, uniqueItems: true }),
    totpEveryone: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SecurityPolicy = Static<typeof SecuritySchema>;

export const SECURITY_DEFAULTS: SecurityPolicy = {
  passwordMinLength: 8,
  adminPasswordMinLength: 12,
  passwordMinClasses: 3,
  passwordHistory: 5,
  passwordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleTimeoutMinutes: 30,
  absoluteTimeoutHours: 12,
  totpRoles: [],
  totpEveryone: false,
};

export const securitySection = defineSettingsSection<SecurityPolicy>({
  name: 'security',
  schema: SecuritySchema,
  defaults: SECURITY_DEFAULTS,
  check: (v) =>
    v.adminPasswordMinLength < v.passwordMinLength
      ? ['security.adminPasswordMinLength', 'V_MINIMUM', { limit: v.passwordMinLength }]
      : null,
});
