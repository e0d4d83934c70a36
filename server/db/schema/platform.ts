// Platform bookkeeping: gap-free document numbers and idempotent retries.
import { integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { ts } from './common.ts';

/** Per kind, per year, per org; incremented inside the creating transaction, so a rollback leaves no gap. */
export const docCounters = pgTable(
  'doc_counters',
  {
    orgId: text('org_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.year] })],
);

/** The first response to a request with an Idempotency-Key, stored in the same transaction as its effects. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
);
