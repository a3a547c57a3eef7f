-- node_days and node_days_sum (db/schema/analytics.ts) follow run_steps through statement-level triggers with transition
-- tables, so one engine write and a bulk load take the same set-based path; run_steps.goal_at and its triggers (0003)
-- stay as they are. Existing history is backfilled first, the same way.
INSERT INTO node_days (scenario_id, version_id, node_id, output, friend_id, day, visits, converted, prev_day, prev_conv_day)
SELECT g.*, coalesce(lag(g.day) OVER w, '-infinity'),
  coalesce(max(g.day) FILTER (WHERE g.converted > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), '-infinity')
FROM (
  SELECT s.scenario_id, k.version_id, s.node_id, k.output, s.friend_id, (s.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day,
    count(*)::int AS visits, (count(*) FILTER (WHERE s.goal_at IS NOT NULL))::int AS converted
  FROM run_steps s
  CROSS JOIN LATERAL (VALUES (s.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (s.version_id, s.output), ('00000000-0000-0000-0000-000000000000'::uuid, s.output)) AS k(version_id, output)
  WHERE NOT s.is_test AND k.output IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6
) g
WINDOW w AS (PARTITION BY g.scenario_id, g.version_id, g.node_id, g.output, g.friend_id ORDER BY g.day);
--> statement-breakpoint
INSERT INTO node_days_sum (scenario_id, version_id, node_id, output, day, prev_day, prev_conv_day, shard, friends, visits, converted)
SELECT scenario_id, version_id, node_id, output, day, prev_day, CASE WHEN converted > 0 THEN prev_conv_day ELSE '-infinity' END,
  get_byte(uuid_send(friend_id), 15) & 7, count(*), sum(visits), count(*) FILTER (WHERE converted > 0)
FROM node_days
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
--> statement-breakpoint
-- A statement's steps, as signed contributions (dv steps, dc converted steps) to their node_days rows: steps written,
-- left (the output is set), converted (goal_at set), flagged as test or deleted. Then rows left without steps go and
-- the touched friends' chains of days are recomputed. Writers of the same friends are serialised (1,024 advisory-lock
-- buckets taken in order) so a chain is always computed from every committed day.
CREATE FUNCTION kizuna_run_steps_days() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text;
  keyed text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    deltas := 'SELECT n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1 AS dv, (n.goal_at IS NOT NULL)::int AS dc FROM new_rows n WHERE NOT n.is_test';
  ELSIF TG_OP = 'UPDATE' THEN
    deltas := 'SELECT x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id, x.entered_at, x.dv, x.dc
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES
        (o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1, -(o.goal_at IS NOT NULL)::int, o.is_test),
        (n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1, (n.goal_at IS NOT NULL)::int, n.is_test)
      ) AS x(scenario_id, version_id, node_id, output, friend_id, entered_at, dv, dc, is_test)
      WHERE NOT x.is_test
        AND (o.output IS DISTINCT FROM n.output OR (o.goal_at IS NULL) <> (n.goal_at IS NULL) OR o.is_test <> n.is_test OR o.entered_at <> n.entered_at
          OR o.node_id <> n.node_id OR o.friend_id <> n.friend_id OR o.version_id <> n.version_id OR o.scenario_id <> n.scenario_id)';
  ELSE
    deltas := 'SELECT o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1 AS dv, -(o.goal_at IS NOT NULL)::int AS dc FROM old_rows o WHERE NOT o.is_test';
  END IF;
  -- Each step counts under its version and all versions, as "reached" ('') and under its output once it has one.
  keyed := format($k$
    SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
    FROM (%s) d
    CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
    WHERE k.output IS NOT NULL
  $k$, deltas);
  -- Dynamic SQL because a transition table exists only for its own operation; EXECUTE here still sees it.
  EXECUTE format($q$
    SELECT count(pg_advisory_xact_lock(764201, b.bucket))
    FROM (SELECT DISTINCT (get_byte(uuid_send(d.friend_id), 15) << 2) | (get_byte(uuid_send(d.friend_id), 14) & 3) AS bucket FROM (%s) d ORDER BY 1) b
  $q$, deltas);
  EXECUTE format($q$
    INSERT INTO node_days (scenario_id, version_id, node_id, output, friend_id, day, visits, converted, prev_day, prev_conv_day)
    SELECT scenario_id, version_id, node_id, output, friend_id, day, sum(dv), sum(dc), '-infinity', '-infinity'
    FROM (%s) t
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(dv) <> 0 OR sum(dc) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT node_days_pk DO UPDATE SET
      visits = node_days.visits + excluded.visits,
      converted = node_days.converted + excluded.converted
  $q$, keyed);
  EXECUTE format($q$
    DELETE FROM node_days n
    USING (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id, day FROM (%s) t WHERE dv < 0) t
    WHERE n.scenario_id = t.scenario_id AND n.version_id = t.version_id AND n.node_id = t.node_id AND n.output = t.output
      AND n.friend_id = t.friend_id AND n.day = t.day AND n.visits <= 0
  $q$, keyed);
  EXECUTE format($q$
    UPDATE node_days n SET prev_day = c.prev_day, prev_conv_day = c.prev_conv_day
    FROM (
      SELECT x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id, x.day,
        coalesce(lag(x.day) OVER w, '-infinity') AS prev_day,
        coalesce(max(x.day) FILTER (WHERE x.converted > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), '-infinity') AS prev_conv_day
      FROM node_days x
      JOIN (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id FROM (%s) t) t
        ON x.scenario_id = t.scenario_id AND x.version_id = t.version_id AND x.node_id = t.node_id AND x.output = t.output AND x.friend_id = t.friend_id
      WINDOW w AS (PARTITION BY x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id ORDER BY x.day)
    ) c
    WHERE n.scenario_id = c.scenario_id AND n.version_id = c.version_id AND n.node_id = c.node_id AND n.output = c.output
      AND n.friend_id = c.friend_id AND n.day = c.day AND (n.prev_day <> c.prev_day OR n.prev_conv_day <> c.prev_conv_day)
  $q$, keyed);
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
CREATE TRIGGER run_steps_days_insert AFTER INSERT ON run_steps REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_run_steps_days();
--> statement-breakpoint
CREATE TRIGGER run_steps_days_update AFTER UPDATE ON run_steps REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_run_steps_days();
--> statement-breakpoint
CREATE TRIGGER run_steps_days_delete AFTER DELETE ON run_steps REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_run_steps_days();
--> statement-breakpoint
-- node_days_sum follows node_days: each changed row moves its friend (visits, conversion) between sums.
CREATE FUNCTION kizuna_node_days_sum() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas text;
BEGIN
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
    INSERT INTO node_days_sum (scenario_id, version_id, node_id, output, day, prev_day, prev_conv_day, shard, friends, visits, converted)
    SELECT d.scenario_id, d.version_id, d.node_id, d.output, d.day, d.prev_day, CASE WHEN d.converted > 0 THEN d.prev_conv_day ELSE '-infinity' END,
      get_byte(uuid_send(d.friend_id), 15) & 7,
      sum(d.sign * (d.visits > 0)::int), sum(d.sign * d.visits), sum(d.sign * (d.visits > 0 AND d.converted > 0)::int)
    FROM (%s) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(d.sign * (d.visits > 0)::int) <> 0 OR sum(d.sign * d.visits) <> 0 OR sum(d.sign * (d.visits > 0 AND d.converted > 0)::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT node_days_sum_pk DO UPDATE SET
      friends = node_days_sum.friends + excluded.friends,
      visits = node_days_sum.visits + excluded.visits,
      converted = node_days_sum.converted + excluded.converted
  $q$, deltas);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER node_days_sum_insert AFTER INSERT ON node_days REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_node_days_sum();
--> statement-breakpoint
CREATE TRIGGER node_days_sum_update AFTER UPDATE ON node_days REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_node_days_sum();
--> statement-breakpoint
CREATE TRIGGER node_days_sum_delete AFTER DELETE ON node_days REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kizuna_node_days_sum();
