import { Type } from '@fastify/type-provider-typebox';
import { ORG_KINDS } from '../../db/schema/orgs.ts';
import { Id, Nullable, PagingQuery, RecordMeta, StringEnum, Title } from '../http/types.ts';

const Code = Type.String({ minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$', description: 'Unit code, unique (letters, digits, _ . -)' });

export const Org = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  kind: StringEnum(ORG_KINDS),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  code: Type.String(),
  address: Nullable(Type.String()),
  sortOrder: Type.Integer(),
  depth: Type.Integer(),
  ...RecordMeta,
});

export const OrgCreate = Type.Object(
  {
    parentId: Id(),
    kind: StringEnum(ORG_KINDS),
    name: Title(),
    shortName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    code: Code,
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);

export const OrgPatch = Type.Object(
  {
    name: Type.Optional(Title()),
    shortName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    code: Type.Optional(Code),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const OrgMove = Type.Object({ parentId: Id(), version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

export const OrgListQuery = Type.Object(
  {
    ...PagingQuery,
    parentId: Type.Optional(Id()),
    /** Units in this unit's subtree (itself included). */
    within: Type.Optional(Id()),
    kind: Type.Optional(StringEnum(ORG_KINDS)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    includeWithdrawn: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
