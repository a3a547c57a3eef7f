// The LINE channel's state: pause it (credentials, quota), let one caller at a time probe LINE, resume, and keep the
// last quota LINE reported. Every write is one statement on the channel's single row.
import { sql } from 'drizzle-orm';
import { executePrepared, type DbOrTx } from '../client';
import { LINE_CHANNEL_ID, type ChannelPauseReason, type ChannelStateRow } from '../schema';

export interface QuotaReading {
  type: 'none' | 'limited';
  /** The month's limit (`limited` only). */
  limit: number | null;
  /** Messages sent this month. */
  used: number;
}

export interface ChannelStateView {
  status: 'active' | 'paused';
  pausedFor: ChannelPauseReason | null;
  detail: string | null;
  pausedAt: Date | null;
  resumedAt: Date | null;
  lastProbeAt: Date | null;
  lastProbeResult: string | null;
  quota: (QuotaReading & { readAt: Date }) | null;
}

const ACTIVE: ChannelStateView = {
  status: 'active',
  pausedFor: null,
  detail: null,
  pausedAt: null,
  resumedAt: null,
  lastProbeAt: null,
  lastProbeResult: null,
  quota: null,
};

function view(r: ChannelStateRow): ChannelStateView {
  return {
    status: r.status,
    pausedFor: r.status === 'paused' ? r.pausedFor : null,
    detail: r.detail,
    pausedAt: r.pausedAt,
    resumedAt: r.resumedAt,
    lastProbeAt: r.lastProbeAt,
    lastProbeResult: r.lastProbeResult,
    quota:
      r.quotaType && r.quotaUsed !== null && r.quotaReadAt
        ? { type: r.quotaType, limit: r.quotaLimit, used: r.quotaUsed, readAt: r.quotaReadAt }
        : null,
  };
}

/** The channel's state (active when no row exists yet). */
export async function readChannelState(db: DbOrTx): Promise<ChannelStateView> {
  const row = await db.query.channelState.findFirst({ where: (c, { eq }) => eq(c.id, LINE_CHANNEL_ID) });
  return row ? view(row) : ACTIVE;
}

/**
 * Pauses the channel (or keeps it paused, now for `reason`); the first probe may ask LINE `probeAfterMs` later.
 * Returns true when this call paused an active channel (the caller logs the transition once).
 */
export async function pauseChannel(
  db: DbOrTx,
  args: { reason: ChannelPauseReason; detail: string; probeAfterMs: number },
): Promise<boolean> {
  const rows = await executePrepared<{ was_active: boolean }>(
    db,
    sql`WITH before AS (SELECT status FROM channel_state WHERE id = ${LINE_CHANNEL_ID}::text)
    INSERT INTO channel_state AS c (id, status, paused_for, detail, paused_at, probe_after, updated_at)
    VALUES (${LINE_CHANNEL_ID}::text, 'paused', ${args.reason}::text, ${args.detail.slice(0, 500)}::text, now(),
      now() + ${args.probeAfterMs}::float8 * interval '1 millisecond', now())
    ON CONFLICT (id) DO UPDATE SET
      status = 'paused',
      paused_for = excluded.paused_for,
      detail = excluded.detail,
      paused_at = CASE WHEN c.status = 'paused' THEN c.paused_at ELSE now() END,
      probe_after = CASE WHEN c.status = 'paused' THEN greatest(c.probe_after, excluded.probe_after) ELSE excluded.probe_after END,
      -- A new pause (or a new reason) starts without the last pause's probe: its answer was about something else.
      last_probe_at = CASE WHEN c.status = 'paused' AND c.paused_for = excluded.paused_for THEN c.last_probe_at END,
      last_probe_result = CASE WHEN c.status = 'paused' AND c.paused_for = excluded.paused_for THEN c.last_probe_result END,
      updated_at = now()
    RETURNING coalesce((SELECT status FROM before), 'active') = 'active' AS was_active`,
  );
  return rows[0]?.was_active ?? false;
}

/**
 * Claims the next probe of a paused channel: at most one caller per `everyMs` gets the reason to probe for; everyone
 * else (and every caller while the channel is active) gets null.
 */
export async function claimProbe(db: DbOrTx, everyMs: number): Promise<ChannelPauseReason | null> {
  const rows = await executePrepared<{ paused_for: ChannelPauseReason }>(
    db,
    sql`UPDATE channel_state SET probe_after = now() + ${everyMs}::float8 * interval '1 millisecond', last_probe_at = now()
    WHERE id = ${LINE_CHANNEL_ID}::text AND status = 'paused' AND (probe_after IS NULL OR probe_after <= now())
    RETURNING paused_for`,
  );
  return rows[0]?.paused_for ?? null;
}

/** Records what a probe found; resumes the channel when LINE answered again (and it is still paused for `reason`). */
export async function settleProbe(db: DbOrTx, args: { reason: ChannelPauseReason; ok: boolean; result: string }): Promise<boolean> {
  const rows = await executePrepared<{ resumed: boolean }>(
    db,
    sql`UPDATE channel_state SET
      last_probe_result = ${args.result.slice(0, 500)}::text,
      status = CASE WHEN ${args.ok}::boolean AND status = 'paused' AND paused_for = ${args.reason}::text THEN 'active' ELSE status END,
      resumed_at = CASE WHEN ${args.ok}::boolean AND status = 'paused' AND paused_for = ${args.reason}::text THEN now() ELSE resumed_at END,
      probe_after = CASE WHEN ${args.ok}::boolean AND status = 'paused' AND paused_for = ${args.reason}::text THEN NULL ELSE probe_after END,
      updated_at = now()
    WHERE id = ${LINE_CHANNEL_ID}::text
    RETURNING status = 'active' AS resumed`,
  );
  return rows[0]?.resumed ?? false;
}

/** Keeps the quota LINE reported (the settings page's gauge shows it when LINE cannot be asked). */
export async function recordQuota(db: DbOrTx, q: QuotaReading): Promise<void> {
  await executePrepared(
    db,
    sql`INSERT INTO channel_state AS c (id, quota_type, quota_limit, quota_used, quota_read_at, updated_at)
    VALUES (${LINE_CHANNEL_ID}::text, ${q.type}::text, ${q.limit}::int, ${q.used}::int, now(), now())
    ON CONFLICT (id) DO UPDATE SET quota_type = excluded.quota_type, quota_limit = excluded.quota_limit,
      quota_used = excluded.quota_used, quota_read_at = now(), updated_at = now()`,
  );
}
