CREATE TABLE "duty_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"duty_date" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"people" uuid[] NOT NULL,
	"leader_id" uuid,
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
CREATE TABLE "duty_handover_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"handover_id" uuid NOT NULL,
	"text" text NOT NULL,
	"hazard_id" uuid,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"close_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_handovers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"outgoing_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"incoming_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirm_method" text,
	"carried_item_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
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
CREATE TABLE "duty_logs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"happened" text NOT NULL,
	"action_taken" text,
	"urgent" boolean DEFAULT false NOT NULL,
	"corrects_id" uuid,
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
CREATE TABLE "duty_shifts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
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
CREATE TABLE "duty_swaps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"counterpart_id" uuid NOT NULL,
	"counterpart_assignment_id" uuid,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
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
ALTER TABLE "duty_assignments" ADD CONSTRAINT "duty_assignments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_assignments" ADD CONSTRAINT "duty_assignments_shift_id_duty_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."duty_shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_assignments" ADD CONSTRAINT "duty_assignments_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_handover_items" ADD CONSTRAINT "duty_handover_items_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_handover_items" ADD CONSTRAINT "duty_handover_items_handover_id_duty_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."duty_handovers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_handover_items" ADD CONSTRAINT "duty_handover_items_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_handover_items" ADD CONSTRAINT "duty_handover_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_handovers" ADD CONSTRAINT "duty_handovers_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_handovers" ADD CONSTRAINT "duty_handovers_assignment_id_duty_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."duty_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_handovers" ADD CONSTRAINT "duty_handovers_outgoing_by_users_id_fk" FOREIGN KEY ("outgoing_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_handovers" ADD CONSTRAINT "duty_handovers_incoming_by_users_id_fk" FOREIGN KEY ("incoming_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_logs" ADD CONSTRAINT "duty_logs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_logs" ADD CONSTRAINT "duty_logs_assignment_id_duty_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."duty_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_assignment_id_duty_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."duty_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_counterpart_id_users_id_fk" FOREIGN KEY ("counterpart_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_counterpart_assignment_id_duty_assignments_id_fk" FOREIGN KEY ("counterpart_assignment_id") REFERENCES "public"."duty_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duty_assignments_shift_date_uq" ON "duty_assignments" USING btree ("shift_id","duty_date") WHERE "duty_assignments"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "duty_assignments_org_start_idx" ON "duty_assignments" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE INDEX "duty_assignments_ends_idx" ON "duty_assignments" USING btree ("ends_at");--> statement-breakpoint
CREATE INDEX "duty_handover_items_open_idx" ON "duty_handover_items" USING btree ("org_id") WHERE "duty_handover_items"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "duty_handover_items_handover_idx" ON "duty_handover_items" USING btree ("handover_id");--> statement-breakpoint
CREATE UNIQUE INDEX "duty_handovers_assignment_uq" ON "duty_handovers" USING btree ("assignment_id") WHERE "duty_handovers"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "duty_handovers_org_idx" ON "duty_handovers" USING btree ("org_id","submitted_at");--> statement-breakpoint
CREATE INDEX "duty_logs_org_time_idx" ON "duty_logs" USING btree ("org_id","occurred_at");--> statement-breakpoint
CREATE INDEX "duty_logs_assignment_idx" ON "duty_logs" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "duty_shifts_org_idx" ON "duty_shifts" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "duty_swaps_assignment_idx" ON "duty_swaps" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "duty_swaps_pending_idx" ON "duty_swaps" USING btree ("org_id","status");