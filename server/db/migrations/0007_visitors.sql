CREATE TABLE "key_handovers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key_set_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_sets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"description" text NOT NULL,
	"copies" integer NOT NULL,
	"holder_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"lost_at" timestamp with time zone,
	"lost_by" uuid,
	"loss_note" text,
	"lock_changed_at" timestamp with time zone,
	"lock_changed_by" uuid,
	"lock_change_note" text,
	"loss_count" integer DEFAULT 0 NOT NULL,
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
CREATE TABLE "room_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"numbering_org_id" uuid NOT NULL,
	"number" text NOT NULL,
	"site_id" uuid NOT NULL,
	"staff_ids" jsonb NOT NULL,
	"third_parties" jsonb NOT NULL,
	"supervisor_id" uuid,
	"purpose" text NOT NULL,
	"work_done" text,
	"status" text NOT NULL,
	"approval_required" boolean DEFAULT false NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"approval_note" text,
	"entered_at" timestamp with time zone,
	"exited_at" timestamp with time zone,
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
CREATE TABLE "visitor_blocklist" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"name" text NOT NULL,
	"document_type" text NOT NULL,
	"document_number_enc" text NOT NULL,
	"document_number_hash" text NOT NULL,
	"reason" text NOT NULL,
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
CREATE TABLE "visitors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"numbering_org_id" uuid NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"company" text,
	"document_type" text NOT NULL,
	"document_number_enc" text NOT NULL,
	"document_number_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"host_id" uuid NOT NULL,
	"site_ids" jsonb NOT NULL,
	"escort_id" uuid,
	"status" text NOT NULL,
	"expected_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"checked_out_at" timestamp with time zone,
	"checked_out_by" uuid,
	"after_closing_at" timestamp with time zone,
	"end_reason" text,
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
ALTER TABLE "key_handovers" ADD CONSTRAINT "key_handovers_key_set_id_key_sets_id_fk" FOREIGN KEY ("key_set_id") REFERENCES "public"."key_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_handovers" ADD CONSTRAINT "key_handovers_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_handovers" ADD CONSTRAINT "key_handovers_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_handovers" ADD CONSTRAINT "key_handovers_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_sets" ADD CONSTRAINT "key_sets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_sets" ADD CONSTRAINT "key_sets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_sets" ADD CONSTRAINT "key_sets_lost_by_users_id_fk" FOREIGN KEY ("lost_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_sets" ADD CONSTRAINT "key_sets_lock_changed_by_users_id_fk" FOREIGN KEY ("lock_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_entries" ADD CONSTRAINT "room_entries_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_entries" ADD CONSTRAINT "room_entries_numbering_org_id_orgs_id_fk" FOREIGN KEY ("numbering_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_entries" ADD CONSTRAINT "room_entries_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_entries" ADD CONSTRAINT "room_entries_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_entries" ADD CONSTRAINT "room_entries_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_blocklist" ADD CONSTRAINT "visitor_blocklist_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_blocklist" ADD CONSTRAINT "visitor_blocklist_cooperative_id_orgs_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitors" ADD CONSTRAINT "visitors_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitors" ADD CONSTRAINT "visitors_numbering_org_id_orgs_id_fk" FOREIGN KEY ("numbering_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitors" ADD CONSTRAINT "visitors_host_id_users_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitors" ADD CONSTRAINT "visitors_escort_id_users_id_fk" FOREIGN KEY ("escort_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitors" ADD CONSTRAINT "visitors_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitors" ADD CONSTRAINT "visitors_checked_out_by_users_id_fk" FOREIGN KEY ("checked_out_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "key_handovers_set_idx" ON "key_handovers" USING btree ("key_set_id","given_at");--> statement-breakpoint
CREATE INDEX "key_sets_org_idx" ON "key_sets" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "key_sets_lost_idx" ON "key_sets" USING btree ("org_id") WHERE "key_sets"."status" = 'lost';--> statement-breakpoint
CREATE UNIQUE INDEX "room_entries_number_uq" ON "room_entries" USING btree ("numbering_org_id","number");--> statement-breakpoint
CREATE INDEX "room_entries_site_idx" ON "room_entries" USING btree ("site_id","entered_at");--> statement-breakpoint
CREATE INDEX "room_entries_org_idx" ON "room_entries" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "visitor_blocklist_match_idx" ON "visitor_blocklist" USING btree ("cooperative_id","document_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "visitors_number_uq" ON "visitors" USING btree ("numbering_org_id","number");--> statement-breakpoint
CREATE INDEX "visitors_org_status_idx" ON "visitors" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "visitors_inside_idx" ON "visitors" USING btree ("checked_in_at") WHERE "visitors"."status" = 'inside';--> statement-breakpoint
CREATE INDEX "visitors_expected_idx" ON "visitors" USING btree ("expected_at");--> statement-breakpoint
CREATE INDEX "visitors_doc_hash_idx" ON "visitors" USING btree ("document_number_hash");