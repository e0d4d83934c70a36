CREATE TABLE "monitoring_logs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"site_id" uuid,
	"kind" text NOT NULL,
	"person_id" uuid NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone,
	"camera" text,
	"description" text,
	"action_taken" text,
	"medium" text,
	"storage_ref" text,
	"retention_ends_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_reason" text
);
--> statement-breakpoint
CREATE TABLE "opening_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"day" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"missed" boolean DEFAULT false NOT NULL,
	"items" jsonb NOT NULL,
	"note" text,
	"first_by" uuid,
	"first_at" timestamp with time zone,
	"second_by" uuid,
	"second_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_reason" text
);
--> statement-breakpoint
CREATE TABLE "patrol_anomalies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"patrol_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"checkpoint_id" uuid,
	"note" text NOT NULL,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"hazard_id" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_checkpoints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"route_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"site_id" uuid,
	"window_minutes" integer NOT NULL,
	"token" text NOT NULL,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_routes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"schedule_times" jsonb NOT NULL,
	"schedule_days" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_reason" text
);
--> statement-breakpoint
CREATE TABLE "patrol_scans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"patrol_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"checkpoint_id" uuid NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	"scanned_by" uuid NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"accuracy" double precision
);
--> statement-breakpoint
CREATE TABLE "patrols" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"route_id" uuid NOT NULL,
	"status" text NOT NULL,
	"scheduled_at" timestamp with time zone,
	"start_deadline" timestamp with time zone,
	"day" text NOT NULL,
	"checkpoint_ids" jsonb NOT NULL,
	"guard_id" uuid,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"note" text,
	"result" jsonb,
	"missed_count" integer DEFAULT 0 NOT NULL,
	"late_count" integer DEFAULT 0 NOT NULL,
	"flag_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_reason" text
);
--> statement-breakpoint
ALTER TABLE "monitoring_logs" ADD CONSTRAINT "monitoring_logs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_logs" ADD CONSTRAINT "monitoring_logs_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_logs" ADD CONSTRAINT "monitoring_logs_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_checks" ADD CONSTRAINT "opening_checks_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_checks" ADD CONSTRAINT "opening_checks_first_by_users_id_fk" FOREIGN KEY ("first_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_checks" ADD CONSTRAINT "opening_checks_second_by_users_id_fk" FOREIGN KEY ("second_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_anomalies" ADD CONSTRAINT "patrol_anomalies_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_anomalies" ADD CONSTRAINT "patrol_anomalies_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_anomalies" ADD CONSTRAINT "patrol_anomalies_checkpoint_id_patrol_checkpoints_id_fk" FOREIGN KEY ("checkpoint_id") REFERENCES "public"."patrol_checkpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_anomalies" ADD CONSTRAINT "patrol_anomalies_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkpoints" ADD CONSTRAINT "patrol_checkpoints_route_id_patrol_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."patrol_routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkpoints" ADD CONSTRAINT "patrol_checkpoints_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkpoints" ADD CONSTRAINT "patrol_checkpoints_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_routes" ADD CONSTRAINT "patrol_routes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_scans" ADD CONSTRAINT "patrol_scans_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_scans" ADD CONSTRAINT "patrol_scans_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_scans" ADD CONSTRAINT "patrol_scans_checkpoint_id_patrol_checkpoints_id_fk" FOREIGN KEY ("checkpoint_id") REFERENCES "public"."patrol_checkpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_scans" ADD CONSTRAINT "patrol_scans_scanned_by_users_id_fk" FOREIGN KEY ("scanned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_route_id_patrol_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."patrol_routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_guard_id_users_id_fk" FOREIGN KEY ("guard_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitoring_logs_org_kind_idx" ON "monitoring_logs" USING btree ("org_id","kind","from_at");--> statement-breakpoint
CREATE UNIQUE INDEX "opening_checks_day_uq" ON "opening_checks" USING btree ("org_id","day","kind") WHERE "opening_checks"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "opening_checks_day_idx" ON "opening_checks" USING btree ("day","kind");--> statement-breakpoint
CREATE INDEX "patrol_anomalies_patrol_idx" ON "patrol_anomalies" USING btree ("patrol_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patrol_checkpoints_token_uq" ON "patrol_checkpoints" USING btree ("token");--> statement-breakpoint
CREATE INDEX "patrol_checkpoints_route_idx" ON "patrol_checkpoints" USING btree ("route_id","seq");--> statement-breakpoint
CREATE INDEX "patrol_routes_org_idx" ON "patrol_routes" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "patrol_scans_patrol_idx" ON "patrol_scans" USING btree ("patrol_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "patrols_schedule_uq" ON "patrols" USING btree ("route_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "patrols_org_day_idx" ON "patrols" USING btree ("org_id","day");--> statement-breakpoint
CREATE INDEX "patrols_guard_idx" ON "patrols" USING btree ("guard_id","status");--> statement-breakpoint
CREATE INDEX "patrols_unstarted_idx" ON "patrols" USING btree ("start_deadline") WHERE "patrols"."status" = 'scheduled' and "patrols"."withdrawn_at" is null;