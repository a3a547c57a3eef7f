// One send step = one activity: claim the outbox row, push to LINE exactly once, then record the outcome and the run's
// progress in one statement (two round trips to PostgreSQL on the usual path).
import { HTTPFetchError } from '@line/bot-sdk';
import { ApplicationFailure, log } from '@temporalio/activity';
import {
  claimSend,
  expireSend,
  frequencyCapWindow,
  refuseStoppedSend,
  settleCte,
  type OutboxKey,
  type Settlement,
} from '@/db/queries/send-outbox';
import { chatHoldsSends } from '@/db/queries/chat';
import { progressCtes } from '@/db/queries/run-progress';
import { channelFailureOf } from '@/lib/line/channel-failure';
import { replyOrPush } from '@/lib/line/reply-or-push';
import { couponDeliveryTag, withDeliveryTag } from '@/scenario/coupons';
import { FREQUENCY_CAP_WINDOW_MS, frequencyCapDecision } from '@/scenario/frequency-cap';
import type { ProgressInput, SendInput, SendOutcome } from '@/workflows/contract';
import type { ActivityDeps } from '../deps';
import { planFor } from '../plan-cache';
import { retryKeyFor } from '../retry-key';
import { waitForSendSlot } from '../send-pacer';
import { fillFormLinksIn } from '@/lib/forms/form-link';
import { rewriteLinks } from '../track-links';
import { attemptPastWindow, channelPaused, channelResumed, holdForChannel } from './channel-hold';
import { writeProgress } from './record-progress';

/** How often a send held by 対応中 looks again without being woken (clearing the status wakes it at once). */
export const CHAT_HOLD_RECHECK_MS = 15 * 60_000;

export function createSendMessages(deps: ActivityDeps) {
  /** Records the run's progress (and settles the outbox row, when given) in one statement. */
  async function record(input: ProgressInput, retryKey?: string, settlement?: Settlement) {
    await writeProgress(deps.db, input, retryKey && settlement ? [settleCte(retryKey, settlement)] : [], deps.line);
  }

  /** What to record with a settlement: after a send LINE accepted, also what the interpreter does next. */
  function settled(input: SendInput, status: Settlement['status']): ProgressInput {
    const { ctx, records, position, ifSent } = input;
    return status === 'sent' && ifSent
      ? { ctx, records: [...records, ...ifSent.records], position: ifSent.position }
      : { ctx, records, position };
  }

  return async function sendMessages(input: SendInput): Promise<SendOutcome> {
    const { ctx, send } = input;
    const { db } = deps;
    if (!deps.line) throw ApplicationFailure.nonRetryable('no LINE client configured on this worker', 'Config');
    const retryKey = retryKeyFor(send.idempotencyKey);
    const key: OutboxKey = { ...ctx, nodeId: send.nodeId, visit: send.visit, retryKey };

    // Past the retry key's window (the channel was paused, or LINE failed, for about a day) the send ends failed
    // (`expired`) and the run goes on as its node says: LINE never fails the workflow.
    if (attemptPastWindow()) {
      const row = await expireSend(db, key, send.messages);
      await record(row.status === 'sent' ? settled(input, 'sent') : input);
      return { status: row.status, ...(row.reason ? { reason: row.reason } : {}) };
    }

    // 対応中: while an operator handles the friend in the inbox, automated sends wait (the account may turn this off).
    // The run records where it waits; clearing the status records an event that wakes it (a recheck bounds the wait).
    if (!ctx.isTest && (await chatHoldsSends(db, ctx.friendId))) {
      await record(input);
      return { status: 'held', until: Date.now() + CHAT_HOLD_RECHECK_MS, reason: 'chat_handling' };
    }

    // The frequency cap counts the friend's sends of the last 24 h across scenarios (test sends never count).
    const plan = await planFor(db, ctx.versionId);
    const cap = ctx.isTest ? undefined : plan?.settings.frequencyCap;
    let capSkip = false;
    if (cap) {
      const now = Date.now();
      const window = await frequencyCapWindow(db, ctx.friendId, retryKey, new Date(now - FREQUENCY_CAP_WINDOW_MS));
      const decision = frequencyCapDecision(cap, { ...window, oldest: window.oldest?.getTime() ?? null }, now);
      if (decision.kind === 'skip') capSkip = true;
      else if (decision.kind === 'hold') {
        await record(input);
        return { status: 'held', until: decision.until, reason: 'frequency_cap' };
      }
    }

    const tracked =
      send.trackLinks && deps.trackUrl
        ? rewriteLinks(send.messages, (target) =>
            deps.trackUrl!({ runId: ctx.runId, nodeId: send.nodeId, friendId: ctx.friendId, target, isTest: ctx.isTest }),
          )
        : send.messages;
    // {{form:<slug>}} becomes the friend's own signed form link (after tracking: the form link is never wrapped).
    const filled = deps.formUrl ? fillFormLinksIn(tracked, (slug) => deps.formUrl!({ friendId: ctx.friendId, slug })) : tracked;
    // A coupon carries the scenario and node as its deliveryTag, so LINE's own coupon reports split by step.
    const messages = withDeliveryTag(filled, couponDeliveryTag({ scenarioId: ctx.scenarioId, nodeId: send.nodeId }));
    // The run row (on its first write) goes in with the claim, so the run is visible while LINE is called; its steps
    // are written once with the outcome.
    const claimArgs = {
      key,
      messages,
      capSkip,
      ...(input.begin ? { also: progressCtes(ctx, { steps: [], position: input.position, begin: input.begin }) } : {}),
    };
    let claim = await claimSend(db, claimArgs);
    // A paused channel holds the send; a due probe that finds LINE answering again resumes it, and the send goes on.
    if (claim.kind === 'held' && (await channelResumed(deps))) claim = await claimSend(db, claimArgs);
    if (claim.kind === 'settled') {
      // An earlier attempt settled the row but its completion was lost: record again (idempotent) and report it.
      await record(settled(input, claim.status));
      return { status: claim.status, ...(claim.reason ? { reason: claim.reason } : {}) };
    }
    if (claim.kind === 'skipped') {
      await record(input);
      return { status: 'skipped', reason: claim.reason };
    }
    if (claim.kind === 'held') {
      await record(input);
      throw channelPaused(claim.pausedFor);
    }

    // The push leaves at its slot on the shared schedule: the configured rate is a ceiling in every second (a full
    // schedule fails this attempt before any push; the retry claims the same row again).
    await waitForSendSlot(deps.sendPacer);
    // A stop or a block that committed while this send waited for its slot wins (whatever the order of the signals).
    const refused = await refuseStoppedSend(db, key);
    if (refused) {
      await record(input);
      return { status: 'skipped', reason: refused };
    }

    try {
      // The first send after a friend's answer replies with the answer's token (free) while LINE still takes it. Only on
      // the first attempt: a retry cannot know whether the reply went out, and pushes with the retry key instead.
      if (send.reply && claim.attempt === 1) {
        const r = await replyOrPush(deps.line, { to: claim.to, messages: claim.messages as never, reply: send.reply, retryKey });
        await record(settled(input, 'sent'), retryKey, { status: 'sent', requestId: r.requestId, messageIds: r.messageIds, via: r.via });
        return { status: 'sent' };
      }
      const res = await deps.line.pushMessageWithHttpInfo({ to: claim.to, messages: claim.messages as never }, retryKey);
      const ids = res.body.sentMessages.map((m) => m.id);
      await record(settled(input, 'sent'), retryKey, {
        status: 'sent',
        requestId: res.httpResponse.headers.get('x-line-request-id'),
        messageIds: ids,
      });
      return { status: 'sent' };
    } catch (err) {
      if (err instanceof HTTPFetchError && err.status === 409) {
        // LINE already accepted this retry key: the message was sent by an earlier attempt.
        const requestId = err.headers.get('x-line-accepted-request-id');
        await record(settled(input, 'sent'), retryKey, { status: 'sent', requestId, messageIds: sentIdsFrom(err.body) });
        return { status: 'sent' };
      }
      // 401/403 and the monthly quota's 429 are the channel's: hold the send (retried with the same key), not fail it.
      const channel = channelFailureOf(err);
      if (channel) {
        await holdForChannel(deps, input, retryKey, channel);
        throw channelPaused(channel.reason);
      }
      if (err instanceof HTTPFetchError && err.status !== 429 && err.status < 500) {
        const reason = `LINE ${err.status}: ${err.body.slice(0, 400)}`;
        await record(input, retryKey, { status: 'failed', reason });
        return { status: 'failed', reason };
      }
      // 429, 5xx, network errors and time-outs: the run shows where it is while the activity retries with the same key.
      await record(input).catch((e: unknown) => log.warn('could not record progress before retrying the send', { error: String(e) }));
      if (err instanceof HTTPFetchError) throw new Error(`LINE answered ${err.status}: ${err.body.slice(0, 200)}`);
      throw err;
    }
  };
}

function sentIdsFrom(body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'sentMessages' in parsed && Array.isArray(parsed.sentMessages)) {
      return parsed.sentMessages.flatMap((m: unknown) =>
        m && typeof m === 'object' && 'id' in m && typeof m.id === 'string' ? [m.id] : [],
      );
    }
  } catch {
    /* LINE's body is informative only */
  }
  return [];
}
