// Schema building blocks shared by every route: ids, bounded strings, enums, paging and errors.
// Limits: titles ≤ 200 and free text ≤ 5,000 characters unless a field says otherwise.
import { type TSchema, Type } from '@fastify/type-provider-typebox';

export const Id = (opts: { description?: string } = {}) => Type.String({ format: 'uuid', ...opts });
export const IdParams = Type.Object({ id: Id() });

/** A required single-line title: 1–200 characters, not only spaces. */
export const Title = (max = 200) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
/** Free text (multi-line allowed): up to 5,000 characters. */
export const Text = (max = 5000) => Type.String({ maxLength: max });
export const Reason = () => Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });
export const DateTime = () => Type.String({ format: 'date-time' });
export const DateOnly = () => Type.String({ format: 'date' });
export const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);

/** A string enum that shows as `enum` in OpenAPI and in errors. */
export const StringEnum = <const T extends readonly string[]>(values: T, opts: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });

export const PagingQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  sort: Type.Optional(Type.String({ maxLength: 50, pattern: '^-?[A-Za-z]+$' })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    }),
  },
  { $id: 'ErrorResponse' },
);

export const VersionBody = { version: Type.Optional(Type.Integer({ minimum: 1 })) };
export const WithdrawBody = Type.Object({ reason: Reason(), version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

/** Fields every register record returns. */
export const RecordMeta = {
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Nullable(Type.String()),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Nullable(Type.String()),
  withdrawnAt: Nullable(Type.String({ format: 'date-time' })),
  withdrawnBy: Nullable(Type.String()),
  withdrawnReason: Nullable(Type.String()),
  allowedActions: Type.Array(Type.String()),
};
