// Browser, one full stack: managing scenarios as a marketer does. The list marks a draft that differs from live,
// duplicates a scenario, archives a live one (the dialog says how many friends are still in it; the engine stops their
// runs), unarchives it as stopped and deletes a draft; the version compare shows v1 and v2 side by side with the changes
// marked on both canvases and in words, and restores v1 as the draft (asked first, audited).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditLog, runs, scenarios } from '../../db/schema';
import { repoRoot } from '../../devstack/paths';
import { graphContentHash } from '../../scenario/content-hash';
import { DraftGraphSchema } from '../../scenario/draft';
import type { ScenarioGraph } from '../../scenario/schema';
import { artefactPath } from '../app';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';
import { browserCookie } from '../operators';

let stack: FullStack;
let browser: Browser;
let session = '';
let liveId = '';
let draftOnlyId = '';
let v1: ScenarioGraph;
let v2: ScenarioGraph;

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

const Revision = z.object({ revision: z.number() });
const Detail = z.object({ draftRevision: z.number() });

async function saveDraft(id: string, graph: ScenarioGraph): Promise<void> {
  const { draftRevision } = await api(Detail, 'GET', `/api/scenarios/${id}`);
  await api(Revision, 'PUT', `/api/scenarios/${id}/draft`, { graph, expectedRevision: draftRevision });
}

/** The welcome example without quiet hours (v1), and a v2 that drops a step, adds one, rewords one and caps sends. */
function versions(): [ScenarioGraph, ScenarioGraph] {
  const g = DraftGraphSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'welcome-steps.json'), 'utf8')));
  const { quietHours: _none, ...settings } = g.settings;
  const first: ScenarioGraph = { ...g, settings };
  const nodes = first.nodes
    .filter((n) => n.id !== 'week-1')
    .map((n) =>
      n.id === 'welcome' && n.kind === 'send'
        ? {
            ...n,
            data: { ...n.data, messages: [{ type: 'text' as const, text: '友だち追加ありがとうございます！v2 の新しいごあいさつです。' }] },
          }
        : n,
    );
  const reminder = {
    id: 'reminder',
    kind: 'send' as const,
    label: 'リマインド',
    position: { x: 0, y: 840 },
    data: { trackLinks: false, messages: [{ type: 'text' as const, text: 'クーポンは明日までです。' }] },
  };
  const edges = [
    ...first.edges.filter((e) => !['e3', 'e4', 'e6'].includes(e.id)),
    { id: 'e3', source: 'wait-7', sourceHandle: 'next', target: 'wait-14' },
    { id: 'e6', source: 'week-2', sourceHandle: 'next', target: 'reminder' },
    { id: 'e7', source: 'reminder', sourceHandle: 'next', target: 'end' },
  ];
  const endAt = nodes.map((n) => (n.id === 'end' ? { ...n, position: { x: 0, y: 960 } } : n));
  const second: ScenarioGraph = {
    ...first,
    settings: { ...settings, frequencyCap: { maxSends: 2, mode: 'skip' } },
    nodes: [...endAt, reminder],
    edges,
  };
  return [first, second];
}

const activeRuns = async (scenarioId: string) =>
  (
    await stack.tdb.db
      .select()
      .from(runs)
      .where(and(eq(runs.scenarioId, scenarioId), eq(runs.status, 'active')))
  ).length;

/** expect.poll for hooks (it only runs inside a test). */
async function waitFor(ok: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  for (const until = Date.now() + ms; !(await ok());) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-scenario-management-test' }), launchBrowser()]);
  ({ cookie: session } = await stack.signIn(null, 'owner'));
  [v1, v2] = versions();
  const Created = z.object({ id: z.string() });
  liveId = (await api(Created, 'POST', '/api/scenarios', { name: 'ようこそステップ' })).id;
  await saveDraft(liveId, v1);
  await api(z.object({ version: z.number() }), 'POST', `/api/scenarios/${liveId}/publish`);
  await saveDraft(liveId, v2);
  await api(z.object({ version: z.number() }), 'POST', `/api/scenarios/${liveId}/publish`);
  // An unpublished change on top of v2: a step renamed.
  await saveDraft(liveId, { ...v2, nodes: v2.nodes.map((n) => (n.id === 'week-2' ? { ...n, label: 'Day 14（改）' } : n)) });
  draftOnlyId = (await api(Created, 'POST', '/api/scenarios', { name: '秋のキャンペーン（下書き）' })).id;
  // A friend added on the phone enters v2 and waits in it.
  await stack.sandbox.phone.addFriend({ userId: `U${randomBytes(16).toString('hex')}`, displayName: '進行中 花子' });
  await waitFor(async () => (await activeRuns(liveId)) === 1, 60_000, 'the friend’s run to start');
  // The dev server compiles each page on first request: do it here, under the hook's longer timeout.
  for (const p of ['/scenarios', `/scenarios/${liveId}`, `/scenarios/${liveId}/versions`]) {
    await fetch(`${stack.app.url}${p}`, { headers: { cookie: session } });
  }
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.context().addCookies([browserCookie(stack.app.url, session), { name: 'lang', value: 'ja', url: stack.app.url }]);
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  page.on('response', async (r) => {
    if (r.status() >= 500) console.log('HTTP', r.status(), r.request().method(), r.url(), (await r.text().catch(() => '')).slice(0, 300));
  });
  return page;
}

const row = (page: Page, id: string) => page.getByTestId(`scenario-row-${id}`);
const scenarioRow = async (id: string) => (await stack.tdb.db.select().from(scenarios).where(eq(scenarios.id, id)))[0];
const audited = async (action: string) =>
  (await stack.tdb.db.select().from(auditLog).where(eq(auditLog.action, action))).map((a) => ({ id: a.objectId, detail: a.detail }));

describe('scenario management', () => {
  it('marks unpublished changes, duplicates, archives a live scenario after saying who is in it, unarchives it and deletes a draft', async () => {
    const page = await newPage();
    await page.goto(`${stack.app.url}/scenarios`, { waitUntil: 'networkidle' });
    await expect.poll(() => row(page, liveId).textContent()).toContain('未公開の変更あり');
    expect(await row(page, draftOnlyId).getByTestId('unpublished-badge').count()).toBe(0);
    // A published scenario can only be archived; a draft never published can be deleted.
    expect(await row(page, liveId).getByTestId('delete').count()).toBe(0);
    expect(await row(page, draftOnlyId).getByTestId('delete').count()).toBe(1);

    // Duplicate: a new draft 「ようこそステップ のコピー」 holding the current draft.
    await row(page, liveId).getByTestId('duplicate').click();
    await expect.poll(() => page.getByTestId('list-notice').textContent()).toContain('「ようこそステップ のコピー」を作成しました');
    const [copy] = await stack.tdb.db.select().from(scenarios).where(eq(scenarios.name, 'ようこそステップ のコピー'));
    const source = await scenarioRow(liveId);
    if (!copy || !source) throw new Error('no copy');
    expect(copy.status).toBe('draft');
    const salted = (g: unknown) => {
      const d = DraftGraphSchema.parse(g);
      return graphContentHash({ ...d, settings: { ...d.settings, splitSalt: '' } });
    };
    expect(salted(copy.draft)).toBe(salted(source.draft));
    await expect.poll(() => row(page, copy.id).textContent()).toContain('下書き');
    await page.screenshot({ path: artefactPath('scenario-management-duplicated.png'), fullPage: true });

    // Archive the live scenario: the dialog says it is stopped first, and how many friends are still in it.
    await row(page, liveId).getByTestId('archive').click();
    const dialog = page.getByTestId('archive-dialog');
    await expect.poll(() => dialog.getByTestId('archive-stop-warning').textContent()).toContain('進行中の友だち1人');
    expect(await dialog.getByTestId('confirm-ok').textContent()).toBe('停止してアーカイブする');
    await page.screenshot({ path: artefactPath('scenario-management-archive-dialog.png') });
    await dialog.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('list-notice').textContent()).toContain('「ようこそステップ」を停止してアーカイブしました');
    await expect.poll(() => row(page, liveId).count()).toBe(0);
    expect(await scenarioRow(liveId)).toMatchObject({ status: 'stopped', archivedAt: expect.any(Date) as Date });
    // The engine's stop path signals the friend's run.
    await expect
      .poll(async () => (await stack.tdb.db.select().from(runs).where(eq(runs.scenarioId, liveId))).map((r) => r.status), {
        timeout: 60_000,
      })
      .toEqual(['stopped']);

    // Under アーカイブ, and back from there as stopped.
    await page.getByTestId('filter-archived').click();
    await expect.poll(() => row(page, liveId).textContent()).toContain('アーカイブ済み');
    expect(await page.getByTestId('scenario-list').locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: artefactPath('scenario-management-archived.png'), fullPage: true });
    await row(page, liveId).getByTestId('unarchive').click();
    await expect.poll(() => page.getByTestId('list-notice').textContent()).toContain('アーカイブから戻しました（停止）');
    expect(await scenarioRow(liveId)).toMatchObject({ status: 'stopped', archivedAt: null });

    // Search by name and filter by status, then delete the never-published draft (asked first).
    await page.goto(`${stack.app.url}/scenarios?status=stopped`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.getByTestId('scenario-list').locator('tbody tr').count()).toBe(1);
    await page.getByTestId('scenario-search').fill('秋の');
    await page.getByTestId('scenario-search').press('Enter');
    await expect.poll(() => page.getByTestId('scenario-list-empty').textContent()).toContain('条件に合うシナリオはありません');
    await page.getByTestId('filter-all').click();
    await expect.poll(() => page.getByTestId('scenario-list').locator('tbody tr').count()).toBe(1);
    await row(page, draftOnlyId).getByTestId('delete').click();
    await expect.poll(() => page.getByTestId('delete-dialog').textContent()).toContain('元に戻せません');
    await page.getByTestId('delete-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('list-notice').textContent()).toContain('「秋のキャンペーン（下書き）」を削除しました');
    expect(await scenarioRow(draftOnlyId)).toBeUndefined();

    expect((await audited('scenario_duplicated')).map((a) => a.detail)).toEqual([{ sourceId: liveId, name: 'ようこそステップ のコピー' }]);
    expect(await audited('scenario_archived')).toEqual([{ id: liveId, detail: { previousStatus: 'live', stopped: true, activeRuns: 1 } }]);
    expect(await audited('scenario_unarchived')).toEqual([{ id: liveId, detail: { status: 'stopped' } }]);
    expect(await audited('scenario_deleted')).toEqual([{ id: draftOnlyId, detail: { name: '秋のキャンペーン（下書き）' } }]);
    await page.close();
  });

  it('compares v1 and v2 side by side and restores v1 as the draft', async () => {
    const page = await newPage();
    // From the editor's history tab to the compare of v1 and v2.
    await page.goto(`${stack.app.url}/scenarios/${liveId}`, { waitUntil: 'networkidle' });
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('unpublished-badge').count()).toBe(1);
    await page.getByTestId('tab-history').click();
    await page.getByTestId('compare-v2').click();
    await page.getByTestId('pane-after').waitFor({ timeout: 120_000 });
    expect(page.url()).toContain('/versions?a=1&b=2');

    const before = page.getByTestId('canvas-before');
    const after = page.getByTestId('canvas-after');
    await before.locator('[data-testid="node-welcome"]').waitFor();
    const mark = (canvas: typeof before, id: string) =>
      canvas.locator(`.react-flow__node[data-id="${id}"] [data-mark]`).first().getAttribute('data-mark');
    expect([await mark(before, 'week-1'), await mark(before, 'welcome'), await mark(before, 'wait-7')]).toEqual([
      'removed',
      'changed',
      'changed',
    ]);
    expect([await mark(after, 'reminder'), await mark(after, 'welcome'), await mark(after, 'end')]).toEqual(['added', 'changed', 'same']);
    expect(await page.getByTestId('compare-summary').textContent()).toContain('追加 1・削除 1・変更 3');
    expect(await page.getByTestId('settings-changes').textContent()).toContain(
      '1日の配信上限の変更：なし → 1日2通まで（超えたら送らない）',
    );
    expect(await page.getByTestId('step-changes').textContent()).toContain('v2 の新しいごあいさつです');
    expect(await page.getByTestId('pane-before').textContent()).toContain('v1');
    await page.screenshot({ path: artefactPath('scenario-management-compare.png'), fullPage: true });

    // Restore v1: asked first, saying the draft's unpublished change would be lost.
    const revisionBefore = (await scenarioRow(liveId))?.draftRevision ?? 0;
    await page.getByTestId('restore-v1').click();
    const dialog = page.getByTestId('restore-dialog');
    await expect.poll(() => dialog.getByTestId('restore-unpublished-warning').isVisible()).toBe(true);
    await page.screenshot({ path: artefactPath('scenario-management-restore-dialog.png') });
    await dialog.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('restored-v1').textContent()).toContain('v1 を下書きに戻しました');
    await page.screenshot({ path: artefactPath('scenario-management-restored.png') });
    const restored = await scenarioRow(liveId);
    expect(graphContentHash(DraftGraphSchema.parse(restored?.draft))).toBe(graphContentHash(v1));
    expect(restored?.draftRevision).toBe(revisionBefore + 1);
    expect((await audited('scenario_version_restored')).map((a) => [a.id, a.detail.version, a.detail.revision])).toEqual([
      [liveId, 1, revisionBefore + 1],
    ]);

    // The editor opens on v1's steps, marked as differing from the live v2.
    await page.getByTestId('restored-v1').getByRole('link').click();
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('node-week-1').waitFor();
    expect(await page.getByTestId('node-reminder').count()).toBe(0);
    expect(await page.getByTestId('unpublished-badge').count()).toBe(1);
    await page.screenshot({ path: artefactPath('scenario-management-restored-editor.png') });
    await page.close();
  });
});
