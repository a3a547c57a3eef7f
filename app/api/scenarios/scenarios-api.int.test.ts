// The /api/scenarios route handlers against a real database, called by signed-in operators: create, autosave with
// optimistic concurrency, publish (400 with issues when invalid), versions, run control.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { scenarios } from '@/db/schema';
import type { AppDeps } from '@/lib/app-deps';
import { installOfflineAppDeps, uninstallAppDeps } from '@/test/app-deps';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { signedInOperator, testAuth, type TestOperator } from '@/test/operators';
import type * as DraftRoute from './[id]/draft/route';
import type * as PublishRoute from './[id]/publish/route';
import type * as OneRoute from './[id]/route';
import type * as StatusRoute from './[id]/status/route';
import type * as VersionsRoute from './[id]/versions/route';
import type * as CreateRoute from './route';

const SECRET = 'scenarios-api-kizuna-secret-0123456789';
const APP_URL = 'http://kizuna.test';

let tdb: TestDatabase;
let deps: AppDeps;
let editor: TestOperator;
let publisher: TestOperator;
let routes: {
  create: typeof CreateRoute;
  one: typeof OneRoute;
  draft: typeof DraftRoute;
  publish: typeof PublishRoute;
  versions: typeof VersionsRoute;
  status: typeof StatusRoute;
};

const welcome: unknown = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../examples/welcome-steps.json'), 'utf8'));
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const noParams = { params: Promise.resolve({}) };
/** A request as `as` (an operator's session cookie); anonymous when `as` is null. */
const json = (method: string, body?: unknown, as: TestOperator | null = editor) =>
  new Request(`${APP_URL}/api`, {
    method,
    headers: { 'content-type': 'application/json', ...(as ? { cookie: as.cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  tdb = await createTestDatabase();
  // The app's composition root (lib/app-deps.ts) answers this object to every route: this file's database, the shared Temporal.
  deps = installOfflineAppDeps({
    databaseUrl: tdb.url,
    temporalAddress: inject('temporalAddress'),
    name: 'scenarios-api',
    secret: SECRET,
    appBaseUrl: APP_URL,
    devMode: false,
  });
  const auth = testAuth(tdb.db, { appBaseUrl: APP_URL, secret: SECRET });
  editor = await signedInOperator(auth, tdb.db, 'editor');
  publisher = await signedInOperator(auth, tdb.db, 'publisher');
  routes = {
    create: await import('./route'),
    one: await import('./[id]/route'),
    draft: await import('./[id]/draft/route'),
    publish: await import('./[id]/publish/route'),
    versions: await import('./[id]/versions/route'),
    status: await import('./[id]/status/route'),
  };
});
afterAll(async () => {
  uninstallAppDeps();
  await deps?.close();
  await tdb?.drop();
});

describe('/api/scenarios', () => {
  let id = '';

  it('answers 401 without a session and creates nothing', async () => {
    expect((await routes.create.POST(json('POST', { name: 'だれ？' }, null), noParams)).status).toBe(401);
    expect(await tdb.db.select().from(scenarios)).toEqual([]);
  });

  it('creates a draft holding only a trigger', async () => {
    const res = await routes.create.POST(json('POST', { name: 'ようこそ' }), noParams);
    expect(res.status).toBe(201);
    id = ((await res.json()) as { id: string }).id;
    const got = await routes.one.GET(json('GET'), ctx(id));
    const body = (await got.json()) as { name: string; draftRevision: number; draft: { nodes: { kind: string }[] }; live: null };
    expect(body).toMatchObject({ name: 'ようこそ', draftRevision: 1, live: null });
    expect(body.draft.nodes.map((n) => n.kind)).toEqual(['trigger']);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await routes.one.GET(json('GET'), ctx('nope'))).status).toBe(404);
    expect((await routes.one.GET(json('GET'), ctx('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
  });

  it('refuses to publish an invalid graph: 400 with every issue and its node', async () => {
    const res = await routes.publish.POST(json('POST', {}, publisher), ctx(id));
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; issues: { code: string; nodeId?: string; path: unknown[] }[] };
    };
    expect(body.error.code).toBe('invalid:graph');
    expect(body.error.issues).toEqual([expect.objectContaining({ code: 'output_unconnected', nodeId: 'trigger', path: ['nodes', 0] })]);
    const versions = (await (await routes.versions.GET(json('GET'), ctx(id))).json()) as { versions: unknown[] };
    expect(versions.versions).toEqual([]);
  });

  it('saves drafts only on top of the revision they were based on (409 conflict:draft otherwise)', async () => {
    const first = await routes.draft.PUT(json('PUT', { graph: welcome, expectedRevision: 1, name: 'ようこそステップ' }), ctx(id));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ revision: 2 });
    const stale = await routes.draft.PUT(json('PUT', { graph: welcome, expectedRevision: 1 }), ctx(id));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'conflict:draft', currentRevision: 2 } });
    const bad = await routes.draft.PUT(json('PUT', { graph: { nodes: 'x' }, expectedRevision: 2 }), ctx(id));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid:body');
  });

  it('publishes a valid draft as version 1 (publishers only), lists it, and controls the run status', async () => {
    const refused = await routes.publish.POST(json('POST', {}), ctx(id));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden:role' } });
    expect((await routes.status.POST(json('POST', { action: 'pause' }), ctx(id))).status).toBe(403);
    const res = await routes.publish.POST(json('POST', {}, publisher), ctx(id));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ version: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const list = (await (await routes.versions.GET(json('GET'), ctx(id))).json()) as {
      versions: { version: number; publishedBy: string }[];
    };
    expect(list.versions).toMatchObject([{ version: 1, publishedBy: publisher.email }]);
    const got = (await (await routes.one.GET(json('GET'), ctx(id))).json()) as { status: string; live: { version: number } };
    expect(got).toMatchObject({ status: 'live', live: { version: 1 } });
    for (const [action, status] of [
      ['pause', 'paused'],
      ['resume', 'live'],
      ['stop', 'stopped'],
    ] as const) {
      const r = await routes.status.POST(json('POST', { action }, publisher), ctx(id));
      expect(await r.json()).toMatchObject({ status });
    }
    const again = await routes.status.POST(json('POST', { action: 'pause' }, publisher), ctx(id));
    expect(again.status).toBe(409);
  });
});
