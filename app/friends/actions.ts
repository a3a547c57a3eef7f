'use server';
// Server actions of the friends pages: CSV import, tags and attributes on one friend.
import { revalidatePath } from 'next/cache';
import { appDeps } from '@/lib/app-deps';
import { toActionError, type ActionError } from '@/lib/errors';
import { importFriendsCsv, type CsvError } from '@/lib/friends/csv-import';
import { setFriendAttribute, tagFriend, untagFriend } from '@/lib/friends/edit-friend';

export type ImportState =
  | { status: 'idle' }
  | { status: 'done'; created: number; updated: number }
  | { status: 'rejected'; errors: CsvError[] }
  | { status: 'failed'; error: ActionError };

export async function importCsvAction(_prev: ImportState, form: FormData): Promise<ImportState> {
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { status: 'rejected', errors: [{ row: 0, column: null, message: 'no file' }] };
  try {
    const r = await importFriendsCsv(appDeps(), await file.text());
    if (!r.ok) return { status: 'rejected', errors: r.errors };
    revalidatePath('/friends');
    return { status: 'done', created: r.created, updated: r.updated };
  } catch (err) {
    return { status: 'failed', error: toActionError(err) };
  }
}

export type EditResult = { ok: true } | { ok: false; error: ActionError };

async function run(fn: () => Promise<void>, friendId: string): Promise<EditResult> {
  try {
    await fn();
    revalidatePath(`/friends/${friendId}`);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
}

export async function addTagAction(friendId: string, tag: string): Promise<EditResult> {
  return run(() => tagFriend(appDeps(), { friendId, tag }), friendId);
}

export async function removeTagAction(friendId: string, tag: string): Promise<EditResult> {
  return run(() => untagFriend(appDeps(), { friendId, tag }), friendId);
}

export async function setAttributeAction(friendId: string, key: string, value: string): Promise<EditResult> {
  return run(() => setFriendAttribute(appDeps(), { friendId, key, value }), friendId);
}
