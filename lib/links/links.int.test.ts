// Tracked-link clicks, member binding by signed parameter, and LINE's account-link flow through the sandbox.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, friends } from '@/db/schema';
import { createEdgeHarness, TEST_CHANNEL_SECRET, type EdgeHarness } from '@/test/edge';
import { accountLinkUrl, completeAccountLink } from '../line/account-link';
import { processWebhookEvent } from '../line/process-event';
import { receiveWebhook } from '../line/receive-webhook';
import { bindMemberByToken } from './bind-member';
import { memberLinkToken } from './member-link';
import { recordClick } from './record-click';
import { trackedUrl } from './tracked';

let h: EdgeHarness;
let friendId = '';
const userId = `U${'d'.repeat(32)}`;

beforeAll(async () => {
  h = await createEdgeHarness();
  const [f] = await h.deps.db.insert(friends).values({ lineUserId: userId, displayName: '連携 太郎' }).returning();
  friendId = f?.id ?? '';
});
afterAll(async () => {
  await h?.close();
});

describe('tracked links', () => {
  it('a click records link_click with run, node and url and answers the target', async () => {
    const url = trackedUrl(
      { runId: 'run-1', nodeId: 'send_a', friendId, target: 'https://shop.example.com/sale', isTest: false },
      { baseUrl: h.deps.appBaseUrl, secret: h.deps.secret },
    );
    const token = url.slice(`${h.deps.appBaseUrl}/r/`.length);
    const click = await recordClick(h.deps, token);
    expect(click?.target).toBe('https://shop.example.com/sale');
    const [e] = await h.deps.db.select().from(events).where(eq(events.name, 'link_click'));
    expect(e).toMatchObject({
      friendId,
      source: 'click',
      isTest: false,
      properties: { runId: 'run-1', nodeId: 'send_a', url: 'https://shop.example.com/sale' },
    });
    expect((await h.dispatched()).at(-1)).toEqual({ kind: 'event', friendId, eventId: e?.id });
  });

  it('a tampered or unknown token records nothing and gives no target', async () => {
    const before = (await h.deps.db.select().from(events)).length;
    const token = trackedUrl(
      { runId: 'r', nodeId: 'n', friendId, target: 'https://shop.example.com/', isTest: false },
      { baseUrl: 'http://x', secret: h.deps.secret },
    ).slice('http://x/r/'.length);
    const [body, sig] = token.split('.');
    const payload = Buffer.from(body ?? '', 'base64url');
    const forged = `${Buffer.concat([payload.subarray(0, payload.length - 'https://shop.example.com/'.length), Buffer.from('https://evil.example.com/')]).toString('base64url')}.${sig}`;
    for (const bad of [forged, `${body}.${'A'.repeat(sig?.length ?? 22)}`, 'nope', '']) expect(await recordClick(h.deps, bad)).toBeNull();
    expect((await h.deps.db.select().from(events)).length).toBe(before);
  });
});

describe('member binding by signed link parameter', () => {
  it('binds with a valid token and refuses expired or forged ones naming the field', async () => {
    const now = h.deps.now();
    const token = memberLinkToken(friendId, { now, secret: h.deps.secret });
    await expect(bindMemberByToken(h.deps, { token, memberId: 'SHOP-77' })).resolves.toMatchObject({ friendId, memberId: 'SHOP-77' });
    expect((await h.deps.db.select().from(friends).where(eq(friends.id, friendId)))[0]?.memberId).toBe('SHOP-77');

    const expired = memberLinkToken(friendId, { now: new Date(now.getTime() - 8 * 86_400_000), secret: h.deps.secret });
    await expect(bindMemberByToken(h.deps, { token: expired, memberId: 'X' })).rejects.toMatchObject({
      code: 'invalid:token',
      issues: [{ path: ['token'] }],
    });
    await expect(bindMemberByToken(h.deps, { token: `${token}x`, memberId: 'X' })).rejects.toMatchObject({ status: 400 });
    await expect(bindMemberByToken(h.deps, { token })).rejects.toMatchObject({ code: 'invalid:body', issues: [{ path: ['memberId'] }] });
  });
});

describe('account link through LINE (the sandbox)', () => {
  it('link token → /link → nonce → dialog → accountLink webhook binds the member', async () => {
    await h.sandbox.phone.addFriend({ userId, displayName: '連携 太郎' }, false);
    const url = new URL(await accountLinkUrl(h.deps, friendId));
    expect(url.pathname).toBe('/link');
    const linkToken = url.searchParams.get('linkToken') ?? '';
    const dialog = await completeAccountLink(h.deps, { linkToken, state: url.searchParams.get('state'), memberId: 'SHOP-88' });
    expect(dialog.startsWith(`${h.sandbox.url}/dialog/bot/accountLink?`)).toBe(true);

    const res = await fetch(dialog);
    expect(res.status).toBe(200);
    const delivery = h.sandbox.state.webhooks.at(-1);
    if (!delivery) throw new Error('the dialog fired no webhook');
    const { newEventIds } = await receiveWebhook(
      { db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET },
      Buffer.from(delivery.body),
      delivery.signature,
    );
    const [id] = newEventIds;
    expect(await processWebhookEvent(h.deps, id ?? '')).toMatchObject({
      outcome: 'processed',
      type: 'accountLink',
      note: 'linked to member SHOP-88',
    });
    expect((await h.deps.db.select().from(friends).where(eq(friends.id, friendId)))[0]?.memberId).toBe('SHOP-88');

    // The dialog's nonce is spent: replaying the same event id is deduplicated, and a tampered state is refused.
    await expect(completeAccountLink(h.deps, { linkToken, state: 'x.y', memberId: 'SHOP-99' })).rejects.toMatchObject({
      code: 'invalid:state',
    });
  });
});
