import { Type } from '@fastify/type-provider-typebox';
import { Nullable, RecordMeta, Text, Title } from '../http/types.ts';

const PermissionList = Type.Array(Type.String({ minLength: 3, maxLength: 80 }), { maxItems: 500, uniqueItems: true });

export const Permission = Type.Object({ code: Type.String(), module: Type.String(), action: Type.String(), name: Type.String(), nameEn: Type.String(), adminOnly: Type.Boolean() });

export const Role = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  description: Nullable(Type.String()),
  builtin: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  activeGrants: Type.Integer(),
  ...RecordMeta,
});

export const RoleCreate = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 50, pattern: '^[a-z][a-z0-9_]*$', description: 'lower-case letters, digits and _' }),
    name: Title(50),
    nameEn: Title(100),
    description: Type.Optional(Nullable(Text(1000))),
    permissions: PermissionList,
  },
  { additionalProperties: false },
);

export const RolePatch = Type.Object(
  {
    name: Type.Optional(Title(50)),
    nameEn: Type.Optional(Title(100)),
    description: Type.Optional(Nullable(Text(1000))),
    permissions: Type.Optional(PermissionList),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
