-- DESIGN §4, HAZ-01: the next document number (e.g. YH-2026-000123), taken inside the statement that
-- writes the record. The counter row of (org, kind, year) is incremented and the formatted number
-- returned; called from the INSERT of the numbered record (platform/numbering.ts, docNumber), the
-- number costs no round trip of its own, so the counter row — locked until commit, where creations in
-- one cooperative queue — is held for one statement fewer. Gap-free and unique as before: the same
-- upsert in the same transaction, rolled back with it.
CREATE OR REPLACE FUNCTION anbao_next_doc_number(p_org text, p_kind text, p_year integer) RETURNS text AS $$
  WITH n AS (
    INSERT INTO doc_counters (org_id, kind, year, value) VALUES (p_org, p_kind, p_year, 1)
    ON CONFLICT (org_id, kind, year) DO UPDATE SET value = doc_counters.value + 1
    RETURNING value
  )
  SELECT p_kind || '-' || p_year::text || '-' || CASE WHEN value < 1000000 THEN lpad(value::text, 6, '0') ELSE value::text END FROM n;
$$ LANGUAGE sql VOLATILE;
