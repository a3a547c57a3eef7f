-- node_reach (one row per node, output and friend) gives way to node_days (one per day too, chained to the friend's
-- previous day), which answers ranges that cut through friends' re-entries without recounting run_steps (0009).
-- Its triggers go first; the tables follow in 0007.
DROP TRIGGER run_steps_reach_insert ON run_steps;
--> statement-breakpoint
DROP TRIGGER run_steps_reach_update ON run_steps;
--> statement-breakpoint
DROP TRIGGER run_steps_reach_delete ON run_steps;
--> statement-breakpoint
DROP FUNCTION kizuna_run_steps_reach();
--> statement-breakpoint
DROP TRIGGER node_reach_days_insert ON node_reach;
--> statement-breakpoint
DROP TRIGGER node_reach_days_update ON node_reach;
--> statement-breakpoint
DROP TRIGGER node_reach_days_delete ON node_reach;
--> statement-breakpoint
DROP FUNCTION kizuna_node_reach_days();
