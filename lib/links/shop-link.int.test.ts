// Account linking with proof: /link sends the member to the shop's login, the shop's signed assertion comes back to
// /link/complete and links (through LINE's dialog and accountLink event); a replayed, expired, too long-lived or badly
// signed one links nothing, and the typed member-id form does not exist in production without a shop login.
import { eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listOpenLinkConflicts } from '@/db/queries/link-conflicts';
import { friends, linkNonces } from '@/db/schema';
import { createEdgeHarness, TEST_CHANNEL_SECRET, type EdgeHarness } from '@/test/edge';
import type { AppDeps } from '../app-deps';
import { parseEnv, type Env } from '../env';
import type * as EnvModule from '../env';
import { accountLinkUrl } from '../line/account-link';
import { processWebhookEvent } from '../line/process-event';
import { receiveWebhook } from '../line/receive-webhook';
import { signShopAssertion } from './shop-assertion';

// The page, its action and /link/complete read the configuration through env(); each test picks one.
const current = vi.hoisted(() => ({ env: undefined as Env | undefined, lang: 'ja' }));
vi.mock('@/lib/env', async (importOriginal) => {
  const actual = await importOriginal<typeof EnvModule>();
  return {
    ...actual,
    env: () => {
      if (!current.env) throw new Error('the test set no env');
      return current.env;
    },
  };
});
vi.mock('next/headers', () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: (name: string) => (name === 'lang' ? { name, value: current.lang } : undefined) }),
}));

const SHOP_SECRET = 'shop-link-secret-for-tests-0123456789abcdef';
const SHOP_URL = 'https://shop.example.com/line-link';
const PRODUCTION = {
  KIZUNA_ENV: 'production',
  APP_BASE_URL: 'https://kizuna.example.com',
  LINE_CHANNEL_ACCESS_TOKEN: 'prod-token',
  LINE_CHANNEL_SECRET: 'prod-channel-secret',
  KIZUNA_SECRET: 'prod-secret-0123456789abcdef',
  LINE_LOGIN_CHANNEL_ID: '2000000042',
  LINE_LOGIN_CHANNEL_SECRET: 'prod-login-secret',
  KIZUNA_PAYLOAD_KEYS: `prod:${Buffer.alloc(32, 7).toString('base64')}`,
};
const WITH_SHOP = parseEnv({ ...PRODUCTION, KIZUNA_SHOP_LINK_URL: SHOP_URL, KIZUNA_SHOP_LINK_SECRET: SHOP_SECRET });
const PRODUCTION_WITHOUT_SHOP = parseEnv(PRODUCTION);
const DEVELOPMENT = parseEnv({});

let h: EdgeHarness;
let n = 0;

beforeAll(async () => {
  h = await createEdgeHarness();
  (globalThis as { kizunaAppDeps?: AppDeps }).kizunaAppDeps = h.deps;
});
afterAll(async () => {
  delete (globalThis as { kizunaAppDeps?: AppDeps }).kizunaAppDeps;
  await h?.close();
});

async function friend(displayName: string, memberId: string | null = null) {
  n += 1;
  const lineUserId = `U${(0xabc000 + n).toString(16).padStart(32, '0')}`;
  await h.sandbox.phone.addFriend({ userId: lineUserId, displayName }, false);
  const [row] = await h.deps.db.insert(friends).values({ lineUserId, displayName, memberId }).returning();
  if (!row) throw new Error('no friend');
  return row;
}

const memberIdOf = async (id: string) => (await h.deps.db.select().from(friends).where(eq(friends.id, id)))[0]?.memberId ?? null;

/** What a server component or action threw through next/navigation: its digest (redirect, notFound), else rethrown. */
async function digestOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === 'string') return digest;
    throw err;
  }
  throw new Error('expected a redirect or notFound');
}

/** Opens /link as LINE would send the friend there; with a shop configured, answers where the page redirected. */
async function openLinkPage(search: Record<string, string>): Promise<string> {
  const { default: LinkPage } = await import('@/app/link/page');
  const digest = await digestOf(() => LinkPage({ searchParams: Promise.resolve(search) }));
  const m = /^NEXT_REDIRECT;[a-z]+;(.+);\d+;$/.exec(digest);
  if (!m?.[1]) throw new Error(`no redirect: ${digest}`);
  return m[1];
}

/** The shop's side: reads `state` and `return_to` from the login URL Kizuna sent the member to. */
async function shopLoginFor(friendId: string) {
  const page = new URL(await accountLinkUrl(h.deps, friendId));
  const login = new URL(await openLinkPage(Object.fromEntries(page.searchParams)));
  expect(`${login.origin}${login.pathname}`).toBe(SHOP_URL);
  expect(login.searchParams.get('return_to')).toBe(`${h.deps.appBaseUrl}/link/complete`);
  return { state: login.searchParams.get('state') ?? '' };
}

const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

async function complete(assertion: string): Promise<Response> {
  const { GET } = await import('@/app/link/complete/route');
  const url = new URL('/link/complete', h.deps.appBaseUrl);
  url.searchParams.set('assertion', assertion);
  return GET(new Request(url), {});
}

/** /link/complete's answer: LINE's dialog URL on success, else the `error` it sent the member back to /link with. */
function outcome(res: Response): { dialog: string } | { error: string | null } {
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get('location') ?? '');
  if (location.pathname === '/link') return { error: location.searchParams.get('error') };
  return { dialog: location.toString() };
}

/** Opens LINE's dialog (the sandbox) and feeds the accountLink webhook it fires into Kizuna. */
async function confirmInLine(dialog: string) {
  expect((await fetch(dialog)).status).toBe(200);
  const delivery = h.sandbox.state.webhooks.at(-1);
  if (!delivery) throw new Error('the dialog fired no webhook');
  const { newEventIds } = await receiveWebhook(
    { db: h.deps.db, channelSecret: TEST_CHANNEL_SECRET },
    Buffer.from(delivery.body),
    delivery.signature,
  );
  for (const id of newEventIds) await processWebhookEvent(h.deps, id);
}

describe('linking through the shop’s login (production)', () => {
  it('a valid shop-signed assertion links the member id; the same assertion again is refused as replayed', async () => {
    current.env = WITH_SHOP;
    const f = await friend('ショップ 会員');
    const { state } = await shopLoginFor(f.id);
    const assertion = signShopAssertion({ memberId: 'SHOP-OK', nonce: state, exp: inSeconds(300) }, SHOP_SECRET);
    const first = outcome(await complete(assertion));
    if (!('dialog' in first)) throw new Error(`refused: ${first.error}`);
    expect(first.dialog.startsWith(h.deps.accountLinkDialogUrl)).toBe(true);
    await confirmInLine(first.dialog);
    expect(await memberIdOf(f.id)).toBe('SHOP-OK');

    // Replayed (browser history, a leaked URL): the nonce is spent, nothing more is issued.
    const nonces = (await h.deps.db.select().from(linkNonces).where(eq(linkNonces.friendId, f.id))).length;
    expect(outcome(await complete(assertion))).toEqual({ error: 'replayed' });
    expect((await h.deps.db.select().from(linkNonces).where(eq(linkNonces.friendId, f.id))).length).toBe(nonces);
  });

  it('refuses an expired, too long-lived, badly signed, forged or malformed assertion, binding nothing', async () => {
    current.env = WITH_SHOP;
    const f = await friend('拒否 確認');
    const { state } = await shopLoginFor(f.id);
    const good = { memberId: 'SHOP-NO', nonce: state, exp: inSeconds(300) };
    const [payload = '', signature = ''] = signShopAssertion(good, SHOP_SECRET).split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...good, memberId: 'SHOP-OTHER' })).toString('base64url')}.${signature}`;
    const cases: [string, string][] = [
      [signShopAssertion({ ...good, exp: inSeconds(-1) }, SHOP_SECRET), 'expired'],
      [signShopAssertion({ ...good, exp: inSeconds(3600) }, SHOP_SECRET), 'invalid'],
      [signShopAssertion(good, 'another-shop-secret-0123456789abcdef-xyz'), 'invalid'],
      [signShopAssertion(good, h.deps.secret), 'invalid'],
      [forged, 'invalid'],
      [`${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`, 'invalid'],
      [`${payload}.`, 'invalid'],
      ['', 'invalid'],
      // Signed by the shop, but naming a state Kizuna never signed.
      [signShopAssertion({ ...good, nonce: `${state}x` }, SHOP_SECRET), 'invalid'],
    ];
    for (const [assertion, error] of cases) expect(outcome(await complete(assertion))).toEqual({ error });
    expect(await h.deps.db.select().from(linkNonces).where(eq(linkNonces.friendId, f.id))).toEqual([]);
    expect(await memberIdOf(f.id)).toBeNull();
    // None of them spent the session: the genuine assertion still links.
    expect(outcome(await complete(signShopAssertion(good, SHOP_SECRET)))).toEqual({ dialog: expect.any(String) });
  });

  it('refuses a member id another friend holds (the takeover): the holder keeps it, a conflict is listed', async () => {
    current.env = WITH_SHOP;
    const a = await friend('持ち主', 'SHOP-TAKEN');
    const b = await friend('なりすまし');
    const { state } = await shopLoginFor(b.id);
    expect(outcome(await complete(signShopAssertion({ memberId: 'SHOP-TAKEN', nonce: state, exp: inSeconds(300) }, SHOP_SECRET)))).toEqual({
      error: 'conflict',
    });
    expect(await memberIdOf(a.id)).toBe('SHOP-TAKEN');
    expect(await memberIdOf(b.id)).toBeNull();
    expect((await listOpenLinkConflicts(h.deps.db)).filter((c) => c.memberId === 'SHOP-TAKEN')).toEqual([
      expect.objectContaining({
        source: 'account_link',
        holder: expect.objectContaining({ id: a.id }),
        claimant: expect.objectContaining({ id: b.id }),
      }),
    ]);
  });

  it('/link shows the refusal in the customer’s language, and only for a reason it knows', async () => {
    current.env = WITH_SHOP;
    const { default: LinkPage } = await import('@/app/link/page');
    const render = async (search: Record<string, string>) =>
      renderToStaticMarkup(await LinkPage({ searchParams: Promise.resolve(search) }));
    current.lang = 'ja';
    expect(await render({ error: 'replayed' })).toContain('このログインはすでに使われました');
    current.lang = 'en';
    expect(await render({ error: 'conflict' })).toContain('already linked to another LINE account');
    expect(await render({ error: '<script>' })).toContain('role="alert"'); // the "missing parameters" words, not the value
    expect(await render({ error: '<script>' })).not.toContain('<script>');
    current.lang = 'ja';
  });
});

describe('the typed member-id form', () => {
  it('does not exist in production without a shop login: /link and its action answer 404, /link/complete too', async () => {
    current.env = PRODUCTION_WITHOUT_SHOP;
    const f = await friend('本番 確認');
    const page = new URL(await accountLinkUrl(h.deps, f.id));
    const { default: LinkPage } = await import('@/app/link/page');
    expect(await digestOf(() => LinkPage({ searchParams: Promise.resolve(Object.fromEntries(page.searchParams)) }))).toMatch(
      /^NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    const { linkAccountAction } = await import('@/app/link/actions');
    const form = new FormData();
    form.set('linkToken', page.searchParams.get('linkToken') ?? '');
    form.set('state', page.searchParams.get('state') ?? '');
    form.set('memberId', 'TYPED-1');
    expect(await linkAccountAction(null, form)).toMatchObject({ code: 'not_found' });
    expect(await h.deps.db.select().from(linkNonces).where(eq(linkNonces.friendId, f.id))).toEqual([]);
    expect((await complete('anything')).status).toBe(404);
  });

  it('with a shop login configured, the action refuses a typed id even in production (only the shop proves)', async () => {
    current.env = WITH_SHOP;
    const f = await friend('本番 ショップ');
    const page = new URL(await accountLinkUrl(h.deps, f.id));
    const { linkAccountAction } = await import('@/app/link/actions');
    const form = new FormData();
    form.set('linkToken', page.searchParams.get('linkToken') ?? '');
    form.set('state', page.searchParams.get('state') ?? '');
    form.set('memberId', 'TYPED-2');
    expect(await linkAccountAction(null, form)).toMatchObject({ code: 'not_found' });
    expect(await h.deps.db.select().from(linkNonces).where(eq(linkNonces.friendId, f.id))).toEqual([]);
  });

  it('works in development: the typed id goes on to LINE’s dialog', async () => {
    current.env = DEVELOPMENT;
    const f = await friend('開発 確認');
    const page = new URL(await accountLinkUrl(h.deps, f.id));
    const { linkAccountAction } = await import('@/app/link/actions');
    const form = new FormData();
    form.set('linkToken', page.searchParams.get('linkToken') ?? '');
    form.set('state', page.searchParams.get('state') ?? '');
    form.set('memberId', 'TYPED-DEV');
    const digest = await digestOf(() => linkAccountAction(null, form));
    expect(digest).toContain(h.deps.accountLinkDialogUrl);
    expect((await complete('anything')).status).toBe(404);
  });
});
