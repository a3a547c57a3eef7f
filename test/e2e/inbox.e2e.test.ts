// Browser, one full stack: the operator inbox (チャット, issue 21). A message typed on the sandbox phone appears in the
// inbox without a reload, with its unread count; opening the thread marks it read on LINE (the sandbox phone shows
// 既読); the operator answers and the message arrives on the phone; while the friend is 対応中 an automated scenario
// send waits (named in the thread) and goes out when the status is cleared, shown in the thread as the scenario's; a
// template's placeholders are filled for the friend. Every step is audited.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, chatMessages, friends, scenarios } from '../../db/schema';
import { createMessageTemplate } from '../../db/queries/message-templates';
import { insertVersion } from '../../db/queries/scenario-versions';
import { compile } from '../../scenario/compile';
import type { ScenarioGraphInput } from '../../scenario/schema';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';

let stack: FullStack;
let browser: Browser;
let page: Page;
const userId = `U${randomBytes(16).toString('hex')}`;
const QUESTION = '予約の時間を変更できますか？';
const ANSWER = 'はい、変更できます。ご希望の時間を教えてください。';
const AUTO = '【自動】お問い合わせありがとうございます';

const phoneTexts = () =>
  (stack.sandbox.state.friends.get(userId)?.inbox ?? []).map((m) => (m.message.type === 'text' ? String(m.message.text) : m.message.type));
const chatReads = () => [...stack.sandbox.state.chatReads.values()].filter((r) => r.userId === userId);

/** A live scenario that answers every message the friend writes (event trigger `line_message`). */
async function publishAutoReply(): Promise<void> {
  const graph: ScenarioGraphInput = {
    schemaVersion: 1,
    settings: { timeZone: 'Asia/Tokyo', splitSalt: 'inbox-e2e' },
    nodes: [
      {
        id: 'trigger',
        kind: 'trigger',
        position: { x: 0, y: 0 },
        data: { trigger: { type: 'event', eventName: 'line_message', filter: [] }, reEntry: 'always' },
      },
      { id: 'auto', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: AUTO }] } },
      { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'auto' },
      { id: 'e2', source: 'auto', sourceHandle: 'next', target: 'end' },
    ],
  };
  const [s] = await stack.tdb.db.insert(scenarios).values({ name: '自動応答', draft: graph, status: 'live' }).returning();
  if (!s) throw new Error('no scenario');
  const v = await insertVersion(stack.tdb.db, { scenarioId: s.id, graph, plan: compile(graph), publishedBy: 'test' });
  await stack.tdb.db.update(scenarios).set({ liveVersionId: v.id }).where(eq(scenarios.id, s.id));
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-inbox-test' }), launchBrowser()]);
  // The webhook route compiles on its first request, which may outlast the sandbox's webhook timeout: compile it first.
  await fetch(`${stack.app.url}/api/line/webhook`, { method: 'POST', body: '{}' });
  await stack.sandbox.phone.addFriend({ userId, displayName: '佐藤 花子' });
  for (let tries = 0; ; tries++) {
    const [made] = await stack.tdb.db.select({ id: friends.id }).from(friends).where(eq(friends.lineUserId, userId));
    if (made) break;
    if (tries > 120) throw new Error('the friend never arrived');
    await new Promise((r) => setTimeout(r, 500));
  }
  await createMessageTemplate(stack.tdb.db, {
    name: 'お礼',
    messages: [{ type: 'text', text: '{{friend.displayName}}様、ご連絡ありがとうございました。' }],
    createdBy: 'owner@example.com',
  });
  const owner = await stack.signIn(null, 'owner');
  for (const p of ['/inbox', '/api/inbox']) await fetch(`${stack.app.url}${p}`, { headers: { cookie: owner.cookie } });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await stack.signIn(context, 'owner');
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('operator inbox', () => {
  it('a phone message appears live, is read on LINE when opened, the answer arrives, and 対応中 holds automated sends', async () => {
    await page.goto(`${stack.app.url}/inbox`);
    await expect.poll(() => page.getByTestId('inbox').isVisible()).toBe(true);
    // Typed on the phone after the page loaded: it shows up by polling, unread.
    await stack.sandbox.phone.sendText(userId, QUESTION);
    const row = page.getByTestId('inbox-conversation').filter({ hasText: '佐藤 花子' });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain(QUESTION);
    await expect.poll(() => row.getByTestId('inbox-unread').textContent()).toBe('1');
    expect(chatReads().map((r) => r.readAt)).toEqual([null]);

    // Opening the thread marks it read, here and on LINE (markAsRead with the message's token: the phone shows 既読).
    await row.click();
    await expect.poll(() => page.getByTestId('inbox-message-in').first().textContent(), { timeout: 20_000 }).toBe(QUESTION);
    await expect.poll(() => chatReads().every((r) => r.readAt !== null), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => row.getByTestId('inbox-unread').count()).toBe(0);
    expect(stack.sandbox.state.requests.filter((r) => r.endpoint === 'markAsRead').map((r) => [r.status, r.valid])).toEqual([[200, true]]);

    // The operator answers: a push with a retry key, shown in the thread and on the phone.
    await page.getByTestId('inbox-compose').fill(ANSWER);
    await page.getByTestId('inbox-send').click();
    await expect.poll(() => phoneTexts(), { timeout: 10_000 }).toEqual([ANSWER]);
    await expect.poll(() => page.getByTestId('inbox-message-out').last().textContent()).toBe(ANSWER);
    const push = stack.sandbox.state.requests.find((r) => r.endpoint === 'push');
    expect(push).toMatchObject({ status: 200, valid: true });
    expect(push?.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    // The loading animation (started while typing) passed LINE's checks too.
    expect(stack.sandbox.state.requests.filter((r) => r.endpoint === 'loading').every((r) => r.valid && r.status === 202)).toBe(true);

    // 対応中: an automated reply the friend's next message triggers waits, and the thread says which one.
    await page.getByTestId('inbox-handling-toggle').click();
    await expect.poll(() => page.getByTestId('inbox-handling-badge').isVisible()).toBe(true);
    await publishAutoReply();
    await stack.sandbox.phone.sendText(userId, '19時でお願いします');
    await expect.poll(() => page.getByTestId('inbox-held').textContent(), { timeout: 30_000 }).toContain('自動応答');
    await expect.poll(() => page.getByTestId('inbox-message-in').last().textContent()).toBe('19時でお願いします');
    await page.screenshot({ path: '/tmp/shots/inbox.png' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(phoneTexts()).toEqual([ANSWER]);

    // Cleared: the held send goes out at once.
    await page.getByTestId('inbox-handling-toggle').click();
    await expect.poll(() => phoneTexts(), { timeout: 20_000 }).toEqual([ANSWER, AUTO]);
    await expect.poll(() => page.getByTestId('inbox-handling-badge').count()).toBe(0);

    const stored = await stack.tdb.db.select().from(chatMessages);
    expect(stored.map((m) => [m.direction, m.status]).sort()).toEqual([
      ['in', 'received'],
      ['in', 'received'],
      ['out', 'sent'],
    ]);
    const audited = (await stack.tdb.db.select().from(auditLog).orderBy(auditLog.at)).map((a) => a.action);
    expect(audited.filter((a) => a.startsWith('chat_'))).toEqual(['chat_message_sent', 'chat_handling_changed', 'chat_handling_changed']);
    // The audit log never holds what was written.
    expect(JSON.stringify(await stack.tdb.db.select().from(auditLog))).not.toContain(ANSWER);

    // The thread shows what the account sent on its own too, interleaved: the scenario's send, under its name.
    const auto = page.getByTestId('inbox-message-out').filter({ hasText: AUTO });
    await expect.poll(() => auto.getAttribute('data-source'), { timeout: 20_000 }).toBe('scenario');
    await expect.poll(() => page.getByTestId('inbox-thread').textContent()).toContain('シナリオ「自動応答」');
    const order = await page.locator('[data-testid^="inbox-message-"]').allTextContents();
    expect(order).toEqual([QUESTION, ANSWER, '19時でお願いします', AUTO]);

    // A template is inserted as the friend will read it, and arrives so.
    const THANKS = '佐藤 花子様、ご連絡ありがとうございました。';
    await page.getByTestId('inbox-template').selectOption({ label: 'お礼' });
    await expect.poll(() => page.getByTestId('inbox-compose').inputValue()).toBe(THANKS);
    await page.getByTestId('inbox-send').click();
    await expect.poll(() => phoneTexts(), { timeout: 10_000 }).toEqual([ANSWER, AUTO, THANKS]);
  });
});
