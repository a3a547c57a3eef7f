-- Hand-written part of the schema that drizzle-kit does not generate: the trigger functions and triggers that keep the
-- analytics rollups current as run steps and events are written, changed or deleted (db/schema/analytics.ts,
-- docs/metrics.md): run_steps.goal_at, node_days and node_days_sum. All triggers are statement-level with transition
-- tables (old_rows, new_rows), so one engine write and a bulk load of a million rows take the same set-based path.
-- No backfill: drizzle applies this migration in the same transaction as 0000_baseline, so every table is empty here.
-- db/queries/analytics-rollup.int.test.ts compares the rollups with a recount from run_steps and events.
-- This file stays as applied: a later change to a function goes into a new custom migration
-- (`npx drizzle-kit generate --custom`) with CREATE OR REPLACE.

-- The goal test of one step: the first non-test goal event of the step's version within its window after entered_at.
CREATE FUNCTION kizuna_step_goal_at(p_friend uuid, p_version uuid, p_entered timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT min(e.occurred_at)
  FROM scenario_versions v
  JOIN events e ON e.friend_id = p_friend AND e.name = v.goal_event_name AND NOT e.is_test
    AND e.occurred_at >= p_entered AND e.occurred_at <= p_entered + make_interval(hours => 24 * v.goal_window_days)
  WHERE v.id = p_version AND v.goal_event_name IS NOT NULL
$$;
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
--> statement-breakpoint
-- node_days follows run_steps. A statement's steps become signed contributions (dv steps, dc converted steps) to their
-- node_days rows: steps written, left (the output is set), converted (goal_at set), flagged as test or deleted; days
-- left without a visit go, and the touched friends' chains of days (prev_day, prev_conv_day) are recomputed. Writers
-- of the same friends are serialised (1,024 advisory-lock buckets taken in order), so a chain is always computed from
-- every committed day and rows are locked in one order. Each write stays cheap and independent of the planner's
-- statistics:
-- * static SQL per operation, not EXECUTE: PL/pgSQL keeps the plans of static statements, where EXECUTE would plan
--   every statement on every write (~9 ms instead of ~5 ms per recordSteps transaction on bench:analytics' cluster);
-- * node_days rows are found through node_days_friend_idx, one (node, output, friend) at a time, and changed by their
--   row id: the other key columns are compared with IS NOT DISTINCT FROM (the same test on these NOT NULL columns, but
--   one no index can serve) and OFFSET 0 keeps each lookup a lookup. A join on the whole key may be planned through
--   node_days_day_idx (scenario, version, day) or a scan while node_days has no statistics, reading every row of the
--   version on each write;
-- * a friend's chain is written back only where it changed; an INSERT skips the removal of empty days (an inserted
--   step only adds visits); the goal lookup runs only when a version of the inserted steps has a goal.
CREATE FUNCTION kizuna_run_steps_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    -- Writers of the same friends wait for each other here (1,024 buckets, taken in order), so a chain is always
    -- recomputed from every committed day and rows are locked in the same order.
    PERFORM count(pg_advisory_xact_lock(764201, b.bucket))
    FROM (SELECT DISTINCT (get_byte(uuid_send(d.friend_id), 15) << 2) | (get_byte(uuid_send(d.friend_id), 14) & 3) AS bucket FROM (SELECT n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1 AS dv, (n.goal_at IS NOT NULL)::int AS dc FROM new_rows n WHERE NOT n.is_test) d ORDER BY 1) b;
    -- Steps counted under their version and all versions, as reached ('') and under their output once they have one.
    INSERT INTO node_days (scenario_id, version_id, node_id, output, friend_id, day, visits, converted, prev_day, prev_conv_day)
    SELECT scenario_id, version_id, node_id, output, friend_id, day, sum(dv), sum(dc), '-infinity', '-infinity'
    FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1 AS dv, (n.goal_at IS NOT NULL)::int AS dc FROM new_rows n WHERE NOT n.is_test) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(dv) <> 0 OR sum(dc) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT node_days_pk DO UPDATE SET
      visits = node_days.visits + excluded.visits,
      converted = node_days.converted + excluded.converted;
    -- The chains of the friends touched, read through node_days_friend_idx one (node, output, friend) at a time; only
    -- rows whose previous day changed are written back, by row id.
    UPDATE node_days n SET prev_day = c.prev_day, prev_conv_day = c.prev_conv_day
    FROM (
      SELECT x.row_id, x.prev_day AS was_prev_day, x.prev_conv_day AS was_prev_conv_day,
        coalesce(lag(x.day) OVER w, '-infinity') AS prev_day,
        coalesce(max(x.day) FILTER (WHERE x.converted > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), '-infinity') AS prev_conv_day
      FROM (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1 AS dv, (n.goal_at IS NOT NULL)::int AS dc FROM new_rows n WHERE NOT n.is_test) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t) t
      CROSS JOIN LATERAL (
        SELECT y.ctid AS row_id, y.scenario_id, y.version_id, y.node_id, y.output, y.friend_id, y.day, y.converted, y.prev_day, y.prev_conv_day FROM node_days y
        WHERE y.friend_id = t.friend_id AND (y.scenario_id, y.version_id, y.node_id, y.output) IS NOT DISTINCT FROM (t.scenario_id, t.version_id, t.node_id, t.output)
        OFFSET 0 -- read once per (node, output, friend), not joined to the whole table
      ) x
      WINDOW w AS (PARTITION BY x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id ORDER BY x.day)
    ) c
    WHERE n.ctid = c.row_id AND (c.prev_day <> c.was_prev_day OR c.prev_conv_day <> c.was_prev_conv_day);
    -- Goal events already stored (sent before the step was written, or at the same instant) convert the new steps;
    -- this update comes back through the UPDATE trigger, which counts the conversions. Only versions with a goal ask.
    IF EXISTS (SELECT 1 FROM scenario_versions v WHERE v.goal_event_name IS NOT NULL AND v.id IN (SELECT n.version_id FROM new_rows n)) THEN
      UPDATE run_steps rs SET goal_at = g.goal_at
      FROM (SELECT n.id, kizuna_step_goal_at(n.friend_id, n.version_id, n.entered_at) AS goal_at
            FROM new_rows n JOIN scenario_versions v ON v.id = n.version_id WHERE v.goal_event_name IS NOT NULL) g
      WHERE rs.id = g.id AND rs.goal_at IS DISTINCT FROM g.goal_at;
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Writers of the same friends wait for each other here (1,024 buckets, taken in order), so a chain is always
    -- recomputed from every committed day and rows are locked in the same order.
    PERFORM count(pg_advisory_xact_lock(764201, b.bucket))
    FROM (SELECT DISTINCT (get_byte(uuid_send(d.friend_id), 15) << 2) | (get_byte(uuid_send(d.friend_id), 14) & 3) AS bucket FROM (SELECT x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id, x.entered_at, x.dv, x.dc
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
          (o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1, -(o.goal_at IS NOT NULL)::int, o.is_test),
          (n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1, (n.goal_at IS NOT NULL)::int, n.is_test)
        ) AS x(scenario_id, version_id, node_id, output, friend_id, entered_at, dv, dc, is_test)
        WHERE NOT x.is_test
          AND (o.output IS DISTINCT FROM n.output OR (o.goal_at IS NULL) <> (n.goal_at IS NULL) OR o.is_test <> n.is_test OR o.entered_at <> n.entered_at
            OR o.node_id <> n.node_id OR o.friend_id <> n.friend_id OR o.version_id <> n.version_id OR o.scenario_id <> n.scenario_id)) d ORDER BY 1) b;
    -- Steps counted under their version and all versions, as reached ('') and under their output once they have one.
    INSERT INTO node_days (scenario_id, version_id, node_id, output, friend_id, day, visits, converted, prev_day, prev_conv_day)
    SELECT scenario_id, version_id, node_id, output, friend_id, day, sum(dv), sum(dc), '-infinity', '-infinity'
    FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id, x.entered_at, x.dv, x.dc
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
          (o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1, -(o.goal_at IS NOT NULL)::int, o.is_test),
          (n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1, (n.goal_at IS NOT NULL)::int, n.is_test)
        ) AS x(scenario_id, version_id, node_id, output, friend_id, entered_at, dv, dc, is_test)
        WHERE NOT x.is_test
          AND (o.output IS DISTINCT FROM n.output OR (o.goal_at IS NULL) <> (n.goal_at IS NULL) OR o.is_test <> n.is_test OR o.entered_at <> n.entered_at
            OR o.node_id <> n.node_id OR o.friend_id <> n.friend_id OR o.version_id <> n.version_id OR o.scenario_id <> n.scenario_id)) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(dv) <> 0 OR sum(dc) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT node_days_pk DO UPDATE SET
      visits = node_days.visits + excluded.visits,
      converted = node_days.converted + excluded.converted;
    -- Days left without a visit are removed (steps only ever add visits on INSERT), found like the chains below.
    DELETE FROM node_days n
    WHERE n.ctid = ANY (ARRAY(
      SELECT x.ctid
      FROM (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id, day FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id, x.entered_at, x.dv, x.dc
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
          (o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1, -(o.goal_at IS NOT NULL)::int, o.is_test),
          (n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1, (n.goal_at IS NOT NULL)::int, n.is_test)
        ) AS x(scenario_id, version_id, node_id, output, friend_id, entered_at, dv, dc, is_test)
        WHERE NOT x.is_test
          AND (o.output IS DISTINCT FROM n.output OR (o.goal_at IS NULL) <> (n.goal_at IS NULL) OR o.is_test <> n.is_test OR o.entered_at <> n.entered_at
            OR o.node_id <> n.node_id OR o.friend_id <> n.friend_id OR o.version_id <> n.version_id OR o.scenario_id <> n.scenario_id)) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t WHERE dv < 0) t
      CROSS JOIN LATERAL (
        SELECT y.ctid FROM node_days y
        WHERE y.friend_id = t.friend_id AND (y.scenario_id, y.version_id, y.node_id, y.output, y.day) IS NOT DISTINCT FROM (t.scenario_id, t.version_id, t.node_id, t.output, t.day)
          AND y.visits <= 0
        OFFSET 0
      ) x));
    -- The chains of the friends touched, read through node_days_friend_idx one (node, output, friend) at a time; only
    -- rows whose previous day changed are written back, by row id.
    UPDATE node_days n SET prev_day = c.prev_day, prev_conv_day = c.prev_conv_day
    FROM (
      SELECT x.row_id, x.prev_day AS was_prev_day, x.prev_conv_day AS was_prev_conv_day,
        coalesce(lag(x.day) OVER w, '-infinity') AS prev_day,
        coalesce(max(x.day) FILTER (WHERE x.converted > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), '-infinity') AS prev_conv_day
      FROM (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id, x.entered_at, x.dv, x.dc
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
          (o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1, -(o.goal_at IS NOT NULL)::int, o.is_test),
          (n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1, (n.goal_at IS NOT NULL)::int, n.is_test)
        ) AS x(scenario_id, version_id, node_id, output, friend_id, entered_at, dv, dc, is_test)
        WHERE NOT x.is_test
          AND (o.output IS DISTINCT FROM n.output OR (o.goal_at IS NULL) <> (n.goal_at IS NULL) OR o.is_test <> n.is_test OR o.entered_at <> n.entered_at
            OR o.node_id <> n.node_id OR o.friend_id <> n.friend_id OR o.version_id <> n.version_id OR o.scenario_id <> n.scenario_id)) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t) t
      CROSS JOIN LATERAL (
        SELECT y.ctid AS row_id, y.scenario_id, y.version_id, y.node_id, y.output, y.friend_id, y.day, y.converted, y.prev_day, y.prev_conv_day FROM node_days y
        WHERE y.friend_id = t.friend_id AND (y.scenario_id, y.version_id, y.node_id, y.output) IS NOT DISTINCT FROM (t.scenario_id, t.version_id, t.node_id, t.output)
        OFFSET 0 -- read once per (node, output, friend), not joined to the whole table
      ) x
      WINDOW w AS (PARTITION BY x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id ORDER BY x.day)
    ) c
    WHERE n.ctid = c.row_id AND (c.prev_day <> c.was_prev_day OR c.prev_conv_day <> c.was_prev_conv_day);
  ELSE
    -- Writers of the same friends wait for each other here (1,024 buckets, taken in order), so a chain is always
    -- recomputed from every committed day and rows are locked in the same order.
    PERFORM count(pg_advisory_xact_lock(764201, b.bucket))
    FROM (SELECT DISTINCT (get_byte(uuid_send(d.friend_id), 15) << 2) | (get_byte(uuid_send(d.friend_id), 14) & 3) AS bucket FROM (SELECT o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1 AS dv, -(o.goal_at IS NOT NULL)::int AS dc FROM old_rows o WHERE NOT o.is_test) d ORDER BY 1) b;
    -- Steps counted under their version and all versions, as reached ('') and under their output once they have one.
    INSERT INTO node_days (scenario_id, version_id, node_id, output, friend_id, day, visits, converted, prev_day, prev_conv_day)
    SELECT scenario_id, version_id, node_id, output, friend_id, day, sum(dv), sum(dc), '-infinity', '-infinity'
    FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1 AS dv, -(o.goal_at IS NOT NULL)::int AS dc FROM old_rows o WHERE NOT o.is_test) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(dv) <> 0 OR sum(dc) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT node_days_pk DO UPDATE SET
      visits = node_days.visits + excluded.visits,
      converted = node_days.converted + excluded.converted;
    -- Days left without a visit are removed (steps only ever add visits on INSERT), found like the chains below.
    DELETE FROM node_days n
    WHERE n.ctid = ANY (ARRAY(
      SELECT x.ctid
      FROM (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id, day FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1 AS dv, -(o.goal_at IS NOT NULL)::int AS dc FROM old_rows o WHERE NOT o.is_test) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t WHERE dv < 0) t
      CROSS JOIN LATERAL (
        SELECT y.ctid FROM node_days y
        WHERE y.friend_id = t.friend_id AND (y.scenario_id, y.version_id, y.node_id, y.output, y.day) IS NOT DISTINCT FROM (t.scenario_id, t.version_id, t.node_id, t.output, t.day)
          AND y.visits <= 0
        OFFSET 0
      ) x));
    -- The chains of the friends touched, read through node_days_friend_idx one (node, output, friend) at a time; only
    -- rows whose previous day changed are written back, by row id.
    UPDATE node_days n SET prev_day = c.prev_day, prev_conv_day = c.prev_conv_day
    FROM (
      SELECT x.row_id, x.prev_day AS was_prev_day, x.prev_conv_day AS was_prev_conv_day,
        coalesce(lag(x.day) OVER w, '-infinity') AS prev_day,
        coalesce(max(x.day) FILTER (WHERE x.converted > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), '-infinity') AS prev_conv_day
      FROM (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1 AS dv, -(o.goal_at IS NOT NULL)::int AS dc FROM old_rows o WHERE NOT o.is_test) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t) t
      CROSS JOIN LATERAL (
        SELECT y.ctid AS row_id, y.scenario_id, y.version_id, y.node_id, y.output, y.friend_id, y.day, y.converted, y.prev_day, y.prev_conv_day FROM node_days y
        WHERE y.friend_id = t.friend_id AND (y.scenario_id, y.version_id, y.node_id, y.output) IS NOT DISTINCT FROM (t.scenario_id, t.version_id, t.node_id, t.output)
        OFFSET 0 -- read once per (node, output, friend), not joined to the whole table
      ) x
      WINDOW w AS (PARTITION BY x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id ORDER BY x.day)
    ) c
    WHERE n.ctid = c.row_id AND (c.prev_day <> c.was_prev_day OR c.prev_conv_day <> c.was_prev_conv_day);
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
-- node_days_sum follows node_days: each changed row moves its friend (visits, conversion) between sums; static SQL per
-- operation, as above.
CREATE FUNCTION kizuna_node_days_sum() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO node_days_sum (scenario_id, version_id, node_id, output, day, prev_day, prev_conv_day, shard, friends, visits, converted)
    SELECT d.scenario_id, d.version_id, d.node_id, d.output, d.day, d.prev_day, CASE WHEN d.converted > 0 THEN d.prev_conv_day ELSE '-infinity' END,
      get_byte(uuid_send(d.friend_id), 15) & 7, sum((d.visits > 0)::int), sum(d.visits), sum((d.visits > 0 AND d.converted > 0)::int)
    FROM new_rows d
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT node_days_sum_pk DO UPDATE SET
      friends = node_days_sum.friends + excluded.friends,
      visits = node_days_sum.visits + excluded.visits,
      converted = node_days_sum.converted + excluded.converted;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO node_days_sum (scenario_id, version_id, node_id, output, day, prev_day, prev_conv_day, shard, friends, visits, converted)
    SELECT d.scenario_id, d.version_id, d.node_id, d.output, d.day, d.prev_day, CASE WHEN d.converted > 0 THEN d.prev_conv_day ELSE '-infinity' END,
      get_byte(uuid_send(d.friend_id), 15) & 7, sum(d.sign * (d.visits > 0)::int), sum(d.sign * d.visits), sum(d.sign * (d.visits > 0 AND d.converted > 0)::int)
    FROM (SELECT o.*, -1 AS sign FROM old_rows o UNION ALL SELECT n.*, 1 FROM new_rows n) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(d.sign * (d.visits > 0)::int) <> 0 OR sum(d.sign * d.visits) <> 0 OR sum(d.sign * (d.visits > 0 AND d.converted > 0)::int) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT node_days_sum_pk DO UPDATE SET
      friends = node_days_sum.friends + excluded.friends,
      visits = node_days_sum.visits + excluded.visits,
      converted = node_days_sum.converted + excluded.converted;
  ELSE
    INSERT INTO node_days_sum (scenario_id, version_id, node_id, output, day, prev_day, prev_conv_day, shard, friends, visits, converted)
    SELECT d.scenario_id, d.version_id, d.node_id, d.output, d.day, d.prev_day, CASE WHEN d.converted > 0 THEN d.prev_conv_day ELSE '-infinity' END,
      get_byte(uuid_send(d.friend_id), 15) & 7, -sum((d.visits > 0)::int), -sum(d.visits), -sum((d.visits > 0 AND d.converted > 0)::int)
    FROM old_rows d
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ON CONSTRAINT node_days_sum_pk DO UPDATE SET
      friends = node_days_sum.friends + excluded.friends,
      visits = node_days_sum.visits + excluded.visits,
      converted = node_days_sum.converted + excluded.converted;
  END IF;
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
