// Browser, everything real: a friend added on the sandbox phone gets the welcome scenario's first message (webhook → app →
// Temporal → worker → sandbox → phone), and the editor's "Send test" runs the draft for a test friend with waits compressed.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { friends, outbox, runSteps, runs, scenarioVersions } from '../../db/schema';
import { repoRoot } from '../../devstack/paths';
import { artefactPath } from '../app';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';
import { browserCookie } from '../operators';

let stack: FullStack;
let browser: Browser;
let scenarioId = '';
/** An owner's session, for the API calls and every page (publish, the sandbox phone and テスト配信 all need a role). */
let session = '';

const WELCOME_TEXT = 'さん、友だち追加ありがとうございます！';
const DAY14_TEXT = 'さん、クーポンの有効期限はあと3日です。';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-full-stack-test' }), launchBrowser()]);
  ({ cookie: session } = await stack.signIn(null, 'owner'));
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
  await page.context().addCookies([browserCookie(stack.app.url, session)]);
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  page.on('response', async (r) => {
    if (r.status() >= 500) console.log('HTTP', r.status(), r.request().method(), r.url(), (await r.text().catch(() => '')).slice(0, 300));
  });
  return page;
}

async function api<T>(schema: z.ZodType<T>, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.app.url}${url}`, {
    method,
    headers: { cookie: session, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
  return schema.parse(json);
}

/** The welcome scenario of examples/, without its quiet hours so the day-0 message goes out whatever the hour. */
function welcomeWithoutQuietHours(): unknown {
  const graph = z
    .looseObject({ settings: z.looseObject({ quietHours: z.unknown() }) })
    .parse(JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'welcome-steps.json'), 'utf8')));
  const { quietHours: _held, ...settings } = graph.settings;
  return { ...graph, settings };
}

describe('full stack: sandbox phone, app, Temporal, worker', () => {
  it('a friend added on the sandbox phone receives the published welcome scenario’s first message', async () => {
    // Publish through the app's API, as the editor does: create, save the draft, publish.
    const created = await api(z.object({ id: z.string(), draftRevision: z.number() }), 'POST', '/api/scenarios', {
      name: 'ようこそステップ',
    });
    scenarioId = created.id;
    await api(z.object({ revision: z.number() }), 'PUT', `/api/scenarios/${scenarioId}/draft`, {
      graph: welcomeWithoutQuietHours(),
      expectedRevision: created.draftRevision,
    });
    expect(await api(z.object({ version: z.number() }), 'POST', `/api/scenarios/${scenarioId}/publish`)).toEqual({ version: 1 });

    const page = await newPage();
    await page.goto(`${stack.app.url}/sandbox`, { waitUntil: 'networkidle' });
    await page.getByLabel('表示名').fill('新規 花子');
    await page.getByRole('button', { name: '友だち追加' }).click();
    await expect.poll(() => page.getByTestId('sandbox-friends').textContent(), { timeout: 20_000 }).toContain('新規 花子');
    // The phone selects the new friend and polls its inbox: the day-0 text and sticker appear as bubbles.
    const chat = page.getByTestId('chat-log');
    await expect.poll(() => chat.textContent(), { timeout: 90_000 }).toContain(`新規 花子${WELCOME_TEXT}`);
    await expect.poll(() => chat.getByTestId('bubble').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.getByTestId('chat-view').textContent()).toContain('新規 花子');
    await page.screenshot({ path: artefactPath('full-stack-first-message.png'), fullPage: true });
    await page.close();

    const [friend] = await stack.tdb.db.select().from(friends).where(eq(friends.displayName, '新規 花子'));
    if (!friend) throw new Error('the follow webhook made no friend');
    const inbox = stack.sandbox.state.friends.get(friend.lineUserId)?.inbox ?? [];
    expect(inbox.map((m) => m.message.type)).toEqual(['text', 'sticker']);
    // Real traffic, now parked in the 7-day wait (the next send is days away).
    await expect
      .poll(
        async () =>
          (await stack.tdb.db.select().from(runs).where(eq(runs.friendId, friend.id))).map((r) => [
            r.scenarioId,
            r.isTest,
            r.status,
            r.currentNodeId,
          ]),
        { timeout: 20_000 },
      )
      .toEqual([[scenarioId, false, 'active', 'wait-7']]);
    const sent = await stack.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
    expect(sent.map((o) => [o.nodeId, o.status, o.isTest])).toEqual([['welcome', 'sent', false]]);
  });

  it('“Send test” in the editor runs the draft for a test friend through Temporal and the sandbox, waits compressed, flagged as test', async () => {
    if (!scenarioId) throw new Error('the first test publishes the scenario');
    // A designated test friend: on the phone (no follow webhook, so the live scenario does not start for them) and in Kizuna.
    const lineUserId = `U${randomBytes(16).toString('hex')}`;
    await stack.sandbox.phone.addFriend({ userId: lineUserId, displayName: 'テスト 太郎' }, false);
    const [tester] = await stack.tdb.db.insert(friends).values({ lineUserId, displayName: 'テスト 太郎', isTest: true }).returning();
    if (!tester) throw new Error('no test friend');

    const page = await newPage();
    await page.goto(`${stack.app.url}/scenarios/${scenarioId}`, { waitUntil: 'networkidle' });
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-preview').click();
    await page.getByTestId('preview-source-real').click();
    // Until a real friend is picked there is nobody to send to.
    expect(await page.getByTestId('send-test').isDisabled()).toBe(true);
    await page.getByTestId('preview-friend-search').fill('テスト');
    const choice = page.getByTestId('preview-friend-list').locator(`option[value="${tester.id}"]`);
    await choice.waitFor({ state: 'attached', timeout: 20_000 });
    expect(await choice.textContent()).toContain('テスト 太郎');
    await page.getByTestId('preview-friend-list').selectOption(tester.id);
    // The compress choice: a day becomes 10 s (the default, chosen explicitly here).
    await page.getByTestId('preview-panel').locator('select:has(option[value="8640"])').selectOption('8640');
    const send = page.getByTestId('send-test');
    await expect.poll(() => send.isEnabled(), { timeout: 20_000 }).toBe(true);
    // The preview simulates the same draft for the same friend: three messages at day 0/7/14.
    await expect
      .poll(() => page.getByTestId('preview-day').evaluateAll((els) => els.map((e) => e.getAttribute('data-day'))))
      .toEqual(['0', '7', '14']);
    await send.click();
    const result = page.getByTestId('send-test-result');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('開始しました');
    const workflowId = (await result.textContent())?.match(/test-\S+/)?.[0] ?? '';
    expect(workflowId).toBe(`test-${scenarioId}-${tester.id}-${workflowId.split('-').at(-1) ?? ''}`);
    await page.screenshot({ path: artefactPath('full-stack-send-test.png') });

    // Day 0 at once, day 7 and day 14 about 70 s apart each (7 days ÷ 8640).
    const pushes = () => [...new Set((stack.sandbox.state.friends.get(lineUserId)?.inbox ?? []).map((m) => m.requestId))];
    await expect.poll(() => pushes().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => pushes().length, { timeout: 200_000, interval: 2_000 }).toBe(3);
    const inbox = stack.sandbox.state.friends.get(lineUserId)?.inbox ?? [];
    expect(inbox.map((m) => m.message.type)).toEqual(['text', 'sticker', 'template', 'text']);
    expect(JSON.stringify(inbox[0]?.message)).toContain(`テスト 太郎${WELCOME_TEXT}`);
    expect(JSON.stringify(inbox[3]?.message)).toContain(`テスト 太郎${DAY14_TEXT}`);
    const at = (i: number) => Date.parse(inbox[i]?.receivedAt ?? '');
    for (const gap of [at(2) - at(0), at(3) - at(2)]) {
      expect(gap).toBeGreaterThan(50_000);
      expect(gap).toBeLessThan(130_000);
    }

    // Test traffic: the run, its steps, its sends and the version it ran are all flagged.
    await expect
      .poll(async () => (await stack.tdb.db.select().from(runs).where(eq(runs.friendId, tester.id))).map((r) => [r.isTest, r.status]), {
        timeout: 20_000,
      })
      .toEqual([[true, 'done']]);
    const [run] = await stack.tdb.db.select().from(runs).where(eq(runs.friendId, tester.id));
    expect(run?.id.startsWith(`${workflowId}:`)).toBe(true);
    const sends = await stack.tdb.db.select().from(outbox).where(eq(outbox.friendId, tester.id));
    expect(sends.map((o) => [o.nodeId, o.status, o.isTest]).sort()).toEqual([
      ['week-1', 'sent', true],
      ['week-2', 'sent', true],
      ['welcome', 'sent', true],
    ]);
    const steps = await stack.tdb.db.select().from(runSteps).where(eq(runSteps.friendId, tester.id));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.every((s) => s.isTest)).toBe(true);
    // The draft it ran became a test version (negative numbers, outside the version history).
    const [version] = await stack.tdb.db
      .select()
      .from(scenarioVersions)
      .where(and(eq(scenarioVersions.scenarioId, scenarioId), eq(scenarioVersions.id, run?.versionId ?? '')));
    expect(version?.version).toBe(-1);

    // The test friend's phone shows what arrived.
    await page.goto(`${stack.app.url}/sandbox`, { waitUntil: 'networkidle' });
    await page
      .getByTestId('sandbox-friends')
      .getByRole('button', { name: /テスト 太郎/ })
      .click();
    const chat = page.getByTestId('chat-log');
    await expect.poll(() => chat.getByTestId('bubble').count(), { timeout: 20_000 }).toBe(4);
    expect(await chat.textContent()).toContain(`テスト 太郎${DAY14_TEXT}`);
    await page.screenshot({ path: artefactPath('full-stack-send-test-phone.png'), fullPage: true });
    await page.close();

    // Everything Kizuna sent was a request LINE would accept.
    expect(stack.sandbox.invalidRequests()).toEqual([]);
  }, 420_000);
});
