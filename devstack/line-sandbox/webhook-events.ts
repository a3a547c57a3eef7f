// Builds the webhook event objects LINE sends for what a friend does on the phone (shapes from webhook.yml).
import { newMessageId, newToken, newUlid } from './ids';

type Common = {
  mode: 'active';
  timestamp: number;
  source: { type: 'user'; userId: string };
  webhookEventId: string;
  deliveryContext: { isRedelivery: boolean };
};

export type WebhookEvent = Common &
  (
    | { type: 'follow'; replyToken: string; follow: { isUnblocked: boolean } }
    | { type: 'unfollow' }
    | {
        type: 'message';
        replyToken: string;
        message: { type: 'text'; id: string; text: string; quoteToken: string; markAsReadToken: string };
      }
    | { type: 'postback'; replyToken: string; postback: { data: string; params?: Record<string, string> } }
    | { type: 'accountLink'; replyToken?: string; link: { result: 'ok' | 'failed'; nonce: string } }
  );

export type PhoneAction =
  | { kind: 'follow'; isUnblocked: boolean }
  | { kind: 'unfollow' }
  | { kind: 'text'; text: string }
  | { kind: 'postback'; data: string; params?: Record<string, string> }
  | { kind: 'accountLink'; result: 'ok' | 'failed'; nonce: string };

const common = (userId: string, now: number): Common => ({
  mode: 'active',
  timestamp: now,
  source: { type: 'user', userId },
  webhookEventId: newUlid(now),
  deliveryContext: { isRedelivery: false },
});

/** Reply tokens are opaque to us; LINE's are 32 hex characters. */
const replyToken = (): string => Buffer.from(newToken(16), 'base64url').toString('hex');

export function buildEvent(userId: string, action: PhoneAction, now: number): WebhookEvent {
  const base = common(userId, now);
  switch (action.kind) {
    case 'follow':
      return { type: 'follow', ...base, replyToken: replyToken(), follow: { isUnblocked: action.isUnblocked } };
    case 'unfollow':
      // LINE sends no reply token with unfollow: nobody is left to reply to.
      return { type: 'unfollow', ...base };
    case 'text':
      return {
        type: 'message',
        ...base,
        replyToken: replyToken(),
        message: { type: 'text', id: newMessageId(now), text: action.text, quoteToken: newToken(), markAsReadToken: newToken() },
      };
    case 'postback':
      return {
        type: 'postback',
        ...base,
        replyToken: replyToken(),
        postback: action.params ? { data: action.data, params: action.params } : { data: action.data },
      };
    case 'accountLink':
      // A failed link carries no reply token.
      return action.result === 'ok'
        ? { type: 'accountLink', ...base, replyToken: replyToken(), link: { result: 'ok', nonce: action.nonce } }
        : { type: 'accountLink', ...base, link: { result: 'failed', nonce: action.nonce } };
    default: {
      const never: never = action;
      throw new Error(`unknown phone action ${JSON.stringify(never)}`);
    }
  }
}

/** The same events marked as redelivered: LINE keeps webhookEventId and timestamp. */
export const asRedelivery = (events: WebhookEvent[]): WebhookEvent[] =>
  events.map((e) => ({ ...e, deliveryContext: { isRedelivery: true } }));
