// Channel-level faults of the sandbox: a revoked access token (401 until the token is fixed) and the monthly quota
// (429 until it grows), with the quota endpoints answering what the channel used.
import { messagingApi } from '@line/bot-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { LINE_ERRORS } from './routes-messaging';
import { startLineSandbox, type LineSandbox } from './server';
import { TOKEN, addFriend, admin, lineError } from './test-helpers';

const text = (t: string) => ({ type: 'text' as const, text: t });
let sandbox: LineSandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('channel faults', () => {
  it('a revoked token answers 401 on every LINE call until it is restored, and the refusals are not Kizuna’s mistakes', async () => {
    sandbox = await startLineSandbox({ channelAccessToken: TOKEN });
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
    const friend = await addFriend(sandbox, 'Taro');
    expect(await admin(sandbox, 'POST', '/credentials', { revoked: true })).toMatchObject({ status: 200, json: { revoked: true } });
    expect(await lineError(() => client.pushMessage({ to: friend.userId, messages: [text('hello')] }))).toMatchObject({
      status: 401,
      body: { message: LINE_ERRORS.badAuth },
    });
    expect(await lineError(() => client.getBotInfo())).toMatchObject({ status: 401 });
    expect(sandbox.stats().endpoints.push).toMatchObject({ unauthorized: 1 });
    expect(sandbox.invalidRequests()).toEqual([]);
    expect((await admin(sandbox, 'GET', '/credentials')).json).toEqual({ revoked: true });
    await admin(sandbox, 'POST', '/credentials', { revoked: false });
    await client.pushMessage({ to: friend.userId, messages: [text('hello')] });
    expect((await client.getBotInfo()).displayName).toBeTruthy();
    expect(sandbox.state.friends.get(friend.userId)?.inbox).toHaveLength(1);
    expect((await admin(sandbox, 'POST', '/credentials', { revoked: 'yes' })).status).toBe(400);
  });

  it('past the monthly quota a push answers 429 until the quota grows; quota and consumption say where the month is', async () => {
    sandbox = await startLineSandbox({ limits: { monthlyQuota: 1 } });
    const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: sandbox.url });
    const friend = await addFriend(sandbox, 'Hanako');
    await client.pushMessage({ to: friend.userId, messages: [text('one')] });
    const refused = await lineError(() => client.pushMessage({ to: friend.userId, messages: [text('two')] }));
    expect(refused).toMatchObject({ status: 429, body: { message: LINE_ERRORS.monthlyLimit } });
    expect(await client.getMessageQuota()).toEqual({ type: 'limited', value: 1 });
    expect(await client.getMessageQuotaConsumption()).toEqual({ totalUsage: 1 });
    await admin(sandbox, 'POST', '/config', { monthlyQuota: 5 });
    await client.pushMessage({ to: friend.userId, messages: [text('two')] });
    expect(await client.getMessageQuota()).toEqual({ type: 'limited', value: 5 });
    expect(await client.getMessageQuotaConsumption()).toEqual({ totalUsage: 2 });
    await admin(sandbox, 'POST', '/config', { monthlyQuota: null });
    expect(await client.getMessageQuota()).toEqual({ type: 'none' });
  });
});
