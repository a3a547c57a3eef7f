// Browser, one full stack: a friend waits in v1's 7-day wait; after v2 is published (a reworded week-1 message), the
// publisher opens 「待機中の友だちを移行」 on the versions page, reads the dry run (who moves, the next message and when),
// and applies it; the friend's run is on v2.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runs, scenarioVersions } from '../../db/schema';
import { repoRoot } from '../../devstack/paths';
import { DraftGraphSchema } from '../../scenario/draft';
import type { ScenarioGraph } from '../../scenario/schema';
import { artefactPath } from '../app';
import { launchBrowser } from '../browser';
import { startFullStack, type FullStack } from '../full-stack';
import { browserCookie } from '../operators';

let stack: FullStack;
let browser: Browser;
let session = '';
let scenarioId = '';

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

async function publish(graph: ScenarioGraph): Promise<void> {
  const { draftRevision } = await api(z.object({ draftRevision: z.number() }), 'GET', `/api/scenarios/${scenarioId}`);
  await api(z.object({ revision: z.number() }), 'PUT', `/api/scenarios/${scenarioId}/draft`, { graph, expectedRevision: draftRevision });
  await api(z.object({ version: z.number() }), 'POST', `/api/scenarios/${scenarioId}/publish`);
}

async function waitFor(ok: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  for (const until = Date.now() + ms; !(await ok());) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const runRow = async () => (await stack.tdb.db.select().from(runs).where(eq(runs.scenarioId, scenarioId)))[0];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startFullStack({ distDir: '.data/next-migration-test' }), launchBrowser()]);
  ({ cookie: session } = await stack.signIn(null, 'owner'));
  const g = DraftGraphSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'welcome-steps.json'), 'utf8')));
  const { quietHours: _none, ...settings } = g.settings;
  const v1: ScenarioGraph = { ...g, settings };
  const v2: ScenarioGraph = {
    ...v1,
    nodes: v1.nodes.map((n) =>
      n.id === 'week-1' && n.kind === 'send'
        ? { ...n, data: { ...n.data, messages: [{ type: 'text' as const, text: '1週間たちました（v2）' }] } }
        : n,
    ),
  };
  scenarioId = (await api(z.object({ id: z.string() }), 'POST', '/api/scenarios', { name: '移行テスト' })).id;
  await publish(v1);
  await stack.sandbox.phone.addFriend({ userId: `U${randomBytes(16).toString('hex')}`, displayName: '待機中 花子' });
  await waitFor(async () => (await runRow())?.currentNodeId === 'wait-7', 60_000, 'the friend to wait in wait-7');
  await publish(v2);
  await fetch(`${stack.app.url}/scenarios/${scenarioId}/versions`, { headers: { cookie: session } });
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('migration dialog', () => {
  it('shows the dry run of moving the waiting friend to v2 and applies it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.context().addCookies([browserCookie(stack.app.url, session), { name: 'lang', value: 'ja', url: stack.app.url }]);
    await page.goto(`${stack.app.url}/scenarios/${scenarioId}/versions`, { waitUntil: 'networkidle' });
    await page.getByTestId('migration-open').click({ timeout: 120_000 });
    await page.getByTestId('migration-dry-run').click();
    await page.getByTestId('migration-dry').waitFor();
    expect(await page.getByTestId('migration-summary').textContent()).toBe('待機中 1人のうち 1人が移行します。');
    const dialog = await page.getByTestId('migration-dialog').textContent();
    expect(dialog).toContain('待機中 花子');
    expect(dialog).toContain('1週間たちました（v2）');
    await page.screenshot({ path: artefactPath('migration-dry-run.png'), fullPage: true });
    await page.getByTestId('migration-apply').click();
    await page.getByTestId('migration-progress').waitFor();
    const [v2] = await stack.tdb.db
      .select()
      .from(scenarioVersions)
      .where(and(eq(scenarioVersions.scenarioId, scenarioId), eq(scenarioVersions.version, 2)));
    await waitFor(async () => (await runRow())?.versionId === v2?.id, 30_000, 'the run to be on v2');
    await page.screenshot({ path: artefactPath('migration-applied.png'), fullPage: true });
    await page.close();
  }, 300_000);
});
