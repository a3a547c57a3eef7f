// Browser step shared by the message e2e tests: add a test friend on the sandbox phone and in Kizuna, then test-send
// the open scenario's draft to them from the preview tab (real-friend source) and wait until Kizuna says it started.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { friends } from '../db/schema';
import type { InboxEntry } from '../devstack/line-sandbox/state';
import type { FullStack } from './full-stack';

export async function testSendDraftToNewTestFriend(
  stack: FullStack,
  page: Page,
): Promise<{ lineUserId: string; inbox: () => InboxEntry[] }> {
  const lineUserId = `U${randomBytes(16).toString('hex')}`;
  await stack.sandbox.phone.addFriend({ userId: lineUserId, displayName: 'テスト 花子' }, false);
  const [tester] = await stack.tdb.db.insert(friends).values({ lineUserId, displayName: 'テスト 花子', isTest: true }).returning();
  if (!tester) throw new Error('no test friend');

  await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state'), { timeout: 20_000 }).toBe('saved');
  await page.getByTestId('tab-preview').click();
  await page.getByTestId('preview-source-real').click();
  await page.getByTestId('preview-friend-search').fill('テスト');
  await page.getByTestId('preview-friend-list').locator(`option[value="${tester.id}"]`).waitFor({ state: 'attached', timeout: 20_000 });
  await page.getByTestId('preview-friend-list').selectOption(tester.id);
  const send = page.getByTestId('send-test');
  await expect.poll(() => send.isEnabled(), { timeout: 20_000 }).toBe(true);
  await send.click();
  await expect.poll(() => page.getByTestId('send-test-result').textContent(), { timeout: 30_000 }).toContain('開始しました');
  return { lineUserId, inbox: () => stack.sandbox.state.friends.get(lineUserId)?.inbox ?? [] };
}
