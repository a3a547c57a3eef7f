// The friends pages, Settings and the audit log as each role receives them from the running app (next dev): what a
// role may not see is absent from the HTML and the React payload alike, not merely hidden.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { friendTags, friends } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Role } from '@/lib/auth/roles';
import { startTestApp, type TestApp } from '@/test/app';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { signInAs } from '@/test/full-stack';

let tdb: TestDatabase;
let app: TestApp;
let friendId = '';
const cookies = new Map<Role, string>();
const LINE_USER_ID = `U${'5e'.repeat(16)}`;
const SECRET = { memberId: 'M-SECRET-7', tag: 'vip-secret-tag', rank: 'platinum-secret', picture: 'https://profile.example/secret.png' };

beforeAll(async () => {
  tdb = await createTestDatabase();
  const [f] = await tdb.db
    .insert(friends)
    .values({
      lineUserId: LINE_USER_ID,
      memberId: SECRET.memberId,
      displayName: '見える 名前',
      pictureUrl: SECRET.picture,
      attributes: { rank: SECRET.rank },
    })
    .returning();
  friendId = f?.id ?? '';
  await tdb.db.insert(friendTags).values({ friendId, tag: SECRET.tag });
  await recordAudit(
    tdb.db,
    { id: null, email: 'someone@kizuna.test', ip: '198.51.100.9' },
    { action: 'friend_test_marked', object: { type: 'friend', id: friendId }, detail: { isTest: true } },
  );
  app = await startTestApp({ databaseUrl: tdb.url });
  for (const role of ['owner', 'publisher', 'editor', 'analyst', 'viewer'] as const) {
    cookies.set(role, (await signInAs({ db: tdb.db, appUrl: app.url }, role)).cookie);
  }
});
afterAll(async () => {
  await app?.stop();
  await tdb?.drop();
});

async function get(role: Role, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${app.url}${path}`, { headers: { cookie: cookies.get(role) ?? '' }, redirect: 'manual' });
  return { status: res.status, body: await res.text() };
}
const secrets = [LINE_USER_ID, SECRET.memberId, SECRET.tag, SECRET.rank, SECRET.picture];

describe('friends pages by role', () => {
  it('a viewer gets display names only, on the list and on the friend page', async () => {
    const list = await get('viewer', '/friends');
    expect(list.status).toBe(200);
    expect(list.body).toContain('見える 名前');
    for (const s of secrets) expect(list.body).not.toContain(s);
    expect(list.body).not.toContain('/friends/export');
    expect(list.body).not.toContain('CSVインポート');
    // Searching by a LINE user id prefix finds nobody: a viewer's search reads display names only.
    expect((await get('viewer', `/friends?q=${LINE_USER_ID.slice(0, 6)}`)).body).toContain('>0人<');
    // Filters a viewer may not use are ignored, not applied.
    expect((await get('viewer', `/friends?tag=${SECRET.tag}`)).body).toContain('見える 名前');

    const page = await get('viewer', `/friends/${friendId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('見える 名前');
    for (const s of secrets) expect(page.body).not.toContain(s);
    for (const id of ['friend-runs', 'friend-messages', 'friend-events', 'tag-editor', 'test-friend-toggle'])
      expect(page.body).not.toContain(id);
  });

  it('an analyst reads everything but edits nothing and exports nothing', async () => {
    const list = await get('analyst', '/friends');
    expect(list.body).toContain(SECRET.memberId);
    expect(list.body).not.toContain('/friends/export');
    expect(list.body).not.toContain('CSVインポート');
    const page = await get('analyst', `/friends/${friendId}`);
    for (const s of [SECRET.memberId, SECRET.tag, 'friend-events', 'friend-messages']) expect(page.body).toContain(s);
    expect(page.body).not.toContain('test-friend-toggle');
    expect(page.body).not.toContain('タグを追加');
  });

  it('an editor edits and imports but does not export; an owner exports', async () => {
    const list = await get('editor', '/friends');
    expect(list.body).toContain('CSVインポート');
    expect(list.body).not.toContain('/friends/export');
    const page = await get('editor', `/friends/${friendId}`);
    expect(page.body).toContain('test-friend-toggle');
    expect(page.body).toContain('テスト友だち');
    expect(page.body).toContain('タグを追加');
    expect((await get('owner', '/friends')).body).toContain('/friends/export');
  });
});

describe('settings and the audit log by role', () => {
  it('shows API keys and the LINE channel to owners only', async () => {
    const owner = await get('owner', '/settings');
    for (const id of ['api-keys', 'channel-info', 'attribute-definitions', 'events:write']) expect(owner.body).toContain(id);
    const editor = await get('editor', '/settings');
    expect(editor.status).toBe(200);
    expect(editor.body).toContain('attribute-definitions');
    for (const id of ['api-keys', 'channel-info', 'webhook-url']) expect(editor.body).not.toContain(id);
  });

  it('lists audit rows in words for publishers; others are refused', async () => {
    const audit = await get('publisher', '/audit');
    expect(audit.status).toBe(200);
    for (const s of ['テスト友だちの設定', 'テスト友だちにしました', 'someone@kizuna.test', '198.51.100.9', '見える 名前'])
      expect(audit.body).toContain(s);
    expect((await get('publisher', '/audit?action=sign_out')).body).toContain('条件に合う記録はありません。');
    for (const role of ['editor', 'analyst', 'viewer'] as const) expect((await get(role, '/audit')).status).toBe(403);
  });
});
