DROP TABLE "node_reach" CASCADE;--> statement-breakpoint
DROP TABLE "node_reach_days" CASCADE;