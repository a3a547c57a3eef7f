// Tried as an outsider would: with no session (and then with a forged session cookie, which gets past the proxy to
// the guards), every URL the app serves is requested, found by walking app/ for pages and route handlers with real
// ids filled in. Everything outside docs/security.md's public surface answers 401 or a redirect to sign-in, no answer
// carries the seeded friend's personal data, and nothing is written.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeDefinitions, events, friendTags, friends } from '../../db/schema';
import { createScenario } from '../../db/queries/scenarios';
import { createOperator } from '../../lib/auth/manage-operators';
import { emptyGraph } from '../../scenario/empty';
import { startTestApp, type TestApp } from '../app';
import { createTestDatabase, type TestDatabase } from '../db';
import {
  docEntryPoints,
  dynamicSegmentsOf,
  fillPattern,
  pageFiles,
  readRepoFile,
  readSecurityDoc,
  routeFiles,
  urlPatternOf,
} from '../entry-points';
import { signInOverHttp, testAuth, TEST_PASSWORD } from '../operators';

const OWNER_EMAIL = 'owner@outsider.test';
const KIZUNA_SECRET = 'outsider-kizuna-secret-0123456789abcdef';
/** The seeded friend's personal data: none of it may appear in any answer to an outsider. */
const SECRETS = {
  displayName: '秘密 太郎 Outsider-Zeta',
  displayNameAscii: 'Outsider-Zeta',
  lineUserId: `U${'0a5e'.repeat(8)}`,
  memberId: 'M-OUTSIDER-4242',
  attribute: 'platinum-outsider-rank',
  tag: 'outsider-secret-tag',
  eventValue: 'order-outsider-9931',
};

let tdb: TestDatabase;
let app: TestApp;
let scenarioId = '';
let friendId = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  // A deployed install: an owner exists (so /setup is closed), a friend with personal data, a scenario.
  await createOperator(testAuth(tdb.db), tdb.db, { email: OWNER_EMAIL, role: 'owner', password: TEST_PASSWORD });
  await tdb.db.insert(attributeDefinitions).values({ key: 'rank', label: '会員ランク', type: 'string' });
  const [f] = await tdb.db
    .insert(friends)
    .values({
      lineUserId: SECRETS.lineUserId,
      memberId: SECRETS.memberId,
      displayName: SECRETS.displayName,
      attributes: { rank: SECRETS.attribute },
    })
    .returning();
  friendId = f?.id ?? '';
  await tdb.db.insert(friendTags).values({ friendId, tag: SECRETS.tag });
  await tdb.db.insert(events).values({
    friendId,
    name: 'purchase',
    occurredAt: new Date('2025-03-01T10:00:00+09:00'),
    properties: { orderId: SECRETS.eventValue },
    source: 'api',
  });
  scenarioId = (await createScenario(tdb.db, { name: 'outsider scenario', graph: emptyGraph('outsider-salt') })).id;
  app = await startTestApp({
    databaseUrl: tdb.url,
    env: {
      // A dist dir of our own: other browser tests may run `next dev` at the same time.
      NEXT_DIST_DIR: '.data/next-outsider-test',
      // Nothing here may reach LINE: an outsider's requests stop before any call.
      LINE_API_BASE_URL: 'http://127.0.0.1:9',
      LINE_CHANNEL_SECRET: 'outsider-line-channel-secret',
      LINE_CHANNEL_ACCESS_TOKEN: 'outsider-line-access-token',
      KIZUNA_SECRET,
      KIZUNA_DEV_MODE: 'true',
    },
  });
});
afterAll(async () => {
  await app?.stop();
  await tdb?.drop();
});

interface Target {
  method: string;
  path: string;
  /** The file's URL pattern, as docs/security.md writes it. */
  pattern: string;
  isPublic: boolean;
}

/**
 * Every URL the app serves: each page (GET) and each route handler's URL, with the methods it exports, and with GET,
 * POST and PUT too when `everyMethod` (the proxy must refuse them all before any routing).
 */
function targets(everyMethod: boolean): Target[] {
  const doc = docEntryPoints(readSecurityDoc()).entries;
  // The public surface and the API-key routes: patterns listed with a Proof or a Scope (API keys prove themselves).
  const publicPatterns = new Set(
    [...doc].filter(([, p]) => p.kind === 'public' || p.kind === 'api_key').map(([e]) => e.replace(/^[A-Z]+ /, '')),
  );
  const fill = (file: string) => {
    const values: Record<string, string> = {
      '*': 'get-session',
      token: 'not-a-token',
      friendId,
      migrationId: '00000000-0000-4000-8000-000000000000',
    };
    for (const s of dynamicSegmentsOf(file)) if (s.name === 'id') values.id = /\/friends\/\[id\]/.test(file) ? friendId : scenarioId;
    return fillPattern(urlPatternOf(file), values);
  };
  const pages = pageFiles().map((file) => ({ method: 'GET', path: fill(file), pattern: urlPatternOf(file) }));
  const routes = routeFiles().flatMap((file) => {
    const exported = [...readRepoFile(file).matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] ?? '');
    return [...new Set([...(everyMethod ? ['GET', 'POST', 'PUT'] : []), ...exported])].map((method) => ({
      method,
      path: fill(file),
      pattern: urlPatternOf(file),
    }));
  });
  return [...pages, ...routes].map((t) => ({ ...t, isPublic: publicPatterns.has(t.pattern) }));
}

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await tdb.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const q = tables.map((t) => `select '${t.table_name}' as t, count(*)::int as n from "${t.table_name}"`).join(' union all ');
  return Object.fromEntries((await tdb.db.execute<{ t: string; n: number }>(sql.raw(q))).map((r) => [r.t, r.n]));
}

interface Answer {
  status: number;
  location: string | null;
  leaked: string[];
  written: string[];
}

async function request(t: Target, cookie: string | null): Promise<Answer> {
  const before = await rowCounts();
  const res = await fetch(`${app.url}${t.path}`, {
    method: t.method,
    redirect: 'manual',
    headers: { ...(cookie ? { cookie } : {}), ...(t.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
    ...(t.method === 'GET' ? {} : { body: '{}' }),
  });
  const body = await res.text();
  const after = await rowCounts();
  return {
    status: res.status,
    location: res.headers.get('location'),
    leaked: Object.entries(SECRETS)
      .filter(([, v]) => body.includes(v) || decodeURIComponent(res.headers.get('location') ?? '').includes(v))
      .map(([k]) => k),
    written: Object.keys(after).filter((k) => after[k] !== before[k]),
  };
}

/** 401, or a redirect to /sign-in (pages; the proxy and requirePage both send there). */
function refused(a: Answer): boolean {
  if (a.status === 401) return true;
  return a.status >= 300 && a.status < 400 && new URL(a.location ?? '', app.url).pathname === '/sign-in';
}

describe('an outsider', () => {
  it('finds the app surface by walking app/', () => {
    const all = targets(true);
    expect(all.filter((t) => !t.isPublic).length).toBeGreaterThan(30);
    expect(all.map((t) => `${t.method} ${t.path}`)).toEqual(
      expect.arrayContaining([
        `GET /friends/${friendId}`,
        `GET /scenarios/${scenarioId}`,
        'GET /friends/export',
        `POST /api/scenarios/${scenarioId}/publish`,
      ]),
    );
  });

  // No cookie: the proxy answers. A forged cookie gets past the proxy (it checks only that one is there) to each
  // page's requirePage and each handler's guard, so only the methods a route exports are asked there.
  for (const [label, cookie, everyMethod] of [
    ['with no session', null, true],
    ['with a forged session cookie', 'kizuna.session_token=forged-token.forged-signature', false],
  ] as const) {
    it(`${label}: every non-public URL answers 401 or a redirect to sign-in, leaks nothing and writes nothing`, async () => {
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const t of targets(everyMethod).filter((x) => !x.isPublic)) {
        const a = await request(t, cookie);
        const key = `${t.method} ${t.pattern}`;
        got[key] = [
          refused(a) ? 'refused' : `answered ${a.status} ${a.location ?? ''}`.trim(),
          ...a.leaked.map((l) => `leaked ${l}`),
          ...a.written.map((w) => `wrote ${w}`),
        ].join(', ');
        want[key] = 'refused';
      }
      expect(got).toEqual(want);
    }, 600_000);
  }

  it('the public URLs answer without leaking personal data, and a missing signature or key is refused', async () => {
    const got: Record<string, string> = {};
    for (const t of targets(true).filter((x) => x.isPublic)) {
      const a = await request(t, null);
      got[`${t.method} ${t.pattern}`] = [String(a.status), ...a.leaked.map((l) => `leaked ${l}`)].join(', ');
    }
    // What each public entry answers an outsider; a 5xx or any leak fails.
    expect(Object.values(got).filter((v) => /^5|leaked/.test(v))).toEqual([]);
    expect(got).toMatchObject({
      'POST /api/line/webhook': '401',
      'GET /r/{token}': '404',
      'GET /api/health': '200',
      'GET /sign-in': '200',
      'GET /link': '200',
      'POST /api/events': '401',
      'POST /api/friends': '401',
      'POST /api/friends/import': '401',
      'GET /api/friends/export': '401',
      'POST /api/line/account-link': '401',
      'POST /api/link/bind': '401',
    });
    // The owner exists, so first-run setup is closed.
    expect(got['GET /setup']).toMatch(/^30\d/);
  }, 600_000);

  it('(control) the same URLs do show the seeded data to a signed-in owner, so the checks above can see a leak', async () => {
    const cookie = await signInOverHttp(app.url, OWNER_EMAIL);
    const page = await request({ method: 'GET', path: `/friends/${friendId}`, pattern: '/friends/{id}', isPublic: false }, cookie);
    expect(page.status).toBe(200);
    expect(page.leaked).toEqual(expect.arrayContaining(['displayName', 'lineUserId', 'memberId', 'attribute', 'tag', 'eventValue']));
    const csv = await request({ method: 'GET', path: '/friends/export', pattern: '/friends/export', isPublic: false }, cookie);
    expect(csv.status).toBe(200);
    expect(csv.leaked).toEqual(expect.arrayContaining(['displayName', 'memberId']));
  });
});
