CREATE TABLE "link_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" text NOT NULL,
	"holder_friend_id" uuid NOT NULL,
	"claimant_friend_id" uuid NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution" text,
	CONSTRAINT "link_conflicts_two_friends" CHECK ("link_conflicts"."holder_friend_id" <> "link_conflicts"."claimant_friend_id"),
	CONSTRAINT "link_conflicts_resolved" CHECK (("link_conflicts"."resolved_at" is null) = ("link_conflicts"."resolution" is null))
);
--> statement-breakpoint
CREATE TABLE "send_pacer" (
	"key" text PRIMARY KEY NOT NULL,
	"next_slot_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_state" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"paused_for" text,
	"detail" text,
	"paused_at" timestamp with time zone,
	"resumed_at" timestamp with time zone,
	"probe_after" timestamp with time zone,
	"last_probe_at" timestamp with time zone,
	"last_probe_result" text,
	"quota_type" text,
	"quota_limit" integer,
	"quota_used" integer,
	"quota_read_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "link_conflicts" ADD CONSTRAINT "link_conflicts_holder_friend_id_friends_id_fk" FOREIGN KEY ("holder_friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_conflicts" ADD CONSTRAINT "link_conflicts_claimant_friend_id_friends_id_fk" FOREIGN KEY ("claimant_friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_conflicts" ADD CONSTRAINT "link_conflicts_resolved_by_operators_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "link_conflicts_open_idx" ON "link_conflicts" USING btree ("member_id","claimant_friend_id") WHERE "link_conflicts"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "link_conflicts_created_idx" ON "link_conflicts" USING btree ("created_at");