// The LINE channel's own state: active, or paused for its credentials (LINE answered 401/403) or its monthly quota
// (429 "You have reached your monthly limit."), with the last quota LINE reported. One row per channel.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const channelStatuses = ['active', 'paused'] as const;
export type ChannelStatus = (typeof channelStatuses)[number];
export const channelPauseReasons = ['credentials', 'quota'] as const;
export type ChannelPauseReason = (typeof channelPauseReasons)[number];
export const quotaTypes = ['none', 'limited'] as const;

/** Kizuna talks to one LINE channel: its row's id. */
export const LINE_CHANNEL_ID = 'line';

export const channelState = pgTable('channel_state', {
  id: text('id').primaryKey(),
  status: text('status', { enum: channelStatuses }).notNull().default('active'),
  /** Why sends are held while `paused`; kept after a resume as the last cause. */
  pausedFor: text('paused_for', { enum: channelPauseReasons }),
  /** What LINE answered when it paused (status and LINE's message; never a user id or message text). */
  detail: text('detail'),
  pausedAt: timestamp('paused_at', { withTimezone: true }),
  resumedAt: timestamp('resumed_at', { withTimezone: true }),
  /** While paused: the earliest instant the next probe may ask LINE (one caller at a time wins the probe). */
  probeAfter: timestamp('probe_after', { withTimezone: true }),
  lastProbeAt: timestamp('last_probe_at', { withTimezone: true }),
  /** The last probe's answer (`ok`, or LINE's status and message). */
  lastProbeResult: text('last_probe_result'),
  /** GET /v2/bot/message/quota and /quota/consumption, as last read. */
  quotaType: text('quota_type', { enum: quotaTypes }),
  quotaLimit: integer('quota_limit'),
  quotaUsed: integer('quota_used'),
  quotaReadAt: timestamp('quota_read_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ChannelStateRow = typeof channelState.$inferSelect;
