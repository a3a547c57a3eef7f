-- The rollup triggers of 0009 with static SQL per operation instead of EXECUTE: PL/pgSQL keeps the plans of static
-- statements, where EXECUTE planned every statement on every write: on bench:analytics' cluster a recordSteps
-- transaction took ~2 ms without the triggers, ~9 ms with EXECUTE, ~5 ms with static SQL. Same statements, same
-- results, except that writers now take their advisory locks before touching node_days (one lock order).
CREATE OR REPLACE FUNCTION kizuna_run_steps_days() RETURNS trigger LANGUAGE plpgsql AS $$
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
    DELETE FROM node_days n
    USING (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id, day FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1 AS dv, (n.goal_at IS NOT NULL)::int AS dc FROM new_rows n WHERE NOT n.is_test) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t WHERE dv < 0) t
    WHERE n.scenario_id = t.scenario_id AND n.version_id = t.version_id AND n.node_id = t.node_id AND n.output = t.output
      AND n.friend_id = t.friend_id AND n.day = t.day AND n.visits <= 0;
    UPDATE node_days n SET prev_day = c.prev_day, prev_conv_day = c.prev_conv_day
    FROM (
      SELECT x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id, x.day,
        coalesce(lag(x.day) OVER w, '-infinity') AS prev_day,
        coalesce(max(x.day) FILTER (WHERE x.converted > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), '-infinity') AS prev_conv_day
      FROM node_days x
      JOIN (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT n.scenario_id, n.version_id, n.node_id, n.output, n.friend_id, n.entered_at, 1 AS dv, (n.goal_at IS NOT NULL)::int AS dc FROM new_rows n WHERE NOT n.is_test) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t) t
        ON x.scenario_id = t.scenario_id AND x.version_id = t.version_id AND x.node_id = t.node_id AND x.output = t.output AND x.friend_id = t.friend_id
      WINDOW w AS (PARTITION BY x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id ORDER BY x.day)
    ) c
    WHERE n.scenario_id = c.scenario_id AND n.version_id = c.version_id AND n.node_id = c.node_id AND n.output = c.output
      AND n.friend_id = c.friend_id AND n.day = c.day AND (n.prev_day <> c.prev_day OR n.prev_conv_day <> c.prev_conv_day);
    -- Goal events already stored (sent before the step was written, or at the same instant) convert the new steps;
    -- this update comes back through the UPDATE trigger, which counts the conversions.
    UPDATE run_steps rs SET goal_at = g.goal_at
    FROM (SELECT n.id, kizuna_step_goal_at(n.friend_id, n.version_id, n.entered_at) AS goal_at
          FROM new_rows n JOIN scenario_versions v ON v.id = n.version_id WHERE v.goal_event_name IS NOT NULL) g
    WHERE rs.id = g.id AND rs.goal_at IS DISTINCT FROM g.goal_at;
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
    DELETE FROM node_days n
    USING (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id, day FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
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
    WHERE n.scenario_id = t.scenario_id AND n.version_id = t.version_id AND n.node_id = t.node_id AND n.output = t.output
      AND n.friend_id = t.friend_id AND n.day = t.day AND n.visits <= 0;
    UPDATE node_days n SET prev_day = c.prev_day, prev_conv_day = c.prev_conv_day
    FROM (
      SELECT x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id, x.day,
        coalesce(lag(x.day) OVER w, '-infinity') AS prev_day,
        coalesce(max(x.day) FILTER (WHERE x.converted > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), '-infinity') AS prev_conv_day
      FROM node_days x
      JOIN (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
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
        ON x.scenario_id = t.scenario_id AND x.version_id = t.version_id AND x.node_id = t.node_id AND x.output = t.output AND x.friend_id = t.friend_id
      WINDOW w AS (PARTITION BY x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id ORDER BY x.day)
    ) c
    WHERE n.scenario_id = c.scenario_id AND n.version_id = c.version_id AND n.node_id = c.node_id AND n.output = c.output
      AND n.friend_id = c.friend_id AND n.day = c.day AND (n.prev_day <> c.prev_day OR n.prev_conv_day <> c.prev_conv_day);
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
    DELETE FROM node_days n
    USING (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id, day FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1 AS dv, -(o.goal_at IS NOT NULL)::int AS dc FROM old_rows o WHERE NOT o.is_test) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t WHERE dv < 0) t
    WHERE n.scenario_id = t.scenario_id AND n.version_id = t.version_id AND n.node_id = t.node_id AND n.output = t.output
      AND n.friend_id = t.friend_id AND n.day = t.day AND n.visits <= 0;
    UPDATE node_days n SET prev_day = c.prev_day, prev_conv_day = c.prev_conv_day
    FROM (
      SELECT x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id, x.day,
        coalesce(lag(x.day) OVER w, '-infinity') AS prev_day,
        coalesce(max(x.day) FILTER (WHERE x.converted > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), '-infinity') AS prev_conv_day
      FROM node_days x
      JOIN (SELECT DISTINCT scenario_id, version_id, node_id, output, friend_id FROM (SELECT d.scenario_id, k.version_id, d.node_id, k.output, d.friend_id, (d.entered_at AT TIME ZONE 'Asia/Tokyo')::date AS day, d.dv, d.dc
      FROM (SELECT o.scenario_id, o.version_id, o.node_id, o.output, o.friend_id, o.entered_at, -1 AS dv, -(o.goal_at IS NOT NULL)::int AS dc FROM old_rows o WHERE NOT o.is_test) d
      CROSS JOIN LATERAL (VALUES (d.version_id, ''), ('00000000-0000-0000-0000-000000000000'::uuid, ''), (d.version_id, d.output), ('00000000-0000-0000-0000-000000000000'::uuid, d.output)) AS k(version_id, output)
      WHERE k.output IS NOT NULL) t) t
        ON x.scenario_id = t.scenario_id AND x.version_id = t.version_id AND x.node_id = t.node_id AND x.output = t.output AND x.friend_id = t.friend_id
      WINDOW w AS (PARTITION BY x.scenario_id, x.version_id, x.node_id, x.output, x.friend_id ORDER BY x.day)
    ) c
    WHERE n.scenario_id = c.scenario_id AND n.version_id = c.version_id AND n.node_id = c.node_id AND n.output = c.output
      AND n.friend_id = c.friend_id AND n.day = c.day AND (n.prev_day <> c.prev_day OR n.prev_conv_day <> c.prev_conv_day);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kizuna_node_days_sum() RETURNS trigger LANGUAGE plpgsql AS $$
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
