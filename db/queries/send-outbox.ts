// The outbox of a send step: one row per (run, node, visit) keyed by its LINE retry key, claimed in one statement
// before LINE is called and settled in the same statement as the run's progress after it answered.
import { sql, type SQL } from 'drizzle-orm';
import { executePrepared, type DbOrTx } from '../client';
import type { RunKey } from './runs';
import { LINE_CHANNEL_ID, type ChannelPauseReason, type SendStatus } from '../schema';

export interface OutboxKey extends RunKey {
  nodeId: string;
  visit: number;
  retryKey: string;
}

export type Claim =
  /** An earlier attempt already settled the row (sent, failed or skipped). */
  | { kind: 'settled'; status: Exclude<SendStatus, 'pending'>; reason: string | null }
  /** The row is (now) skipped: the friend blocked the account or no longer exists, or the frequency cap skipped it. */
  | { kind: 'skipped'; reason: string }
  /** Push these messages to this LINE user with the retry key (first attempt, or a retry of a pending row). */
  | { kind: 'push'; to: string; messages: unknown[]; attempt: number }
  /** The channel is paused: the row is (kept) pending with reason `held:<why>`, no attempt counted, nothing pushed. */
  | { kind: 'held'; pausedFor: ChannelPauseReason };

export interface ClaimArgs {
  key: OutboxKey;
  /** The messages to store on a new row (a retry pushes the stored ones). */
  messages: unknown[];
  /** Set when the frequency cap skips this send (a friend who blocked is skipped as `blocked` all the same). */
  capSkip?: boolean;
  /** More CTEs of the same statement (the run row on a run's first write). */
  also?: SQL[];
}

/**
 * Claims the send in one statement: reads the friend, the channel's state and any row of an earlier attempt, inserts
 * the row (pending, or skipped when the friend blocked, was deleted or the cap skips it) or counts another attempt on a
 * pending one. While the channel is paused a pending row is held instead (`held:<why>`, no attempt counted).
 */
export async function claimSend(db: DbOrTx, args: ClaimArgs): Promise<Claim> {
  const { key } = args;
  const statusIfNew = args.capSkip ? 'skipped' : 'pending';
  const reasonIfNew = args.capSkip ? 'frequency_cap' : null;
  const also = args.also && args.also.length > 0 ? sql`${sql.join(args.also, sql`, `)}, ` : sql``;
  const rows = await executePrepared<{
    line_user_id: string | null;
    blocked: boolean | null;
    stopped: boolean | null;
    ex_status: SendStatus | null;
    ex_reason: string | null;
    new_status: SendStatus | null;
    new_reason: string | null;
    retry_messages: unknown[] | null;
    attempts: number | null;
    held: ChannelPauseReason | null;
  }>(
    db,
    sql`WITH ${also}
    f AS (SELECT line_user_id, blocked_at IS NOT NULL AS blocked,
      NOT ${key.isTest}::boolean AND EXISTS (SELECT 1 FROM scenarios s WHERE s.id = ${key.scenarioId}::uuid AND s.status = 'stopped') AS stopped
      FROM friends WHERE id = ${key.friendId}::uuid),
    ex AS (SELECT status, reason FROM outbox WHERE retry_key = ${key.retryKey}::uuid),
    ch AS (SELECT paused_for FROM channel_state WHERE id = ${LINE_CHANNEL_ID}::text AND status = 'paused'),
    fresh AS (
      INSERT INTO outbox (run_id, scenario_id, version_id, friend_id, node_id, visit, retry_key, is_test, status, reason, messages, attempts)
      SELECT ${key.runId}, ${key.scenarioId}::uuid, ${key.versionId}::uuid, ${key.friendId}::uuid, ${key.nodeId}, ${key.visit}::int, ${key.retryKey}::uuid,
        ${key.isTest}::boolean,
        CASE WHEN f.line_user_id IS NULL OR f.blocked OR f.stopped THEN 'skipped' ELSE ${statusIfNew}::text END,
        CASE WHEN f.line_user_id IS NULL THEN 'friend_deleted' WHEN f.blocked THEN 'blocked' WHEN f.stopped THEN 'scenario_stopped'
          WHEN ch.paused_for IS NOT NULL AND ${statusIfNew}::text = 'pending' THEN 'held:' || ch.paused_for ELSE ${reasonIfNew}::text END,
        ${JSON.stringify(args.messages)}::jsonb,
        CASE WHEN f.line_user_id IS NULL OR f.blocked OR f.stopped OR ${statusIfNew}::text <> 'pending' OR ch.paused_for IS NOT NULL THEN 0 ELSE 1 END
      FROM (SELECT 1) one LEFT JOIN f ON true LEFT JOIN ch ON true
      WHERE NOT EXISTS (SELECT 1 FROM ex)
      ON CONFLICT DO NOTHING
      RETURNING status, reason),
    retry AS (
      UPDATE outbox o SET
        attempts = o.attempts + CASE WHEN f.blocked OR f.stopped OR ch.paused_for IS NOT NULL THEN 0 ELSE 1 END,
        status = CASE WHEN f.blocked OR f.stopped THEN 'skipped' ELSE o.status END,
        reason = CASE WHEN f.blocked THEN 'blocked' WHEN f.stopped THEN 'scenario_stopped' WHEN ch.paused_for IS NOT NULL THEN 'held:' || ch.paused_for
          WHEN o.reason LIKE 'held:%' THEN NULL ELSE o.reason END
      FROM f LEFT JOIN ch ON true WHERE o.retry_key = ${key.retryKey}::uuid AND o.status = 'pending'
      RETURNING o.messages, o.attempts, o.status)
    SELECT f.line_user_id, f.blocked, f.stopped, ex.status AS ex_status, ex.reason AS ex_reason, fresh.status AS new_status, fresh.reason AS new_reason,
      CASE WHEN retry.status = 'pending' THEN retry.messages END AS retry_messages, retry.attempts, ch.paused_for AS held
    FROM (SELECT 1) one LEFT JOIN ch ON true LEFT JOIN f ON true LEFT JOIN ex ON true LEFT JOIN fresh ON true LEFT JOIN retry ON true`,
  );
  const r = rows[0];
  if (!r) throw new Error(`claiming send ${key.retryKey} returned no row`);
  if (r.new_status === 'pending' && r.line_user_id) {
    return r.held ? { kind: 'held', pausedFor: r.held } : { kind: 'push', to: r.line_user_id, messages: args.messages, attempt: 1 };
  }
  if (r.new_status === 'skipped') return { kind: 'skipped', reason: r.new_reason ?? 'skipped' };
  if (r.ex_status === 'pending') {
    if (r.retry_messages && r.line_user_id) {
      if (r.held) return { kind: 'held', pausedFor: r.held };
      return { kind: 'push', to: r.line_user_id, messages: r.retry_messages, attempt: r.attempts ?? 1 };
    }
    if (r.blocked) return { kind: 'skipped', reason: 'blocked' };
    if (r.stopped) return { kind: 'skipped', reason: 'scenario_stopped' };
    // The friend was deleted after an earlier attempt claimed the row.
    await executePrepared(db, sql`WITH ${settleCte(key.retryKey, { status: 'skipped', reason: 'friend_deleted' })} SELECT 1`);
    return { kind: 'skipped', reason: 'friend_deleted' };
  }
  if (r.ex_status) return { kind: 'settled', status: r.ex_status, reason: r.ex_reason };
  // Another attempt inserted the row between this statement's read and its insert: claim again.
  return claimSend(db, args);
}

export type Settlement =
  | { status: 'sent'; requestId: string | null; messageIds: string[]; via?: 'reply' | 'push' }
  | { status: 'failed' | 'skipped'; reason: string };

/** The CTE that settles the row, to run in the same statement as the run's progress. */
export function settleCte(retryKey: string, s: Settlement): SQL {
  if (s.status === 'sent') {
    return sql`outbox_settled AS (
      UPDATE outbox SET status = 'sent', request_id = ${s.requestId}, sent_message_ids = ${JSON.stringify(s.messageIds)}::jsonb,
        sent_at = ${new Date().toISOString()}::timestamptz, reason = NULL, sent_via = ${s.via ?? 'push'}::text
      WHERE retry_key = ${retryKey}::uuid)`;
  }
  return sql`outbox_settled AS (
    UPDATE outbox SET status = ${s.status}, reason = ${s.reason.slice(0, 1000)} WHERE retry_key = ${retryKey}::uuid AND status = 'pending')`;
}

/** The CTE that marks a pending row held once LINE refused it for the channel's sake (run with the run's progress). */
export function holdCte(retryKey: string, pausedFor: ChannelPauseReason): SQL {
  return sql`outbox_held AS (
    UPDATE outbox SET reason = ${`held:${pausedFor}`}::text WHERE retry_key = ${retryKey}::uuid AND status = 'pending')`;
}

/**
 * Settles a send that ran out of its retry window as failed (`expired`): a pending row is failed, a missing one is
 * written failed. Returns the row's status and reason after it (an earlier attempt may have settled it already).
 */
export async function expireSend(
  db: DbOrTx,
  key: OutboxKey,
  messages: unknown[],
): Promise<{ status: Exclude<SendStatus, 'pending'>; reason: string | null }> {
  const rows = await executePrepared<{ status: SendStatus | null; reason: string | null }>(
    db,
    sql`WITH ex AS (SELECT status, reason FROM outbox WHERE retry_key = ${key.retryKey}::uuid),
    fresh AS (
      INSERT INTO outbox (run_id, scenario_id, version_id, friend_id, node_id, visit, retry_key, is_test, status, reason, messages, attempts)
      SELECT ${key.runId}, ${key.scenarioId}::uuid, ${key.versionId}::uuid, ${key.friendId}::uuid, ${key.nodeId}, ${key.visit}::int, ${key.retryKey}::uuid,
        ${key.isTest}::boolean, 'failed', 'expired', ${JSON.stringify(messages)}::jsonb, 0
      WHERE NOT EXISTS (SELECT 1 FROM ex)
      ON CONFLICT DO NOTHING
      RETURNING status, reason),
    expired AS (
      UPDATE outbox SET status = 'failed', reason = 'expired' WHERE retry_key = ${key.retryKey}::uuid AND status = 'pending'
      RETURNING status, reason)
    SELECT coalesce(fresh.status, expired.status, ex.status) AS status, coalesce(fresh.reason, expired.reason, ex.reason) AS reason
    FROM (SELECT 1) one LEFT JOIN ex ON true LEFT JOIN fresh ON true LEFT JOIN expired ON true`,
  );
  const r = rows[0];
  if (!r?.status) return expireSend(db, key, messages); // another attempt inserted the row meanwhile: look again
  if (r.status === 'pending') throw new Error(`expiring send ${key.retryKey} left it pending`);
  return { status: r.status, reason: r.reason };
}

/** Sends of the friend that count towards the frequency cap: sent, not test, within the window, not this one. */
export async function frequencyCapWindow(
  db: DbOrTx,
  friendId: string,
  retryKey: string,
  since: Date,
): Promise<{ sent: number; oldest: Date | null; claimed: boolean }> {
  const rows = await executePrepared<{ sent: number; oldest: string | null; claimed: boolean }>(
    db,
    sql`
    SELECT count(*) FILTER (WHERE retry_key <> ${retryKey}::uuid)::int AS sent,
      min(sent_at) FILTER (WHERE retry_key <> ${retryKey}::uuid) AS oldest,
      EXISTS (SELECT 1 FROM outbox WHERE retry_key = ${retryKey}::uuid) AS claimed
    FROM outbox
    WHERE friend_id = ${friendId}::uuid AND status = 'sent' AND NOT is_test AND sent_at IS NOT NULL AND sent_at >= ${since.toISOString()}::timestamptz`,
  );
  const r = rows[0];
  return { sent: r?.sent ?? 0, oldest: r?.oldest ? new Date(r.oldest) : null, claimed: Boolean(r?.claimed) };
}

/**
 * Checked after the send's slot on the pacer and right before the push: a stop or a block that committed meanwhile
 * wins, and the row is settled skipped. Returns the reason, or null when the push may go.
 */
export async function refuseStoppedSend(db: DbOrTx, key: OutboxKey): Promise<'blocked' | 'scenario_stopped' | null> {
  const [r] = await executePrepared<{ reason: 'blocked' | 'scenario_stopped' | null }>(
    db,
    sql`WITH why AS (
      SELECT CASE
        WHEN EXISTS (SELECT 1 FROM friends WHERE id = ${key.friendId}::uuid AND blocked_at IS NOT NULL) THEN 'blocked'
        WHEN NOT ${key.isTest}::boolean AND EXISTS (SELECT 1 FROM scenarios WHERE id = ${key.scenarioId}::uuid AND status = 'stopped') THEN 'scenario_stopped'
      END AS reason),
    settled AS (
      UPDATE outbox SET status = 'skipped', reason = why.reason FROM why
      WHERE why.reason IS NOT NULL AND retry_key = ${key.retryKey}::uuid AND status = 'pending')
    SELECT reason FROM why`,
  );
  return r?.reason ?? null;
}
