CREATE TABLE "rich_menu_link_taps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rich_menu_id" uuid NOT NULL,
	"area" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_migration_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"migration_id" uuid NOT NULL,
	"run_id" text NOT NULL,
	"to_version_id" uuid NOT NULL,
	"from_node_id" text NOT NULL,
	"to_node_id" text NOT NULL,
	"due_at" timestamp with time zone,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"moved_at" timestamp with time zone,
	CONSTRAINT "run_migration_items_run_version_uq" UNIQUE("run_id","to_version_id")
);
--> statement-breakpoint
CREATE TABLE "run_migrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scenario_id" uuid NOT NULL,
	"from_version_id" uuid NOT NULL,
	"to_version_id" uuid NOT NULL,
	"mapping" jsonb NOT NULL,
	"policy" text NOT NULL,
	"fingerprint" text NOT NULL,
	"summary" jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "rich_menu_link_taps" ADD CONSTRAINT "rich_menu_link_taps_rich_menu_id_rich_menus_id_fk" FOREIGN KEY ("rich_menu_id") REFERENCES "public"."rich_menus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_migration_items" ADD CONSTRAINT "run_migration_items_migration_id_run_migrations_id_fk" FOREIGN KEY ("migration_id") REFERENCES "public"."run_migrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_migrations" ADD CONSTRAINT "run_migrations_scenario_id_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_migrations" ADD CONSTRAINT "run_migrations_from_version_id_scenario_versions_id_fk" FOREIGN KEY ("from_version_id") REFERENCES "public"."scenario_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_migrations" ADD CONSTRAINT "run_migrations_to_version_id_scenario_versions_id_fk" FOREIGN KEY ("to_version_id") REFERENCES "public"."scenario_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rich_menu_link_taps_menu_area_idx" ON "rich_menu_link_taps" USING btree ("rich_menu_id","area");--> statement-breakpoint
CREATE INDEX "run_migration_items_migration_idx" ON "run_migration_items" USING btree ("migration_id","status");--> statement-breakpoint
CREATE INDEX "run_migrations_scenario_idx" ON "run_migrations" USING btree ("scenario_id","created_at");