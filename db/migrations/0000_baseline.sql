CREATE TABLE "attribute_definitions" (
	"key" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"type" text NOT NULL,
	"options" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "friend_tags" (
	"friend_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"tagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "friend_tags_friend_id_tag_pk" PRIMARY KEY("friend_id","tag")
);
--> statement-breakpoint
CREATE TABLE "friends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_user_id" text NOT NULL,
	"member_id" text,
	"display_name" text DEFAULT '' NOT NULL,
	"picture_url" text,
	"language" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"friend_added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_at" timestamp with time zone,
	"is_test" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "friends_line_user_id_unique" UNIQUE("line_user_id"),
	CONSTRAINT "friends_member_id_unique" UNIQUE("member_id")
);
--> statement-breakpoint
CREATE TABLE "link_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"friend_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"friend_id" uuid NOT NULL,
	"name" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text NOT NULL,
	"idempotency_key" text,
	"is_test" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"webhook_event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "scenario_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scenario_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"graph" jsonb NOT NULL,
	"plan" jsonb NOT NULL,
	"hash" text NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"goal_event_name" text GENERATED ALWAYS AS (plan #>> '{settings,goal,eventName}') STORED,
	"goal_window_days" integer GENERATED ALWAYS AS ((plan #>> '{settings,goal,windowDays}')::integer) STORED,
	CONSTRAINT "scenario_versions_scenario_version_uq" UNIQUE("scenario_id","version")
);
--> statement-breakpoint
CREATE TABLE "scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"draft" jsonb NOT NULL,
	"draft_revision" integer DEFAULT 1 NOT NULL,
	"live_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" text NOT NULL,
	"scenario_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"friend_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"visit" integer NOT NULL,
	"retry_key" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"messages" jsonb NOT NULL,
	"request_id" text,
	"sent_message_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"is_test" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_retry_key_unique" UNIQUE("retry_key"),
	CONSTRAINT "outbox_run_node_visit_uq" UNIQUE("run_id","node_id","visit")
);
--> statement-breakpoint
CREATE TABLE "run_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" text NOT NULL,
	"scenario_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"friend_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"visit" integer NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"output" text,
	"reason" text,
	"is_test" boolean DEFAULT false NOT NULL,
	"goal_at" timestamp with time zone,
	CONSTRAINT "run_steps_run_node_visit_uq" UNIQUE("run_id","node_id","visit")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"scenario_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"friend_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"current_node_id" text,
	"waiting_for" jsonb,
	"waiting_until" timestamp with time zone,
	"end_reason" text,
	"is_test" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "wiring_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_days" (
	"scenario_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"output" text NOT NULL,
	"friend_id" uuid NOT NULL,
	"day" date NOT NULL,
	"visits" integer NOT NULL,
	"converted" integer NOT NULL,
	"prev_day" date NOT NULL,
	"prev_conv_day" date NOT NULL,
	CONSTRAINT "node_days_pk" PRIMARY KEY("scenario_id","version_id","node_id","output","friend_id","day")
);
--> statement-breakpoint
CREATE TABLE "node_days_sum" (
	"scenario_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"output" text NOT NULL,
	"day" date NOT NULL,
	"prev_day" date NOT NULL,
	"prev_conv_day" date NOT NULL,
	"shard" smallint NOT NULL,
	"friends" integer NOT NULL,
	"visits" integer NOT NULL,
	"converted" integer NOT NULL,
	CONSTRAINT "node_days_sum_pk" PRIMARY KEY("scenario_id","version_id","node_id","output","day","prev_day","prev_conv_day","shard")
);
--> statement-breakpoint
ALTER TABLE "friend_tags" ADD CONSTRAINT "friend_tags_friend_id_friends_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_nonces" ADD CONSTRAINT "link_nonces_friend_id_friends_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_friend_id_friends_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_versions" ADD CONSTRAINT "scenario_versions_scenario_id_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_scenario_id_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_version_id_scenario_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."scenario_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_friend_id_friends_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "friend_tags_tag_idx" ON "friend_tags" USING btree ("tag");--> statement-breakpoint
CREATE INDEX "friends_display_name_idx" ON "friends" USING btree ("display_name");--> statement-breakpoint
CREATE INDEX "events_friend_name_at_idx" ON "events" USING btree ("friend_id","name","occurred_at");--> statement-breakpoint
CREATE INDEX "events_name_at_idx" ON "events" USING btree ("name","occurred_at");--> statement-breakpoint
CREATE INDEX "outbox_friend_sent_idx" ON "outbox" USING btree ("friend_id","sent_at");--> statement-breakpoint
CREATE INDEX "outbox_scenario_node_idx" ON "outbox" USING btree ("scenario_id","node_id");--> statement-breakpoint
CREATE INDEX "outbox_analytics_idx" ON "outbox" USING btree ("scenario_id","created_at","node_id","status","friend_id","sent_at","run_id","version_id","is_test","reason");--> statement-breakpoint
CREATE INDEX "run_steps_scenario_node_idx" ON "run_steps" USING btree ("scenario_id","node_id","entered_at");--> statement-breakpoint
CREATE INDEX "run_steps_analytics_idx" ON "run_steps" USING btree ("scenario_id","node_id","friend_id","entered_at","output","version_id","is_test");--> statement-breakpoint
CREATE INDEX "run_steps_friend_entered_idx" ON "run_steps" USING btree ("friend_id","entered_at");--> statement-breakpoint
CREATE INDEX "runs_scenario_status_idx" ON "runs" USING btree ("scenario_id","status","current_node_id");--> statement-breakpoint
CREATE INDEX "runs_friend_idx" ON "runs" USING btree ("friend_id","status");--> statement-breakpoint
CREATE INDEX "node_days_day_idx" ON "node_days" USING btree ("scenario_id","version_id","day");--> statement-breakpoint
CREATE INDEX "node_days_friend_idx" ON "node_days" USING btree ("friend_id","scenario_id","version_id");