// A member id never moves silently: a takeover through /link, a bind that races LINE's webhook and the API bind are
// each refused with the holder keeping the id, and listed as a conflict that an operator then keeps or moves (audited).
import { eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listOpenLinkConflicts } from '@/db/queries/link-conflicts';
import { auditLog, friends, linkConflicts } from '@/db/schema';
import { createEdgeHarness, TEST_CHANNEL_SECRET, TEST_SECRET, type EdgeHarness } from '@/test/edge';
import { signedInOperator, testAuth, type TestOperator } from '@/test/operators';
import { createApiKey } from '../api-auth';
import type { AppDeps } from '../app-deps';
import { accountLinkUrl, completeAccountLink } from '../line/account-link';
import { processWebhookEvent } from '../line/process-event';
import { receiveWebhook } from '../line/receive-webhook';
import { bindMemberByToken } from './bind-member';
import { memberLinkToken } from './member-link';

// The operator's server action reads the session from next/headers; next/cache needs Next's request scope.
const current = vi.hoisted(() => ({ cookie: '', lang: 'ja' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ cookie: current.cookie, 'x-forwarded-for': '203.0.113.9' }),
  cookies: async () => ({
    toString: () => current.cookie,
    get: (name: string) => (name === 'lang' ? { name, value: current.lang } : undefined),
    getAll: () => [],
    has: () => false,
  }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

let h: EdgeHarness;
let editor: TestOperator;
let n = 0;

beforeAll(async () => {
  h = await createEdgeHarness();
  (globalThis as { kizunaAppDeps?: AppDeps }).kizunaAppDeps = h.deps;
  editor = await signedInOperator(testAuth(h.deps.db, { appBaseUrl: h.deps.appBaseUrl, secret: TEST_SECRET }), h.deps.db, 'editor');
});
afterAll(async () => {
  delete (globalThis as { kizunaAppDeps?: AppDeps }).kizunaAppDeps;
  await h?.close();
});

/** A friend known to Kizuna and to the sandbox's LINE (so a link token can be issued), optionally holding a member id. */
async function friend(displayName: string, memberId: string | null = null) {
  n += 1;
  const lineUserId = `U${n.toString(16).padStart(32, '0')}`;
  await h.sandbox.phone.addFriend({ userId: lineUserId, displayName }, false);
  const [row] = await h.deps.db.insert(friends).values({ lineUserId, displayName, memberId }).returning();
  if (!row) throw new Error('no friend');
  return row;
}

const memberIdOf = async (id: string) => (await h.deps.db.select().from(friends).where(eq(friends.id, id)))[0]?.memberId ?? null;

/** The /link page's parameters for a friend, as LINE's link token and our state come back from accountLinkUrl. */
async function linkPage(friendId: string) {
  const url = new URL(await accountLinkUrl(h.deps, friendId));
  return { linkToken: url.searchParams.get('linkToken') ?? '', state: url.searchParams.get('state') ?? '' };
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

async function openConflictsFor(memberId: string) {
  return (await listOpenLinkConflicts(h.deps.db)).filter((c) => c.memberId === memberId);
}

describe('a member id held by another friend', () => {
  it('is refused on /link (the takeover): the holder keeps it, the customer is told, one conflict is listed', async () => {
    const a = await friend('持ち主 A', 'SHOP-A');
    const b = await friend('別人 B');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(completeAccountLink(h.deps, { ...(await linkPage(b.id)), memberId: 'SHOP-A' })).rejects.toMatchObject({
        code: 'conflict:member_id',
        status: 409,
      });
    }
    expect(await memberIdOf(a.id)).toBe('SHOP-A');
    expect(await memberIdOf(b.id)).toBeNull();
    // Retrying does not pile up rows: one open conflict per member id and claimant.
    expect(await openConflictsFor('SHOP-A')).toEqual([
      expect.objectContaining({
        source: 'account_link',
        holder: { id: a.id, displayName: '持ち主 A' },
        claimant: { id: b.id, displayName: '別人 B' },
        currentHolder: { id: a.id, displayName: '持ち主 A' },
      }),
    ]);
  });

  it('is refused when it was bound elsewhere between /link and LINE’s accountLink event', async () => {
    const c = await friend('連携中 C');
    const dialog = await completeAccountLink(h.deps, { ...(await linkPage(c.id)), memberId: 'SHOP-R' });
    const other = await friend('先に連携 D');
    await bindMemberByToken(h.deps, { token: memberLinkToken(other.id, { now: h.deps.now(), secret: h.deps.secret }), memberId: 'SHOP-R' });
    await confirmInLine(dialog);
    expect(await memberIdOf(other.id)).toBe('SHOP-R');
    expect(await memberIdOf(c.id)).toBeNull();
    expect(await openConflictsFor('SHOP-R')).toEqual([
      expect.objectContaining({
        source: 'account_link',
        holder: expect.objectContaining({ id: other.id }),
        claimant: expect.objectContaining({ id: c.id }),
      }),
    ]);
  });

  it('is refused by POST /api/link/bind with 409 conflict:member_id, recorded as an API conflict', async () => {
    const { POST } = await import('@/app/api/link/bind/route');
    const holder = await friend('持ち主 E', 'SHOP-E');
    const claimant = await friend('請求 F');
    const { key } = await createApiKey(h.deps.db, { name: 'shop', scopes: ['links:write'] });
    const res = await POST(
      new Request(`${h.deps.appBaseUrl}/api/link/bind`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ token: memberLinkToken(claimant.id, { now: h.deps.now(), secret: h.deps.secret }), memberId: 'SHOP-E' }),
      }),
      {},
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'conflict:member_id', issues: [{ path: ['memberId'] }] } });
    expect(await memberIdOf(holder.id)).toBe('SHOP-E');
    expect(await memberIdOf(claimant.id)).toBeNull();
    expect(await openConflictsFor('SHOP-E')).toEqual([expect.objectContaining({ source: 'api' })]);
  });
});

describe('an operator resolving a conflict', () => {
  async function resolve(conflictId: string, resolution: string): Promise<string> {
    const { resolveLinkConflictAction } = await import('@/app/(admin)/friends/link-conflicts/actions');
    const form = new FormData();
    form.set('id', conflictId);
    form.set('resolution', resolution);
    current.cookie = editor.cookie;
    try {
      await resolveLinkConflictAction(form);
      throw new Error('the action did not redirect');
    } catch (err) {
      // next/navigation's redirect() throws; its digest names the target.
      const digest = String((err as { digest?: unknown }).digest ?? '');
      if (!digest.startsWith('NEXT_REDIRECT')) throw err;
      return digest.split(';')[2] ?? '';
    } finally {
      current.cookie = '';
    }
  }

  async function conflictBetween(holderName: string, claimantName: string, memberId: string) {
    const holder = await friend(holderName, memberId);
    const claimant = await friend(claimantName);
    await expect(completeAccountLink(h.deps, { ...(await linkPage(claimant.id)), memberId })).rejects.toMatchObject({
      code: 'conflict:member_id',
    });
    const [conflict] = await openConflictsFor(memberId);
    if (!conflict) throw new Error('no conflict');
    return { holder, claimant, conflict };
  }

  it('"move to claimant" moves the member id, closes the conflict and audits it without personal data', async () => {
    const { holder, claimant, conflict } = await conflictBetween('旧 G', '新 H', 'SHOP-G');
    expect(await resolve(conflict.id, 'moved_to_claimant')).toBe('/friends/link-conflicts?done=moved_to_claimant');
    expect(await memberIdOf(claimant.id)).toBe('SHOP-G');
    expect(await memberIdOf(holder.id)).toBeNull();
    expect(await openConflictsFor('SHOP-G')).toEqual([]);
    const [row] = await h.deps.db.select().from(linkConflicts).where(eq(linkConflicts.id, conflict.id));
    expect(row).toMatchObject({ resolution: 'moved_to_claimant', resolvedBy: editor.row.id });
    const [audit] = await h.deps.db.select().from(auditLog).where(eq(auditLog.action, 'link_conflict_resolved'));
    expect(audit).toMatchObject({
      actorId: editor.row.id,
      objectType: 'friend',
      objectId: claimant.id,
      detail: { conflictId: conflict.id, resolution: 'moved_to_claimant', movedFromFriendId: holder.id },
    });
    expect(JSON.stringify(audit)).not.toMatch(/SHOP-G|旧 G|新 H/);
    // A second decision on the same conflict changes nothing.
    expect(await resolve(conflict.id, 'kept_holder')).toBe('/friends/link-conflicts?error=already');
    expect(await memberIdOf(claimant.id)).toBe('SHOP-G');
  });

  it('"keep current holder" leaves the member id where it is and closes the conflict', async () => {
    const { holder, claimant, conflict } = await conflictBetween('旧 J', '新 K', 'SHOP-J');
    expect(await resolve(conflict.id, 'kept_holder')).toBe('/friends/link-conflicts?done=kept_holder');
    expect(await memberIdOf(holder.id)).toBe('SHOP-J');
    expect(await memberIdOf(claimant.id)).toBeNull();
    expect(await openConflictsFor('SHOP-J')).toEqual([]);
    expect(await resolve('00000000-0000-4000-8000-000000000000', 'kept_holder')).toBe('/friends/link-conflicts?error=invalid');
    expect(await resolve(conflict.id, 'something_else')).toBe('/friends/link-conflicts?error=invalid');
  });
});

describe('the conflicts page', () => {
  it('lists open conflicts for an operator in Japanese and English, and the friends page links to it with the count', async () => {
    const holder = await friend('表示 持ち主', 'SHOP-P');
    const claimant = await friend('表示 請求');
    await expect(completeAccountLink(h.deps, { ...(await linkPage(claimant.id)), memberId: 'SHOP-P' })).rejects.toMatchObject({
      code: 'conflict:member_id',
    });
    const open = (await listOpenLinkConflicts(h.deps.db)).length;
    const { default: LinkConflictsPage } = await import('@/app/(admin)/friends/link-conflicts/page');
    const { LinkConflictsLink } = await import('@/app/(admin)/friends/link-conflicts/conflicts-link');
    current.cookie = editor.cookie;
    try {
      const render = async (lang: 'ja' | 'en') => {
        current.lang = lang;
        const page = renderToStaticMarkup(await LinkConflictsPage({ searchParams: Promise.resolve({ done: 'kept_holder' }) }));
        const link = renderToStaticMarkup(await LinkConflictsLink({ lang }));
        return { page, link };
      };
      const ja = await render('ja');
      expect(ja.page).toContain('会員IDの連携の競合');
      expect(ja.page).toContain('今の友だちのままにする');
      expect(ja.page).toContain('会員IDは今の友だちのままにしました。');
      expect(ja.page).toContain('SHOP-P');
      expect(ja.page).toContain(`/friends/${holder.id}`);
      expect(ja.page).toContain(`/friends/${claimant.id}`);
      expect(ja.link).toContain(`連携の競合 ${open}件`);
      expect(ja.link).toContain('href="/friends/link-conflicts"');
      const en = await render('en');
      expect(en.page).toContain('Member id link conflicts');
      expect(en.page).toContain('Move to claimant');
      expect(en.page).toContain('LINE account link');
      expect(en.link).toContain(`Link conflicts: ${open}`);
    } finally {
      current.cookie = '';
      current.lang = 'ja';
    }
  });
});
