// Reply, not push: sends with the webhook's reply token (free of charge) while it is valid, else pushes; says which.
//
//   replyOrPush(line: LineClient, args: ReplyOrPushArgs): Promise<ReplyOrPushResult>
//
//   args.to        the friend's LINE user id (used when it has to push)
//   args.messages  1–5 LINE message objects
//   args.reply     the webhook event's `replyToken` and its `timestamp` (epoch ms), or null/undefined to push
//   args.retryKey  optional X-Line-Retry-Key (UUID) for the push, so a retried push is delivered once
//   args.now       epoch ms (defaults to Date.now()); time is an input so callers and tests can pin it
//   result.via     'reply' | 'push': record it with the send (outbox `sent_via`, or the caller's own row)
//
// LINE's reply tokens are single use and expire about a minute after the event: a token older than REPLY_TOKEN_TTL_MS
// (50 s, to be safe) is not tried, and a reply LINE refuses as "Invalid reply token" (used or expired) falls back to
// a push. Any other error is thrown as the SDK's, so the caller's retry and 409 handling stay as they are. A reply that
// failed for another reason (network, 5xx) is not known to be undelivered: a retry then pushes, which may repeat it.
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import type { LineClient } from './client';

/** How long after the webhook event a reply token is still used (LINE's limit is about 60 s). */
export const REPLY_TOKEN_TTL_MS = 50_000;

export type SentVia = 'reply' | 'push';

export interface ReplyToken {
  /** The webhook event's `replyToken`. */
  token: string;
  /** The webhook event's `timestamp` (epoch ms): the token's age counts from it. */
  issuedAt: number;
}

export interface ReplyOrPushArgs {
  to: string;
  messages: messagingApi.Message[];
  reply?: ReplyToken | null;
  retryKey?: string;
  now?: number;
}

export interface ReplyOrPushResult {
  via: SentVia;
  /** LINE's `x-line-request-id` of the call that delivered the messages. */
  requestId: string | null;
  messageIds: string[];
  /** Why a reply was not used although a token was given ('expired' or LINE's refusal), for the record. */
  replySkipped?: 'expired' | 'refused';
}

/** Whether a reply token issued at `issuedAt` may still be used at `now`. */
export function replyTokenUsable(reply: ReplyToken | null | undefined, now: number): reply is ReplyToken {
  return !!reply && reply.token !== '' && now - reply.issuedAt >= 0 && now - reply.issuedAt < REPLY_TOKEN_TTL_MS;
}

export async function replyOrPush(line: LineClient, args: ReplyOrPushArgs): Promise<ReplyOrPushResult> {
  const now = args.now ?? Date.now();
  let replySkipped: ReplyOrPushResult['replySkipped'];
  if (replyTokenUsable(args.reply, now)) {
    try {
      const res = await line.replyMessageWithHttpInfo({ replyToken: args.reply.token, messages: args.messages });
      return {
        via: 'reply',
        requestId: res.httpResponse.headers.get('x-line-request-id'),
        messageIds: res.body.sentMessages.map((m) => m.id),
      };
    } catch (err) {
      if (!isInvalidReplyToken(err)) throw err;
      replySkipped = 'refused';
    }
  } else if (args.reply) {
    replySkipped = 'expired';
  }
  const res = await line.pushMessageWithHttpInfo({ to: args.to, messages: args.messages }, args.retryKey);
  return {
    via: 'push',
    requestId: res.httpResponse.headers.get('x-line-request-id'),
    messageIds: res.body.sentMessages.map((m) => m.id),
    ...(replySkipped ? { replySkipped } : {}),
  };
}

/** LINE answers a used or expired token with 400 `{"message":"Invalid reply token"}`. */
export function isInvalidReplyToken(err: unknown): boolean {
  return err instanceof HTTPFetchError && err.status === 400 && /invalid reply token/i.test(err.body);
}
