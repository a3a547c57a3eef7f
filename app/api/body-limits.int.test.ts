// Body caps on the real route handlers: 60 MB streamed at the LINE webhook, a scenario draft, the events API and the
// friends CSV import are refused with 413 after reading no more than the cap plus one chunk, and nothing is stored; a draft over 2,000 nodes
// is refused naming the limit.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { events, friends, scenarios, webhookEvents } from '@/db/schema';
import { createApiKey } from '@/lib/api-auth';
import type { AppDeps } from '@/lib/app-deps';
import { installOfflineAppDeps, uninstallAppDeps } from '@/test/app-deps';
import { BODY_LIMITS, MAX_DRAFT_NODES } from '@/lib/http/read-body';
import { CHUNK, countingBody, streamedRequest } from '@/test/counting-body';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { signedInOperator, testAuth, type TestOperator } from '@/test/operators';
import type * as EventsRoute from './events/route';
import type * as ImportRoute from './friends/import/route';
import type * as WebhookRoute from './line/webhook/route';
import type * as DraftRoute from './scenarios/[id]/draft/route';
import type * as CreateRoute from './scenarios/route';

const SECRET = 'body-limits-kizuna-secret-0123456789';
const APP_URL = 'http://kizuna.test';
const SIXTY_MB = 60 * 1024 * 1024;

let tdb: TestDatabase;
let deps: AppDeps;
let editor: TestOperator;
let routes: {
  webhook: typeof WebhookRoute;
  draft: typeof DraftRoute;
  create: typeof CreateRoute;
  events: typeof EventsRoute;
  csvImport: typeof ImportRoute;
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  deps = installOfflineAppDeps({
    databaseUrl: tdb.url,
    temporalAddress: inject('temporalAddress'),
    name: 'body-limits',
    secret: SECRET,
    appBaseUrl: APP_URL,
    devMode: false,
  });
  editor = await signedInOperator(testAuth(tdb.db, { appBaseUrl: APP_URL, secret: SECRET }), tdb.db, 'editor');
  routes = {
    webhook: await import('./line/webhook/route'),
    draft: await import('./scenarios/[id]/draft/route'),
    create: await import('./scenarios/route'),
    events: await import('./events/route'),
    csvImport: await import('./friends/import/route'),
  };
});
afterAll(async () => {
  uninstallAppDeps();
  await deps?.close();
  await tdb?.drop();
});

const noParams = { params: Promise.resolve({}) };
const asEditor = () => ({ 'content-type': 'application/json', origin: APP_URL, cookie: editor.cookie });

async function newScenario(): Promise<string> {
  const res = await routes.create.POST(
    new Request(`${APP_URL}/api/scenarios`, { method: 'POST', headers: asEditor(), body: JSON.stringify({ name: '上限' }) }),
    noParams,
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('a 60 MB body', () => {
  it('at the LINE webhook: 413 after at most 1 MB plus one chunk, nothing stored', async () => {
    const body = countingBody(SIXTY_MB);
    const res = await routes.webhook.POST(
      streamedRequest(`${APP_URL}/api/line/webhook`, 'POST', body, { 'content-type': 'application/json', 'x-line-signature': 'x' }),
      noParams,
    );
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: 'too_large:body', message: expect.stringContaining('1 MB') });
    expect(body.pulled).toBeLessThanOrEqual(BODY_LIMITS.lineWebhook + CHUNK);
    expect(body.cancelled).toBe(true);
    expect(await tdb.db.select().from(webhookEvents)).toEqual([]);
  });

  it('as a chunked scenario draft: 413 after at most 2 MB plus one chunk, the draft unchanged', async () => {
    const id = await newScenario();
    const body = countingBody(SIXTY_MB);
    const res = await routes.draft.PUT(streamedRequest(`${APP_URL}/api/scenarios/${id}/draft`, 'PUT', body, asEditor()), {
      params: Promise.resolve({ id }),
    });
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: 'too_large:body', message: expect.stringContaining('2 MB') });
    expect(body.pulled).toBeLessThanOrEqual(BODY_LIMITS.scenarioDraft + CHUNK);
    const [row] = await tdb.db.select().from(scenarios).where(eq(scenarios.id, id));
    expect(row?.draftRevision).toBe(1);
  });

  it('declared in Content-Length at the draft: 413 without reading a byte', async () => {
    const id = await newScenario();
    const body = countingBody(SIXTY_MB);
    const res = await routes.draft.PUT(
      streamedRequest(`${APP_URL}/api/scenarios/${id}/draft`, 'PUT', body, { ...asEditor(), 'content-length': String(SIXTY_MB) }),
      { params: Promise.resolve({ id }) },
    );
    expect(res.status).toBe(413);
    expect(body.pulled).toBe(0);
  });

  it('at the events API (API key): 413 after at most 5 MB plus one chunk, no event stored', async () => {
    const { key } = await createApiKey(tdb.db, { name: 'body limits', scopes: ['events:write'] });
    const body = countingBody(SIXTY_MB);
    const res = await routes.events.POST(
      streamedRequest(`${APP_URL}/api/events`, 'POST', body, { 'content-type': 'application/json', authorization: `Bearer ${key}` }),
      noParams,
    );
    expect(res.status).toBe(413);
    expect(body.pulled).toBeLessThanOrEqual(BODY_LIMITS.json + CHUNK);
    expect(await tdb.db.select().from(events)).toEqual([]);
  });

  it('at the friends CSV import (API key): 413 after at most 20 MB plus one chunk, no friend stored', async () => {
    const { key } = await createApiKey(tdb.db, { name: 'csv limits', scopes: ['friends:write'] });
    const body = countingBody(SIXTY_MB);
    const res = await routes.csvImport.POST(
      streamedRequest(`${APP_URL}/api/friends/import`, 'POST', body, { 'content-type': 'text/csv', authorization: `Bearer ${key}` }),
      noParams,
    );
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: 'too_large:body', message: expect.stringContaining('20 MB') });
    expect(body.pulled).toBeLessThanOrEqual(BODY_LIMITS.csv + CHUNK);
    expect(body.cancelled).toBe(true);
    expect(await tdb.db.select().from(friends)).toEqual([]);
  });
});

describe('a scenario draft', () => {
  it(`over ${MAX_DRAFT_NODES} nodes is refused with 413 naming the limit`, async () => {
    const id = await newScenario();
    const nodes = Array.from({ length: MAX_DRAFT_NODES + 1 }, (_, i) => ({
      id: `n${i}`,
      kind: 'wait',
      position: { x: 0, y: i * 10 },
      data: {},
    }));
    const graph = { schemaVersion: 1, settings: { timeZone: 'Asia/Tokyo', splitSalt: 's' }, nodes, edges: [] };
    const res = await routes.draft.PUT(
      new Request(`${APP_URL}/api/scenarios/${id}/draft`, {
        method: 'PUT',
        headers: asEditor(),
        body: JSON.stringify({ graph, expectedRevision: 1 }),
      }),
      { params: Promise.resolve({ id }) },
    );
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toEqual(
      expect.objectContaining({ code: 'too_large:graph', message: 'a scenario holds at most 2,000 nodes' }),
    );
  });

  it('nested deeper than 64 levels is refused with invalid:json naming the limit', async () => {
    const id = await newScenario();
    const deep = '['.repeat(2000) + ']'.repeat(2000);
    const res = await routes.draft.PUT(
      new Request(`${APP_URL}/api/scenarios/${id}/draft`, {
        method: 'PUT',
        headers: asEditor(),
        body: `{"graph":{"nodes":[],"edges":[],"x":${deep}},"expectedRevision":1}`,
      }),
      { params: Promise.resolve({ id }) },
    );
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid:json', message: 'the body is nested deeper than 64 levels' });
  });
});
