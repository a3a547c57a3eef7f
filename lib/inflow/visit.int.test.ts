// An inflow route's LINE Login round trip against the sandbox's LINE Login stand-in (a real OpenID provider): a good
// visit records the friend, the route, its tags and a route_added dispatch; a forged cookie or state, a tampered or
// wrong-audience ID token and a replay are refused and record nothing.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertInflowRoute, routeVisitFacts } from '@/db/queries/inflow-routes';
import { compile } from '@/scenario/compile';
import { chainOf, end, text, trig } from '@/scenario/fixtures';
import {
  dispatches,
  events,
  friendInflowRoutes,
  friends,
  friendTags,
  inflowVisits,
  runs,
  scenarioVersions,
  scenarios,
  type InflowRouteRow,
} from '@/db/schema';
import { DEFAULT_LOGIN_CHANNEL } from '@/devstack/line-sandbox/line-login';
import { createEdgeHarness, type EdgeHarness } from '@/test/edge';
import { CookieJar } from '@/test/oidc-provider';
import { exchangeCode, lineLoginDiscovery } from './line-login';
import { openLoginSession } from './login-session';
import { routeReport } from './report';
import { callbackUrl, completeVisit, completeWithIdToken, startVisit, type InflowDeps } from './visit';

let h: EdgeHarness;
let deps: InflowDeps;
let route: InflowRouteRow;

beforeAll(async () => {
  h = await createEdgeHarness();
  deps = {
    ...h.deps,
    lineLogin: { issuer: `${h.sandbox.url}/__login`, channelId: DEFAULT_LOGIN_CHANNEL.id, channelSecret: DEFAULT_LOGIN_CHANNEL.secret },
  };
  route = await insertInflowRoute(h.deps.db, {
    code: 'testroute001',
    name: '店頭POP',
    tags: ['来店'],
    attributes: {},
    scenarioId: null,
    reattribute: false,
    redirectUrl: null,
    createdBy: 'owner@kizuna.test',
  });
});
afterAll(async () => {
  await h?.close();
});

/** Signs in at the stand-in as a new user, ticking 友だち追加; returns the callback URL LINE Login sends back to. */
async function passConsent(authorizeUrl: string, name: string): Promise<URL> {
  const jar = new CookieJar();
  let next: { url: string; form?: URLSearchParams } = { url: authorizeUrl };
  for (let step = 0; step < 10; step++) {
    const res = await fetch(next.url, {
      method: next.form ? 'POST' : 'GET',
      headers: { cookie: jar.header(), ...(next.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: next.form?.toString(),
      redirect: 'manual',
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (location) {
      const target = new URL(location, next.url);
      if (target.pathname === '/in/callback') return target;
      next = { url: target.href };
      continue;
    }
    const html = await res.text();
    expect(res.status, html.slice(0, 300)).toBe(200);
    expect(html).toContain('友だち追加');
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
    next = { url: new URL(action, next.url).href, form: new URLSearchParams({ user: 'new', name, addFriend: 'on' }) };
  }
  throw new Error('no callback within 10 steps');
}

async function recorded() {
  const db = h.deps.db;
  const n = async (t: typeof friends | typeof inflowVisits | typeof friendInflowRoutes | typeof dispatches | typeof friendTags) =>
    (await db.select({ n: count() }).from(t))[0]?.n ?? 0;
  return {
    friends: await n(friends),
    visits: await n(inflowVisits),
    routes: await n(friendInflowRoutes),
    dispatches: await n(dispatches),
    tags: await n(friendTags),
  };
}

async function begin(name: string) {
  const visit = await startVisit(deps, route.code);
  if (!visit) throw new Error('the route did not start');
  const authorize = new URL(visit.location);
  expect(authorize.searchParams.get('bot_prompt')).toBe('aggressive');
  expect(authorize.searchParams.get('scope')).toBe('openid profile');
  expect(authorize.searchParams.get('redirect_uri')).toBe(callbackUrl(deps.appBaseUrl));
  const callback = await passConsent(visit.location, name);
  return { cookie: visit.session, callback };
}

describe('inflow route callback', () => {
  it('an unknown code starts nothing', async () => {
    expect(await startVisit(deps, 'nosuchroute1')).toBeNull();
    expect(await startVisit(deps, '../etc')).toBeNull();
  });

  it('a forged state is refused and records nothing (the friend exists only on the phone)', async () => {
    const { cookie, callback } = await begin('偽 状態');
    const before = await recorded();
    const query = new URLSearchParams(callback.search);
    query.set('state', 'forged-state-0123456789abcdef');
    expect(await completeVisit(deps, { cookie, query })).toEqual({ ok: false, reason: 'state_mismatch' });
    expect(await recorded()).toEqual(before);
  });

  it('a forged or missing cookie is refused and records nothing', async () => {
    const { cookie, callback } = await begin('偽 クッキー');
    const before = await recorded();
    const [body = '', mac = ''] = cookie.split('.');
    const forged = `${body.slice(0, -2)}AA.${mac}`;
    expect(await completeVisit(deps, { cookie: forged, query: callback.searchParams })).toEqual({ ok: false, reason: 'no_session' });
    expect(await completeVisit(deps, { cookie: null, query: callback.searchParams })).toEqual({ ok: false, reason: 'no_session' });
    expect(await recorded()).toEqual(before);
  });

  it('a tampered or wrong-audience ID token is refused and records nothing; the genuine one is recorded once', async () => {
    const { cookie, callback } = await begin('改ざん 花子');
    const session = openLoginSession(deps.secret, cookie, deps.now());
    if (!session) throw new Error('no session');
    const idToken = await exchangeCode(deps.lineLogin, {
      code: callback.searchParams.get('code') ?? '',
      redirectUri: callbackUrl(deps.appBaseUrl),
      verifier: session.verifier,
    });
    const discovery = await lineLoginDiscovery(deps.lineLogin.issuer);
    const before = await recorded();

    const [header = '', payload = '', signature = ''] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const swapped = Buffer.from(JSON.stringify({ ...claims, sub: `U${'e'.repeat(32)}` })).toString('base64url');
    expect(await completeWithIdToken(deps, session, discovery, `${header}.${swapped}.${signature}`, true)).toEqual({
      ok: false,
      reason: 'id_token',
    });
    const otherChannel = { ...deps, lineLogin: { ...deps.lineLogin, channelId: '2999999999' } };
    expect(await completeWithIdToken(otherChannel, session, discovery, idToken, true)).toEqual({ ok: false, reason: 'id_token' });
    expect(await completeWithIdToken(deps, { ...session, nonce: 'another-nonce-0123456789' }, discovery, idToken, true)).toEqual({
      ok: false,
      reason: 'id_token',
    });
    expect(await recorded()).toEqual(before);

    const ok = await completeWithIdToken(deps, session, discovery, idToken, true);
    expect(ok).toMatchObject({ ok: true, outcome: 'added' });
    expect(await completeWithIdToken(deps, session, discovery, idToken, true)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('a good visit records the friend, the route, its tag and a route_added dispatch', async () => {
    const { cookie, callback } = await begin('経路 太郎');
    expect(callback.searchParams.get('friendship_status_changed')).toBe('true');
    const before = await recorded();
    const result = await completeVisit(deps, { cookie, query: callback.searchParams });
    expect(result).toMatchObject({ ok: true, outcome: 'added' });
    const after = await recorded();
    expect(after).toEqual({
      friends: before.friends + 1,
      visits: before.visits + 1,
      routes: before.routes + 1,
      tags: before.tags + 1,
      // The tag's tag_added and the route's route_added.
      dispatches: before.dispatches + 2,
    });
    const items = await h.dispatched();
    expect(items.at(-1)).toMatchObject({ kind: 'route_added', routeId: route.id });
    // The same callback again (a reload) is refused: its nonce is spent.
    expect(await completeVisit(deps, { cookie, query: callback.searchParams })).toMatchObject({ ok: false });
    expect(await recorded()).toEqual(after);
  });

  it('the report counts a friend the route added who then reached a scenario goal as a conversion', async () => {
    const { cookie, callback } = await begin('経路 花子');
    expect(await completeVisit(deps, { cookie, query: callback.searchParams })).toMatchObject({ ok: true, outcome: 'added' });
    const [visit] = await h.deps.db
      .select()
      .from(inflowVisits)
      .where(eq(inflowVisits.nonce, openLoginSession(deps.secret, cookie, deps.now())?.nonce ?? ''));
    const friendId = visit?.friendId ?? '';
    const at = visit?.at ?? new Date(0);
    const before = routeReport(await routeVisitFacts(h.deps.db, route.id), 'Asia/Tokyo').totals.conversions;

    // A run of a scenario whose goal is `purchase` within 3 days, started after the visit; the purchase a day later.
    const graph = chainOf([trig(), text('m1', 'ようこそ'), end()], { goal: { eventName: 'purchase', windowDays: 3, exitOnGoal: false } });
    const [s] = await h.deps.db.insert(scenarios).values({ name: '経路のシナリオ', draft: graph, status: 'live' }).returning();
    const [v] = await h.deps.db
      .insert(scenarioVersions)
      .values({ scenarioId: s?.id ?? '', version: 1, graph, plan: compile(graph), hash: 'route-goal', publishedBy: 'test' })
      .returning();
    const minute = 60_000;
    await h.deps.db.insert(runs).values({
      id: 'route-goal-run',
      scenarioId: s?.id ?? '',
      versionId: v?.id ?? '',
      friendId,
      status: 'done',
      startedAt: new Date(at.getTime() + minute),
    });
    // A purchase outside the window does not count; the one inside does.
    await h.deps.db
      .insert(events)
      .values([{ friendId, name: 'purchase', occurredAt: new Date(at.getTime() + 5 * 1440 * minute), properties: {}, source: 'api' }]);
    expect(routeReport(await routeVisitFacts(h.deps.db, route.id), 'Asia/Tokyo').totals.conversions).toBe(before);
    await h.deps.db
      .insert(events)
      .values({ friendId, name: 'purchase', occurredAt: new Date(at.getTime() + 1440 * minute), properties: {}, source: 'api' });
    const report = routeReport(await routeVisitFacts(h.deps.db, route.id), 'Asia/Tokyo');
    expect(report.totals.conversions).toBe(before + 1);
    expect(report.byDay.reduce((n, d) => n + d.conversions, 0)).toBe(before + 1);
  });
});
