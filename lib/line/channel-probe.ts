// Asks LINE whether a paused channel can send again (the bot's info for credentials, the month's quota for quota) and
// resumes it when it can. Shared by the send activity (while sends are held) and the admin shell (the banner).
import { HTTPFetchError } from '@line/bot-sdk';
import type { DbOrTx } from '@/db/client';
import {
  claimProbe,
  readChannelState,
  recordQuota,
  settleProbe,
  type ChannelStateView,
  type QuotaReading,
} from '@/db/queries/channel-state';
import type { ChannelPauseReason } from '@/db/schema';
import { lineErrorMessage } from './channel-failure';
import type { LineClient } from './client';

/** How often a paused channel asks LINE again (whoever asks first in each interval does; the others wait). */
export const PROBE_EVERY_MS = 5_000;
/** A probe or quota read that LINE leaves unanswered this long counts as a failed one. */
const LINE_TIMEOUT_MS = 5_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`LINE did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** GET /v2/bot/message/quota and /v2/bot/message/quota/consumption. */
export async function readQuota(line: LineClient): Promise<QuotaReading> {
  const [quota, consumption] = await withTimeout(Promise.all([line.getMessageQuota(), line.getMessageQuotaConsumption()]), LINE_TIMEOUT_MS);
  return {
    type: quota.type,
    limit: quota.type === 'limited' ? (quota.value ?? 0) : null,
    used: consumption.totalUsage,
  };
}

export function quotaLeft(q: QuotaReading): boolean {
  return q.type === 'none' || q.limit === null || q.used < q.limit;
}

/** Keeps a quota reading; a channel paused for its quota resumes when the reading shows room. */
export async function noteQuota(db: DbOrTx, q: QuotaReading): Promise<void> {
  await recordQuota(db, q);
  if (quotaLeft(q)) await settleProbe(db, { reason: 'quota', ok: true, result: `ok: ${q.used}/${q.limit ?? '∞'}` });
}

function describe(err: unknown): string {
  if (err instanceof HTTPFetchError) return `LINE ${err.status}: ${lineErrorMessage(err.body)}`;
  return err instanceof Error ? err.message.slice(0, 200) : 'unknown failure';
}

/** One probe for `reason`: true when LINE would take a send again. */
async function probe(db: DbOrTx, line: LineClient, reason: ChannelPauseReason): Promise<{ ok: boolean; result: string }> {
  try {
    if (reason === 'credentials') {
      await withTimeout(line.getBotInfo(), LINE_TIMEOUT_MS);
      return { ok: true, result: 'ok' };
    }
    const q = await readQuota(line);
    await recordQuota(db, q);
    return quotaLeft(q) ? { ok: true, result: `ok: ${q.used}/${q.limit ?? '∞'}` } : { ok: false, result: `${q.used}/${q.limit}` };
  } catch (err) {
    return { ok: false, result: describe(err) };
  }
}

/**
 * When the channel is paused and its next probe is due (and this caller wins it), asks LINE and resumes the channel if
 * LINE answers again. Returns whether the channel is active afterwards.
 */
export async function probeIfDue(db: DbOrTx, line: LineClient, everyMs = PROBE_EVERY_MS): Promise<boolean> {
  const reason = await claimProbe(db, everyMs);
  if (!reason) return (await readChannelState(db)).status === 'active';
  const { ok, result } = await probe(db, line, reason);
  return settleProbe(db, { reason, ok, result });
}

/** The channel's state for the admin shell: a paused channel is probed first (at most once per interval). */
export async function currentChannelState(db: DbOrTx, line: LineClient): Promise<ChannelStateView> {
  const state = await readChannelState(db);
  if (state.status === 'active') return state;
  await probeIfDue(db, line);
  return readChannelState(db);
}
