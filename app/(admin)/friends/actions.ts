'use server';
// Server actions of the friends pages: CSV import, tags and attributes on one friend, marking a test friend, erasure.
// policy: session, friends:edit (friends:erase for erasure), per action
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit, type AuditAction } from '@/lib/audit/record';
import { guardedAction, type Caller } from '@/lib/auth/guard';
import { toActionError, type ActionError } from '@/lib/errors';
import { importFriendsCsv, type CsvError } from '@/lib/friends/csv-import';
import { BODY_LIMITS, formatBytes } from '@/lib/http/read-body';
import { setFriendAttribute, tagFriend, untagFriend } from '@/lib/friends/edit-friend';
import { setTestFriend } from '@/lib/friends/test-friend';
import { eraseFriend } from '@/lib/friends/erase-friend';

export type ImportState =
  | { status: 'idle' }
  | { status: 'done'; created: number; updated: number }
  | { status: 'rejected'; errors: CsvError[] }
  | { status: 'failed'; error: ActionError };

export const importCsvAction = guardedAction('friends:edit', async (caller, _prev: ImportState, form: FormData): Promise<ImportState> => {
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { status: 'rejected', errors: [{ row: 0, column: null, message: 'no file' }] };
  // Next refuses a form over serverActions.bodySizeLimit (next.config.mjs) before this runs; this is the CSV's own cap.
  if (file.size > BODY_LIMITS.csv) {
    return { status: 'rejected', errors: [{ row: 0, column: null, message: `the file is larger than ${formatBytes(BODY_LIMITS.csv)}` }] };
  }
  try {
    const deps = appDeps();
    const r = await importFriendsCsv(deps, await file.text());
    if (!r.ok) return { status: 'rejected', errors: r.errors };
    await recordAudit(deps.db, actorOf(caller), { action: 'friends_imported', detail: { created: r.created, updated: r.updated } });
    revalidatePath('/friends');
    return { status: 'done', created: r.created, updated: r.updated };
  } catch (err) {
    return { status: 'failed', error: toActionError(err) };
  }
});

export type EditResult = { ok: true } | { ok: false; error: ActionError };

async function run(
  caller: Caller,
  action: AuditAction,
  friendId: string,
  detail: Record<string, unknown>,
  fn: () => Promise<void>,
): Promise<EditResult> {
  try {
    await fn();
    await recordAudit(appDeps().db, actorOf(caller), { action, object: { type: 'friend', id: friendId }, detail });
    revalidatePath(`/friends/${friendId}`);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
}

export const addTagAction = guardedAction('friends:edit', async (caller, friendId: string, tag: string): Promise<EditResult> =>
  run(caller, 'friend_tags_edited', friendId, { added: tag }, () => tagFriend(appDeps(), { friendId, tag })),
);

export const removeTagAction = guardedAction('friends:edit', async (caller, friendId: string, tag: string): Promise<EditResult> =>
  run(caller, 'friend_tags_edited', friendId, { removed: tag }, () => untagFriend(appDeps(), { friendId, tag })),
);

// The attribute's key is recorded, not its value (personal data stays out of the audit log).
export const setAttributeAction = guardedAction(
  'friends:edit',
  async (caller, friendId: string, key: string, value: string): Promise<EditResult> =>
    run(caller, 'friend_attributes_edited', friendId, { key }, () => setFriendAttribute(appDeps(), { friendId, key, value })),
);

// テスト友だち: the flag and its audit row are written together by setTestFriend (used by the sandbox phone too).
export const setTestFriendAction = guardedAction('friends:edit', async (caller, friendId: string, isTest: boolean): Promise<EditResult> => {
  try {
    await setTestFriend(appDeps().db, actorOf(caller), { friendId, isTest });
    revalidatePath(`/friends/${friendId}`);
    revalidatePath('/friends');
    return { ok: true };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
});

/** What the owner types to confirm an erasure (either word, whatever the page's language). */
const ERASE_WORDS = ['削除', 'erase'];

// 友だちを消去 (owners): a plain form, so it works without JavaScript; the typed word is the confirmation. Lands on the
// friends list with a notice, or back on the friend page saying why nothing was erased.
export const eraseFriendAction = guardedAction('friends:erase', async (caller, form: FormData): Promise<never> => {
  const friendId = form instanceof FormData ? String(form.get('friendId') ?? '') : '';
  if (!z.uuid().safeParse(friendId).success) redirect('/friends');
  const word = String(form.get('confirm') ?? '')
    .trim()
    .toLowerCase();
  if (!ERASE_WORDS.includes(word)) redirect(`/friends/${friendId}?erase=mismatch#erase`);
  let failed: string | null = null;
  try {
    await eraseFriend(appDeps(), actorOf(caller), { friendId }, { via: 'ui' });
  } catch (err) {
    failed = toActionError(err).code;
  }
  if (failed) redirect(`/friends/${friendId}?erase=failed&code=${encodeURIComponent(failed)}#erase`);
  revalidatePath('/friends');
  revalidatePath(`/friends/${friendId}`);
  redirect('/friends?erased=1');
});
