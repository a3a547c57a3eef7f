// Browser: every admin page in Japanese with the demo data; fails on visible English outside the allow-list and on any missing dictionary key.
import { writeFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOutboundMessage, recordAutoReply, recordInboundMessage, settleOutboundMessage } from '../../db/queries/chat';
import { insertResponseOnce } from '../../db/queries/forms';
import { insertKeywordRule } from '../../db/queries/keyword-rules';
import { friends, operators, runs, scenarios } from '../../db/schema';
import { recordAudit } from '../../lib/audit/record';
import { saveForm } from '../../lib/forms/save-form';
import { messageKeys } from '../../lib/i18n/dictionary';
import { KeywordRuleInputSchema } from '../../scenario/keyword-rules';
import { ScenarioGraphSchema } from '../../scenario/schema';
import { seedDemo } from '../../scripts/seed-demo';
import { artefactPath, startTestApp, type TestApp } from '../app';
import { launchBrowser } from '../browser';
import { createTestDatabase, type TestDatabase } from '../db';
import { signInAs } from '../full-stack';

/**
 * English a Japanese marketer expects to read: product and protocol names, units and codes. Anything else written in
 * Latin letters must come from data the marketer typed (scenario names, messages, tags, event names, attribute keys).
 */
const ALLOWED = new Set([
  'LINE',
  'Kizuna',
  'CSV',
  'API',
  'URL',
  'Webhook',
  'Messaging',
  'Developers',
  'ID',
  'JST',
  'UTC',
  'Temporal',
  'UTF',
  'SHA',
  'Bearer',
  'Authorization',
  'A',
  'B',
  'C',
  'CV',
  'Flex',
  'p',
  'https',
  'v',
  'h',
  'IP',
  'TOTP',
  'SSO',
  'OIDC',
  'QR',
  'Wilson',
  'Newcombe',
  'Bonferroni',
  'z',
  'English',
  'POST',
  'GET',
  'HH',
  'mm',
  'YYYY',
  // The event name a marketer types in the preview's planned-event box to answer a question step in words.
  'answer',
  // The event a submitted form emits, which the marketer names in a trigger or a wait-for-event step.
  'form_submitted',
  'MM',
  'DD',
  'UTF-8',
  'UTF-16',
  'SHA-256',
  'Ctrl',
  'Shift',
  'Alt',
  'Enter',
  'Esc',
  'Google',
  'Authenticator',
  '1Password',
  'EC', // ECサイト
  // React Flow's attribution link on the editor canvas ("React Flow attribution"), which its maintainers ask to keep.
  'React',
  'Flow',
  'attribution',
]);

/** Commands, headers and env names quoted in help texts: code, not prose. */
const CODE = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // e-mail addresses
  /https?:\/\/\S+/g,
  /(::ffff:)?\b\d{1,3}(\.\d{1,3}){3}\b/g, // IP addresses
  /\b[\w-]+\/[\w./-]+\.md\b/g, // a file in the repository (docs/security.md)
  /printf %s "\$\w+" \| sha256sum/g,
  /npm run \w+(:\w+)?/g,
  /\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/g, // LINE_CHANNEL_SECRET
  /\/api\/[\w/.-]*/g,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b[0-9a-f]{8,}\b/g, // hashes and fingerprints
  /\bU[0-9a-f]{8,}\b|\bUdemo\w*/g, // LINE user ids
  /\{\{[^}]*\}\}/g, // a placeholder as the marketer typed it
];

let tdb: TestDatabase;
let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let demo: Record<string, string> = {};
/** What this test adds to the demo for issue 21's pages: a form with a response, a keyword rule, a chat thread. */
let talk = { formId: '', friendId: '' };
/** Words of what the marketer (or the demo seed standing in for one) typed. */
const typed = new Set<string>();
/** Names shown as they are (the signed-in operator's address), removed before looking for words. */
const names: string[] = [];
/** Text a page shows that has English in it, by page. */
const findings: Record<string, string[]> = {};

const KEY_PREFIXES = [...new Set(messageKeys.map((k) => k.split('.')[0]))];
const MISSING_KEY = new RegExp(`\\b(${KEY_PREFIXES.join('|')})\\.[A-Za-z_][\\w.:+-]*`, 'g');

function addTyped(value: unknown): void {
  if (typeof value === 'string') for (const w of value.match(/[A-Za-z][A-Za-z0-9_'’-]*/g) ?? []) typed.add(w);
  else if (Array.isArray(value)) value.forEach(addTyped);
  else if (value && typeof value === 'object') Object.values(value).forEach(addTyped);
}

/** Visible text of the page: text nodes and the placeholders, titles and labels of visible elements, options included. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const seen = (el: Element | null) => !!el && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // translate="no" marks code and ids (a step id beside its name, an event's raw properties): not words to translate.
      // What the marketer is typing (inputs, text areas) is theirs.
      if (!el || el.closest('script,style,noscript,textarea,[translate="no"]')) continue;
      const sel = el.closest('select');
      if (sel ? seen(sel) : seen(el)) out.push(n.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],img[alt]')) {
      if (!seen(el) || el.closest('[translate="no"]')) continue;
      for (const a of ['placeholder', 'title', 'aria-label', 'alt']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out.join('\n');
  });
}

/** The English words in `text` that neither the allow-list nor the marketer's data explain, each with its context. */
function englishIn(text: string): string[] {
  const bad: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    for (const n of names) rest = rest.split(n).join(' ');
    for (const re of CODE) rest = rest.replace(re, ' ');
    for (const m of rest.matchAll(MISSING_KEY)) bad.push(`missing key? ${m[0]}`);
    for (const m of rest.matchAll(/[A-Za-z0-9][A-Za-z0-9_'’-]*/g)) {
      const w = m[0];
      // Numbers, versions (v2), keys and letters on their own (⌘/Ctrl+Z, 過去N日) are not English.
      if (/^\d/.test(w) || /^v\d+$/.test(w) || /^[A-Z]$/.test(w)) continue;
      if (ALLOWED.has(w) || typed.has(w)) continue;
      const at = m.index;
      bad.push(`${w}  «${rest.slice(Math.max(0, at - 30), at + w.length + 30).trim()}»`);
    }
  }
  return bad;
}

async function check(page: Page, name: string): Promise<void> {
  const bad = englishIn(await visibleText(page));
  if (bad.length > 0) findings[name] = [...new Set([...(findings[name] ?? []), ...bad])];
}

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', path, e.message));
  await page.goto(`${app.url}${path}`, { waitUntil: 'networkidle', timeout: 240_000 });
  return page;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  demo = await seedDemo(tdb.url, () => {});
  // A draft with unpublished changes (a setting and a step), so the publish dialog has a diff to show.
  const loyal = demo['loyal-member'] ?? '';
  const [row] = await tdb.db.select({ draft: scenarios.draft }).from(scenarios).where(eq(scenarios.id, loyal));
  const draft = ScenarioGraphSchema.parse(row?.draft);
  const changed = {
    ...draft,
    settings: { ...draft.settings, quietHours: { start: '22:00', end: '08:00' }, frequencyCap: { maxSends: 2, mode: 'skip' as const } },
    nodes: draft.nodes.map((n, i) => (i === 1 ? { ...n, label: 'ステップ名を変えた' } : n)),
  };
  await tdb.db.update(scenarios).set({ draft: changed }).where(eq(scenarios.id, loyal));
  // Audit rows of every kind whose detail the page has to put in words.
  const [friend] = await tdb.db.select({ id: friends.id }).from(friends).limit(1);
  const fid = friend?.id ?? '';
  const rows = { friend: 1, tags: 2, events: 3, outbox: 4, runs: 0, linkNonces: 0, linkConflicts: 0, webhookEvents: 5 };
  const system = { id: null, ip: '127.0.0.1' };
  await recordAudit(tdb.db, system, { action: 'owner_created', detail: { via: 'npm run dev' } });
  await recordAudit(tdb.db, system, {
    action: 'scenario_created',
    object: { type: 'scenario', id: loyal },
    detail: { name: '新しいシナリオ' },
  });
  await recordAudit(tdb.db, system, { action: 'scenario_stopped', object: { type: 'scenario', id: loyal } });
  await recordAudit(tdb.db, system, {
    action: 'friend_erased',
    object: { type: 'friend', id: fid },
    detail: { via: 'ui', status: 'erased', ...rows },
  });
  await recordAudit(tdb.db, system, {
    action: 'friend_erased',
    object: null,
    detail: { via: 'api', apiKeyId: fid, status: 'not_found', ...rows },
  });
  await recordAudit(tdb.db, system, {
    action: 'link_conflict_resolved',
    object: { type: 'friend', id: fid },
    detail: { conflictId: fid, resolution: 'moved_to_claimant', movedFromFriendId: fid },
  });
  await recordAudit(tdb.db, system, { action: 'api_key_revoked', object: { type: 'api_key', id: fid } });

  // 回答フォーム, 自動応答 and チャット as an operator leaves them: a form with a response, a rule, a conversation.
  const form = await saveForm(
    tdb.db,
    {
      id: null,
      definition: {
        slug: 'visit-survey',
        title: 'ご来店アンケート',
        description: 'ご来店ありがとうございました。',
        thanks: 'ご回答ありがとうございました。',
        fields: [
          { id: 'rating', type: 'single_choice', label: '満足度', options: ['満足', 'ふつう', '不満'], required: true },
          { id: 'mail', type: 'email', label: 'メールアドレス', help: '任意です' },
          { id: 'visit', type: 'date', label: 'ご来店日' },
        ],
      },
    },
    { email: 'owner@example.com', now: new Date() },
  );
  await insertResponseOnce(tdb.db, {
    formId: form.id,
    friendId: fid,
    answers: { rating: '満足', mail: 'hanako@example.jp', visit: '2026-04-01' },
    submissionKey: 'ja-test-response',
    isTest: false,
    submittedAt: new Date(),
  });
  const rule = KeywordRuleInputSchema.parse({
    name: '営業時間の問い合わせ',
    priority: 10,
    active: true,
    match: { mode: 'regex', pattern: '営業時間|何時まで', caseSensitive: false },
    windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }],
    timeZone: 'Asia/Tokyo',
    actions: { reply: { type: 'text', text: '営業時間は10時〜19時です' }, friend: [], startScenarioId: null },
  });
  await insertKeywordRule(tdb.db, rule, 'owner@example.com');
  const t0 = Date.now() - 3_600_000;
  await recordInboundMessage(tdb.db, {
    friendId: fid,
    webhookEventId: 'ja-test-message-1',
    messageType: 'text',
    text: '営業時間を教えてください',
    markAsReadToken: null,
    at: new Date(t0),
  });
  await recordAutoReply(tdb.db, {
    friendId: fid,
    key: 'ja-test-hit',
    messages: [{ messageType: 'text', text: '営業時間は10時〜19時です' }],
    at: new Date(t0 + 1000),
  });
  await recordInboundMessage(tdb.db, {
    friendId: fid,
    webhookEventId: 'ja-test-message-2',
    messageType: 'sticker',
    text: null,
    markAsReadToken: null,
    at: new Date(t0 + 60_000),
  });
  talk = { formId: form.id, friendId: fid };
  addTyped([form.definition, rule]);

  // What the marketer typed: scenario names and graphs, attribute definitions, tags, event names and friend names.
  // Step ids are not typed by anyone: a page showing one fails.
  for (const s of await tdb.db.select({ name: scenarios.name, draft: scenarios.draft }).from(scenarios)) {
    const g = ScenarioGraphSchema.parse(s.draft);
    addTyped([s.name, g.nodes.map((n) => [n.label, n.data]), g.settings.goal]);
  }
  for (const r of await tdb.db.execute(sql`select key, label, options from attribute_definitions`)) addTyped(r);
  for (const r of await tdb.db.execute(sql`select distinct tag from friend_tags`)) addTyped(r);
  for (const r of await tdb.db.execute(sql`select distinct name from events`)) addTyped(r);
  for (const r of await tdb.db.select({ name: friends.displayName, member: friends.memberId }).from(friends)) addTyped([r.name, r.member]);

  [app, browser] = await Promise.all([
    startTestApp({ databaseUrl: tdb.url, env: { NEXT_DIST_DIR: '.next-test-japanese' } }),
    launchBrowser(),
  ]);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: 'lang', value: 'ja', url: app.url }]);
  const owner = await signInAs({ db: tdb.db, appUrl: app.url }, 'owner', context);
  // The owner answers in the thread (a sent operator message with their name).
  const [me] = await tdb.db.select({ id: operators.id }).from(operators).where(eq(operators.email, owner.email));
  const answer = await insertOutboundMessage(tdb.db, {
    friendId: talk.friendId,
    text: 'お問い合わせありがとうございます',
    retryKey: '6f1c2e0a-4b7d-4c1e-9a55-0d2f3b4c5d6e',
    operatorId: me?.id ?? '',
    at: new Date(Date.now() - 1_800_000),
  });
  if (answer) await settleOutboundMessage(tdb.db, answer.id, { status: 'sent' });
  // The header shows who is signed in, by their address (or its local part).
  names.push(owner.email, owner.email.split('@')[0] ?? owner.email);
}, 600_000);

afterAll(async () => {
  // What was found so far, also when a page timed out: read it in test-results/ja-english.json.
  writeFileSync(artefactPath('ja-english.json'), JSON.stringify(findings, null, 1));
  await browser?.close();
  await app?.stop();
  await tdb?.drop();
});

describe('the Japanese UI', () => {
  it('shows no English outside the allow-list and no missing dictionary key on any page', async () => {
    const [activeRun] = await tdb.db
      .select({ friendId: runs.friendId })
      .from(runs)
      .where(sql`${runs.status} = 'active' and ${runs.currentNodeId} is not null`)
      .limit(1);
    const friendId = activeRun?.friendId ?? '';
    const pages: [string, string][] = [
      ['scenarios', '/scenarios'],
      ['scenarios-archived', '/scenarios?status=archived'],
      ['friends', '/friends'],
      ['broadcasts', '/broadcasts'],
      ['broadcast-new', '/broadcasts/new'],
      ['broadcast', `/broadcasts/${demo['loyal-member'] ?? ''}`],
      ['friend', `/friends/${friendId}`],
      ['link-conflicts', '/friends/link-conflicts'],
      ['settings', '/settings'],
      ['audit', '/audit'],
      ['operators', '/operators'],
      ['account', '/account'],
      ['sandbox', '/sandbox'],
      ['auto-replies', '/auto-replies'],
      ['forms', '/forms'],
      ['form-new', '/forms/new'],
      ['form', `/forms/${talk.formId}`],
      ['form-responses', `/forms/${talk.formId}/responses`],
      ['inbox', '/inbox'],
      ['inbox-thread', `/inbox?friend=${talk.friendId}`],
      ['not-found', '/no-such-page'],
      ['not-found-scenario', '/scenarios/00000000-0000-4000-8000-000000000000'],
    ];
    for (const [name, path] of pages) {
      const page = await open(path);
      await check(page, name);
      if (name === 'auto-replies') {
        // The rule's form, opened for a new rule and for the saved one.
        await page.getByTestId('auto-reply-new').click();
        await page.getByTestId('auto-reply-form').waitFor();
        await check(page, 'auto-replies: new rule');
        // "Try a message": which rule fires and why the others do not.
        await page.getByTestId('auto-reply-try-input').fill('営業時間は何時までですか');
        await page.getByTestId('auto-reply-try-result').waitFor();
        await check(page, 'auto-replies: try');
      }
      if (
        ['friend', 'audit', 'not-found', 'settings', 'broadcasts', 'broadcast-new', 'broadcast', 'auto-replies', 'inbox-thread'].includes(
          name,
        )
      )
        await page.screenshot({ path: artefactPath(`ja-${name}.png`), fullPage: true });
      await page.close();
    }

    for (const [example, id] of Object.entries(demo)) {
      const page = await open(`/scenarios/${id}`);
      await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 120_000 });
      await check(page, `${example}: editor`);
      for (const node of await page.locator('.react-flow__node').all()) {
        await node.click();
        await check(page, `${example}: inspector`);
      }
      for (const tab of ['settings', 'problems', 'history', 'preview']) {
        await page.getByTestId(`tab-${tab}`).click();
        await check(page, `${example}: ${tab}`);
      }
      if (example === 'cart-abandonment') await page.getByTestId('preview-steps').screenshot({ path: artefactPath('ja-preview-why.png') });
      await page.getByTestId('publish').click();
      await page.getByTestId('publish-dialog').waitFor();
      await check(page, `${example}: publish`);
      if (example === 'loyal-member') await page.screenshot({ path: artefactPath('ja-publish.png') });
      await page.close();

      for (const view of ['analytics', 'report', 'versions']) {
        const p = await open(`/scenarios/${id}/${view}`);
        await check(p, `${example}: ${view}`);
        if (example === 'welcome-steps') await p.screenshot({ path: artefactPath(`ja-${view}.png`), fullPage: true });
        if (view === 'versions' && example === 'loyal-member') {
          // 「この版を下書きに戻す」's dialog, not confirmed.
          await p.locator('[data-testid^="restore-v"]').first().click();
          await p.getByTestId('restore-dialog').waitFor();
          await check(p, `${example}: restore dialog`);
        }
        await p.close();
      }
    }

    // The list's archive dialog for a live scenario (stopped first), not confirmed.
    const list = await open('/scenarios');
    await list
      .getByTestId(`scenario-row-${demo['loyal-member'] ?? ''}`)
      .getByTestId('archive')
      .click();
    await list.getByTestId('archive-dialog').waitFor();
    await check(list, 'scenarios: archive dialog');
    await list.close();
    expect(findings).toEqual({});
  }, 1_800_000);
});
