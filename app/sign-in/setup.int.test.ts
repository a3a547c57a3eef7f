// First run in production: /setup's action creates the owner only while no operator exists, even when two browsers
// submit at once, and audits it; afterwards it refuses and nothing changes.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { auditLog, operators } from '@/db/schema';
import type { AppDeps } from '@/lib/app-deps';
import { installOfflineAppDeps } from '@/test/app-deps';
import { createTestDatabase, type TestDatabase } from '@/test/db';

vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': '198.51.100.20' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
}));

let tdb: TestDatabase;
let deps: AppDeps;

beforeAll(async () => {
  tdb = await createTestDatabase();
  deps = installOfflineAppDeps({
    databaseUrl: tdb.url,
    temporalAddress: inject('temporalAddress'),
    name: 'setup-test',
    secret: 'setup-test-kizuna-secret-0123456789',
    appBaseUrl: 'http://kizuna.test',
    devMode: false,
  });
});
afterAll(async () => {
  await deps.close();
  await tdb.drop();
});

describe('first owner', () => {
  it('two simultaneous submissions on an empty install make exactly one owner; later ones are refused', async () => {
    const { createOwnerAction } = await import('./actions');
    const password = 'a-long-owner-password';
    const results = await Promise.all([
      createOwnerAction({ email: 'first@example.com', name: 'First', password }),
      createOwnerAction({ email: 'second@example.com', name: 'Second', password }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'conflict:setup_done' } });
    const ops = await tdb.db.select().from(operators);
    expect(ops).toHaveLength(1);
    expect(ops[0]?.role).toBe('owner');
    const audited = await tdb.db.select().from(auditLog).where(eq(auditLog.action, 'owner_created'));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: ops[0]?.id, objectId: ops[0]?.id, ip: '198.51.100.20', detail: { via: 'setup' } });

    expect(await createOwnerAction({ email: 'late@example.com', name: 'Late', password })).toMatchObject({
      ok: false,
      error: { code: 'conflict:setup_done' },
    });
    expect(await tdb.db.select().from(operators)).toHaveLength(1);
  });
});
