// Audit trail (SEC-04). Entries are inserted by the business transaction with seq/prev_hash/hash
// empty; the sealer then chains committed entries in seal order:
//   hash = SHA-256(prev_hash ‖ canonical JSON of the entry).
// A trigger (migration 0001) refuses DELETE, TRUNCATE and any UPDATE except the one-time seal.
import { getTableColumns, sql } from 'drizzle-orm';
import { bigint, bigserial, customType, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { canonicalJsonText } from '../canonical-json.ts';
import { ts } from './common.ts';

/**
 * A json column (not jsonb: json keeps its text as written) that is always written in the chain's
 * canonical form — keys sorted, no spaces. Its text is then exactly the bytes the entry's hash covers,
 * and verification can assemble an entry's canonical JSON in SQL without re-sorting keys
 * (platform/audit/verify.ts; migration 0012 rewrote the earlier jsonb values into this form).
 */
const canonicalJson = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'json',
  toDriver: (v) => canonicalJsonText(v),
  // Both drivers parse json already; a string here is the text of a JSON string value.
  fromDriver: (v) => v,
});

/** The entry's time in UTC, as a timestamp (immutable, unlike formatting a timestamptz). */
const UTC = `timezone('UTC', occurred_at)`;
const quoted = (col: string) => `coalesce('"' || ${col} || '"', 'null')`;

/**
 * The generation expression of audit_events.canonical: the entry's canonical JSON — the same bytes as
 * canonicalJson in platform/audit/chain.ts — computed by the database from the columns whenever a row
 * is written (insert, the seal's update, a table rewrite). It uses PostgreSQL's built-in immutable
 * functions only, so no function of ours can be swapped to make it lie, and whenever it is set again
 * every row is recomputed. It writes no JSON escapes: an entry whose text holds a quote, a backslash or
 * a control character, a time with microseconds or outside years 1000–9999 gets NULL, and verification
 * assembles that entry from the columns instead (platform/audit/verify.ts).
 */
export const AUDIT_CANONICAL_EXPRESSION = `CASE WHEN (action || coalesce(actor_name, '') || actor_type || coalesce(ip, '') || coalesce(request_id, '') || result
      || coalesce(target_id, '') || coalesce(target_label, '') || coalesce(target_type, '') || coalesce(user_agent, '')) !~ '["\\\\\\x01-\\x1f]'
    AND extract(microseconds from ${UTC}) % 1000 = 0 AND extract(year from ${UTC}) BETWEEN 1000 AND 9999
  THEN '{"action":"' || action || '","actorId":' || ${quoted('actor_id::text')} || ',"actorName":' || ${quoted('actor_name')}
    || ',"actorType":"' || actor_type || '","changes":' || coalesce(changes::text, 'null') || ',"detail":' || coalesce(detail::text, 'null')
    || ',"id":' || id::text || ',"ip":' || ${quoted('ip')}
    || ',"occurredAt":"' || extract(year from ${UTC})::int::text || '-' || lpad(extract(month from ${UTC})::int::text, 2, '0')
    || '-' || lpad(extract(day from ${UTC})::int::text, 2, '0') || 'T' || lpad(extract(hour from ${UTC})::int::text, 2, '0')
    || ':' || lpad(extract(minute from ${UTC})::int::text, 2, '0') || ':' || lpad((trunc(extract(milliseconds from ${UTC}))::int / 1000)::text, 2, '0')
    || '.' || lpad((trunc(extract(milliseconds from ${UTC}))::int % 1000)::text, 3, '0')
    || 'Z","orgId":' || ${quoted('org_id::text')} || ',"requestId":' || ${quoted('request_id')} || ',"result":"' || result
    || '","seq":' || coalesce(seq::text, 'null') || ',"targetId":' || ${quoted('target_id')} || ',"targetLabel":' || ${quoted('target_label')}
    || ',"targetType":' || ${quoted('target_type')} || ',"tokenId":' || ${quoted('token_id::text')} || ',"userAgent":' || ${quoted('user_agent')} || '}'
END`;

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];
export const ACTOR_TYPES = ['user', 'token', 'system', 'anonymous'] as const;

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: ts('occurred_at').notNull(),
    actorType: text('actor_type', { enum: ACTOR_TYPES }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    tokenId: uuid('token_id'),
    /** The unit the event concerns (the target's org, else the actor's); auditors search by subtree. */
    orgId: uuid('org_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    result: text('result', { enum: AUDIT_RESULTS }).notNull(),
    /** Changed fields only: { field: [before, after] }. Secrets never appear; personal data masked. */
    changes: canonicalJson('changes').$type<Record<string, [unknown, unknown]>>(),
    detail: canonicalJson('detail').$type<Record<string, unknown>>(),
    requestId: text('request_id'),
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    sealedAt: ts('sealed_at'),
    /** The canonical JSON the entry's hash covers, kept by the database (AUDIT_CANONICAL_EXPRESSION); NULL where it writes none. */
    canonical: text('canonical').generatedAlwaysAs(sql.raw(AUDIT_CANONICAL_EXPRESSION)),
  },
  (t) => [
    uniqueIndex('audit_events_seq_uq').on(t.seq),
    index('audit_events_unsealed_idx').on(t.id).where(sql`${t.seq} is null`),
    index('audit_events_time_idx').on(t.occurredAt),
    index('audit_events_actor_idx').on(t.actorId, t.occurredAt),
    index('audit_events_org_idx').on(t.orgId, t.occurredAt),
    index('audit_events_target_idx').on(t.targetType, t.targetId),
    index('audit_events_action_idx').on(t.action, t.occurredAt),
  ],
);

/** An entry's own columns, without `canonical` (the database's copy of what they say): what reading an entry needs. */
const { canonical: _canonical, ...entryColumns } = getTableColumns(auditEvents);
export const auditEntryColumns = entryColumns;

/** Signed checkpoints of the chain head, exportable so the head can be proven later (insert-only). */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: uuid('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  createdAt: ts('created_at').notNull(),
  createdBy: uuid('created_by'),
  publicKey: text('public_key').notNull(),
  signature: text('signature').notNull(),
});
