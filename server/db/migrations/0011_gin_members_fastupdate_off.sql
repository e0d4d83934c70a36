DROP INDEX "inspections_members_idx";--> statement-breakpoint
CREATE INDEX "inspections_members_idx" ON "inspections" USING gin ("member_ids" jsonb_path_ops) WITH (fastupdate=false);