// The simulated phone: friends add, block, talk and tap; each action fires a signed webhook at the app.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { LineValidator } from './openapi-validator';
import type { Friend, SandboxState, WebhookDelivery } from './state';
import { asRedelivery, buildEvent, type PhoneAction, type WebhookEvent } from './webhook-events';

export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Base64 HMAC-SHA256 of the raw body with the channel secret: LINE's x-line-signature. */
export const signBody = (body: string, channelSecret: string): string =>
  createHmac('sha256', channelSecret).update(body, 'utf8').digest('base64');

export class PhoneError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Phone = ReturnType<typeof createPhone>;

export function createPhone(state: SandboxState, validator: LineValidator, now: () => number) {
  const iso = (): string => new Date(now()).toISOString();

  async function deliver(events: WebhookEvent[], isRedelivery: boolean): Promise<WebhookDelivery> {
    const payload = { destination: state.config.botUserId, events };
    const problems = validator.webhook(payload);
    if (problems.length > 0) throw new Error(`sandbox built a webhook LINE would not send: ${JSON.stringify(problems)}`);
    const body = JSON.stringify(payload);
    const signature = signBody(body, state.config.channelSecret);
    const url = state.config.webhookUrl;
    const delivery: WebhookDelivery = {
      seq: state.webhooks.length + 1,
      at: iso(),
      url,
      events,
      body,
      signature,
      isRedelivery,
      status: null,
      durationMs: 0,
    };
    state.webhooks.push(delivery);
    if (!url) {
      delivery.error = 'no webhookUrl configured';
      return delivery;
    }
    const started = Date.now();
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-line-signature': signature,
          'user-agent': 'LineBotWebhook/2.0',
        },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      delivery.status = res.status;
    } catch (err) {
      delivery.error = err instanceof Error ? err.message : String(err);
    }
    delivery.durationMs = Date.now() - started;
    return delivery;
  }

  function friendOrThrow(userId: string): Friend {
    const f = state.friends.get(userId);
    if (!f) throw new PhoneError(404, `no friend ${userId}`);
    return f;
  }

  const act = (userId: string, action: PhoneAction): Promise<WebhookDelivery> => {
    const event = buildEvent(userId, action, now());
    // The bot may answer once with the event's reply token (POST /v2/bot/message/reply), for about a minute.
    if ('replyToken' in event && event.replyToken)
      state.replyTokens.set(event.replyToken, { userId, issuedAt: event.timestamp, used: false });
    // The bot may mark the message read with its token (POST /v2/bot/chat/markAsRead).
    if (event.type === 'message') {
      state.chatReads.set(event.message.markAsReadToken, { userId, messageId: event.message.id, at: event.timestamp, readAt: null });
    }
    return deliver([event], false);
  };

  return {
    deliver,

    /** A new user adds the account: the friend exists from now on, and LINE fires follow. */
    async addFriend(
      input: { userId: string; displayName: string; pictureUrl?: string; statusMessage?: string; language?: string },
      fire = true,
    ) {
      if (state.friends.has(input.userId)) throw new PhoneError(409, `${input.userId} is already a friend (unblock instead)`);
      const friend: Friend = { ...input, status: 'friend', addedAt: iso(), inbox: [], undelivered: 0 };
      state.friends.set(friend.userId, friend);
      const webhook = fire ? await act(friend.userId, { kind: 'follow', isUnblocked: false }) : null;
      return { friend, webhook };
    },

    async block(userId: string) {
      const f = friendOrThrow(userId);
      if (f.status === 'blocked') throw new PhoneError(409, `${userId} has already blocked the account`);
      f.status = 'blocked';
      f.blockedAt = iso();
      return { friend: f, webhook: await act(userId, { kind: 'unfollow' }) };
    },

    async unblock(userId: string) {
      const f = friendOrThrow(userId);
      if (f.status !== 'blocked') throw new PhoneError(409, `${userId} has not blocked the account`);
      f.status = 'friend';
      delete f.blockedAt;
      return { friend: f, webhook: await act(userId, { kind: 'follow', isUnblocked: true }) };
    },

    async sendText(userId: string, text: string) {
      const f = friendOrThrow(userId);
      // A user who blocked the account cannot talk to it: LINE sends nothing.
      if (f.status === 'blocked') throw new PhoneError(409, `${userId} has blocked the account`);
      return { webhook: await act(userId, { kind: 'text', text }) };
    },

    async postback(userId: string, data: string, params?: Record<string, string>) {
      const f = friendOrThrow(userId);
      if (f.status === 'blocked') throw new PhoneError(409, `${userId} has blocked the account`);
      return { webhook: await act(userId, params ? { kind: 'postback', data, params } : { kind: 'postback', data }) };
    },

    async accountLink(userId: string, nonce: string, result: 'ok' | 'failed') {
      friendOrThrow(userId);
      return { webhook: await act(userId, { kind: 'accountLink', result, nonce }) };
    },

    /** Resends the last webhook's events with the same ids, marked as redelivered. */
    async redeliverLast() {
      const last = state.webhooks.at(-1);
      if (!last) throw new PhoneError(404, 'no webhook has been sent yet');
      return { webhook: await deliver(asRedelivery(last.events), true) };
    },
  };
}

/** A tap on a link in the chat: one GET, redirects not followed, so a test sees the tracker's answer itself. */
export function tapUrl(url: string): Promise<{ status: number; location: string | null }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const get = target.protocol === 'https:' ? https.get : http.get;
    const req = get(
      target,
      { headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Line/14.0.0 (LINE sandbox)' } },
      (res) => {
        res.resume();
        const location = res.headers.location;
        resolve({ status: res.statusCode ?? 0, location: location ?? null });
      },
    );
    req.setTimeout(WEBHOOK_TIMEOUT_MS, () => req.destroy(new Error(`tap timed out: ${url}`)));
    req.on('error', reject);
  });
}
