CREATE TABLE "equipment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"numbering_org_id" uuid NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"site_id" uuid,
	"location" text,
	"model" text,
	"serial_no" text,
	"installed_on" date,
	"expires_on" date,
	"status" text NOT NULL,
	"notes" text,
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
CREATE TABLE "equipment_faults" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"numbering_org_id" uuid NOT NULL,
	"number" text NOT NULL,
	"equipment_id" uuid NOT NULL,
	"description" text NOT NULL,
	"out_of_service" boolean DEFAULT false NOT NULL,
	"serious" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"source_id" uuid,
	"status" text NOT NULL,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"assignee_id" uuid,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone,
	"fixed_by" uuid,
	"fixed_at" timestamp with time zone,
	"fix_note" text,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"verification_note" text,
	"closed_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"reopen_reason" text,
	"hazard_id" uuid,
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
CREATE TABLE "maintenance_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"kinds" jsonb NOT NULL,
	"site_kind" text,
	"recurrence" text NOT NULL,
	"assignee_id" uuid NOT NULL,
	"remind_days_before" integer NOT NULL,
	"starts_on" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
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
CREATE TABLE "maintenance_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"equipment_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"type" text NOT NULL,
	"period_key" text NOT NULL,
	"due_on" date NOT NULL,
	"assignee_id" uuid NOT NULL,
	"status" text NOT NULL,
	"result" text,
	"readings" jsonb,
	"note" text,
	"completed_by" uuid,
	"completed_at" timestamp with time zone,
	"fault_id" uuid,
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
ALTER TABLE "equipment" ADD CONSTRAINT "equipment_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment" ADD CONSTRAINT "equipment_numbering_org_id_orgs_id_fk" FOREIGN KEY ("numbering_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment" ADD CONSTRAINT "equipment_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_faults" ADD CONSTRAINT "equipment_faults_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_faults" ADD CONSTRAINT "equipment_faults_numbering_org_id_orgs_id_fk" FOREIGN KEY ("numbering_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_faults" ADD CONSTRAINT "equipment_faults_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_faults" ADD CONSTRAINT "equipment_faults_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_faults" ADD CONSTRAINT "equipment_faults_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_faults" ADD CONSTRAINT "equipment_faults_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_faults" ADD CONSTRAINT "equipment_faults_fixed_by_users_id_fk" FOREIGN KEY ("fixed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "equipment_faults" ADD CONSTRAINT "equipment_faults_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_plans" ADD CONSTRAINT "maintenance_plans_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_plan_id_maintenance_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."maintenance_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_tasks" ADD CONSTRAINT "maintenance_tasks_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_number_uq" ON "equipment" USING btree ("numbering_org_id","number");--> statement-breakpoint
CREATE INDEX "equipment_org_status_idx" ON "equipment" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "equipment_expires_idx" ON "equipment" USING btree ("expires_on") WHERE "equipment"."withdrawn_at" is null and "equipment"."status" <> 'retired';--> statement-breakpoint
CREATE INDEX "equipment_site_idx" ON "equipment" USING btree ("site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_faults_number_uq" ON "equipment_faults" USING btree ("numbering_org_id","number");--> statement-breakpoint
CREATE INDEX "equipment_faults_equipment_idx" ON "equipment_faults" USING btree ("equipment_id");--> statement-breakpoint
CREATE INDEX "equipment_faults_open_idx" ON "equipment_faults" USING btree ("org_id","status") WHERE "equipment_faults"."status" <> 'closed' and "equipment_faults"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "maintenance_plans_org_idx" ON "maintenance_plans" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "maintenance_tasks_period_uq" ON "maintenance_tasks" USING btree ("plan_id","equipment_id","period_key");--> statement-breakpoint
CREATE INDEX "maintenance_tasks_due_idx" ON "maintenance_tasks" USING btree ("due_on") WHERE "maintenance_tasks"."status" = 'due' and "maintenance_tasks"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "maintenance_tasks_equipment_idx" ON "maintenance_tasks" USING btree ("equipment_id","due_on");--> statement-breakpoint
CREATE INDEX "maintenance_tasks_org_idx" ON "maintenance_tasks" USING btree ("org_id","status");