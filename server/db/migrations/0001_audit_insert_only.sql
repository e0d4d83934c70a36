-- SEC-04: the audit trail accepts INSERT only. The single permitted UPDATE is the seal: setting
-- seq, prev_hash, hash and sealed_at on an entry that has none; every other column must stay as
-- written. DELETE and TRUNCATE are refused. Checkpoints are insert-only too.
CREATE OR REPLACE FUNCTION anbao_audit_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seq IS NULL AND NEW.seq IS NOT NULL
       AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash' - 'sealed_at') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash' - 'sealed_at') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit trail is append-only: % refused on %', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
  END IF;
  RAISE EXCEPTION 'audit trail is append-only: % refused on %', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION anbao_audit_guard();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION anbao_audit_guard();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION anbao_audit_guard();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION anbao_audit_guard();
