// The send activity's side of the channel's state: a LINE answer about the channel (401/403, the monthly quota's 429)
// pauses the channel and holds the send instead of failing it; a held send retries (same retry key) and probes LINE so
// the channel resumes by itself; a send that outlives its retry key's window ends failed (`expired`), never the run.
import { ApplicationFailure, asyncLocalStorage, type Info } from '@temporalio/activity';
import { pauseChannel, recordQuota } from '@/db/queries/channel-state';
import { holdCte } from '@/db/queries/send-outbox';
import type { ChannelPauseReason } from '@/db/schema';
import type { ChannelFailure } from '@/lib/line/channel-failure';
import { PROBE_EVERY_MS, probeIfDue, readQuota } from '@/lib/line/channel-probe';
import { logError } from '@/lib/log';
import type { ProgressInput } from '@/workflows/contract';
import type { ActivityDeps } from '../deps';
import { writeProgress } from './record-progress';

/** LINE honours an X-Line-Retry-Key for 24 h after the first request that used it. */
export const RETRY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long before the window closes a send gives up: more than one attempt's span (30 s start-to-close plus the retry
 * policy's 1 min longest back-off), so some attempt always sees the window close before the activity times out.
 */
export const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/**
 * Whether this attempt comes too late to send inside the window: the activity's schedule-to-close timeout (the workflow
 * sets it under LINE's 24 h) or LINE's 24 h, whichever is shorter, less the margin. Temporal's own clock throughout
 * (the attempt's and the first schedule's instants), so it agrees with the timeout it pre-empts.
 */
export function sendWindowClosed(
  info: Pick<Info, 'scheduledTimestampMs' | 'currentAttemptScheduledTimestampMs' | 'scheduleToCloseTimeoutMs'>,
): boolean {
  const window = info.scheduleToCloseTimeoutMs > 0 ? Math.min(info.scheduleToCloseTimeoutMs, RETRY_KEY_TTL_MS) : RETRY_KEY_TTL_MS;
  return info.currentAttemptScheduledTimestampMs >= info.scheduledTimestampMs + window - EXPIRY_MARGIN_MS;
}

/** `sendWindowClosed` for the running attempt (false outside an activity, e.g. a test calling the function itself). */
export function attemptPastWindow(): boolean {
  const info = asyncLocalStorage.getStore()?.info;
  return info ? sendWindowClosed(info) : false;
}

/** The retryable failure of a held attempt: Temporal retries it with the send's policy (BENIGN: logged at debug). */
export function channelPaused(reason: ChannelPauseReason): ApplicationFailure {
  return ApplicationFailure.create({
    message: `the LINE channel is paused (${reason}): the send is held`,
    type: 'ChannelPaused',
    category: 'BENIGN',
  });
}

/** A held send's chance to resume the channel: true when it is active again (this caller's probe or another's). */
export async function channelResumed(deps: ActivityDeps): Promise<boolean> {
  if (!deps.line) return false;
  return probeIfDue(deps.db, deps.line);
}

/** LINE refused a push for the channel's sake: pause the channel, hold the row (still pending), record the run's progress. */
export async function holdForChannel(deps: ActivityDeps, input: ProgressInput, retryKey: string, failure: ChannelFailure): Promise<void> {
  const paused = await pauseChannel(deps.db, { reason: failure.reason, detail: failure.detail, probeAfterMs: PROBE_EVERY_MS });
  if (paused) logError(`the LINE channel is paused (${failure.reason}); sends are held until LINE answers again`, failure.detail);
  if (failure.reason === 'quota' && deps.line) {
    // The gauge shows the month's figures as LINE had them when it refused (kept only: LINE's refusal decides).
    await readQuota(deps.line)
      .then((q) => recordQuota(deps.db, q))
      .catch((err: unknown) => logError('reading the LINE message quota', err));
  }
  await writeProgress(deps.db, input, [holdCte(retryKey, failure.reason)], deps.line);
}
