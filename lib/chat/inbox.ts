// The operator inbox's commands: answer a friend (a push with an X-Line-Retry-Key, stored in the thread), mark a
// thread read on LINE (markAsRead with the newest message's token), show the typing animation, 対応中 and assignment.
// Message texts are personal data: they go to LINE and the database, never to a log or an error message.
import 'server-only';
import { HTTPFetchError } from '@line/bot-sdk';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import {
  findOutboundByRetryKey,
  insertOutboundMessage,
  isAssignableOperator,
  markThreadRead,
  setAssignee,
  setHandling,
  settleOutboundMessage,
} from '@/db/queries/chat';
import { insertEventOnce } from '@/db/queries/events';
import { loadFriendSnapshot } from '@/db/queries/friend-snapshot';
import { findFriendById } from '@/db/queries/friends';
import { renderTemplate } from '@/scenario/templates';
import { AppError } from '../errors';
import { fillFormLinks, formLinkUrl } from '../forms/form-link';
import { logError } from '../log';
import type { LineClient } from '../line/client';

export interface InboxDeps {
  db: DbOrTx;
  line: LineClient;
  now: () => Date;
  /** Sign {{form:<slug>}} links for the friend (the app's KIZUNA_SECRET and APP_BASE_URL); left as written without. */
  secret?: string;
  appBaseUrl?: string;
  /** KIZUNA_LIFF_ID: form links open through the LIFF app when set. */
  liffId?: string | null;
}

/**
 * A text as this friend reads it: placeholders ({{friend.displayName}}, {{attr.<key>}}) filled as scenario messages fill
 * them, {{form:<slug>}} as the friend's own signed link. Used for templates in the composer and again when sending.
 */
export async function fillForFriend(
  deps: Pick<InboxDeps, 'db' | 'now' | 'secret' | 'appBaseUrl' | 'liffId'>,
  friendId: string,
  text: string,
): Promise<string> {
  if (!text.includes('{{')) return text;
  const friend = await loadFriendSnapshot(deps.db, friendId, deps.now());
  if (!friend) return text;
  const filled = renderTemplate(text, { friend, event: null });
  const { secret, appBaseUrl } = deps;
  if (!secret || !appBaseUrl) return filled;
  return fillFormLinks(filled, (slug) =>
    formLinkUrl(friendId, slug, { secret, now: deps.now(), baseUrl: appBaseUrl, liffId: deps.liffId }),
  );
}

/** LINE's limit on one text message. */
export const REPLY_MAX_CHARS = 5000;

export const ReplyInputSchema = z.object({
  friendId: z.uuid(),
  text: z.string().trim().min(1).max(REPLY_MAX_CHARS),
  /** Made by the composer once per message: a repeated submit (double click, lost answer) sends once. */
  retryKey: z.uuid(),
});
export type ReplyInput = z.infer<typeof ReplyInputSchema>;

async function friendOrThrow(db: DbOrTx, friendId: string) {
  const friend = await findFriendById(db, friendId);
  if (!friend) throw new AppError('not_found:friend', 'no such friend');
  return friend;
}

/** Pushes the operator's text to the friend; returns the stored message's id and how the push went. */
export async function sendOperatorReply(
  deps: InboxDeps,
  operatorId: string,
  input: ReplyInput,
): Promise<{ messageId: string; status: 'sent' | 'failed' }> {
  const friend = await friendOrThrow(deps.db, input.friendId);
  if (friend.blockedAt) throw new AppError('conflict:blocked', 'this friend has blocked the account');
  const text = await fillForFriend(deps, friend.id, input.text);
  if (text.length > REPLY_MAX_CHARS) throw new AppError('invalid:too_long', `the message is over ${REPLY_MAX_CHARS} characters`);
  const row =
    (await insertOutboundMessage(deps.db, {
      friendId: friend.id,
      text,
      retryKey: input.retryKey,
      operatorId,
      at: deps.now(),
    })) ?? (await findOutboundByRetryKey(deps.db, input.retryKey));
  if (!row || row.friendId !== friend.id) throw new AppError('conflict:retry_key', 'this retry key belongs to another message');
  if (row.status === 'sent') return { messageId: row.id, status: 'sent' };
  try {
    await deps.line.pushMessageWithHttpInfo(
      { to: friend.lineUserId, messages: [{ type: 'text', text: row.text ?? text }] },
      input.retryKey,
    );
  } catch (err) {
    // 409: LINE already accepted this retry key (an earlier attempt went out).
    if (!(err instanceof HTTPFetchError && err.status === 409)) {
      const failure = err instanceof HTTPFetchError ? `LINE ${err.status}` : 'LINE could not be reached';
      await settleOutboundMessage(deps.db, row.id, { status: 'failed', failure });
      return { messageId: row.id, status: 'failed' };
    }
  }
  await settleOutboundMessage(deps.db, row.id, { status: 'sent' });
  return { messageId: row.id, status: 'sent' };
}

/** The operator opened the thread: unread counts drop, and LINE shows 既読 up to the newest message. */
export async function markThreadReadOnLine(deps: InboxDeps, friendId: string): Promise<{ markedOnLine: boolean }> {
  const token = await markThreadRead(deps.db, friendId, deps.now());
  if (!token) return { markedOnLine: false };
  try {
    await deps.line.markMessagesAsReadByToken({ markAsReadToken: token });
    return { markedOnLine: true };
  } catch (err) {
    // Read in Kizuna all the same; LINE keeps showing the messages unread (tokens expire on LINE's side).
    logError('marking a chat read on LINE', err instanceof HTTPFetchError ? `LINE ${err.status}` : err);
    return { markedOnLine: false };
  }
}

/** The "…" animation on the friend's phone while an operator writes (LINE: 5–60 s, a multiple of 5). */
export async function showTyping(deps: InboxDeps, friendId: string): Promise<void> {
  const friend = await friendOrThrow(deps.db, friendId);
  if (friend.blockedAt) return;
  await deps.line.showLoadingAnimation({ chatId: friend.lineUserId, loadingSeconds: 20 });
}

/**
 * Sets or clears 対応中. Clearing records a `chat_handling_ended` event: every active run of the friend hears it, so a
 * send the status held goes out now. Returns whether anything changed.
 */
export async function setChatHandling(deps: InboxDeps, friendId: string, operatorId: string, on: boolean): Promise<boolean> {
  const friend = await friendOrThrow(deps.db, friendId);
  const at = deps.now();
  const changed = await setHandling(deps.db, friend.id, on ? operatorId : null, at);
  if (changed && !on) {
    await insertEventOnce(deps.db, {
      friendId: friend.id,
      name: 'chat_handling_ended',
      occurredAt: at,
      properties: {},
      source: 'system',
      idempotencyKey: `chat:handling-ended:${friend.id}:${at.getTime()}`,
      isTest: friend.isTest,
    });
  }
  return changed;
}

export async function assignChat(deps: InboxDeps, friendId: string, operatorId: string | null): Promise<void> {
  const friend = await friendOrThrow(deps.db, friendId);
  // An id from a stale list (the operator was removed or disabled since): a clear refusal, not a foreign-key failure.
  if (operatorId !== null && !(await isAssignableOperator(deps.db, operatorId)))
    throw new AppError('not_found:operator', 'no operator who can be assigned has this id');
  await setAssignee(deps.db, friend.id, operatorId, deps.now());
}
