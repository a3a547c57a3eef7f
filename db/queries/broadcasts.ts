// Broadcasts (一斉配信) are scenarios entered by a segment_broadcast trigger: the list of them, one of them, and how far
// each got (friends entered, sent, held, failed), read from runs and the send outbox. Test runs never count.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { scenarioVersions, scenarios } from '../schema';
import { QUIET_HOLD_SQL } from './analytics';

/** A graph (jsonb) whose trigger is a segment broadcast. */
export const isBroadcast = (graph: unknown) =>
  sql`jsonb_path_exists(${graph}, '$.nodes[*] ? (@.kind == "trigger" && @.data.trigger.type == "segment_broadcast")')`;

export interface BroadcastRow {
  id: string;
  name: string;
  status: 'draft' | 'live' | 'paused' | 'stopped';
  draftRevision: number;
  /** The draft graph and the live version's graph (unparsed jsonb: callers parse with the scenario schema). */
  draft: unknown;
  liveGraph: unknown;
  /** The live version's compiled plan (its quiet hours resolved at publish). */
  livePlan: unknown;
  liveVersion: number | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

const columns = {
  id: scenarios.id,
  name: scenarios.name,
  status: scenarios.status,
  draftRevision: scenarios.draftRevision,
  draft: scenarios.draft,
  liveGraph: scenarioVersions.graph,
  livePlan: scenarioVersions.plan,
  liveVersion: scenarioVersions.version,
  publishedAt: scenarioVersions.publishedAt,
  updatedAt: scenarios.updatedAt,
};

/** Every broadcast not archived, newest change first. */
export async function listBroadcasts(db: DbOrTx, limit = 200): Promise<BroadcastRow[]> {
  return db
    .select(columns)
    .from(scenarios)
    .leftJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.liveVersionId))
    .where(and(isNull(scenarios.archivedAt), sql`(${isBroadcast(scenarios.draft)} OR ${isBroadcast(scenarioVersions.graph)})`))
    .orderBy(desc(scenarios.updatedAt))
    .limit(limit);
}

export async function findBroadcast(db: DbOrTx, id: string): Promise<BroadcastRow | null> {
  const [row] = await db
    .select(columns)
    .from(scenarios)
    .leftJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.liveVersionId))
    .where(and(eq(scenarios.id, id), sql`(${isBroadcast(scenarios.draft)} OR ${isBroadcast(scenarioVersions.graph)})`));
  return row ?? null;
}

/** Friends, not sends: a friend counts once per column (a canvas-drawn broadcast may send more than once). */
export interface BroadcastFigures {
  /** Friends who entered (one run each). */
  entered: number;
  /** Runs still going. */
  active: number;
  /** Got at least one message. */
  sent: number;
  /** Waiting for quiet hours to end, or for the paused LINE channel. */
  held: number;
  /** A send LINE refused, or that could not go out in time. */
  failed: number;
  /** Not sent: blocked meanwhile, or the broadcast was stopped. */
  skipped: number;
}

export const NO_FIGURES: BroadcastFigures = { entered: 0, active: 0, sent: 0, held: 0, failed: 0, skipped: 0 };

export async function broadcastFigures(db: DbOrTx, ids: readonly string[]): Promise<Map<string, BroadcastFigures>> {
  const out = new Map<string, BroadcastFigures>();
  if (ids.length === 0) return out;
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await db.execute<Record<string, unknown>>(sql`
    with r as (
      select scenario_id, count(*)::int as entered, (count(*) filter (where status = 'active'))::int as active,
        array_remove(array_agg(friend_id) filter (where status = 'active' and ${QUIET_HOLD_SQL}), null) as quiet
      from runs where scenario_id in (${list}) and not is_test group by scenario_id),
    o as (
      select scenario_id,
        (count(distinct friend_id) filter (where status = 'sent'))::int as sent,
        (count(distinct friend_id) filter (where status = 'failed'))::int as failed,
        (count(distinct friend_id) filter (where status = 'skipped'))::int as skipped,
        array_remove(array_agg(distinct friend_id) filter (where status = 'pending' and reason like 'held:%'), null) as channel
      from outbox where scenario_id in (${list}) and not is_test group by scenario_id)
    select r.scenario_id as id, r.entered, r.active, coalesce(o.sent, 0) as sent, coalesce(o.failed, 0) as failed,
      coalesce(o.skipped, 0) as skipped,
      (select count(distinct x)::int from unnest(coalesce(r.quiet, '{}') || coalesce(o.channel, '{}')) x) as held
    from r left join o on o.scenario_id = r.scenario_id`);
  for (const row of rows) {
    out.set(String(row.id), {
      entered: Number(row.entered),
      active: Number(row.active),
      sent: Number(row.sent),
      held: Number(row.held),
      failed: Number(row.failed),
      skipped: Number(row.skipped),
    });
  }
  return out;
}

/** Names of live scenarios a friend list may start (not broadcasts: those enter their own audience at their time). */
export async function startableScenarios(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: scenarios.id, name: scenarios.name })
    .from(scenarios)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.liveVersionId))
    .where(and(eq(scenarios.status, 'live'), isNull(scenarios.archivedAt), sql`NOT ${isBroadcast(scenarioVersions.graph)}`))
    .orderBy(scenarios.name);
}
