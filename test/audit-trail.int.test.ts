// Each audited action, done for real through its own route handler or server action by a signed-in owner, leaves
// exactly one audit row naming the actor and the object — and no personal data in the detail. (Sign-in and failed
// sign-ins: lib/auth/auth.int.test.ts.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { auditLog, friends, runs } from '../db/schema';
import type { AppDeps } from '../lib/app-deps';
import { installOfflineAppDeps } from './app-deps';
import type { AuditAction } from '../lib/audit/record';
import { workflowIdOfRun } from '../lib/engine/workflow-ids';
import { createTestDatabase, type TestDatabase } from './db';
import { signedInOperator, testAuth, type TestOperator } from './operators';

const current = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({
  headers: async () => current.headers,
  cookies: async () => {
    const jar = new Map(
      (current.headers.get('cookie') ?? '')
        .split(';')
        .map((c) => c.trim().split('='))
        .filter(([n]) => n)
        .map(([n = '', ...v]) => [n, v.join('=')]),
    );
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: () => undefined,
      delete: () => undefined,
      toString: () => current.headers.get('cookie') ?? '',
    };
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = 'audit-trail-kizuna-secret-0123456789';
const APP_URL = 'http://kizuna.test';
const root = path.resolve(import.meta.dirname, '..');

let tdb: TestDatabase;
let deps: AppDeps;
let owner: TestOperator;
let friendId = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  deps = installOfflineAppDeps({
    databaseUrl: tdb.url,
    temporalAddress: inject('temporalAddress'),
    name: 'audit-trail',
    secret: SECRET,
    appBaseUrl: APP_URL,
    devMode: true,
  });
  owner = await signedInOperator(testAuth(tdb.db, { appBaseUrl: APP_URL, secret: SECRET }), tdb.db, 'owner');
  current.headers = new Headers({ cookie: owner.cookie, 'x-forwarded-for': '203.0.113.7', origin: APP_URL });
  const [f] = await tdb.db
    .insert(friends)
    .values({ lineUserId: `U${'7'.repeat(32)}`, memberId: 'M-AUDIT', displayName: '監査 花子', isTest: false })
    .returning({ id: friends.id });
  friendId = f?.id ?? '';
});

afterAll(async () => {
  for (const r of await tdb.db.select({ id: runs.id }).from(runs)) {
    await deps.temporal.workflow
      .getHandle(workflowIdOfRun(r.id))
      .terminate('test finished')
      .catch(() => undefined);
  }
  await deps.close();
  await tdb.drop();
});

/** Runs `act` and answers the one audit row of `action` it added (failing on none or more than one). */
async function oneRow(action: AuditAction, act: () => Promise<unknown>) {
  const before = await tdb.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, action));
  const result = await act();
  const after = await tdb.db.select().from(auditLog).where(eq(auditLog.action, action));
  const added = after.filter((r) => !before.some((b) => b.id === r.id));
  expect({ action, added: added.length, result: added.length === 1 ? 'ok' : result }).toEqual({ action, added: 1, result: 'ok' });
  const row = added[0];
  if (!row) throw new Error('unreachable');
  expect(row).toMatchObject({ actorId: owner.row.id, actorEmail: owner.email, ip: '203.0.113.7' });
  // Personal data never goes into the trail.
  expect(JSON.stringify(row.detail)).not.toMatch(/監査 花子|M-AUDIT|U7777/);
  return row;
}

const json = (method: string, url: string, body?: unknown) =>
  new Request(`${APP_URL}${url}`, {
    method,
    headers: { ...Object.fromEntries(current.headers), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const params = <T extends object>(p: T) => ({ params: Promise.resolve(p) });
type Handler = (req: Request, ctx: unknown) => Promise<Response>;
async function route(file: string, method: string): Promise<Handler> {
  const mod = (await import(path.join(root, file))) as Record<string, Handler>;
  const h = mod[method];
  if (!h) throw new Error(`${file} has no ${method}`);
  return h;
}
async function ok(res: Promise<Response>): Promise<unknown> {
  const r = await res;
  if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
  return r.headers.get('content-type')?.includes('json') ? r.json() : r.text();
}

describe('audit trail', () => {
  it('scenario lifecycle: created, published (version and hash), paused, resumed, stopped, test send', async () => {
    const create = await route('app/api/scenarios/route.ts', 'POST');
    let id = '';
    const created = await oneRow('scenario_created', async () => {
      id = ((await ok(create(json('POST', '/api/scenarios', { name: '監査のシナリオ' }), params({})))) as { id: string }).id;
    });
    expect(created).toMatchObject({ objectType: 'scenario', objectId: id });

    const graph = JSON.parse(readFileSync(path.join(root, 'examples/welcome-steps.json'), 'utf8')) as unknown;
    const save = await route('app/api/scenarios/[id]/draft/route.ts', 'PUT');
    await ok(save(json('PUT', `/api/scenarios/${id}/draft`, { graph, expectedRevision: 1 }), params({ id })));

    const publish = await route('app/api/scenarios/[id]/publish/route.ts', 'POST');
    const published = await oneRow('scenario_published', () => ok(publish(json('POST', `/api/scenarios/${id}/publish`), params({ id }))));
    expect(published).toMatchObject({ objectType: 'scenario', objectId: id, detail: { version: 1 } });
    expect(published.detail).toHaveProperty('hash');

    const status = await route('app/api/scenarios/[id]/status/route.ts', 'POST');
    for (const [action, audited] of [
      ['pause', 'scenario_paused'],
      ['resume', 'scenario_resumed'],
      ['stop', 'scenario_stopped'],
    ] as const) {
      const row = await oneRow(audited, () => ok(status(json('POST', `/api/scenarios/${id}/status`, { action }), params({ id }))));
      expect(row).toMatchObject({ objectType: 'scenario', objectId: id });
    }

    const { setTestFriendAction } = await import('../app/(admin)/friends/actions');
    const marked = await oneRow('friend_test_marked', () => setTestFriendAction(friendId, true));
    expect(marked).toMatchObject({ objectType: 'friend', objectId: friendId });
    const testRun = await route('app/api/scenarios/[id]/test-run/route.ts', 'POST');
    const sent = await oneRow('test_send', () =>
      ok(testRun(json('POST', `/api/scenarios/${id}/test-run`, { friendId, compress: 8640 }), params({ id }))),
    );
    expect(sent).toMatchObject({ objectType: 'scenario', objectId: id, detail: { friendId } });
  });

  it('friends: export, CSV import, tags, attributes and attribute definitions', async () => {
    const exportCsv = await route('app/(admin)/friends/export/route.ts', 'GET');
    await oneRow('friends_exported', () => ok(exportCsv(json('GET', '/friends/export'), params({}))));

    const { importCsvAction, addTagAction, removeTagAction, setAttributeAction } = await import('../app/(admin)/friends/actions');
    const form = new FormData();
    form.set('file', new File([`line_user_id,display_name\nU${'8'.repeat(32)},取込 太郎\n`], 'friends.csv', { type: 'text/csv' }));
    const imported = await oneRow('friends_imported', () => importCsvAction({ status: 'idle' }, form));
    expect(imported.detail).toMatchObject({ created: 1, updated: 0 });

    const added = await oneRow('friend_tags_edited', () => addTagAction(friendId, 'vip'));
    expect(added).toMatchObject({ objectType: 'friend', objectId: friendId, detail: { added: 'vip' } });
    await oneRow('friend_tags_edited', () => removeTagAction(friendId, 'vip'));

    const { createAttributeAction, editAttributeAction, deleteAttributeAction } = await import('../app/(admin)/settings/actions');
    await oneRow('attribute_definition_changed', () => createAttributeAction({ key: 'rank', label: 'ランク', type: 'string' }));
    const attr = await oneRow('friend_attributes_edited', () => setAttributeAction(friendId, 'rank', 'gold'));
    expect(attr).toMatchObject({ objectType: 'friend', objectId: friendId, detail: { key: 'rank' } });
    expect(JSON.stringify(attr.detail)).not.toContain('gold');
    await oneRow('attribute_definition_changed', () => editAttributeAction({ key: 'rank', label: '会員ランク', type: 'string' }));
    await oneRow('attribute_definition_changed', () => deleteAttributeAction('rank'));
  });

  it('API keys and operators', async () => {
    const { createApiKeyAction, revokeApiKeyAction } = await import('../app/(admin)/settings/actions');
    const key = await oneRow('api_key_created', () => createApiKeyAction({ name: 'shop', scopes: ['events:write'] }));
    expect(key).toMatchObject({ objectType: 'api_key', detail: { scopes: ['events:write'] } });
    await oneRow('api_key_revoked', () => revokeApiKeyAction(key.objectId ?? ''));

    const ops = await import('../app/(admin)/operators/actions');
    let opId = '';
    const created = await oneRow('operator_created', async () => {
      const r = await ops.createOperatorAction({ email: 'new-editor@kizuna.test', role: 'editor', signIn: 'generate' });
      if (r.ok) opId = r.id;
      return r;
    });
    expect(created).toMatchObject({ objectType: 'operator', objectId: opId });
    expect(JSON.stringify(created.detail)).not.toMatch(/password"\s*:\s*"/);
    await oneRow('operator_role_changed', () => ops.changeOperatorRoleAction(opId, 'publisher'));
    await oneRow('operator_totp_required', () => ops.setTotpRequiredAction(opId, true));
    await oneRow('operator_export_grant', () => ops.setExportGrantAction(opId, true));
    await oneRow('operator_removed', () => ops.removeOperatorAction(opId));
    // Nothing above wrote a second row for any of them.
    const all = await tdb.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'operator'), eq(auditLog.objectId, opId)));
    expect(all.map((r) => r.action).sort()).toEqual(
      ['operator_created', 'operator_export_grant', 'operator_removed', 'operator_role_changed', 'operator_totp_required'].sort(),
    );
  });

  it('settings, friend erasure and, last (it ends the session), sign-out', async () => {
    const { saveQuietHoursAction } = await import('../app/(admin)/settings/actions');
    const settings = await oneRow('settings_changed', () => saveQuietHoursAction({ enabled: true, start: '22:00', end: '08:00' }));
    expect(settings).toMatchObject({ objectType: 'account', objectId: 'quiet_hours' });

    const [f] = await tdb.db
      .insert(friends)
      .values({ lineUserId: `U${'9'.repeat(32)}`, memberId: 'M-AUDIT-ERASE', displayName: '監査 花子', isTest: false })
      .returning({ id: friends.id });
    const erasedId = f?.id ?? '';
    const { eraseFriendAction } = await import('../app/(admin)/friends/actions');
    const form = new FormData();
    form.set('friendId', erasedId);
    form.set('confirm', '削除');
    // The action ends in a redirect to the friends list (next/navigation throws it).
    const erased = await oneRow('friend_erased', () => eraseFriendAction(form).catch((e: unknown) => e));
    expect(erased).toMatchObject({ objectType: 'friend', objectId: erasedId, detail: { via: 'ui', status: 'erased' } });
    expect(JSON.stringify(erased.detail)).not.toMatch(/M-AUDIT-ERASE|U9999/);

    const { signOutAction } = await import('../app/sign-in/actions');
    const out = await oneRow('sign_out', () => signOutAction().catch((e: unknown) => e));
    expect(out).toMatchObject({ objectType: 'operator', objectId: owner.row.id });
  });
});
