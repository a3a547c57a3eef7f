// A/B figures per split and way out (each variant and the holdout), within one version: friends, converted, clicked its own messages.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../client';
import { notTestFriend } from './analytics';

/** One split of one version, with the send steps whose tracked-link taps count for each of its ways out. */
export interface SplitArmsQuery {
  nodeId: string;
  /** Output ('variant:a', 'holdout') → the send steps that are that output's own (scenario/split-reach.ts). */
  sendsByOutput: Record<string, readonly string[]>;
}

/** Unique friends who left the split by one output in range, and of them those who converted or clicked. */
export interface ArmFigures {
  friends: number;
  /** Friends whose step through the split reached its version's goal within the window (run_steps.goal_at). */
  converted: number;
  /** Friends who tapped a tracked link of one of this output's own sends in the same run. */
  clicked: number;
}

const int = z.coerce.number().int();
const RowSchema = z.object({ node_id: z.string(), output: z.string(), friends: int, converted: int, clicked: int });
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Per split node and output, for the friends of ONE version who entered the split in [from, to): an A/B comparison
 * never adds up friends who ran different versions (their variants, messages and goal may differ). Test runs and
 * test friends are left out, as everywhere; a click counts only when its token names the friend's own run and one of
 * the output's own send steps (lib/links/record-click.ts writes runId and nodeId into the link_click event).
 */
export async function splitArmFigures(
  db: DbOrTx,
  scope: { scenarioId: string; versionId: string; from: Date; to: Date },
  splits: readonly SplitArmsQuery[],
): Promise<Map<string, Record<string, ArmFigures>>> {
  const out = new Map<string, Record<string, ArmFigures>>();
  if (splits.length === 0) return out;
  const sends = splits.flatMap((s) =>
    Object.entries(s.sendsByOutput).flatMap(([output, ids]) => ids.map((send) => ({ node: s.nodeId, output, send }))),
  );
  const rows = await db.execute(sql`
    with arm_sends as (
      select * from jsonb_to_recordset(${JSON.stringify(sends)}::jsonb) as a(node text, output text, send text)
    ),
    s as materialized (
      select rs.node_id, rs.output, rs.friend_id, rs.run_id, rs.goal_at
      from run_steps rs
      where rs.scenario_id = ${scope.scenarioId}::uuid and rs.version_id = ${scope.versionId}::uuid
        and rs.node_id in (${sql.join(
          splits.map((s) => sql`${s.nodeId}`),
          sql`, `,
        )})
        and rs.entered_at >= ${ts(scope.from)} and rs.entered_at < ${ts(scope.to)}
        and rs.output is not null and not rs.is_test and ${notTestFriend(sql`rs.friend_id`)}
    )
    select s.node_id, s.output, count(distinct s.friend_id) as friends,
      count(distinct s.friend_id) filter (where s.goal_at is not null) as converted,
      count(distinct s.friend_id) filter (where exists (
        select 1 from events e join arm_sends a on a.node = s.node_id and a.output = s.output and a.send = e.properties->>'nodeId'
        where e.friend_id = s.friend_id and e.name = 'link_click' and not e.is_test and e.properties->>'runId' = s.run_id
      )) as clicked
    from s group by 1, 2`);
  for (const r of rows) {
    const row = RowSchema.parse(r);
    const arms = out.get(row.node_id) ?? {};
    arms[row.output] = { friends: row.friends, converted: row.converted, clicked: row.clicked };
    out.set(row.node_id, arms);
  }
  return out;
}
