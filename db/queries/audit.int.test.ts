// The audit page's queries on a real database: filters, the "older" cursor (rows sharing an instant neither skipped nor
// repeated) and the names objects are shown by.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { apiKeys, auditLog, friends, scenarios } from '../schema';
import { auditObjectNames, listAudit } from './audit';

let tdb: TestDatabase;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  tdb = await createTestDatabase();
  const same = at('2025-04-01T15:30:00Z'); // 2025-04-02 00:30 JST
  await tdb.db.insert(auditLog).values([
    ...Array.from({ length: 5 }, (_, i) => ({
      at: same,
      actorEmail: `Alice${i}@Example.jp`,
      action: 'sign_in',
      objectType: 'operator',
      objectId: `op${i}`,
    })),
    { at: at('2025-04-01T14:59:59Z'), actorEmail: 'bob@example.jp', action: 'scenario_paused', objectType: 'scenario', objectId: 's1' },
    {
      at: at('2025-04-03T01:00:00Z'),
      actorId: 'op-carol',
      actorEmail: 'carol@example.jp',
      action: 'test_send',
      objectType: 'scenario',
      objectId: 's1',
    },
  ]);
});
afterAll(async () => {
  await tdb?.drop();
});

describe('listAudit', () => {
  it('pages through rows sharing an instant with the cursor, newest first', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await listAudit(tdb.db, before ? { before } : {}, 2);
      if (page.length === 0) break;
      seen.push(...page.map((r) => r.id));
      before = page.at(-1)?.id;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const all = await listAudit(tdb.db, {});
    expect(all.map((r) => r.id)).toEqual(seen);
    expect(all[0]?.action).toBe('test_send');
    expect(all.at(-1)?.action).toBe('scenario_paused');
  });

  it('filters by action, part of an email (any case) or operator id, object and time', async () => {
    expect(await listAudit(tdb.db, { action: 'sign_in' })).toHaveLength(5);
    expect(await listAudit(tdb.db, { actor: 'alice3@example' })).toMatchObject([{ objectId: 'op3' }]);
    expect(await listAudit(tdb.db, { actor: 'op-carol' })).toMatchObject([{ action: 'test_send' }]);
    expect(await listAudit(tdb.db, { actor: '%' })).toEqual([]);
    expect(await listAudit(tdb.db, { objectType: 'scenario', objectId: 's1' })).toHaveLength(2);
    // 2025-04-02 in JST: from 2025-04-01T15:00Z to 2025-04-02T15:00Z.
    const day = await listAudit(tdb.db, { from: at('2025-04-01T15:00:00Z'), to: at('2025-04-02T15:00:00Z') });
    expect(day.map((r) => r.action)).toEqual(Array(5).fill('sign_in'));
  });
});

describe('auditObjectNames', () => {
  it('names scenarios, API keys and friends by id; unknown or malformed ids are left out', async () => {
    const [s] = await tdb.db.insert(scenarios).values({ name: 'ようこそ', draft: {} }).returning();
    const [k] = await tdb.db.insert(apiKeys).values({ name: 'EC site', keyHash: 'h', prefix: 'kz_abc' }).returning();
    const [f] = await tdb.db
      .insert(friends)
      .values({ lineUserId: `U${'1'.repeat(32)}`, displayName: '花子' })
      .returning();
    const names = await auditObjectNames(tdb.db, [
      { type: 'scenario', id: s?.id ?? '' },
      { type: 'api_key', id: k?.id ?? '' },
      { type: 'friend', id: f?.id ?? '' },
      { type: 'scenario', id: 'not-a-uuid' },
      { type: 'operator', id: 'nobody' },
    ]);
    expect(names).toEqual({ [`scenario:${s?.id}`]: 'ようこそ', [`api_key:${k?.id}`]: 'EC site', [`friend:${f?.id}`]: '花子' });
  });
});
