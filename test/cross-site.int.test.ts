// CSRF: every state-changing session route handler (found by walking app/**/route.ts) refuses a cross-site text/plain
// post with 403 before writing anything, even with a valid owner session riding along; the same call made same-origin
// as JSON still works. Every other state-changing route (API key, webhook, sign-in) refuses the same post too, for want
// of its own proof.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppDeps } from '../lib/app-deps';
import { installOfflineAppDeps, uninstallAppDeps } from './app-deps';
import { policyOf } from '../lib/auth/policy';
import { createTestDatabase, type TestDatabase } from './db';
import { dynamicSegmentsOf, fillPattern, repoRoot, routeFiles, urlPatternOf } from './entry-points';
import { signedInOperator, testAuth, type TestOperator } from './operators';

const SECRET = 'cross-site-kizuna-secret-0123456789';
const APP_URL = 'http://kizuna.test';
const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'];

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
interface Route {
  id: string;
  file: string;
  method: string;
  fn: Handler;
}

let tdb: TestDatabase;
let deps: AppDeps;
let owner: TestOperator;
const routes: Route[] = [];
/** State-changing handlers that take no session (API key, LINE signature, sign-in): the cookie proves nothing there. */
const otherRoutes: (Route & { kind: string })[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  deps = installOfflineAppDeps({
    databaseUrl: tdb.url,
    temporalAddress: inject('temporalAddress'),
    name: 'cross-site',
    secret: SECRET,
    appBaseUrl: APP_URL,
    devMode: true,
  });
  owner = await signedInOperator(testAuth(tdb.db, { appBaseUrl: APP_URL, secret: SECRET }), tdb.db, 'owner');
  for (const file of routeFiles()) {
    const mod = (await import(/* @vite-ignore */ `${repoRoot}/${file}`)) as Record<string, unknown>;
    for (const method of STATE_CHANGING) {
      const fn = mod[method];
      const kind = policyOf(fn)?.kind;
      if (typeof fn !== 'function' || !kind) continue;
      const route = { id: `${method} ${urlPatternOf(file)}`, file, method, fn: fn as Handler };
      if (kind === 'session') routes.push(route);
      else otherRoutes.push({ ...route, kind });
    }
  }
});
afterAll(async () => {
  uninstallAppDeps();
  await deps?.close();
  await tdb?.drop();
});

function call(route: Route, headers: Record<string, string>, body: string): Promise<Response> {
  const values: Record<string, string> = { '*': 'x' };
  const params: Record<string, string | string[]> = {};
  for (const s of dynamicSegmentsOf(route.file)) {
    values[s.name] = DUMMY_ID;
    params[s.name] = s.catchAll ? ['x'] : DUMMY_ID;
  }
  const url = `${APP_URL}${fillPattern(urlPatternOf(route.file), values)}`;
  return route.fn(new Request(url, { method: route.method, headers: { cookie: owner.cookie, ...headers }, body }), {
    params: Promise.resolve(params),
  });
}

/** Row counts of every table, to prove a refused call wrote nothing (the session's own rows included). */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await tdb.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const q = tables.map((t) => `select '${t.table_name}' as t, count(*)::int as n from "${t.table_name}"`).join(' union all ');
  const rows = await tdb.db.execute<{ t: string; n: number }>(sql.raw(q));
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

// What a form on another site (or a no-cors fetch) can send: text/plain, the browser's own Origin and Sec-Fetch-Site.
const ATTACKS: Record<string, Record<string, string>> = {
  'Origin and Sec-Fetch-Site': { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  'Origin only (an older browser)': { 'content-type': 'text/plain', origin: 'https://evil.example' },
  'Sec-Fetch-Site only (Origin stripped)': { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
  'a sibling subdomain': { 'content-type': 'text/plain', origin: 'https://shop.kizuna.test', 'sec-fetch-site': 'same-site' },
};

describe('state-changing session routes', () => {
  it('are found', () => {
    expect(routes.map((r) => r.id)).toEqual(expect.arrayContaining(['POST /api/scenarios', 'PUT /api/scenarios/{id}/draft']));
  });

  it('refuse a cross-site text/plain post with 403 forbidden:cross_site and write nothing', async () => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const route of routes) {
      for (const [label, headers] of Object.entries(ATTACKS)) {
        const before = await rowCounts();
        const res = await call(route, headers, '{"name":"x","action":"stop","friendId":"00000000-0000-4000-8000-000000000000"}');
        const after = await rowCounts();
        const written = Object.keys(after).filter((t) => after[t] !== before[t]);
        const code = ((await res.json()) as { error?: { code?: string } }).error?.code;
        got[`${route.id} (${label})`] = `${res.status} ${code}${written.length ? `, wrote ${written.join(', ')}` : ''}`;
        want[`${route.id} (${label})`] = '403 forbidden:cross_site';
      }
    }
    expect(got).toEqual(want);
  });

  it('refuse a same-origin body that is not JSON with 415', async () => {
    for (const route of routes) {
      const res = await call(route, { 'content-type': 'text/plain', origin: APP_URL, 'sec-fetch-site': 'same-origin' }, '{}');
      expect([route.id, res.status]).toEqual([route.id, 415]);
    }
  });

  it('still work same-origin with JSON (POST /api/scenarios creates the scenario)', async () => {
    const create = routes.find((r) => r.id === 'POST /api/scenarios');
    if (!create) throw new Error('no POST /api/scenarios');
    const res = await call(
      create,
      { 'content-type': 'application/json', origin: APP_URL, 'sec-fetch-site': 'same-origin' },
      JSON.stringify({ name: '同一オリジン' }),
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [row] = await tdb.db.execute<{ name: string }>(sql`select name from scenarios where id = ${id}`);
    expect(row?.name).toBe('同一オリジン');
  });
});

describe('every other state-changing route', () => {
  it('are the API-key, webhook and sign-in routes', () => {
    expect(otherRoutes.map((r) => r.id)).toEqual(
      expect.arrayContaining(['POST /api/events', 'POST /api/line/webhook', 'POST /api/auth/*']),
    );
  });

  // Exempt from the JSON and origin rule: the session cookie riding along proves nothing to them, and each asks for its
  // own proof (a bearer key, LINE's signature, the password) that a cross-site page cannot send.
  it('refuse the same cross-site text/plain post, with the owner session riding along, and write nothing', async () => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    const attempt = async (id: string, res: () => Promise<Response>, status: number) => {
      const before = await rowCounts();
      const r = await res();
      const after = await rowCounts();
      const written = Object.keys(after).filter((t) => after[t] !== before[t]);
      got[id] = `${r.status}${r.headers.get('set-cookie') ? ', set a cookie' : ''}${written.length ? `, wrote ${written.join(', ')}` : ''}`;
      want[id] = String(status);
    };
    const attack = ATTACKS['Origin and Sec-Fetch-Site'] ?? {};
    for (const route of otherRoutes) {
      // An API-key route or the webhook: 401 (no key, no signature); /api/auth/x: 404 (not one of the open paths).
      await attempt(
        route.id,
        () => call(route, attack, '{"name":"x","events":[]}'),
        route.kind === 'api_key' || route.file.includes('webhook') ? 401 : 404,
      );
    }
    // better-auth's email sign-in, with the right password even: text/plain is not a body it reads.
    const signIn = otherRoutes.find((r) => r.id === 'POST /api/auth/*');
    if (!signIn) throw new Error('no POST /api/auth/*');
    await attempt(
      'POST /api/auth/sign-in/email',
      () =>
        signIn.fn(
          new Request(`${APP_URL}/api/auth/sign-in/email`, {
            method: 'POST',
            headers: attack,
            body: JSON.stringify({ email: owner.email, password: owner.password }),
          }),
          { params: Promise.resolve({ all: ['sign-in', 'email'] }) },
        ),
      415,
    );
    expect(got).toEqual(want);
  });
});
