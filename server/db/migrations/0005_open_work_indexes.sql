DROP INDEX "hazards_open_rectifier_idx";--> statement-breakpoint
CREATE INDEX "hazards_open_reporter_idx" ON "hazards" USING btree ("reported_by","status") WHERE "hazards"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "inspections_open_leader_idx" ON "inspections" USING btree ("leader_id","due_at") WHERE "inspections"."status" <> 'submitted' and "inspections"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "inspections_overdue_pending_idx" ON "inspections" USING btree ("due_at") WHERE "inspections"."status" <> 'submitted' and "inspections"."withdrawn_at" is null and "inspections"."overdue_at" is null;--> statement-breakpoint
CREATE INDEX "hazards_open_rectifier_idx" ON "hazards" USING btree ("rectified_by","status") WHERE "hazards"."status" <> 'closed';