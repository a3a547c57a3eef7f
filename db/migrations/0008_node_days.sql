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
CREATE INDEX "node_days_day_idx" ON "node_days" USING btree ("scenario_id","version_id","day");--> statement-breakpoint
CREATE INDEX "node_days_friend_idx" ON "node_days" USING btree ("friend_id","scenario_id","version_id");