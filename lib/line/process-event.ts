// Applies one stored LINE webhook event: friend follow/block state, message and postback events, account links.
import 'server-only';
import { enqueueDispatches } from '@/db/queries/dispatches';
import { insertEventOnce } from '@/db/queries/events';
import { recordInboundMessage } from '@/db/queries/chat';
import {
  bindMemberId,
  consumeLinkNonce,
  findFriendByLineUserId,
  insertFriendIfAbsent,
  markFriendBlocked,
  updateFriend,
  type FriendRow,
  type ProfilePatch,
} from '@/db/queries/friends';
import { claimWebhookEvent, getWebhookEvent, recordWebhookEventError } from '@/db/queries/webhook-events';
import type { DbOrTx } from '@/db/client';
import { assertNever } from '../errors';
import { hashLineUserId } from '../log';
import type { EdgeDeps } from '../friends/deps';
import { parsePostbackData } from './postback';
import { staleQuestionButton } from '@/db/queries/question-answers';
import { fetchProfile } from './profile';
import { HandledEventSchema, type HandledEvent } from './webhook-schema';

export type ProcessOutcome =
  | { outcome: 'processed'; type: HandledEvent['type']; friendId: string; note?: string }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'already_processed' };

const HANDLED_TYPES: ReadonlySet<string> = new Set(HandledEventSchema.options.map((o) => o.shape.type.value));

/**
 * Processes a stored webhook event exactly once: the claim, the database effects and the dispatch rows that tell the
 * engine commit together (the worker's dispatcher starts and signals runs). Safe to call again (a later call is a no-op).
 */
export async function processWebhookEvent(deps: EdgeDeps, webhookEventId: string): Promise<ProcessOutcome> {
  const row = await getWebhookEvent(deps.db, webhookEventId);
  if (!row || row.processedAt) return { outcome: 'already_processed' };
  const parsed = HandledEventSchema.safeParse(row.payload);
  if (!parsed.success) {
    await deps.db.transaction((tx) => claimWebhookEvent(tx, webhookEventId, deps.now()));
    // A handled type that does not match LINE's format (a malformed user id, say) is an error worth seeing; the
    // issue's path and rule are recorded, never the offending value.
    if (HANDLED_TYPES.has(row.type)) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      await recordWebhookEventError(deps.db, webhookEventId, `malformed ${row.type} event: ${problems}`);
      return { outcome: 'ignored', reason: `malformed ${row.type} event` };
    }
    return { outcome: 'ignored', reason: `event type ${row.type} (or its source) is not handled` };
  }
  const ev = parsed.data;
  const userId = ev.source.userId;
  try {
    // The profile comes over the network, so before the transaction: for a follow, or a friend we lack one for.
    const known = await findFriendByLineUserId(deps.db, userId);
    const wantsProfile = ev.type === 'follow' || (ev.type !== 'unfollow' && (!known || known.displayName === ''));
    const profile = wantsProfile ? await fetchProfile(deps.line, userId) : null;

    const result = await deps.db.transaction(async (tx) => {
      if (!(await claimWebhookEvent(tx, webhookEventId, deps.now()))) return null;
      return applyEvent(tx, deps, ev, profile);
    });
    if (!result) return { outcome: 'already_processed' };
    return { outcome: 'processed', type: ev.type, friendId: result.friendId, ...(result.note ? { note: result.note } : {}) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await recordWebhookEventError(deps.db, webhookEventId, message);
    throw err;
  }
}

interface Applied {
  friendId: string;
  note?: string;
}

async function applyEvent(tx: DbOrTx, deps: EdgeDeps, ev: HandledEvent, profile: ProfilePatch | null): Promise<Applied> {
  const at = new Date(ev.timestamp);
  const userId = ev.source.userId;
  switch (ev.type) {
    case 'follow': {
      const existing = await findFriendByLineUserId(tx, userId);
      if (!existing) {
        const friend = await ensureFriend(tx, userId, profile, at);
        const isUnblocked = ev.follow?.isUnblocked ?? false;
        await enqueueDispatches(tx, [{ kind: 'friend_added', friendId: friend.id, isUnblocked, at: at.toISOString() }]);
        return { friendId: friend.id };
      }
      const wasBlocked = existing.blockedAt !== null;
      const isUnblocked = wasBlocked || (ev.follow?.isUnblocked ?? false);
      // An unblock keeps the original friend-added time; a first follow of a friend the CRM created sets it.
      await updateFriend(tx, existing.id, { ...profile, blockedAt: null, ...(isUnblocked ? {} : { friendAddedAt: at }) });
      await enqueueDispatches(tx, [{ kind: 'friend_added', friendId: existing.id, isUnblocked, at: at.toISOString() }]);
      return { friendId: existing.id };
    }
    case 'unfollow': {
      const friend = (await findFriendByLineUserId(tx, userId)) ?? (await ensureFriend(tx, userId, null, at, at));
      // Always dispatched, even for a friend already marked blocked: stopping runs is idempotent, and a block must win.
      await markFriendBlocked(tx, friend.id, at);
      await enqueueDispatches(tx, [{ kind: 'friend_blocked', friendId: friend.id, at: at.toISOString() }]);
      return { friendId: friend.id };
    }
    case 'message': {
      const friend = await ensureFriend(tx, userId, profile, at);
      const text = ev.message.text;
      // The reply token lets the first send after an answer reply (free) instead of push (lib/line/reply-or-push.ts).
      const properties = {
        messageType: ev.message.type,
        messageId: ev.message.id,
        ...(text !== undefined ? { text } : {}),
        ...(ev.replyToken ? { replyToken: ev.replyToken } : {}),
      };
      await recordEvents(tx, friend, at, [{ key: `line:${ev.webhookEventId}`, name: 'line_message', properties }]);
      // The operator inbox's copy of the message (its thread, unread count and markAsRead token).
      await recordInboundMessage(tx, {
        friendId: friend.id,
        webhookEventId: ev.webhookEventId,
        messageType: ev.message.type,
        text: text ?? null,
        markAsReadToken: ev.message.markAsReadToken ?? null,
        at,
      });
      return { friendId: friend.id };
    }
    case 'postback': {
      const friend = await ensureFriend(tx, userId, profile, at);
      const { data, params } = ev.postback;
      const { fields, action } = parsePostbackData(data);
      const base = { data, ...(params ? { params } : {}), ...(ev.replyToken ? { replyToken: ev.replyToken } : {}) };
      const list: { key: string; name: string; properties: Record<string, unknown> }[] = [
        { key: `line:${ev.webhookEventId}`, name: 'postback', properties: { ...base, fields } },
      ];
      // A question's button (scenario/nodes/question.ts) answers only the friend's current question; any other tap is
      // recorded as ignored (the run ignores it too).
      if (fields.kz === 'q' && fields.r && fields.n && fields.v) {
        const stale = await staleQuestionButton(tx, friend.id, { runId: fields.r, nodeId: fields.n, visit: fields.v });
        if (stale)
          list.push({
            key: `line:${ev.webhookEventId}:ignored`,
            name: 'question_answer_ignored',
            properties: { reason: stale, nodeId: fields.n },
          });
      }
      if (action) {
        const { action: _action, ...rest } = fields;
        list.push({ key: `line:${ev.webhookEventId}:action`, name: action, properties: { ...rest, ...base, fields } });
      }
      await recordEvents(tx, friend, at, list);
      return { friendId: friend.id };
    }
    case 'accountLink': {
      const friend = await ensureFriend(tx, userId, profile, at);
      if (ev.link.result !== 'ok') return { friendId: friend.id, note: 'link failed on LINE' };
      const nonce = await consumeLinkNonce(tx, ev.link.nonce, at);
      if (!nonce) return { friendId: friend.id, note: 'unknown or used nonce' };
      // The nonce was issued for one friend; a different LINE account presenting it binds nothing.
      if (nonce.friendId !== friend.id) return { friendId: friend.id, note: 'nonce issued for another friend' };
      // Another friend may hold the member id by now: it is never moved, and the conflict is listed for an operator.
      const bind = await bindMemberId(tx, friend.id, nonce.memberId);
      if (!bind.bound) return { friendId: friend.id, note: 'member id held by another friend: link conflict recorded' };
      return { friendId: friend.id, note: `linked to member ${nonce.memberId}` };
    }
    default:
      return assertNever(ev);
  }
}

/** The friend with this LINE user id, created when new (a friend who was there before Kizuna, say). */
async function ensureFriend(tx: DbOrTx, lineUserId: string, profile: ProfilePatch | null, at: Date, blockedAt?: Date): Promise<FriendRow> {
  const existing = await findFriendByLineUserId(tx, lineUserId);
  if (existing) return profile && existing.displayName === '' ? updateFriend(tx, existing.id, profile) : existing;
  const created = await insertFriendIfAbsent(tx, { lineUserId, friendAddedAt: at, ...(blockedAt ? { blockedAt } : {}), ...profile });
  if (created) return created;
  const raced = await findFriendByLineUserId(tx, lineUserId);
  if (!raced) throw new Error(`friend ${hashLineUserId(lineUserId)} neither inserted nor found`);
  return raced;
}

/** Stores the events (each with its dispatch row, in the same transaction). */
async function recordEvents(
  tx: DbOrTx,
  friend: FriendRow,
  at: Date,
  list: { key: string; name: string; properties: Record<string, unknown> }[],
): Promise<void> {
  for (const e of list) {
    await insertEventOnce(tx, {
      friendId: friend.id,
      name: e.name,
      occurredAt: at,
      properties: e.properties,
      source: 'webhook',
      idempotencyKey: e.key,
      isTest: friend.isTest,
    });
  }
}
