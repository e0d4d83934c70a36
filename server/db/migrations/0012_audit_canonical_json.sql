-- SEC-04: the audit trail's changes/detail become json (which keeps its text as written) holding the
-- chain's canonical JSON text — keys sorted, no spaces — so that verification can assemble an entry's
-- canonical bytes in SQL (platform/audit/verify.ts). Existing values are rewritten into that form here;
-- the values themselves do not change, so every stored hash still verifies. An entry whose rewritten
-- text still differs from Anbao's canonical form (numbers beyond what this function normalises, keys
-- outside the Basic Multilingual Plane) is simply recomputed in Anbao when verified.
-- The ALTER rewrites the table without firing row triggers: the append-only guard is not bypassed for
-- any value, only the storage type changes.
CREATE OR REPLACE FUNCTION anbao_canonical_json(j jsonb) RETURNS text AS $$
DECLARE r text; t text;
BEGIN
  IF j IS NULL THEN RETURN NULL; END IF;
  CASE jsonb_typeof(j)
  WHEN 'object' THEN
    -- JavaScript's order: array-index keys first in numeric order, then the others sorted.
    SELECT '{' || coalesce(string_agg(to_json(e.key)::text || ':' || anbao_canonical_json(e.value), ','
             ORDER BY CASE WHEN e.idx < 4294967295 THEN e.idx END NULLS LAST, e.key COLLATE "C"), '') || '}'
      INTO r
      FROM (SELECT x.key, x.value, CASE WHEN x.key ~ '^(0|[1-9][0-9]{0,9})$' THEN x.key::bigint END AS idx FROM jsonb_each(j) x) e;
    RETURN r;
  WHEN 'array' THEN
    SELECT '[' || coalesce(string_agg(anbao_canonical_json(a.v), ',' ORDER BY a.i), '') || ']' INTO r
      FROM jsonb_array_elements(j) WITH ORDINALITY a(v, i);
    RETURN r;
  WHEN 'number' THEN
    -- JSON.stringify writes 1.50 as 1.5 and 2.0 as 2.
    t := j::text;
    IF t ~ '^-?[0-9]+\.[0-9]+$' THEN t := rtrim(rtrim(t, '0'), '.'); END IF;
    RETURN t;
  ELSE
    RETURN j::text;
  END CASE;
END;
$$ LANGUAGE plpgsql IMMUTABLE;
--> statement-breakpoint
ALTER TABLE "audit_events"
  ALTER COLUMN "changes" SET DATA TYPE json USING anbao_canonical_json("changes")::json,
  ALTER COLUMN "detail" SET DATA TYPE json USING anbao_canonical_json("detail")::json;
--> statement-breakpoint
DROP FUNCTION anbao_canonical_json(jsonb);
