// The sandbox's 1:1 chat endpoints Kizuna's inbox uses: POST /v2/bot/chat/markAsRead (the token a message event
// carried marks it and every earlier message of that chat read; the phone shows 既読) and the loading animation
// (POST /v2/bot/chat/loading/start), both validated against the OpenAPI spec.
import { messagingApi } from '@line/bot-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startLineSandbox, type LineSandbox } from './server';
import { TOKEN, addFriend, admin, lineError } from './test-helpers';

let sandbox: LineSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const tokensOf = (s: LineSandbox) =>
  s.state.webhooks.flatMap((w) => w.events.flatMap((e) => (e.type === 'message' ? [e.message.markAsReadToken] : [])));

describe('chat endpoints', () => {
  it('markAsRead with a message token reads it and the earlier ones; an unknown token is refused', async () => {
    sandbox = await startLineSandbox({ channelAccessToken: TOKEN });
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
    const friend = await addFriend(sandbox, 'Hanako', { webhook: false });
    for (const text of ['one', 'two', 'three']) await admin(sandbox, 'POST', `/friends/${friend.userId}/message`, { text });
    const tokens = tokensOf(sandbox);
    expect(tokens).toHaveLength(3);

    await client.markMessagesAsReadByToken({ markAsReadToken: tokens[1]! });
    const chat = (await admin(sandbox, 'GET', `/friends/${friend.userId}/chat`)).json as { messages: { readAt: string | null }[] };
    expect(chat.messages.map((m) => m.readAt !== null)).toEqual([true, true, false]);

    expect(await lineError(() => client.markMessagesAsReadByToken({ markAsReadToken: 'nope' }))).toMatchObject({ status: 400 });
    expect(sandbox.invalidRequests()).toEqual([]);
  });

  it('loading/start shows the animation in a friend’s chat for a multiple of 5 seconds, and refuses anything else', async () => {
    sandbox = await startLineSandbox({ channelAccessToken: TOKEN });
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
    const friend = await addFriend(sandbox, 'Jiro', { webhook: false });
    await client.showLoadingAnimation({ chatId: friend.userId, loadingSeconds: 20 });
    expect(
      ((await admin(sandbox, 'GET', `/friends/${friend.userId}/chat`)).json as { loadingUntil: string | null }).loadingUntil,
    ).not.toBeNull();
    expect(await lineError(() => client.showLoadingAnimation({ chatId: friend.userId, loadingSeconds: 7 }))).toMatchObject({ status: 400 });
    expect(await lineError(() => client.showLoadingAnimation({ chatId: friend.userId, loadingSeconds: 90 }))).toMatchObject({
      status: 400,
    });
    expect(await lineError(() => client.showLoadingAnimation({ chatId: `U${'0'.repeat(32)}` }))).toMatchObject({ status: 400 });
  });
});
