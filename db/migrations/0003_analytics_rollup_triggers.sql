-- Analytics rollups kept by triggers (docs/metrics.md, BENCHMARKS.md): run_steps.goal_at (the first non-test goal event
-- of the step's version within its window after entered_at) and node_reach (per node, output and friend: steps,
-- converted steps, bounds of entered_at) and node_reach_days (node_reach summed per bucket of days). Statement-level triggers with transition tables, so one engine write and a
-- bulk load of a million rows take the same set-based path. Existing data is backfilled first, the same way.

-- The goal test of one step, used by the backfill, new steps and changed events alike.
CREATE FUNCTION kizuna_step_goal_at(p_friend uuid, p_version uuid, p_entered timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT min(e.occurred_at)
  FROM scenario_versions v
  JOIN events e ON e.friend_id = p_friend AND e.name = v.goal_event_name AND NOT e.is_test
    AND e.occurred_at >= p_entered AND e.occurred_at <= p_entered + make_interval(hours => 24 * v.goal_window_days)
  WHERE v.id = p_version AND v.goal_event_name IS NOT NULL
$$;
--> statement-breakpoint
UPDATE run_steps rs SET goal_at = g.goal_at
FROM (SELECT s.id, kizuna_step_goal_at(s.friend_id, s.version_id, s.entered_at) AS goal_at
      FROM run_steps s JOIN scenario_versions v ON v.id = s.version_id WHERE v.goal_event_name IS NOT NULL) g
WHERE rs.id = g.id AND g.goal_at IS NOT NULL;
--> statement-breakpoint
INSERT INTO node_reach (scenario_id, version_id, node_id, output, friend_id, first_at, last_at, visits, converted)
SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, min(d.entered_at), max(d.entered_at), count(*), count(*) FILTER (WHERE d.goal_at IS NOT NULL)
FROM run_steps d
CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
WHERE NOT d.is_test AND k.output IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO node_reach_days (scenario_id, version_id, node_id, output, first_day, last_day, shard, friends, visits, converted)
SELECT scenario_id, version_id, node_id, output, first_day, last_day, get_byte(uuid_send(friend_id), 15) & 7,
  count(*) FILTER (WHERE visits > 0), sum(visits), count(*) FILTER (WHERE visits > 0 AND converted > 0)
FROM node_reach
GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
-- node_reach_days follows node_reach: each changed row moves its friend (and visits, and conversion) between buckets.
CREATE FUNCTION kizuna_node_reach_days() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text;
BEGIN
  -- Statement triggers fire for statements that changed no row too (an upsert fires both): skip those.
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    deltas := 'SELECT n.*, 1 AS sign FROM new_rows n';
  ELSIF TG_OP = 'UPDATE' THEN
    deltas := 'SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 FROM new_rows n';
  ELSE
    deltas := 'SELECT o.*, -1 AS sign FROM old_rows o';
  END IF;
  EXECUTE format($q$
    INSERT INTO node_reach_days (scenario_id, version_id, node_id, output, first_day, last_day, shard, friends, visits, converted)
    SELECT d.scenario_id, d.version_id, d.node_id, d.output, d.first_day, d.last_day, get_byte(uuid_send(d.friend_id), 15) & 7,
      sum(d.sign * (d.visits > 0)::int), sum(d.sign * d.visits), sum(d.sign * (d.visits > 0 AND d.converted > 0)::int)
    FROM (%s) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(d.sign * (d.visits > 0)::int) <> 0 OR sum(d.sign * d.visits) <> 0 OR sum(d.sign * (d.visits > 0 AND d.converted > 0)::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT node_reach_days_pk DO UPDATE SET
      friends = node_reach_days.friends + excluded.friends,
      visits = node_reach_days.visits + excluded.visits,
      converted = node_reach_days.converted + excluded.converted
  $q$, deltas);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER node_reach_days_insert AFTER INSERT ON node_reach REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_node_reach_days();
--> statement-breakpoint
CREATE TRIGGER node_reach_days_update AFTER UPDATE ON node_reach REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_node_reach_days();
--> statement-breakpoint
CREATE TRIGGER node_reach_days_delete AFTER DELETE ON node_reach REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_node_reach_days();
--> statement-breakpoint
-- node_reach follows every change of run_steps: a statement adds the signed contributions of its rows (dv steps, dc
-- converted steps, widen: entered_at moved) to the rows of their (version and all versions) x (reached and output) keys.
CREATE FUNCTION kizuna_run_steps_reach() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    deltas := 'SELECT n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1 AS dv, (n.goal_at IS NOT NULL)::int AS dc, true AS widen FROM new_rows n WHERE NOT n.is_test';
  ELSIF TG_OP = 'UPDATE' THEN
    deltas := 'SELECT x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id, x.entered_at, x.dv, x.dc, x.widen
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES
        (o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1, -(o.goal_at IS NOT NULL)::int, false, o.is_test),
        (n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1, (n.goal_at IS NOT NULL)::int, n.entered_at <> o.entered_at, n.is_test)
      ) AS x(scenario_id, version_id, node_id, output, friend_id, entered_at, dv, dc, widen, is_test)
      WHERE NOT x.is_test
        AND (o.output IS DISTINCT FROM n.output OR (o.goal_at IS NULL) <> (n.goal_at IS NULL) OR o.is_test <> n.is_test OR o.entered_at <> n.entered_at
          OR o.node_id <> n.node_id OR o.friend_id <> n.friend_id OR o.version_id <> n.version_id OR o.scenario_id <> n.scenario_id)';
  ELSE
    deltas := 'SELECT o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1 AS dv, -(o.goal_at IS NOT NULL)::int AS dc, false AS widen FROM old_rows o WHERE NOT o.is_test';
  END IF;
  -- Dynamic SQL because a transition table exists only for its own operation; EXECUTE here still sees it. Keys are
  -- written in order, so two transactions touching the same rows lock them in the same order.
  EXECUTE format($q$
    INSERT INTO node_reach (scenario_id, version_id, node_id, output, friend_id, first_at, last_at, visits, converted)
    SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, min(d.entered_at), max(d.entered_at), sum(d.dv), sum(d.dc)
    FROM (%s) d
    CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
    WHERE k.output IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(d.dv) <> 0 OR sum(d.dc) <> 0 OR bool_or(d.widen)
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT node_reach_pk DO UPDATE SET
      first_at = least(node_reach.first_at, excluded.first_at),
      last_at = greatest(node_reach.last_at, excluded.last_at),
      visits = node_reach.visits + excluded.visits,
      converted = node_reach.converted + excluded.converted
  $q$, deltas);
  IF TG_OP = 'INSERT' THEN
    -- Goal events already stored (sent before the step was written, or at the same instant) convert the new steps;
    -- this update comes back through the UPDATE trigger, which counts the conversions.
    UPDATE run_steps rs SET goal_at = g.goal_at
    FROM (SELECT n.id, kizuna_step_goal_at(n.friend_id, n.version_id, n.entered_at) AS goal_at
          FROM new_rows n JOIN scenario_versions v ON v.id = n.version_id WHERE v.goal_event_name IS NOT NULL) g
    WHERE rs.id = g.id AND rs.goal_at IS DISTINCT FROM g.goal_at;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER run_steps_reach_insert AFTER INSERT ON run_steps REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_run_steps_reach();
--> statement-breakpoint
CREATE TRIGGER run_steps_reach_update AFTER UPDATE ON run_steps REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_run_steps_reach();
--> statement-breakpoint
CREATE TRIGGER run_steps_reach_delete AFTER DELETE ON run_steps REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_run_steps_reach();
--> statement-breakpoint
-- A new goal event converts the friend's steps entered within its window before it (steps of versions with that goal);
-- a changed or deleted event has the goal of its friend's steps recomputed.
CREATE FUNCTION kizuna_events_goal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    UPDATE run_steps rs SET goal_at = h.goal_at
    FROM (
      SELECT s.id, min(n.occurred_at) AS goal_at
      FROM new_rows n
      JOIN scenario_versions v ON v.goal_event_name = n.name
      JOIN run_steps s ON s.friend_id = n.friend_id AND s.version_id = v.id
        AND s.entered_at <= n.occurred_at AND s.entered_at >= n.occurred_at - make_interval(hours => 24 * v.goal_window_days)
      WHERE NOT n.is_test
      GROUP BY s.id
    ) h
    WHERE rs.id = h.id AND (rs.goal_at IS NULL OR rs.goal_at > h.goal_at);
  ELSE
    UPDATE run_steps rs SET goal_at = h.goal_at
    FROM (
      SELECT s.id, kizuna_step_goal_at(s.friend_id, s.version_id, s.entered_at) AS goal_at
      FROM (SELECT DISTINCT friend_id, name FROM old_rows) a
      JOIN scenario_versions v ON v.goal_event_name = a.name
      JOIN run_steps s ON s.friend_id = a.friend_id AND s.version_id = v.id
    ) h
    WHERE rs.id = h.id AND rs.goal_at IS DISTINCT FROM h.goal_at;
    IF TG_OP = 'UPDATE' THEN
      UPDATE run_steps rs SET goal_at = h.goal_at
      FROM (
        SELECT s.id, kizuna_step_goal_at(s.friend_id, s.version_id, s.entered_at) AS goal_at
        FROM (SELECT DISTINCT friend_id, name FROM new_rows) a
        JOIN scenario_versions v ON v.goal_event_name = a.name
        JOIN run_steps s ON s.friend_id = a.friend_id AND s.version_id = v.id
      ) h
      WHERE rs.id = h.id AND rs.goal_at IS DISTINCT FROM h.goal_at;
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_goal_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_events_goal();
--> statement-breakpoint
CREATE TRIGGER events_goal_update AFTER UPDATE ON events REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_events_goal();
--> statement-breakpoint
CREATE TRIGGER events_goal_delete AFTER DELETE ON events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_events_goal();
