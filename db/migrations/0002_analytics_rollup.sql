CREATE TABLE "node_reach" (
	"scenario_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"output" text NOT NULL,
	"friend_id" uuid NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"visits" integer NOT NULL,
	"converted" integer NOT NULL,
	"first_day" date GENERATED ALWAYS AS ((first_at at time zone 'Asia/Tokyo')::date) STORED,
	"last_day" date GENERATED ALWAYS AS ((last_at at time zone 'Asia/Tokyo')::date) STORED,
	CONSTRAINT "node_reach_pk" PRIMARY KEY("scenario_id","version_id","node_id","output","friend_id")
);
--> statement-breakpoint
CREATE TABLE "node_reach_days" (
	"scenario_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"output" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"shard" smallint NOT NULL,
	"friends" integer NOT NULL,
	"visits" integer NOT NULL,
	"converted" integer NOT NULL,
	CONSTRAINT "node_reach_days_pk" PRIMARY KEY("scenario_id","version_id","node_id","output","first_day","last_day","shard")
);
--> statement-breakpoint
ALTER TABLE "scenario_versions" ADD COLUMN "goal_event_name" text GENERATED ALWAYS AS (plan #>> '{settings,goal,eventName}') STORED;--> statement-breakpoint
ALTER TABLE "scenario_versions" ADD COLUMN "goal_window_days" integer GENERATED ALWAYS AS ((plan #>> '{settings,goal,windowDays}')::integer) STORED;--> statement-breakpoint
ALTER TABLE "run_steps" ADD COLUMN "goal_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "node_reach_bucket_idx" ON "node_reach" USING btree ("scenario_id","version_id","node_id","output","first_day","last_day");--> statement-breakpoint
CREATE INDEX "node_reach_friend_idx" ON "node_reach" USING btree ("friend_id");--> statement-breakpoint
CREATE INDEX "run_steps_friend_entered_idx" ON "run_steps" USING btree ("friend_id","entered_at");