import { Type } from '@fastify/type-provider-typebox';
import { SITE_KINDS } from '../../db/schema/orgs.ts';
import { Id, Nullable, PagingQuery, RecordMeta, StringEnum, Text, Title } from '../http/types.ts';

export const Site = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  kind: StringEnum(SITE_KINDS),
  name: Type.String(),
  location: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  ...RecordMeta,
});

export const SiteCreate = Type.Object(
  {
    orgId: Id(),
    kind: StringEnum(SITE_KINDS),
    name: Title(),
    location: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    notes: Type.Optional(Nullable(Text())),
  },
  { additionalProperties: false },
);

export const SitePatch = Type.Object(
  {
    kind: Type.Optional(StringEnum(SITE_KINDS)),
    name: Type.Optional(Title()),
    location: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    notes: Type.Optional(Nullable(Text())),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const SiteListQuery = Type.Object(
  {
    ...PagingQuery,
    orgId: Type.Optional(Id()),
    kind: Type.Optional(StringEnum(SITE_KINDS)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    includeWithdrawn: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
