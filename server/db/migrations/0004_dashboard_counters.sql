CREATE TABLE "dashboard_counts" (
	"org_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"bucket" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "dashboard_counts_org_id_metric_bucket_pk" PRIMARY KEY("org_id","metric","bucket")
);
--> statement-breakpoint
CREATE INDEX "hazards_open_org_idx" ON "hazards" USING btree ("org_id","due_at") WHERE "hazards"."status" <> 'closed' and "hazards"."withdrawn_at" is null;
--> statement-breakpoint
CREATE INDEX "hazards_open_rectifier_idx" ON "hazards" USING btree ("rectified_by") WHERE "hazards"."status" <> 'closed';
--> statement-breakpoint
CREATE INDEX "inspections_members_idx" ON "inspections" USING gin ("member_ids" jsonb_path_ops);
--> statement-breakpoint
-- RPT-02: dashboard counters maintained in the changing transaction (schema/dashboard.ts names the
-- metrics). Each row change adds +1 to the buckets of its new version and -1 to those of its old one,
-- for its unit and every ancestor on the unit's path. The triggers are deferred to commit and take one
-- transaction-scoped advisory lock, so concurrent writers never deadlock on counter rows and hold them
-- only while committing.
CREATE OR REPLACE FUNCTION anbao_dash_hazard_buckets(h hazards) RETURNS TABLE(metric text, bucket text) AS $$
  SELECT v.m, v.b FROM (VALUES
    ('hz.reported', to_char(h.reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')),
    (CASE WHEN h.closed_at IS NOT NULL THEN 'hz.closed' END, to_char(h.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')),
    (CASE WHEN h.status <> 'closed' THEN 'hz.open' END,
      h.status || ':' || coalesce(h.grade, '') || ':' || (h.verified_at IS NOT NULL)::int || (h.assessment_signoff_at IS NOT NULL)::int || (h.closure_signoff_at IS NOT NULL)::int),
    (CASE WHEN h.status <> 'closed' AND h.due_at IS NOT NULL THEN 'hz.due' END, to_char(h.due_at AT TIME ZONE 'UTC', 'YYYY-MM'))
  ) AS v(m, b)
  WHERE v.m IS NOT NULL AND h.id IS NOT NULL AND h.withdrawn_at IS NULL
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION anbao_dash_inspection_buckets(i inspections) RETURNS TABLE(metric text, bucket text) AS $$
  SELECT v.m, v.b FROM (VALUES
    ('in.due', to_char(i.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')),
    (CASE WHEN i.status = 'submitted' THEN 'in.done' END, to_char(i.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'))
  ) AS v(m, b)
  WHERE v.m IS NOT NULL AND i.id IS NOT NULL AND i.withdrawn_at IS NULL
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION anbao_dash_apply(org_new uuid, org_old uuid, plus text[], minus text[]) RETURNS void AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7240010);
  INSERT INTO dashboard_counts (org_id, metric, bucket, n)
  SELECT a.id::uuid, split_part(d.mb, E'\t', 1), split_part(d.mb, E'\t', 2), sum(d.delta)::int
  FROM (
    SELECT org_new AS org, x AS mb, 1 AS delta FROM unnest(plus) x
    UNION ALL
    SELECT org_old, x, -1 FROM unnest(minus) x
  ) d
  JOIN orgs o ON o.id = d.org
  CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM o.path), '/')) AS a(id)
  GROUP BY 1, 2, 3
  HAVING sum(d.delta) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (org_id, metric, bucket) DO UPDATE SET n = dashboard_counts.n + excluded.n;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION anbao_dash_hazards() RETURNS trigger AS $$
BEGIN
  PERFORM anbao_dash_apply(
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.org_id END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.org_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN ARRAY(SELECT metric || E'\t' || bucket FROM anbao_dash_hazard_buckets(NEW)) ELSE '{}' END,
    CASE WHEN TG_OP <> 'INSERT' THEN ARRAY(SELECT metric || E'\t' || bucket FROM anbao_dash_hazard_buckets(OLD)) ELSE '{}' END);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION anbao_dash_inspections() RETURNS trigger AS $$
BEGIN
  PERFORM anbao_dash_apply(
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.org_id END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.org_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN ARRAY(SELECT metric || E'\t' || bucket FROM anbao_dash_inspection_buckets(NEW)) ELSE '{}' END,
    CASE WHEN TG_OP <> 'INSERT' THEN ARRAY(SELECT metric || E'\t' || bucket FROM anbao_dash_inspection_buckets(OLD)) ELSE '{}' END);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER hazards_dash_insert AFTER INSERT ON hazards DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION anbao_dash_hazards();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER hazards_dash_update AFTER UPDATE ON hazards DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.grade IS DISTINCT FROM NEW.grade OR OLD.due_at IS DISTINCT FROM NEW.due_at
    OR OLD.closed_at IS DISTINCT FROM NEW.closed_at OR OLD.reported_at IS DISTINCT FROM NEW.reported_at OR OLD.withdrawn_at IS DISTINCT FROM NEW.withdrawn_at
    OR OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.verified_at IS DISTINCT FROM NEW.verified_at
    OR OLD.assessment_signoff_at IS DISTINCT FROM NEW.assessment_signoff_at OR OLD.closure_signoff_at IS DISTINCT FROM NEW.closure_signoff_at)
  EXECUTE FUNCTION anbao_dash_hazards();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER hazards_dash_delete AFTER DELETE ON hazards DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION anbao_dash_hazards();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER inspections_dash_insert AFTER INSERT ON inspections DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION anbao_dash_inspections();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER inspections_dash_update AFTER UPDATE ON inspections DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.withdrawn_at IS DISTINCT FROM NEW.withdrawn_at OR OLD.org_id IS DISTINCT FROM NEW.org_id)
  EXECUTE FUNCTION anbao_dash_inspections();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER inspections_dash_delete AFTER DELETE ON inspections DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION anbao_dash_inspections();
--> statement-breakpoint
-- Recomputes every counter from the registers: after bulk loads, and when a unit moves (its
-- ancestors change, so its counts belong to other rows).
CREATE OR REPLACE FUNCTION anbao_dash_rebuild() RETURNS void AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7240010);
  DELETE FROM dashboard_counts;
  INSERT INTO dashboard_counts (org_id, metric, bucket, n)
  SELECT a.id::uuid, r.metric, r.bucket, count(*)::int
  FROM (
    SELECT h.org_id, b.metric, b.bucket FROM hazards h CROSS JOIN LATERAL anbao_dash_hazard_buckets(h) b
    UNION ALL
    SELECT i.org_id, b.metric, b.bucket FROM inspections i CROSS JOIN LATERAL anbao_dash_inspection_buckets(i) b
  ) r
  JOIN orgs o ON o.id = r.org_id
  CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM o.path), '/')) AS a(id)
  GROUP BY 1, 2, 3;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION anbao_dash_org_moved() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM moved_new n JOIN moved_old o ON o.id = n.id WHERE o.path IS DISTINCT FROM n.path) THEN
    PERFORM anbao_dash_rebuild();
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER orgs_dash_moved AFTER UPDATE ON orgs REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new FOR EACH STATEMENT EXECUTE FUNCTION anbao_dash_org_moved();
--> statement-breakpoint
SELECT anbao_dash_rebuild();
