// 友だちを消去 in the running app (next dev), posted as a plain HTML form the way a browser without JavaScript does: only
// owners get the form; a wrong confirmation word erases nothing and says so; 削除 erases and lands on the friends list
// with a notice; the friend page then shows the tombstone only.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { friends } from '@/db/schema';
import { startTestApp, type TestApp } from '@/test/app';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { signInAs } from '@/test/full-stack';

let tdb: TestDatabase;
let app: TestApp;
let friendId = '';
let owner = '';
let editor = '';
const LINE_USER_ID = `U${'7a'.repeat(16)}`;
const NAME = '消える 名前';

beforeAll(async () => {
  tdb = await createTestDatabase();
  const [f] = await tdb.db.insert(friends).values({ lineUserId: LINE_USER_ID, memberId: 'M-ERASE-1', displayName: NAME }).returning();
  friendId = f?.id ?? '';
  app = await startTestApp({ databaseUrl: tdb.url });
  owner = (await signInAs({ db: tdb.db, appUrl: app.url }, 'owner')).cookie;
  editor = (await signInAs({ db: tdb.db, appUrl: app.url }, 'editor')).cookie;
});
afterAll(async () => {
  await app?.stop();
  await tdb?.drop();
});

async function get(cookie: string, path: string): Promise<string> {
  const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The erase form's fields as the server rendered them (Next's hidden action fields included), plus the typed word. */
function eraseForm(html: string, confirm: string): FormData {
  const form = /<form[^>]*>(?:(?!<\/form>)[\s\S])*name="friendId"(?:(?!<\/form>)[\s\S])*<\/form>/.exec(html)?.[0];
  if (!form) throw new Error('no erase form on the page');
  const data = new FormData();
  for (const input of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = input[1] ?? '';
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (!name || name === 'confirm') continue;
    data.append(name, /value="([^"]*)"/.exec(attrs)?.[1]?.replaceAll('&amp;', '&').replaceAll('&quot;', '"') ?? '');
  }
  data.append('confirm', confirm);
  return data;
}

async function post(cookie: string, path: string, body: FormData): Promise<{ status: number; location: string | null }> {
  const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie, origin: app.url }, body, redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
}

describe('erasing a friend from the friend page', () => {
  it('is offered to owners only', async () => {
    expect(await get(editor, `/friends/${friendId}`)).not.toContain('erase-friend');
    const page = await get(owner, `/friends/${friendId}`);
    expect(page).toContain('erase-friend');
    expect(page).toContain('友だちを消去');
  });

  it('erases nothing on a wrong word, and erases on 削除 without JavaScript, landing on the list with a notice', async () => {
    const path = `/friends/${friendId}`;
    const wrong = await post(owner, path, eraseForm(await get(owner, path), 'けす'));
    expect(wrong.status).toBe(303);
    expect(wrong.location).toContain(`${path}?erase=mismatch`);
    expect((await tdb.db.select().from(friends).where(eq(friends.id, friendId)))[0]?.displayName).toBe(NAME);
    expect(await get(owner, `${path}?erase=mismatch`)).toContain('確認の言葉が一致しなかったため');

    const right = await post(owner, path, eraseForm(await get(owner, path), '削除'));
    expect(right.status).toBe(303);
    expect(right.location).toContain('/friends?erased=1');
    const [row] = await tdb.db.select().from(friends).where(eq(friends.id, friendId));
    expect(row).toMatchObject({ displayName: '', memberId: null, lineUserId: `erased:${friendId}` });
    expect(await get(owner, '/friends?erased=1')).toContain('友だちの個人データを消去しました');
    const tomb = await get(owner, path);
    expect(tomb).toContain('friend-erased');
    expect(tomb).not.toContain(LINE_USER_ID);
  });
});
