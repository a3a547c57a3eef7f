// Every route handler and server action declares its policy and enforces it as docs/security.md says. The walk finds
// each `app/**/route.ts` and every 'use server' module, imports them (the app's composition root pointed at this
// file's database), and calls every export: anonymously (401, nothing written), as each role (403 exactly when the
// matrix says no), and with API keys with and without the scope. A new route or action without a policy fails here.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { apiKeys, operators } from '../db/schema';
import { createApiKey } from '../lib/api-auth';
import type { AppDeps } from '../lib/app-deps';
import { installOfflineAppDeps, uninstallAppDeps } from './app-deps';
import { setOperatorFlags } from '../lib/auth/manage-operators';
import { isPublicPath, policyOf, type Policy } from '../lib/auth/policy';
import { API_SCOPES, can, ROLES, type ApiScope, type RoleHolder } from '../lib/auth/roles';
import { AppError } from '../lib/errors';
import { createTestDatabase, type TestDatabase } from './db';
import {
  docEntryPoints,
  dynamicSegmentsOf,
  fillPattern,
  HTTP_METHODS,
  policyLabel,
  readSecurityDoc,
  repoRoot,
  ROUTE_CONFIG_EXPORTS,
  routeFiles,
  serverActionFiles,
  urlPatternOf,
} from './entry-points';
import { signedInOperator, testAuth, type TestOperator } from './operators';

// What next/headers answers inside a request, set by each call below; next/cache needs a request scope, so it is a no-op.
const current = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => {
  const jar = () =>
    new Map(
      (current.headers.get('cookie') ?? '')
        .split(';')
        .map((c) => c.trim().split('='))
        .filter(([name]) => name)
        .map(([name = '', ...value]) => [name, value.join('=')]),
    );
  return {
    headers: async () => current.headers,
    cookies: async () => {
      const cookies = jar();
      return {
        get: (name: string) => (cookies.has(name) ? { name, value: cookies.get(name) } : undefined),
        getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
        has: (name: string) => cookies.has(name),
        set: (name: string, value: string) => void cookies.set(name, value),
        delete: (name: string) => void cookies.delete(name),
        toString: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      };
    },
  };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = 'access-policy-kizuna-secret-0123456789';
const APP_URL = 'http://kizuna.test';
const DUMMY_ID = '00000000-0000-4000-8000-000000000000';

interface Entry {
  /** As docs/security.md names it: `GET /api/x/{id}` or `someAction`. */
  id: string;
  file: string;
  kind: 'route' | 'action';
  method?: string;
  fn: (...args: unknown[]) => Promise<unknown>;
  policy: Policy | undefined;
}

let tdb: TestDatabase;
let deps: AppDeps;
const entries: Entry[] = [];
/** Exports that are neither a handler, route config nor (in a 'use server' module) a function. */
const strayExports: string[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  deps = installOfflineAppDeps({
    databaseUrl: tdb.url,
    temporalAddress: inject('temporalAddress'),
    name: 'access-policy',
    secret: SECRET,
    appBaseUrl: APP_URL,
    devMode: true,
  });

  for (const file of routeFiles()) {
    const mod = (await import(/* @vite-ignore */ `${repoRoot}/${file}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (ROUTE_CONFIG_EXPORTS.includes(name)) continue;
      if (!(HTTP_METHODS as readonly string[]).includes(name) || typeof value !== 'function') {
        strayExports.push(`${file}: ${name}`);
        continue;
      }
      entries.push({
        id: `${name} ${urlPatternOf(file)}`,
        file,
        kind: 'route',
        method: name,
        fn: value as Entry['fn'],
        policy: policyOf(value),
      });
    }
  }
  for (const file of serverActionFiles()) {
    const mod = (await import(/* @vite-ignore */ `${repoRoot}/${file}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function') {
        strayExports.push(`${file}: ${name}`);
        continue;
      }
      entries.push({ id: name, file, kind: 'action', fn: value as Entry['fn'], policy: policyOf(value) });
    }
  }
});
afterAll(async () => {
  uninstallAppDeps();
  await deps?.close();
  await tdb?.drop();
});

// ---- calling an entry point ----------------------------------------------------------------------------------------

/** What the guard made of a call: refused for want of a session or key, refused for want of a right, or let through. */
type Verdict = 'unauthenticated' | 'forbidden' | 'passed';

async function call(entry: Entry, credentials: { cookie?: string; authorization?: string }): Promise<{ verdict: Verdict; detail: string }> {
  // Dummy arguments make some calls that pass the guard fail inside (logged as internal errors): expected here.
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return await callQuietly(entry, credentials);
  } finally {
    quiet.mockRestore();
  }
}

async function callQuietly(
  entry: Entry,
  credentials: { cookie?: string; authorization?: string },
): Promise<{ verdict: Verdict; detail: string }> {
  const headers = new Headers({ 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7', origin: APP_URL });
  if (credentials.cookie) headers.set('cookie', credentials.cookie);
  if (credentials.authorization) headers.set('authorization', credentials.authorization);
  current.headers = headers;
  if (entry.kind === 'route') {
    const values: Record<string, string> = { '*': 'x' };
    const params: Record<string, string | string[]> = {};
    for (const s of dynamicSegmentsOf(entry.file)) {
      values[s.name] = DUMMY_ID;
      params[s.name] = s.catchAll ? ['x'] : DUMMY_ID;
    }
    const url = `${APP_URL}${fillPattern(urlPatternOf(entry.file), values)}`;
    const body = entry.method === 'GET' || entry.method === 'HEAD' ? undefined : '{}';
    const res = (await entry.fn(new Request(url, { method: entry.method, headers, body }), {
      params: Promise.resolve(params),
    })) as Response;
    const text = await res.text();
    const detail = `${res.status} ${text.slice(0, 120)}`;
    if (res.status === 401) return { verdict: 'unauthenticated', detail };
    if (res.status === 403) return { verdict: 'forbidden', detail };
    return { verdict: 'passed', detail };
  }
  // Actions get no arguments: the guard runs before the action reads any, and what follows may fail validation.
  try {
    const r = await entry.fn();
    const code = (r as { error?: { code?: unknown } } | null)?.error?.code;
    // An action answers its own failures as values; the guard's refusals are thrown, but a caught one must still count.
    if (code === 'unauthorized:session') return { verdict: 'unauthenticated', detail: String(code) };
    if (code === 'forbidden:role') return { verdict: 'forbidden', detail: String(code) };
    return { verdict: 'passed', detail: `returned ${JSON.stringify(r)?.slice(0, 120)}` };
  } catch (err) {
    if (err instanceof AppError && err.kind === 'unauthorized') return { verdict: 'unauthenticated', detail: err.code };
    if (err instanceof AppError && err.kind === 'forbidden') return { verdict: 'forbidden', detail: err.code };
    // next/navigation's redirect(), notFound() and forbidden() throw errors carrying a digest: outcomes, not failures.
    const digest = String((err as { digest?: unknown } | null)?.digest ?? '');
    if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;403')) return { verdict: 'forbidden', detail: digest };
    return { verdict: 'passed', detail: digest || `threw ${String(err)}` };
  }
}

// ---- what the database holds ---------------------------------------------------------------------------------------

let tables: string[] = [];

/** Exact row counts of every table in the public schema. */
async function rowCounts(): Promise<Record<string, number>> {
  if (tables.length === 0) {
    const rows = await tdb.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    tables = rows.map((r) => r.table_name);
  }
  const q = tables.map((t) => `select '${t}' as t, count(*)::int as n from "${t}"`).join(' union all ');
  const rows = await tdb.db.execute<{ t: string; n: number }>(sql.raw(q));
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

/** Calls and answers the verdict, plus the tables whose row counts changed. */
async function callCounting(entry: Entry, credentials: { cookie?: string; authorization?: string }) {
  const before = await rowCounts();
  const outcome = await call(entry, credentials);
  const after = await rowCounts();
  const written = Object.keys(after).filter((t) => after[t] !== before[t]);
  return { ...outcome, written };
}

const needsSession = (e: Entry) => e.policy?.kind === 'session' || e.policy?.kind === 'self';

// ---- the tests -----------------------------------------------------------------------------------------------------

describe('every route handler and server action', () => {
  it('is found', () => {
    expect(entries.filter((e) => e.kind === 'route').length).toBeGreaterThan(15);
    expect(entries.filter((e) => e.kind === 'action').length).toBeGreaterThan(10);
    expect(strayExports).toEqual([]);
    const actionNames = entries.filter((e) => e.kind === 'action').map((e) => e.id);
    expect(
      actionNames.filter((n, i) => actionNames.indexOf(n) !== i),
      'server action names must be unique (docs/security.md names them)',
    ).toEqual([]);
  });

  it('declares a policy (built with a wrapper from lib/auth/guard.ts)', () => {
    expect(entries.filter((e) => !e.policy).map((e) => `${e.file}: ${e.id}`)).toEqual([]);
  });

  it('has the policy docs/security.md gives it, and the doc lists nothing else', () => {
    const doc = docEntryPoints(readSecurityDoc()).entries;
    const mismatched = entries
      .filter((e) => policyLabel(doc.get(e.id)) !== policyLabel(e.policy))
      .map((e) => `${e.id}: code says ${policyLabel(e.policy)}, docs/security.md says ${policyLabel(doc.get(e.id))}`);
    expect(mismatched).toEqual([]);
    const ids = new Set(entries.map((e) => e.id));
    expect([...doc.keys()].filter((d) => !d.startsWith('/') && !ids.has(d))).toEqual([]);
  });

  it('is let through by the proxy without a session exactly when it needs none', () => {
    const wrong = entries
      .filter((e) => e.kind === 'route')
      .filter(
        (e) =>
          isPublicPath(
            fillPattern(urlPatternOf(e.file), { '*': 'x', id: DUMMY_ID, friendId: DUMMY_ID, migrationId: DUMMY_ID, token: 'x' }),
          ) === needsSession(e),
      )
      .map((e) => `${e.id} (${policyLabel(e.policy)})`);
    expect(wrong).toEqual([]);
  });
});

describe('anonymously', () => {
  it('every entry point that needs a session refuses (401 / unauthorized) and writes nothing', async () => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const e of entries.filter(needsSession)) {
      const r = await callCounting(e, {});
      got[e.id] = `${r.verdict}${r.written.length ? `, wrote ${r.written.join(', ')}` : ''}`;
      want[e.id] = 'unauthenticated';
    }
    expect(Object.keys(want).length).toBeGreaterThan(20);
    expect(got).toEqual(want);
  });
});

describe('as each role', () => {
  interface Caller {
    label: string;
    holder: RoleHolder;
    mustEnrolTotp: boolean;
    op: TestOperator;
  }
  const callers: Caller[] = [];

  beforeAll(async () => {
    const auth = testAuth(tdb.db, { appBaseUrl: APP_URL, secret: SECRET });
    for (const role of ROLES)
      callers.push({ label: role, holder: { role }, mustEnrolTotp: false, op: await signedInOperator(auth, tdb.db, role) });
    // The separate export grant, and an operator an owner requires to enrol TOTP (nothing but their own account).
    const granted = await signedInOperator(auth, tdb.db, 'analyst');
    await setOperatorFlags(tdb.db, granted.row.id, { canExportFriends: true });
    callers.push({
      label: 'analyst with the export grant',
      holder: { role: 'analyst', canExportFriends: true },
      mustEnrolTotp: false,
      op: granted,
    });
    const mustEnrol = await signedInOperator(auth, tdb.db, 'owner');
    await setOperatorFlags(tdb.db, mustEnrol.row.id, { totpRequired: true });
    callers.push({ label: 'owner who must enrol TOTP', holder: { role: 'owner' }, mustEnrolTotp: true, op: mustEnrol });
  });

  /** A new session for the operator: a `self` action may end the one it runs in (sign-out). */
  async function freshCookie(op: TestOperator): Promise<string> {
    const res = await testAuth(tdb.db, { appBaseUrl: APP_URL, secret: SECRET }).api.signInEmail({
      body: { email: op.email, password: op.password },
      asResponse: true,
    });
    const cookie = /kizuna\.session_token=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    if (!cookie) throw new Error(`no session for ${op.email}`);
    return cookie;
  }

  it('each session entry point answers 403 exactly when the role lacks its permission, and writes nothing then', async () => {
    for (const c of callers) {
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const e of entries) {
        if (e.policy?.kind !== 'session') continue;
        const allowed = !c.mustEnrolTotp && can(c.holder, e.policy.permission);
        const r = allowed ? { ...(await call(e, { cookie: c.op.cookie })), written: [] } : await callCounting(e, { cookie: c.op.cookie });
        got[e.id] = `${r.verdict === 'passed' ? 'allowed' : r.verdict}${r.written.length ? `, wrote ${r.written.join(', ')}` : ''}`;
        want[e.id] = allowed ? 'allowed' : 'forbidden';
      }
      expect({ caller: c.label, verdicts: got }).toEqual({ caller: c.label, verdicts: want });
    }
  });

  it('each self entry point lets any signed-in operator through', async () => {
    for (const c of callers) {
      const got: Record<string, string> = {};
      for (const e of entries.filter((x) => x.policy?.kind === 'self'))
        got[e.id] = (await call(e, { cookie: await freshCookie(c.op) })).verdict;
      expect({ caller: c.label, verdicts: got }).toEqual({
        caller: c.label,
        verdicts: Object.fromEntries(Object.keys(got).map((k) => [k, 'passed'])),
      });
    }
  });

  it("better-auth's HTTP surface is only email sign-in and the OIDC callback: nothing else is reachable", async () => {
    const viewer = callers.find((c) => c.label === 'viewer');
    const handler = entries.find((e) => e.id === 'POST /api/auth/*');
    if (!viewer || !handler) throw new Error('no viewer or no POST /api/auth/*');
    const post = async (path: string, body: object) =>
      (await handler.fn(
        new Request(`${APP_URL}/api/auth/${path}`, {
          method: 'POST',
          headers: { cookie: viewer.op.cookie, origin: APP_URL, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({ all: path.split('/') }) },
      )) as Response;
    // Changing one's own record, TOTP, password or session goes through Kizuna's audited actions, never here.
    for (const path of ['update-user', 'two-factor/disable', 'two-factor/enable', 'change-password', 'sign-out', 'sign-up/email']) {
      expect([path, (await post(path, { role: 'owner', password: 'x', newPassword: 'y' })).status]).toEqual([path, 404]);
    }
    const [row] = await tdb.db.select().from(operators).where(eq(operators.id, viewer.op.row.id));
    expect(row).toMatchObject({ role: 'viewer', canExportFriends: false, totpRequired: false, twoFactorEnabled: false });
    // Email sign-in is open (it checks the password itself).
    expect((await post('sign-in/email', { email: viewer.op.email, password: 'wrong-password-123' })).status).toBe(401);
  });

  it('a session cookie is no API key', async () => {
    const owner = callers.find((c) => c.label === 'owner');
    for (const e of entries.filter((x) => x.policy?.kind === 'api_key'))
      expect([e.id, (await call(e, { cookie: owner?.op.cookie })).verdict]).toEqual([e.id, 'unauthenticated']);
  });
});

describe('with API keys', () => {
  const keys = new Map<string, string>();

  beforeAll(async () => {
    // One key per scope holding every other scope but that one, one per scope holding just it, and dead keys.
    for (const scope of API_SCOPES) {
      keys.set(`only ${scope}`, (await createApiKey(tdb.db, { name: `only ${scope}`, scopes: [scope] })).key);
      keys.set(
        `all but ${scope}`,
        (await createApiKey(tdb.db, { name: `all but ${scope}`, scopes: API_SCOPES.filter((s) => s !== scope) })).key,
      );
    }
    keys.set(
      'expired',
      (await createApiKey(tdb.db, { name: 'expired', scopes: API_SCOPES, expiresAt: new Date(Date.now() - 60_000) })).key,
    );
    const revoked = await createApiKey(tdb.db, { name: 'revoked', scopes: API_SCOPES });
    await tdb.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, revoked.row.id));
    keys.set('revoked', revoked.key);
  });

  const bearer = (name: string) => ({ authorization: `Bearer ${keys.get(name) ?? 'missing'}` });

  it('each API entry point: no key 401, a key without the scope 403 (nothing written either way), a key with it passes', async () => {
    const got: Record<string, string[]> = {};
    const want: Record<string, string[]> = {};
    for (const e of entries) {
      if (e.policy?.kind !== 'api_key') continue;
      const scope: ApiScope = e.policy.scope;
      const show = (r: { verdict: Verdict; written: string[] }) =>
        `${r.verdict}${r.written.length ? `, wrote ${r.written.join(', ')}` : ''}`;
      got[e.id] = [
        show(await callCounting(e, {})),
        show(await callCounting(e, { authorization: 'Bearer kz_not-a-real-key-0123456789abcdef' })),
        show(await callCounting(e, bearer('expired'))),
        show(await callCounting(e, bearer('revoked'))),
        show(await callCounting(e, bearer(`all but ${scope}`))),
        (await call(e, bearer(`only ${scope}`))).verdict,
      ];
      want[e.id] = ['unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated', 'forbidden', 'passed'];
    }
    expect(Object.keys(want).length).toBeGreaterThanOrEqual(6);
    expect(got).toEqual(want);
  });
});
