// Friends and events APIs on a real database: per-item errors naming the field, upserts, idempotent events, API keys
// (scopes, expiry, revocation and last use, through the same route wrapper the app's API routes use).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '@/db/queries/api-keys';
import { apiKeys, attributeDefinitions, events, friendTags, friends } from '@/db/schema';
import { createEdgeHarness, type EdgeHarness } from '@/test/edge';
import { createApiKey, requireApiKey } from '../api-auth';
import { readJsonBody } from '../http/read-body';
import type { AppDeps } from '../app-deps';
import { apiKeyRoute } from '../auth/guard';
import { AppError } from '../errors';
import { handleEventsRequest } from './events-request';
import { ingestEvents } from './ingest-events';
import { upsertFriends } from './upsert-friends';

let h: EdgeHarness;
const U = (c: string) => `U${c.repeat(32)}`;
/** Two API keys' ids: idempotency keys are scoped per API key. */
let KEY_A = '';
let KEY_B = '';

beforeAll(async () => {
  h = await createEdgeHarness();
  KEY_A = (await createApiKey(h.deps.db, { name: 'EC', scopes: ['events:write'] })).row.id;
  KEY_B = (await createApiKey(h.deps.db, { name: 'POS', scopes: ['events:write'] })).row.id;
  await h.deps.db.insert(attributeDefinitions).values([
    { key: 'rank', label: 'ランク', type: 'enum', options: ['gold', 'silver'] },
    { key: 'points', label: 'ポイント', type: 'number' },
  ]);
});
afterAll(async () => {
  await h?.close();
});

describe('POST /api/friends', () => {
  it('refuses a bad envelope with 400 naming the field', async () => {
    const err = await upsertFriends(h.deps, { friends: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).issues[0]?.path).toEqual(['friends']);
    const big = await upsertFriends(h.deps, { friends: Array.from({ length: 1001 }, () => ({})) }).catch((e: unknown) => e);
    expect((big as AppError).issues[0]).toMatchObject({ path: ['friends'], message: expect.stringMatching(/1000/) });
  });

  it('upserts valid items and reports each bad one with its path', async () => {
    const r = await upsertFriends(h.deps, {
      friends: [
        { lineUserId: U('1'), memberId: 'M-001', displayName: '佐藤', attributes: { rank: 'gold', points: 10 }, tags: { add: ['vip'] } },
        { lineUserId: U('2'), attributes: { rank: 'bronze' } },
        { lineUserId: 'not-a-line-id' },
        { memberId: 'M-404', attributes: { points: 1 } },
        { lineUserId: U('3'), attributes: { colour: 'red' } },
        { memberId: 'M-001', attributes: { points: 20, rank: null } },
      ],
    });
    expect(r).toMatchObject({ created: 1, updated: 1, failed: 4 });
    const issue = (i: number) => {
      const x = r.results[i];
      return x?.status === 'error' ? x.error.issues[0] : undefined;
    };
    expect(issue(1)).toMatchObject({ path: ['friends', 1, 'attributes', 'rank'], message: expect.stringContaining('gold') });
    expect(issue(2)?.path).toEqual(['friends', 2, 'lineUserId']);
    expect(r.results[3]).toMatchObject({
      status: 'error',
      error: { code: 'not_found:friend', issues: [{ path: ['friends', 3, 'memberId'] }] },
    });
    expect(issue(4)?.path).toEqual(['friends', 4, 'attributes', 'colour']);
    // Nothing of a failed item was written.
    expect(
      await h.deps.db
        .select()
        .from(friends)
        .where(eq(friends.lineUserId, U('2'))),
    ).toEqual([]);
    const [f] = await h.deps.db.select().from(friends).where(eq(friends.memberId, 'M-001'));
    expect(f).toMatchObject({ lineUserId: U('1'), displayName: '佐藤', attributes: { points: 20 } });
    expect(
      await h.deps.db
        .select()
        .from(friendTags)
        .where(eq(friendTags.friendId, f?.id ?? '')),
    ).toMatchObject([{ tag: 'vip' }]);
    // The new tag's trigger row was written with the tag.
    expect((await h.dispatched()).filter((d) => d.kind === 'tag_added')).toMatchObject([{ friendId: f?.id, tag: 'vip' }]);
  });

  it('does not move a member id from one friend to another', async () => {
    const r = await upsertFriends(h.deps, { friends: [{ lineUserId: U('4'), memberId: 'M-001' }] });
    expect(r.results[0]).toMatchObject({
      status: 'error',
      error: { code: 'conflict:member_id', issues: [{ path: ['friends', 0, 'memberId'] }] },
    });
  });
});

describe('POST /api/events', () => {
  it('stores new events once per idempotency key and reports per-item errors', async () => {
    const body = {
      events: [
        {
          lineUserId: U('1'),
          name: 'purchase',
          occurredAt: '2025-04-01T19:00:00+09:00',
          properties: { amount: 3980 },
          idempotencyKey: 'order-1',
        },
        { memberId: 'M-001', name: 'cart_abandoned', occurredAt: '2025-04-02T10:00:00Z' },
        { memberId: 'M-001', name: 'purchase', occurredAt: 'yesterday' },
        { lineUserId: U('9'), name: 'purchase', occurredAt: '2025-04-01T10:00:00Z' },
        { name: 'purchase', occurredAt: '2025-04-01T10:00:00Z' },
      ],
    };
    const before = (await h.dispatched()).length;
    const r = await ingestEvents(h.deps, body, { apiKeyId: KEY_A });
    expect(r).toMatchObject({ accepted: 2, duplicates: 0, failed: 3 });
    expect(r.results[2]).toMatchObject({ status: 'error', error: { issues: [{ path: ['events', 2, 'occurredAt'] }] } });
    expect(r.results[3]).toMatchObject({
      status: 'error',
      error: { code: 'not_found:friend', issues: [{ path: ['events', 3, 'lineUserId'] }] },
    });
    expect(r.results[4]).toMatchObject({ status: 'error', error: { issues: [{ path: ['events', 4, 'lineUserId'] }] } });
    // Each stored event wrote its dispatch row with it.
    const rows = (await h.dispatched()).slice(before);
    expect(rows.map((d) => d.kind === 'event' && d.eventId)).toEqual(
      [r.results[0], r.results[1]].map((x) => x?.status === 'accepted' && x.eventId),
    );

    // A retry of the same event with the same key: the first event's id, nothing stored or dispatched again.
    const again = await ingestEvents(h.deps, { events: [body.events[0]] }, { apiKeyId: KEY_A });
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(again.results[0]).toEqual({
      index: 0,
      status: 'duplicate',
      eventId: r.results[0]?.status === 'accepted' ? r.results[0].eventId : '',
    });
    expect((await h.dispatched()).length).toBe(before + 2);
    const stored = await h.deps.db.select().from(events).where(eq(events.name, 'purchase'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source: 'api', properties: { amount: 3980 }, occurredAt: new Date('2025-04-01T10:00:00Z') });
  });

  it('scopes idempotency keys per API key and refuses a key reused for a different event', async () => {
    const e = {
      lineUserId: U('1'),
      name: 'visit',
      occurredAt: '2025-05-01T10:00:00Z',
      properties: { shop: 'Shibuya' },
      idempotencyKey: 'v-1',
    };
    const a = await ingestEvents(h.deps, { events: [e] }, { apiKeyId: KEY_A });
    // Another system's key "v-1" is its own event.
    const b = await ingestEvents(h.deps, { events: [e] }, { apiKeyId: KEY_B });
    expect([a.accepted, b.accepted]).toEqual([1, 1]);
    // The same key with other properties is not a retry: refused with the field named, nothing stored.
    const before = await h.deps.db.select().from(events).where(eq(events.name, 'visit'));
    const changed = await ingestEvents(h.deps, { events: [{ ...e, properties: { shop: 'Umeda' } }] }, { apiKeyId: KEY_A });
    expect(changed.results[0]).toMatchObject({
      status: 'error',
      error: { code: 'unprocessable:idempotency_key', issues: [{ path: ['events', 0, 'idempotencyKey'] }] },
    });
    expect(await h.deps.db.select().from(events).where(eq(events.name, 'visit'))).toHaveLength(before.length);
  });

  it('answers a retried request with its first response under the same Idempotency-Key, and 422 for another body', async () => {
    const body = { events: [{ lineUserId: U('1'), name: 'order', occurredAt: '2025-05-02T10:00:00Z', properties: { total: 1200 } }] };
    const first = await handleEventsRequest(h.deps, { apiKeyId: KEY_A, idempotencyKey: 'req-42', body });
    expect(first).toMatchObject({ status: 200, replayed: false, body: { accepted: 1 } });
    const retry = await handleEventsRequest(h.deps, { apiKeyId: KEY_A, idempotencyKey: 'req-42', body });
    expect(retry).toEqual({ ...first, replayed: true });
    expect(await h.deps.db.select().from(events).where(eq(events.name, 'order'))).toHaveLength(1);
    const other = { events: [{ ...body.events[0], properties: { total: 9999 } }] };
    await expect(handleEventsRequest(h.deps, { apiKeyId: KEY_A, idempotencyKey: 'req-42', body: other })).rejects.toMatchObject({
      status: 422,
      code: 'unprocessable:idempotency_key',
    });
    // The key belongs to the API key that used it: another key's request with it is its own.
    expect(await handleEventsRequest(h.deps, { apiKeyId: KEY_B, idempotencyKey: 'req-42', body })).toMatchObject({ replayed: false });
    // A refused request is an answer too: the same bad body gets the same 400 again.
    const bad = { events: [] };
    await expect(handleEventsRequest(h.deps, { apiKeyId: KEY_A, idempotencyKey: 'req-bad', body: bad })).rejects.toMatchObject({
      status: 400,
    });
    expect(await handleEventsRequest(h.deps, { apiKeyId: KEY_A, idempotencyKey: 'req-bad', body: bad })).toMatchObject({
      status: 400,
      replayed: true,
    });
  });
});

describe('API keys', () => {
  const req = (auth?: string, body: unknown = {}) =>
    new Request('http://x/api/events', { method: 'POST', headers: auth ? { authorization: auth } : {}, body: JSON.stringify(body) });
  const ALL = ['events:write', 'friends:read', 'friends:write', 'links:write'] as const;
  // The real route wrappers (lib/auth/guard.ts) over this file's deps: the handlers are the routes' own one-liners.
  const holder = globalThis as unknown as { kizunaAppDeps?: AppDeps };
  const postEvents = apiKeyRoute('events:write', async (r: Request, _ctx, key) =>
    Response.json(await ingestEvents(h.deps, await readJsonBody(r), { apiKeyId: key.id })),
  );
  const postFriends = apiKeyRoute('friends:write', async (r: Request) => Response.json(await upsertFriends(h.deps, await readJsonBody(r))));
  const event = { lineUserId: U('1'), name: 'scoped', occurredAt: '2025-04-03T10:00:00Z', idempotencyKey: 'scoped-1' };
  const count = async (table: typeof events | typeof friends) => (await h.deps.db.select().from(table)).length;
  beforeAll(() => {
    holder.kizunaAppDeps = h.deps;
  });
  afterAll(() => {
    delete holder.kizunaAppDeps;
  });

  it('accepts a created key until it is revoked; stores only its hash', async () => {
    const { key, row } = await createApiKey(h.deps.db, { name: 'EC site', scopes: ALL });
    expect(key).toMatch(/^kz_[A-Za-z0-9_-]{43}$/);
    expect(row.keyHash).not.toContain(key.slice(3));
    expect(row.prefix).toBe(key.slice(0, 10));
    expect((await requireApiKey(h.deps.db, req(`Bearer ${key}`), 'events:write')).id).toBe(row.id);
    for (const bad of [undefined, 'Bearer', `Basic ${key}`, `Bearer ${key}x`, 'Bearer kz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      await expect(requireApiKey(h.deps.db, req(bad), 'events:write')).rejects.toMatchObject({ code: 'unauthorized:api_key' });
    }
    await revokeApiKey(h.deps.db, row.id, new Date());
    await expect(requireApiKey(h.deps.db, req(`Bearer ${key}`), 'events:write')).rejects.toMatchObject({ status: 401 });
    const [before, res] = [await count(events), await postEvents(req(`Bearer ${key}`, { events: [event] }), {})];
    expect(res.status).toBe(401);
    expect(await count(events)).toBe(before);
  });

  it('refuses a key without the scope with 403 and writes nothing', async () => {
    const { key } = await createApiKey(h.deps.db, { name: 'reader', scopes: ['friends:read', 'links:write'] });
    const [eventsBefore, friendsBefore] = [await count(events), await count(friends)];
    const res = await postEvents(req(`Bearer ${key}`, { events: [event] }), {});
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden:api_key_scope' } });
    const res2 = await postFriends(req(`Bearer ${key}`, { friends: [{ lineUserId: U('7'), displayName: 'x' }] }), {});
    expect(res2.status).toBe(403);
    expect([await count(events), await count(friends)]).toEqual([eventsBefore, friendsBefore]);
    // The same request with a key that holds the scope goes through.
    const { key: writer } = await createApiKey(h.deps.db, { name: 'writer', scopes: ['events:write'] });
    expect((await postEvents(req(`Bearer ${writer}`, { events: [event] }), {})).status).toBe(200);
    expect(await count(events)).toBe(eventsBefore + 1);
  });

  it('refuses an expired key with 401 and writes nothing', async () => {
    const { key } = await createApiKey(h.deps.db, { name: 'old', scopes: ALL, expiresAt: new Date(Date.now() - 1000) });
    await expect(requireApiKey(h.deps.db, req(`Bearer ${key}`), 'friends:write')).rejects.toMatchObject({
      code: 'unauthorized:api_key',
      status: 401,
    });
    const before = await count(friends);
    const res = await postFriends(req(`Bearer ${key}`, { friends: [{ lineUserId: U('8') }] }), {});
    expect(res.status).toBe(401);
    expect(await count(friends)).toBe(before);
    // A key whose expiry is still ahead works.
    const { key: fresh } = await createApiKey(h.deps.db, { name: 'new', scopes: ALL, expiresAt: new Date(Date.now() + 86_400_000) });
    expect((await postFriends(req(`Bearer ${fresh}`, { friends: [{ lineUserId: U('8') }] }), {})).status).toBe(200);
  });

  it('records when a key was last used', async () => {
    const { key, row } = await createApiKey(h.deps.db, { name: 'used', scopes: ['events:write'] });
    expect(row.lastUsedAt).toBeNull();
    const t0 = Date.now();
    await requireApiKey(h.deps.db, req(`Bearer ${key}`), 'events:write');
    const [after] = await h.deps.db.select().from(apiKeys).where(eq(apiKeys.id, row.id));
    expect(after?.lastUsedAt?.getTime()).toBeGreaterThanOrEqual(t0 - 1000);
    // A refused request (wrong scope) is not a use.
    const { key: other, row: otherRow } = await createApiKey(h.deps.db, { name: 'unused', scopes: ['links:write'] });
    await expect(requireApiKey(h.deps.db, req(`Bearer ${other}`), 'events:write')).rejects.toMatchObject({ status: 403 });
    const [still] = await h.deps.db.select().from(apiKeys).where(eq(apiKeys.id, otherRow.id));
    expect(still?.lastUsedAt).toBeNull();
  });
});
