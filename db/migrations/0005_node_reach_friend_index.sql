DROP INDEX "node_reach_friend_idx";--> statement-breakpoint
CREATE INDEX "node_reach_friend_idx" ON "node_reach" USING btree ("friend_id","scenario_id","version_id");