// replyOrPush against the LINE sandbox: a fresh token replies (free), a used or stale one falls back to push.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLineSandbox, type LineSandbox } from '../../devstack/line-sandbox/server';
import { fakeClock } from '../../devstack/line-sandbox/test-helpers';
import { createLineClient, type LineClient } from './client';
import { REPLY_TOKEN_TTL_MS, replyOrPush, replyTokenUsable } from './reply-or-push';

const clock = fakeClock();
let sandbox: LineSandbox;
let line: LineClient;
const userId = `U${'c3'.repeat(16)}`;

beforeAll(async () => {
  sandbox = await startLineSandbox({ channelAccessToken: 'reply-token-test', now: clock.now });
  line = createLineClient({ channelAccessToken: 'reply-token-test', baseURL: sandbox.url });
  await sandbox.phone.addFriend({ userId, displayName: 'へんしん' }, false);
});
afterAll(async () => {
  await sandbox?.close();
});

/** The friend taps something on the phone: the webhook event's reply token and timestamp. */
async function tap(): Promise<{ token: string; issuedAt: number }> {
  const { webhook } = await sandbox.phone.postback(userId, 'kz=q&r=run&n=q&v=1&c=0');
  const event = webhook.events[0];
  if (!event || !('replyToken' in event) || !event.replyToken) throw new Error('no reply token');
  return { token: event.replyToken, issuedAt: event.timestamp };
}

const text = (t: string) => [{ type: 'text' as const, text: t }];

describe('replyOrPush', () => {
  it('replies with a fresh token, then pushes when the same token comes again (single use)', async () => {
    const reply = await tap();
    const first = await replyOrPush(line, { to: userId, messages: text('ありがとう'), reply, now: clock.now() });
    expect(first).toMatchObject({ via: 'reply', messageIds: [expect.any(String)] });
    const again = await replyOrPush(line, { to: userId, messages: text('もう一度'), reply, now: clock.now() });
    expect(again).toMatchObject({ via: 'push', replySkipped: 'refused' });
    const inbox = sandbox.state.friends.get(userId)?.inbox ?? [];
    expect(inbox.map((m) => m.endpoint)).toEqual(['reply', 'push']);
  });

  it('does not try a token older than 50 s, and pushes without any token', async () => {
    const reply = await tap();
    clock.advance(REPLY_TOKEN_TTL_MS);
    expect(replyTokenUsable(reply, clock.now())).toBe(false);
    const late = await replyOrPush(line, { to: userId, messages: text('遅れて'), reply, now: clock.now() });
    expect(late).toMatchObject({ via: 'push', replySkipped: 'expired' });
    const none = await replyOrPush(line, { to: userId, messages: text('お知らせ') });
    expect(none.via).toBe('push');
    expect(none.replySkipped).toBeUndefined();
  });

  it('the sandbox refuses a token past LINE’s minute, and counts replies and pushes apart', async () => {
    const reply = await tap();
    clock.advance(61_000);
    // Forced past our own guard: LINE's answer to an expired token makes it push all the same.
    const r = await replyOrPush(line, { to: userId, messages: text('期限切れ'), reply, now: reply.issuedAt });
    expect(r).toMatchObject({ via: 'push', replySkipped: 'refused' });
    expect(sandbox.state.stats.get('reply')).toMatchObject({ accepted: 1, rejected: 2 });
    expect(sandbox.state.stats.get('push')?.accepted).toBe(4);
    expect(sandbox.invalidRequests()).toEqual([]);
  });
});
