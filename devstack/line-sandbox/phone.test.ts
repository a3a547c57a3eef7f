// The simulated phone: signed webhooks LINE would send, redelivery, link taps, account linking, CORS.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { messagingApi, validateSignature } from '@line/bot-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SandboxActionResponse, SandboxFriendsResponse, SandboxTapResponse } from '../../lib/line/sandbox-admin-schema';
import { loadLineValidator } from './openapi-validator';
import { startLineSandbox, type LineSandbox } from './server';
import { SECRET, TOKEN, addFriend, admin } from './test-helpers';

type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; raw: string };

/** A stand-in for the app: records webhooks, and answers /r/* like a tracked-link redirector. */
let app: http.Server;
let appUrl = '';
let received: Received[] = [];
let sandbox: LineSandbox;

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const WebhookBody = z.object({
  destination: z.string(),
  events: z.array(
    z.looseObject({
      type: z.string(),
      webhookEventId: z.string(),
      timestamp: z.number(),
      mode: z.literal('active'),
      source: z.object({ type: z.literal('user'), userId: z.string() }),
      deliveryContext: z.object({ isRedelivery: z.boolean() }),
      replyToken: z.string().optional(),
    }),
  ),
});

function lastWebhook() {
  const hit = received.filter((r) => r.path === '/api/line/webhook').at(-1);
  if (!hit) throw new Error('no webhook received');
  const signature = hit.headers['x-line-signature'];
  if (typeof signature !== 'string') throw new Error('webhook without x-line-signature');
  const parsed: unknown = JSON.parse(hit.raw);
  return { raw: hit.raw, signature, body: WebhookBody.parse(parsed), json: parsed };
}

function onlyEvent() {
  const { body } = lastWebhook();
  expect(body.events).toHaveLength(1);
  const event = body.events[0];
  if (!event) throw new Error('no event');
  return event;
}

beforeAll(async () => {
  app = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      if (req.url?.startsWith('/r/')) res.writeHead(302, { location: 'https://shop.example.com/sale' }).end();
      else res.writeHead(200).end('OK');
    });
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', () => r()));
  const address: AddressInfo | string | null = app.address();
  if (address === null || typeof address === 'string') throw new Error('app has no TCP address');
  appUrl = `http://127.0.0.1:${address.port}`;
  sandbox = await startLineSandbox({ channelSecret: SECRET, channelAccessToken: TOKEN, webhookUrl: `${appUrl}/api/line/webhook` });
});

afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((r) => app.close(() => r()));
});

beforeEach(async () => {
  received = [];
  await admin(sandbox, 'POST', '/reset');
});

describe('webhooks', () => {
  it('adding a friend fires a follow webhook signed with the channel secret, valid against webhook.yml', async () => {
    const friend = await addFriend(sandbox, 'Taro', { language: 'ja' });
    const { raw, signature, body, json } = lastWebhook();
    expect(validateSignature(raw, SECRET, signature)).toBe(true);
    expect(validateSignature(raw, 'another-secret', signature)).toBe(false);
    expect(loadLineValidator().webhook(json)).toEqual([]);
    expect(body.destination).toMatch(/^U[0-9a-f]{32}$/);
    const event = onlyEvent();
    expect(event).toMatchObject({ type: 'follow', source: { userId: friend.userId }, follow: { isUnblocked: false } });
    expect(event.webhookEventId).toMatch(ULID);
    expect(event.replyToken).toBeTruthy();
    expect(event.deliveryContext.isRedelivery).toBe(false);
    expect(received.at(-1)?.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('block fires unfollow without a reply token; unblock fires follow with isUnblocked', async () => {
    const friend = await addFriend(sandbox, 'Taro');
    const blocked = SandboxActionResponse.parse((await admin(sandbox, 'POST', `/friends/${friend.userId}/block`)).json);
    expect(blocked.friend?.status).toBe('blocked');
    expect(blocked.webhook?.status).toBe(200);
    const unfollow = onlyEvent();
    expect(unfollow.type).toBe('unfollow');
    expect(unfollow.replyToken).toBeUndefined();
    expect((await admin(sandbox, 'POST', `/friends/${friend.userId}/block`)).status).toBe(409);
    await admin(sandbox, 'POST', `/friends/${friend.userId}/unblock`);
    expect(onlyEvent()).toMatchObject({ type: 'follow', follow: { isUnblocked: true } });
  });

  it('a text from the friend fires a message event; a button press fires postback', async () => {
    const friend = await addFriend(sandbox, 'Taro');
    await admin(sandbox, 'POST', `/friends/${friend.userId}/message`, { text: 'クーポンください' });
    expect(onlyEvent()).toMatchObject({ type: 'message', message: { type: 'text', text: 'クーポンください' } });
    await admin(sandbox, 'POST', `/friends/${friend.userId}/postback`, { data: 'action=coupon_used&id=42' });
    expect(onlyEvent()).toMatchObject({ type: 'postback', postback: { data: 'action=coupon_used&id=42' } });
    for (const r of received) expect(loadLineValidator().webhook(JSON.parse(r.raw))).toEqual([]);
  });

  it('redelivers the last webhook with the same webhookEventId and isRedelivery: true, freshly signed', async () => {
    await addFriend(sandbox, 'Taro');
    const first = onlyEvent();
    await admin(sandbox, 'POST', '/webhooks/redeliver-last');
    const again = onlyEvent();
    expect(again).toEqual({ ...first, deliveryContext: { isRedelivery: true } });
    const { raw, signature } = lastWebhook();
    expect(validateSignature(raw, SECRET, signature)).toBe(true);
  });

  it('records the app status of each delivery and fires nothing without a webhook url', async () => {
    await admin(sandbox, 'POST', '/config', { webhookUrl: `${appUrl}/elsewhere` });
    const r = SandboxActionResponse.parse((await admin(sandbox, 'POST', '/friends', { displayName: 'A' })).json);
    expect(r.webhook).toMatchObject({ status: 200, url: `${appUrl}/elsewhere` });
    await admin(sandbox, 'POST', '/config', { webhookUrl: null });
    const quiet = SandboxActionResponse.parse((await admin(sandbox, 'POST', '/friends', { displayName: 'B' })).json);
    expect(quiet.webhook).toMatchObject({ status: null, error: 'no webhookUrl configured' });
    await admin(sandbox, 'POST', '/config', { webhookUrl: `${appUrl}/api/line/webhook` });
  });
});

describe('phone actions', () => {
  it('a tap performs one GET without following redirects and reports status and location', async () => {
    const friend = await addFriend(sandbox, 'Taro');
    const r = await admin(sandbox, 'POST', `/friends/${friend.userId}/tap`, { url: `${appUrl}/r/abc.def` });
    expect(SandboxTapResponse.parse(r.json)).toEqual({ status: 302, location: 'https://shop.example.com/sale' });
    expect(received.filter((x) => x.method === 'GET').map((x) => x.path)).toEqual(['/r/abc.def']);
  });

  it('runs LINE account linking: link token, dialog with nonce, accountLink webhook; a spent token fails', async () => {
    const friend = await addFriend(sandbox, 'Taro');
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
    const { linkToken } = await client.issueLinkToken(friend.userId);
    const dialog = `${sandbox.url}/dialog/bot/accountLink?linkToken=${linkToken}&nonce=n0nce`;
    expect((await fetch(dialog)).status).toBe(200);
    expect(onlyEvent()).toMatchObject({ type: 'accountLink', link: { result: 'ok', nonce: 'n0nce' }, source: { userId: friend.userId } });
    await fetch(dialog);
    const failed = onlyEvent();
    expect(failed).toMatchObject({ type: 'accountLink', link: { result: 'failed' } });
    expect(failed.replyToken).toBeUndefined();
  });

  it('lists friends and validates admin bodies with field-level issues', async () => {
    await addFriend(sandbox, 'Taro');
    const { friends } = SandboxFriendsResponse.parse((await admin(sandbox, 'GET', '/friends')).json);
    expect(friends.map((f) => f.displayName)).toEqual(['Taro']);
    const bad = await admin(sandbox, 'POST', '/friends', { displayName: '' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: ['displayName'] }] } });
    expect((await admin(sandbox, 'POST', `/friends/U${'0'.repeat(32)}/message`, { text: 'hi' })).status).toBe(404);
  });

  it('allows any origin on /__sandbox/* so the dev phone page can call it from the browser', async () => {
    const pre = await fetch(`${sandbox.url}/__sandbox/friends`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect((await admin(sandbox, 'GET', '/stats')).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('leaves the per-friend list out of /stats on request, keeping the counters', async () => {
    const friend = await addFriend(sandbox, 'Stats');
    const full = (await admin(sandbox, 'GET', '/stats')).json as { perUser: Record<string, unknown>; messages: unknown };
    const lean = (await admin(sandbox, 'GET', '/stats?perUser=false')).json as Record<string, unknown>;
    expect(full.perUser[friend.userId]).toMatchObject({ delivered: 0, status: 'friend' });
    expect(lean).not.toHaveProperty('perUser');
    expect(lean.messages).toEqual(full.messages);
  });
});
