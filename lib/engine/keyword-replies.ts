// Keyword auto-replies (自動応答) for a friend's text message, run by the dispatcher with the message's `event` row:
// the rule that fires, its hit (one per message), tags/attributes/scenario start in the hit's transaction, then the
// reply through the webhook's reply token (push when it expired). A repeat of the dispatch changes nothing.
import { HTTPFetchError } from '@line/bot-sdk';
import { z } from 'zod';
import { recordAutoReply } from '@/db/queries/chat';
import { enqueueDispatches } from '@/db/queries/dispatches';
import { loadFriendSnapshot } from '@/db/queries/friend-snapshot';
import { findFriendById } from '@/db/queries/friends';
import {
  findKeywordHitByEvent,
  insertKeywordHit,
  listKeywordRules,
  settleKeywordReply,
  type StoredKeywordRule,
} from '@/db/queries/keyword-rules';
import { listMessageTemplates } from '@/db/queries/message-templates';
import { applyFriendAction } from '@/db/queries/runs';
import { getWebhookEvent } from '@/db/queries/webhook-events';
import type { KeywordRuleHitRow } from '@/db/schema';
import { evaluateRules, type KeywordReply } from '@/scenario/keyword-rules';
import type { LineMessage } from '@/scenario/messages';
import { renderMessages } from '@/scenario/render';
import { messagePreview } from '../line/message-preview';
import { describeError } from '../log';
import type { LineClient } from '../line/client';
import { fillFormLinksIn } from '../forms/form-link';
import { replyOrPush } from '../line/reply-or-push';
import { syncRichMenusQuietly } from '../rich-menus/after-actions';
import type { EngineDeps } from './deps';

export interface KeywordDeps extends EngineDeps {
  /** Replies need it; without one (an app process) a hit's reply is recorded as failed. */
  line?: LineClient;
  /** Epoch ms, for the reply token's age. */
  now?: () => number;
}

export interface MessageEvent {
  id: string;
  friendId: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
  idempotencyKey: string | null;
}

/** What the dispatch row's result says (ids only: never the text). */
export type KeywordOutcome = { ruleId: string; hitId: string; reply: KeywordRuleHitRow['replyStatus']; via?: 'reply' | 'push' } | null;

const ReplyTokenSchema = z.looseObject({ replyToken: z.string().min(1), timestamp: z.number().int() });

export async function onTextMessage(deps: KeywordDeps, ev: MessageEvent): Promise<KeywordOutcome> {
  const text = ev.properties.messageType === 'text' && typeof ev.properties.text === 'string' ? ev.properties.text : null;
  if (text === null) return null;
  let hit = await findKeywordHitByEvent(deps.db, ev.id);
  let rule: StoredKeywordRule | null = null;
  if (!hit) {
    const friend = await findFriendById(deps.db, ev.friendId);
    // A friend who blocked the account since gets nothing.
    if (!friend || friend.blockedAt) return null;
    // Judged at the message's own time, so a retry an hour later still answers as the window said then.
    const { fired } = evaluateRules(await listKeywordRules(deps.db, { activeOnly: true }), text, ev.occurredAt.getTime());
    if (!fired) return null;
    rule = fired;
    hit = await deps.db.transaction(async (tx) => {
      const h = await insertKeywordHit(tx, {
        ruleId: fired.id,
        eventId: ev.id,
        friendId: ev.friendId,
        firedAt: ev.occurredAt,
        withReply: fired.actions.reply !== null,
      });
      if (!h) return null;
      for (const a of fired.actions.friend) await applyFriendAction(tx, ev.friendId, a, ev.occurredAt);
      if (fired.actions.startScenarioId) {
        await enqueueDispatches(tx, [
          { kind: 'scenario_start', friendId: ev.friendId, scenarioId: fired.actions.startScenarioId, at: ev.occurredAt.toISOString() },
        ]);
      }
      return h;
    });
    // The rule's tags and attributes may change which rich menu the friend's rules pick (after the commit).
    if (hit && fired.actions.friend.length > 0) {
      const now = deps.now;
      await syncRichMenusQuietly({ db: deps.db, line: deps.line, now: () => new Date(now ? now() : Date.now()) }, [ev.friendId]);
    }
    // Another dispatcher recorded it first: its hit is the one.
    hit ??= await findKeywordHitByEvent(deps.db, ev.id);
    if (!hit) return null;
  }
  if (hit.replyStatus !== 'pending')
    return { ruleId: hit.ruleId, hitId: hit.id, reply: hit.replyStatus, ...(hit.replyVia ? { via: hit.replyVia } : {}) };
  rule ??= (await listKeywordRules(deps.db)).find((r) => r.id === hit.ruleId) ?? null;
  const outcome = await sendReply(deps, hit, rule?.actions.reply ?? null, ev);
  await settleKeywordReply(deps.db, hit.id, outcome);
  return { ruleId: hit.ruleId, hitId: hit.id, reply: outcome.status, ...(outcome.status === 'sent' ? { via: outcome.via } : {}) };
}

type ReplyOutcome = { status: 'sent'; via: 'reply' | 'push' } | { status: 'failed'; error: string };

/** Sends the reply; throws on what a retry may cure (network, 5xx, 429), so the dispatch row backs off and tries again. */
async function sendReply(deps: KeywordDeps, hit: KeywordRuleHitRow, reply: KeywordReply | null, ev: MessageEvent): Promise<ReplyOutcome> {
  if (!reply) return { status: 'failed', error: 'the rule has no reply any more' };
  if (!deps.line) return { status: 'failed', error: 'no LINE client in this process' };
  const friend = await findFriendById(deps.db, ev.friendId);
  if (!friend || friend.blockedAt) return { status: 'failed', error: 'the friend blocked the account' };
  const messages = await replyMessages(deps, reply, ev);
  if (!messages) return { status: 'failed', error: 'the reply template was deleted' };
  const webhookEventId = ev.idempotencyKey?.startsWith('line:') ? ev.idempotencyKey.slice(5) : null;
  const stored = webhookEventId ? await getWebhookEvent(deps.db, webhookEventId) : null;
  const token = ReplyTokenSchema.safeParse(stored?.payload);
  try {
    const r = await replyOrPush(deps.line, {
      to: friend.lineUserId,
      messages: messages as never,
      reply: token.success ? { token: token.data.replyToken, issuedAt: token.data.timestamp } : null,
      // The hit's id: a push retried after a lost answer is delivered once.
      retryKey: hit.id,
      now: (deps.now ?? Date.now)(),
    });
    await recordReplyInThread(deps, ev.friendId, hit.id, messages);
    return { status: 'sent', via: r.via };
  } catch (err) {
    if (err instanceof HTTPFetchError && err.status >= 400 && err.status < 500 && err.status !== 429 && err.status !== 409) {
      return { status: 'failed', error: describeError(err) };
    }
    // 409: LINE already accepted this retry key (an earlier attempt's answer was lost).
    if (err instanceof HTTPFetchError && err.status === 409) {
      await recordReplyInThread(deps, ev.friendId, hit.id, messages);
      return { status: 'sent', via: 'push' };
    }
    throw err;
  }
}

/** The reply in the friend's inbox thread, so an operator sees what the account already answered. */
async function recordReplyInThread(deps: KeywordDeps, friendId: string, hitId: string, messages: readonly LineMessage[]) {
  await recordAutoReply(deps.db, {
    friendId,
    key: hitId,
    messages: messages.map((m) => ({ messageType: m.type, text: m.type === 'text' || 'altText' in m ? messagePreview(m) : null })),
    at: new Date((deps.now ?? Date.now)()),
  });
}

async function replyMessages(deps: KeywordDeps, reply: KeywordReply, ev: MessageEvent): Promise<LineMessage[] | null> {
  let drafts: LineMessage[];
  if (reply.type === 'text') drafts = [{ type: 'text', text: reply.text }];
  else {
    const template = (await listMessageTemplates(deps.db)).find((t) => t.id === reply.templateId);
    if (!template) return null;
    drafts = template.messages;
  }
  const friend = await loadFriendSnapshot(deps.db, ev.friendId);
  const rendered = friend ? renderMessages(drafts, { friend, event: ev.properties }) : drafts;
  const formUrl = deps.formUrl;
  return formUrl ? fillFormLinksIn(rendered, (slug) => formUrl({ friendId: ev.friendId, slug })) : rendered;
}
