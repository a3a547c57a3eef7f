// Conformance of the sandbox's Messaging API, driven through the real @line/bot-sdk client.
import { randomUUID } from 'node:crypto';
import { messagingApi } from '@line/bot-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxInboxResponse } from '../../lib/line/sandbox-admin-schema';
import { loadLineValidator, type MessagingSchemaName } from './openapi-validator';
import { LINE_ERRORS } from './routes-messaging';
import { startLineSandbox, type LineSandbox, type LineSandboxOptions } from './server';
import { TOKEN, addFriend, admin, fakeClock, lineError } from './test-helpers';

const text = (t: string) => ({ type: 'text' as const, text: t });
let sandbox: LineSandbox | undefined;

async function setup(opts: LineSandboxOptions = {}) {
  sandbox = await startLineSandbox({ channelAccessToken: TOKEN, ...opts });
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
  return { sandbox, client };
}

async function inbox(s: LineSandbox, userId: string) {
  return SandboxInboxResponse.parse((await admin(s, 'GET', `/friends/${userId}/inbox`)).json).messages;
}

afterEach(async () => {
  // Whatever a test sent on purpose, the log keeps; the test itself asserts on it. Here only: nothing leaks.
  await sandbox?.close();
  sandbox = undefined;
});

describe('push', () => {
  it('accepts a push, answers sentMessages and x-line-request-id, and the message lands in the inbox', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    const key = randomUUID();
    const res = await client.pushMessageWithHttpInfo({ to: friend.userId, messages: [text('hello'), text('again')] }, key);
    expect(res.httpResponse.status).toBe(200);
    const requestId = res.httpResponse.headers.get('x-line-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.sentMessages).toHaveLength(2);
    expect(res.body.sentMessages[0]?.id).toMatch(/^\d+$/);
    expect(res.body.sentMessages[0]?.quoteToken).toBeTruthy();
    const messages = await inbox(sandbox, friend.userId);
    expect(messages.map((m) => m.message)).toEqual([text('hello'), text('again')]);
    expect(messages[0]).toMatchObject({ endpoint: 'push', retryKey: key, requestId, messageId: res.body.sentMessages[0]?.id });
    expect(sandbox.invalidRequests()).toEqual([]);
  });

  it('rejects 6 messages with 400 and LINE-style details naming the property', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    const messages = Array.from({ length: 6 }, (_, i) => text(`m${i}`));
    const e = await lineError(() => client.pushMessage({ to: friend.userId, messages }));
    expect(e.status).toBe(400);
    expect(e.body.message).toBe('The request body has 1 error(s)');
    expect(e.body.details).toEqual([{ message: 'Size must be between 1 and 5', property: 'messages' }]);
    expect(await inbox(sandbox, friend.userId)).toEqual([]);
    const invalid = sandbox.invalidRequests();
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({ endpoint: 'push', status: 400, valid: false });
  });

  it('rejects text over 5,000 UTF-16 units, an unknown message type and an empty text, each with its place', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    const e = await lineError(() =>
      client.pushMessage({
        to: friend.userId,
        // the SDK's types would refuse the bad type; the sandbox must catch what slips past them
        messages: [text('x'.repeat(5001)), JSON.parse('{"type":"txt","text":"a"}'), text(''), text('😀'.repeat(2500))],
      }),
    );
    expect(e.status).toBe(400);
    expect(e.body.details).toEqual([
      { message: 'Length must be between 1 and 5000', property: 'messages[0].text' },
      { message: expect.stringMatching(/^Must be one of the following values: \[text, /), property: 'messages[1].type' },
      { message: 'May not be empty', property: 'messages[2].text' },
    ]);
    await client.pushMessage({ to: friend.userId, messages: [text('😀'.repeat(2500))] }); // exactly 5,000 units
  });

  it('answers 400 "Failed to send messages" for a user id nobody holds, and a malformed id names `to`', async () => {
    const { client } = await setup();
    const unknown = await lineError(() => client.pushMessage({ to: `U${'0'.repeat(32)}`, messages: [text('hi')] }));
    expect(unknown).toMatchObject({ status: 400, body: { message: LINE_ERRORS.failedToSend } });
    const malformed = await lineError(() => client.pushMessage({ to: 'not-a-user', messages: [text('hi')] }));
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain("'to'");
  });

  it('answers 401 like LINE for a wrong token and records it as invalid', async () => {
    const { sandbox } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    const bad = new messagingApi.MessagingApiClient({ channelAccessToken: 'wrong', baseURL: sandbox.url });
    const e = await lineError(() => bad.pushMessage({ to: friend.userId, messages: [text('hi')] }));
    expect(e).toMatchObject({ status: 401, body: { message: LINE_ERRORS.badAuth } });
    expect(sandbox.invalidRequests()[0]).toMatchObject({ outcome: 'unauthorized' });
  });
});

describe('retry keys', () => {
  it('answers a repeated key with 409, x-line-accepted-request-id and the original sentMessages; delivers once', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    const key = randomUUID();
    const first = await client.pushMessageWithHttpInfo({ to: friend.userId, messages: [text('once')] }, key);
    const e = await lineError(() => client.pushMessage({ to: friend.userId, messages: [text('once')] }, key));
    expect(e.status).toBe(409);
    expect(e.headers.get('x-line-accepted-request-id')).toBe(first.httpResponse.headers.get('x-line-request-id'));
    expect(e.body.sentMessages).toEqual(first.body.sentMessages);
    expect(await inbox(sandbox, friend.userId)).toHaveLength(1);
    expect(sandbox.stats().endpoints.push).toMatchObject({ accepted: 1, conflict: 1 });
  });

  it('forgets a key after 24 hours', async () => {
    const clock = fakeClock();
    const { sandbox, client } = await setup({ now: clock.now });
    const friend = await addFriend(sandbox, 'Taro');
    const key = randomUUID();
    await client.pushMessage({ to: friend.userId, messages: [text('day 1')] }, key);
    clock.advance(24 * 3600_000 - 1);
    expect((await lineError(() => client.pushMessage({ to: friend.userId, messages: [text('day 1')] }, key))).status).toBe(409);
    clock.advance(1);
    await client.pushMessage({ to: friend.userId, messages: [text('day 2')] }, key);
    expect(await inbox(sandbox, friend.userId)).toHaveLength(2);
  });

  it('applies to multicast too, and rejects a key that is not a UUID', async () => {
    const { sandbox, client } = await setup();
    const a = await addFriend(sandbox, 'A');
    const b = await addFriend(sandbox, 'B');
    const key = randomUUID();
    expect(await client.multicast({ to: [a.userId, b.userId], messages: [text('all')] }, key)).toEqual({});
    const again = await lineError(() => client.multicast({ to: [a.userId, b.userId], messages: [text('all')] }, key));
    expect(again.status).toBe(409);
    expect(again.headers.get('x-line-accepted-request-id')).toBeTruthy();
    expect(await inbox(sandbox, b.userId)).toHaveLength(1);
    const bad = await lineError(() => client.pushMessage({ to: a.userId, messages: [text('x')] }, 'not-a-uuid'));
    expect(bad.status).toBe(400);
  });
});

describe('multicast', () => {
  it('rejects 501 recipients with 400 naming `to`', async () => {
    const { client } = await setup();
    const to = Array.from({ length: 501 }, (_, i) => `U${i.toString(16).padStart(32, '0')}`);
    const e = await lineError(() => client.multicast({ to, messages: [text('hi')] }));
    expect(e.status).toBe(400);
    expect(e.body.details).toEqual([{ message: 'Size must be between 1 and 500', property: 'to' }]);
  });
});

describe('rate limits and quota', () => {
  it('paces pushes with a token bucket: 429 beyond the rate, a token back every 1/rate seconds', async () => {
    const clock = fakeClock();
    const { sandbox, client } = await setup({ now: clock.now, limits: { pushPerSecond: 3 } });
    const friend = await addFriend(sandbox, 'Taro');
    const push = () => client.pushMessage({ to: friend.userId, messages: [text('x')] });
    for (let i = 0; i < 3; i++) await push();
    const e = await lineError(push);
    expect(e).toMatchObject({ status: 429, body: { message: 'The API rate limit has been exceeded. Try again later.' } });
    clock.advance(334);
    await push();
    expect((await lineError(push)).status).toBe(429);
    // multicast has a bucket of its own
    await client.multicast({ to: [friend.userId], messages: [text('m')] });
    expect(sandbox.stats().endpoints.push).toMatchObject({ accepted: 4, rate_limited: 2 });
    expect(sandbox.invalidRequests()).toEqual([]);
  });

  it('takes a push limit and a sliding window through the admin API: the rate in any second, no burst after idle', async () => {
    const clock = fakeClock();
    const { sandbox, client } = await setup({ now: clock.now });
    const set = await admin(sandbox, 'POST', '/config', { pushPerSecond: 2, rateLimitMode: 'sliding-window' });
    expect(set.json).toMatchObject({ pushPerSecond: 2, multicastPerSecond: 200, rateLimitMode: 'sliding-window' });
    expect((await admin(sandbox, 'GET', '/config')).json).toMatchObject({ pushPerSecond: 2, rateLimitMode: 'sliding-window' });
    const friend = await addFriend(sandbox, 'Taro');
    const push = () => client.pushMessage({ to: friend.userId, messages: [text('x')] });
    await push();
    clock.advance(600);
    await push();
    expect((await lineError(push)).status).toBe(429);
    // A token bucket would have a token back by now; the window waits until the first push is a second old.
    clock.advance(399);
    expect((await lineError(push)).status).toBe(429);
    clock.advance(1);
    await push();
    expect(sandbox.stats().endpoints.push).toMatchObject({ accepted: 3, rate_limited: 2 });
    expect((await admin(sandbox, 'POST', '/config', { pushPerSecond: 0 })).status).toBe(400);
  });

  it('answers 429 "You have reached your monthly limit." past the quota; blocked friends cost nothing', async () => {
    const { sandbox, client } = await setup({ limits: { monthlyQuota: 2 } });
    const a = await addFriend(sandbox, 'A');
    const b = await addFriend(sandbox, 'B');
    await admin(sandbox, 'POST', `/friends/${b.userId}/block`);
    expect(await client.getMessageQuota()).toEqual({ type: 'limited', value: 2 });
    // five message objects in one request are billed as one message
    await client.pushMessage({ to: a.userId, messages: [1, 2, 3, 4, 5].map((i) => text(`${i}`)) });
    await client.pushMessage({ to: b.userId, messages: [text('to blocked')] });
    expect(await client.getMessageQuotaConsumption()).toEqual({ totalUsage: 1 });
    await client.pushMessage({ to: a.userId, messages: [text('second')] });
    const e = await lineError(() => client.pushMessage({ to: a.userId, messages: [text('third')] }));
    expect(e).toMatchObject({ status: 429, body: { message: 'You have reached your monthly limit.' } });
    expect(await client.getMessageQuotaConsumption()).toEqual({ totalUsage: 2 });
    expect(sandbox.stats().endpoints.push).toMatchObject({ quota_exceeded: 1 });
  });
});

describe('blocked friends', () => {
  it('accepts the push with 200 but nothing reaches the inbox', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    await admin(sandbox, 'POST', `/friends/${friend.userId}/block`);
    const res = await client.pushMessage({ to: friend.userId, messages: [text('are you there?')] });
    expect(res.sentMessages).toHaveLength(1);
    expect(await inbox(sandbox, friend.userId)).toEqual([]);
    expect(sandbox.stats().perUser[friend.userId]).toEqual({ delivered: 0, undelivered: 1, status: 'blocked' });
  });
});

describe('fault injection', () => {
  it('fails the next N requests with 500, then recovers', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    await admin(sandbox, 'POST', '/faults', { failNext: 2 });
    const push = () => client.pushMessage({ to: friend.userId, messages: [text('x')] });
    expect((await lineError(push)).status).toBe(500);
    expect((await lineError(push)).status).toBe(500);
    await push();
    expect(sandbox.stats().totals.status5xx).toBe(2);
  });

  it('answers 5xx at the configured rate and adds latency', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    await admin(sandbox, 'POST', '/faults', { errorRate: 1, latencyMs: 50 });
    const started = Date.now();
    expect((await lineError(() => client.pushMessage({ to: friend.userId, messages: [text('x')] }))).status).toBe(500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    await admin(sandbox, 'POST', '/faults/reset');
    await client.pushMessage({ to: friend.userId, messages: [text('x')] });
  });

  it('accepts then drops the connection; the retry with the same key gets 409 and nothing is sent twice', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    await admin(sandbox, 'POST', '/faults', { dropAfterAcceptRate: 1 });
    const key = randomUUID();
    await expect(client.pushMessage({ to: friend.userId, messages: [text('maybe')] }, key)).rejects.toThrow();
    await admin(sandbox, 'POST', '/faults/reset');
    const e = await lineError(() => client.pushMessage({ to: friend.userId, messages: [text('maybe')] }, key));
    expect(e.status).toBe(409);
    const messages = await inbox(sandbox, friend.userId);
    expect(messages).toHaveLength(1);
    expect(e.body.sentMessages?.[0]?.id).toBe(messages[0]?.messageId);
    expect(sandbox.stats().endpoints.push).toMatchObject({ dropped: 1, conflict: 1 });
  });

  it('accepts then holds the answer: the message is in the inbox while the caller waits; after it gives up, the same key gets 409', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    await admin(sandbox, 'POST', '/faults', { holdAfterAcceptMs: 600_000 });
    const key = randomUUID();
    const caller = new AbortController();
    let answered = false;
    const held = fetch(`${sandbox.url}/v2/bot/message/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'x-line-retry-key': key },
      body: JSON.stringify({ to: friend.userId, messages: [text('held')] }),
      signal: caller.signal,
    }).finally(() => (answered = true));
    const deadline = Date.now() + 10_000;
    while ((await inbox(sandbox, friend.userId)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(await inbox(sandbox, friend.userId)).toHaveLength(1);
    expect(sandbox.stats().endpoints.push).toMatchObject({ accepted: 1 });
    expect(answered).toBe(false);
    caller.abort();
    await expect(held).rejects.toThrow();
    await admin(sandbox, 'POST', '/faults/reset');
    const e = await lineError(() => client.pushMessage({ to: friend.userId, messages: [text('held')] }, key));
    expect(e.status).toBe(409);
    expect(await inbox(sandbox, friend.userId)).toHaveLength(1);
    expect(sandbox.stats().endpoints.push).toMatchObject({ accepted: 1, conflict: 1 });
  });

  it('a short hold answers 200 once it ends; refusals are never held', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    await admin(sandbox, 'POST', '/faults', { holdAfterAcceptMs: 50 });
    const key = randomUUID();
    const started = Date.now();
    await client.pushMessage({ to: friend.userId, messages: [text('x')] }, key);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    await admin(sandbox, 'POST', '/faults', { holdAfterAcceptMs: 600_000 });
    expect((await lineError(() => client.pushMessage({ to: friend.userId, messages: [text('x')] }, key))).status).toBe(409);
    expect(
      (await lineError(() => client.pushMessage({ to: friend.userId, messages: Array.from({ length: 6 }, () => text('x')) }))).status,
    ).toBe(400);
  });
});

describe('profile, link token, validate', () => {
  it('returns the profile of a friend, 404 for strangers and blockers', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, '花子', { language: 'ja', pictureUrl: 'https://example.com/p.png' });
    expect(await client.getProfile(friend.userId)).toEqual({
      userId: friend.userId,
      displayName: '花子',
      language: 'ja',
      pictureUrl: 'https://example.com/p.png',
    });
    expect((await lineError(() => client.getProfile(`U${'f'.repeat(32)}`))).status).toBe(404);
    await admin(sandbox, 'POST', `/friends/${friend.userId}/block`);
    expect((await lineError(() => client.getProfile(friend.userId))).status).toBe(404);
  });

  it('issues link tokens and validates message objects without sending', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    const { linkToken } = await client.issueLinkToken(friend.userId);
    expect(sandbox.state.linkTokens.get(linkToken)).toMatchObject({ userId: friend.userId, used: false });
    await client.validatePush({ messages: [text('ok')] });
    expect((await lineError(() => client.validatePush({ messages: [] }))).status).toBe(400);
    expect(await inbox(sandbox, friend.userId)).toEqual([]);
  });

  it('answers bodies that match the response schemas of messaging-api.yml', async () => {
    const { sandbox, client } = await setup({ limits: { monthlyQuota: 10 } });
    const friend = await addFriend(sandbox, 'Taro', { pictureUrl: 'https://example.com/p.png' });
    const v = loadLineValidator();
    const check = (schema: MessagingSchemaName, body: unknown) =>
      expect({ schema, problems: v.messaging(schema, body) }).toEqual({ schema, problems: [] });
    check(
      'PushMessageResponse',
      await client.pushMessage({ to: friend.userId, messages: [text('x'), { type: 'sticker', packageId: '446', stickerId: '1988' }] }),
    );
    check('UserProfileResponse', await client.getProfile(friend.userId));
    check('MessageQuotaResponse', await client.getMessageQuota());
    check('QuotaConsumptionResponse', await client.getMessageQuotaConsumption());
    check('IssueLinkTokenResponse', await client.issueLinkToken(friend.userId));
    check('BotInfoResponse', await client.getBotInfo());
    expect((await client.getBotInfo()).userId).toBe(sandbox.state.config.botUserId);
    check('ErrorResponse', (await lineError(() => client.pushMessage({ to: friend.userId, messages: [] }))).body);
  });

  it('lists every request that broke the contract at GET /__sandbox/invalid-requests', async () => {
    const { sandbox, client } = await setup();
    const friend = await addFriend(sandbox, 'Taro');
    await client.pushMessage({ to: friend.userId, messages: [text('fine')] });
    await lineError(() => client.pushMessage({ to: friend.userId, messages: [] }));
    const res = await fetch(`${sandbox.url}/v2/bot/message/narrowcast`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    const { json } = await admin(sandbox, 'GET', '/invalid-requests');
    expect(json).toMatchObject({
      count: 2,
      requests: [
        { endpoint: 'push', problems: [{ property: 'messages', message: 'Size must be between 1 and 5' }] },
        { endpoint: 'unknown', path: '/v2/bot/message/narrowcast' },
      ],
    });
  });
});
