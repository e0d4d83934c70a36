-- SEC-04: the database keeps each audit entry's canonical JSON (the bytes its hash covers) in a
-- generated column, computed from the entry's columns by PostgreSQL's built-in functions whenever a
-- row is written — here for every existing entry, as the ALTER rewrites the table. Verification then
-- hashes these bytes instead of assembling them per entry (platform/audit/verify.ts). Nothing can
-- write the column: it always follows the columns, and setting its expression again recomputes it.
-- The append-only guard ignores it when comparing a seal's old and new row (in a BEFORE trigger the
-- new row's generated value is not computed yet); every other rule of the guard is unchanged.
CREATE OR REPLACE FUNCTION anbao_audit_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seq IS NULL AND NEW.seq IS NOT NULL
       AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash' - 'sealed_at' - 'canonical') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' - 'sealed_at' - 'canonical') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit trail is append-only: % refused on %', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
  END IF;
  RAISE EXCEPTION 'audit trail is append-only: % refused on %', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "canonical" text GENERATED ALWAYS AS (CASE WHEN (action || coalesce(actor_name, '') || actor_type || coalesce(ip, '') || coalesce(request_id, '') || result
      || coalesce(target_id, '') || coalesce(target_label, '') || coalesce(target_type, '') || coalesce(user_agent, '')) !~ '["\\\x01-\x1f]'
    AND extract(microseconds from timezone('UTC', occurred_at)) % 1000 = 0 AND extract(year from timezone('UTC', occurred_at)) BETWEEN 1000 AND 9999
  THEN '{"action":"' || action || '","actorId":' || coalesce('"' || actor_id::text || '"', 'null') || ',"actorName":' || coalesce('"' || actor_name || '"', 'null')
    || ',"actorType":"' || actor_type || '","changes":' || coalesce(changes::text, 'null') || ',"detail":' || coalesce(detail::text, 'null')
    || ',"id":' || id::text || ',"ip":' || coalesce('"' || ip || '"', 'null')
    || ',"occurredAt":"' || extract(year from timezone('UTC', occurred_at))::int::text || '-' || lpad(extract(month from timezone('UTC', occurred_at))::int::text, 2, '0')
    || '-' || lpad(extract(day from timezone('UTC', occurred_at))::int::text, 2, '0') || 'T' || lpad(extract(hour from timezone('UTC', occurred_at))::int::text, 2, '0')
    || ':' || lpad(extract(minute from timezone('UTC', occurred_at))::int::text, 2, '0') || ':' || lpad((trunc(extract(milliseconds from timezone('UTC', occurred_at)))::int / 1000)::text, 2, '0')
    || '.' || lpad((trunc(extract(milliseconds from timezone('UTC', occurred_at)))::int % 1000)::text, 3, '0')
    || 'Z","orgId":' || coalesce('"' || org_id::text || '"', 'null') || ',"requestId":' || coalesce('"' || request_id || '"', 'null') || ',"result":"' || result
    || '","seq":' || coalesce(seq::text, 'null') || ',"targetId":' || coalesce('"' || target_id || '"', 'null') || ',"targetLabel":' || coalesce('"' || target_label || '"', 'null')
    || ',"targetType":' || coalesce('"' || target_type || '"', 'null') || ',"tokenId":' || coalesce('"' || token_id::text || '"', 'null') || ',"userAgent":' || coalesce('"' || user_agent || '"', 'null') || '}'
END) STORED;
