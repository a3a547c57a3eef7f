// Browser, one full stack: 一斉配信 and the friends list's bulk actions as an owner does them. A segment that matches
// nobody and a time in the past are refused with the reason and nothing sent; a test send reaches the test friend; a
// broadcast sent now to a filtered segment shows its progress until every friend of the segment has it on the sandbox
// phone and nobody else got it; 20 friends of a filtered list get a tag (with its tag_added facts) after a confirmation.
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeDefinitions, auditLog, dispatches, friendTags, friends, scenarioVersions } from '../../db/schema';
import { artefactPath } from '../app';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';

let stack: FullStack;
let browser: Browser;
let page: Page;
const TEXT = '春の会員セールのお知らせです';
/** LINE user ids by group: the segment (rank gold), 20 friends in Kanto, others, and the test friend. */
const group = { gold: [] as string[], kanto: [] as string[], others: [] as string[], test: [] as string[] };

const inbox = (userId: string) => stack.sandbox.state.friends.get(userId)?.inbox ?? [];
const texts = (userId: string) => inbox(userId).map((m) => (m.message.type === 'text' ? String(m.message.text) : m.message.type));

/** A friend adds the account on the sandbox phone (the follow webhook makes the friend in Kizuna). */
async function follow(name: string, into: string[]): Promise<void> {
  const userId = `U${randomBytes(16).toString('hex')}`;
  await stack.sandbox.phone.addFriend({ userId, displayName: name });
  into.push(userId);
}

async function setFriends(userIds: string[], set: Partial<typeof friends.$inferInsert>): Promise<void> {
  await stack.tdb.db.update(friends).set(set).where(inArray(friends.lineUserId, userIds));
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-broadcasts-test' }), launchBrowser()]);
  await stack.tdb.db.insert(attributeDefinitions).values([
    { key: 'area', label: '地域', type: 'string' },
    { key: 'rank', label: '会員ランク', type: 'enum', options: ['gold', 'silver'] },
  ]);
  // The webhook route compiles on its first request, which may outlast the sandbox's webhook timeout: compile it first.
  await fetch(`${stack.app.url}/api/line/webhook`, { method: 'POST', body: '{}' });
  for (let i = 0; i < 8; i++) await follow(`ゴールド ${i + 1}`, group.gold);
  for (let i = 0; i < 20; i++) await follow(`関東 ${i + 1}`, group.kanto);
  for (let i = 0; i < 3; i++) await follow(`一般 ${i + 1}`, group.others);
  await follow('テスト 担当', group.test);
  const all = [...group.gold, ...group.kanto, ...group.others, ...group.test];
  // The follow webhooks are handled as they arrive: wait until every friend exists (a hook cannot use expect.poll).
  for (let tries = 0; ; tries++) {
    const made = await stack.tdb.db.select({ id: friends.id }).from(friends).where(inArray(friends.lineUserId, all));
    if (made.length === all.length) break;
    if (tries > 120) throw new Error(`only ${made.length} of ${all.length} friends arrived`);
    await new Promise((r) => setTimeout(r, 500));
  }
  await setFriends(group.gold, { attributes: { rank: 'gold' } });
  await setFriends(group.kanto, { attributes: { area: 'kanto', rank: 'silver' } });
  await setFriends(group.test, { isTest: true, attributes: { rank: 'gold' } });

  const owner = await stack.signIn(null, 'owner');
  // The dev server compiles each page on first request: do it here, under the hook's longer timeout.
  for (const p of ['/broadcasts', '/broadcasts/new', '/friends'])
    await fetch(`${stack.app.url}${p}`, { headers: { cookie: owner.cookie } });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await stack.signIn(context, 'owner');
  page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const count = () => page.getByTestId('broadcast-count').locator('[data-count]').getAttribute('data-count');
const nothingSent = async () => {
  for (const id of [...group.gold, ...group.kanto, ...group.others]) expect(inbox(id)).toEqual([]);
  const versions = await stack.tdb.db
    .select()
    .from(scenarioVersions)
    .where(sql`${scenarioVersions.version} > 0`);
  expect(versions).toEqual([]);
  expect(await stack.tdb.db.select().from(dispatches).where(eq(dispatches.kind, 'broadcast'))).toEqual([]);
};

describe('一斉配信', () => {
  it('refuses a segment that matches nobody and a time in the past, saying why, and sends nothing', async () => {
    await page.goto(`${stack.app.url}/broadcasts/new`, { waitUntil: 'networkidle' });
    await page.getByTestId('broadcast-name').fill('春の会員セール');
    await page.getByTestId('send-send-text-0').fill(TEXT);
    await page.getByTestId('broadcast-audience-add').click();
    await page.getByTestId('broadcast-audience-0-key').selectOption('rank');
    await page.getByTestId('broadcast-audience-0-value').selectOption('silver');
    await page.getByTestId('broadcast-audience-0-op').selectOption('neq');
    // 会員ランク ≠ silver … then = silver: the live count follows each change (the test friend never counts).
    await expect.poll(count, { timeout: 30_000 }).toBe('11');
    await page.getByTestId('broadcast-audience-0-op').selectOption('eq');
    await expect.poll(count, { timeout: 30_000 }).toBe('20');
    // Nobody is both silver and gold.
    await page.getByTestId('broadcast-audience-add').click();
    await page.getByTestId('broadcast-audience-1-key').selectOption('rank');
    await page.getByTestId('broadcast-audience-1-value').selectOption('gold');
    await expect.poll(count, { timeout: 30_000 }).toBe('0');
    await page.getByTestId('broadcast-quiet').selectOption('off');
    await page.getByTestId('broadcast-submit').click();
    await page.getByTestId('broadcast-confirm-go').click();
    await expect
      .poll(() => page.getByTestId('broadcast-error').textContent(), { timeout: 30_000 })
      .toContain('この条件に合う友だちがいません');
    await page.screenshot({ path: artefactPath('broadcast-refused-nobody.png'), fullPage: true });

    // The segment: rank = gold only. Scheduled in the past: refused.
    await page.getByTestId('broadcast-audience').getByRole('button', { name: '×' }).first().click();
    await expect.poll(count, { timeout: 30_000 }).toBe('8');
    await page.getByTestId('broadcast-when-at').check();
    await page.getByTestId('broadcast-at').fill('2020-01-01T10:00');
    await page.getByTestId('broadcast-submit').click();
    await page.getByTestId('broadcast-confirm-go').click();
    await expect.poll(() => page.getByTestId('broadcast-error').textContent(), { timeout: 30_000 }).toContain('配信日時が過去です');
    await page.screenshot({ path: artefactPath('broadcast-refused-past.png'), fullPage: true });
    await nothingSent();
  });

  it('test-sends to the test friend, then sends now and shows progress until the whole segment has it', async () => {
    await page.getByTestId('broadcast-test').click();
    await expect.poll(() => page.getByTestId('broadcast-test-result').textContent(), { timeout: 30_000 }).toContain('テスト 担当');
    await expect.poll(() => texts(group.test[0] ?? ''), { timeout: 60_000 }).toEqual([TEXT]);
    await nothingSent();

    await page.getByTestId('broadcast-when-now').check();
    await page.getByTestId('broadcast-submit').click();
    expect(await page.getByTestId('broadcast-confirm').textContent()).toContain('8人');
    await page.getByTestId('broadcast-confirm').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artefactPath('broadcast-confirm.png') });
    // LINE answers slowly for a while, so the page shows the broadcast under way before it is done.
    stack.sandbox.state.faults.latencyMs = 6000;
    await page.getByTestId('broadcast-confirm-go').click();
    await page.getByTestId('broadcast-progress').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="broadcast-state"][data-state="sending"]').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: artefactPath('broadcast-progress-sending.png'), fullPage: true });
    stack.sandbox.state.faults.latencyMs = 0;
    // The page refreshes itself: wait for every friend of the segment to be counted as sent.
    await page.locator('[data-testid="figure-sent"][data-value="8"]').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="broadcast-state"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('figure-entered').getAttribute('data-value')).toBe('8');
    expect(await page.getByTestId('figure-failed').getAttribute('data-value')).toBe('0');
    await page.screenshot({ path: artefactPath('broadcast-progress-done.png'), fullPage: true });

    for (const id of group.gold) expect(texts(id)).toEqual([TEXT]);
    for (const id of [...group.kanto, ...group.others]) expect(inbox(id)).toEqual([]);
    expect(texts(group.test[0] ?? '')).toEqual([TEXT]);

    await page.goto(`${stack.app.url}/broadcasts`, { waitUntil: 'networkidle' });
    const row = page.getByTestId('broadcast-row').filter({ hasText: '春の会員セール' });
    expect(await row.getByTestId('broadcast-state').getAttribute('data-state')).toBe('done');
    await page.screenshot({ path: artefactPath('broadcast-list.png'), fullPage: true });
  });

  it('schedules one for later and cancels it: nobody gets it', async () => {
    await page.goto(`${stack.app.url}/broadcasts/new`, { waitUntil: 'networkidle' });
    await page.getByTestId('broadcast-name').fill('夏の予告');
    await page.getByTestId('send-send-text-0').fill('夏のセールの予告です');
    await page.getByTestId('broadcast-audience-add').click();
    await page.getByTestId('broadcast-audience-0-key').selectOption('rank');
    await page.getByTestId('broadcast-audience-0-value').selectOption('gold');
    await expect.poll(count, { timeout: 30_000 }).toBe('8');
    // The suggested time: the full hour after the next, well after this test ends.
    await page.getByTestId('broadcast-when-at').check();
    await page.getByTestId('broadcast-submit').click();
    await page.getByTestId('broadcast-confirm-go').click();
    await page.locator('[data-testid="broadcast-state"][data-state="scheduled"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('broadcast-progress-note').textContent()).toContain('いま条件に合う友だち：8人');
    await page.screenshot({ path: artefactPath('broadcast-scheduled.png'), fullPage: true });
    await page.getByTestId('broadcast-cancel').click();
    await page.getByTestId('broadcast-cancel-confirm').click();
    await page.locator('[data-testid="broadcast-state"][data-state="cancelled"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('broadcast-progress').textContent()).toContain('配信前に中止しました');
    await page.screenshot({ path: artefactPath('broadcast-cancelled.png'), fullPage: true });
    for (const id of group.gold) expect(texts(id)).toEqual([TEXT]);
  });
});

describe('bulk actions on a filtered friends list', () => {
  it('tags the 20 friends of the filter after a confirmation naming 20, each new tag a tag_added fact, audited', async () => {
    await page.goto(`${stack.app.url}/friends?attr=area&val=kanto`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('bulk-count').getAttribute('data-count')).toBe('20');
    await page.getByTestId('bulk-tag').click();
    await page.getByTestId('bulk-tag-name').fill('関東セール');
    expect(await page.getByTestId('bulk-confirm-text').textContent()).toContain('20人の友だちにタグ「関東セール」');
    await page.screenshot({ path: artefactPath('friends-bulk-confirm.png'), fullPage: true });
    await page.getByTestId('bulk-go').click();
    await expect.poll(() => page.getByTestId('bulk-done').textContent(), { timeout: 30_000 }).toContain('20人にタグ「関東セール」');
    await page.screenshot({ path: artefactPath('friends-bulk-done.png'), fullPage: true });

    const db = stack.tdb.db;
    const tagged = await db
      .select({ lineUserId: friends.lineUserId })
      .from(friendTags)
      .innerJoin(friends, eq(friends.id, friendTags.friendId))
      .where(eq(friendTags.tag, '関東セール'));
    expect(tagged.map((r) => r.lineUserId).sort()).toEqual([...group.kanto].sort());
    const facts = await db
      .select()
      .from(dispatches)
      .where(and(eq(dispatches.kind, 'tag_added'), sql`${dispatches.payload}->>'tag' = '関東セール'`));
    expect(facts).toHaveLength(20);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'friends_bulk_tagged'));
    expect(audit?.detail).toMatchObject({ tag: '関東セール', friends: 20, changed: 20, filter: { attribute: 'area', value: true } });
  });
});
