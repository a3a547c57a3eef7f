// POST /api/friends: upserts up to 1,000 friends, each on its own; answers per item with errors naming the field.
import { z } from 'zod';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { parseOrThrow, zodIssues, type Issue } from '../errors';
import { syncRichMenusQuietly } from '../rich-menus/after-actions';
import type { EdgeDeps } from './deps';
import { applyFriendInput, ItemError } from './apply-friend-input';
import { FriendInputSchema } from './friend-input';

export const MAX_BATCH = 1000;

const EnvelopeSchema = z.object({ friends: z.array(z.unknown()).min(1).max(MAX_BATCH) });

export type ItemResult =
  | { index: number; status: 'created' | 'updated'; friendId: string }
  | { index: number; status: 'error'; error: { code: string; message: string; issues: Issue[] } };

export async function upsertFriends(deps: Pick<EdgeDeps, 'db' | 'now' | 'line'>, body: unknown) {
  const { friends: items } = parseOrThrow(EnvelopeSchema, body);
  const defs = new Map((await listAttributeDefinitions(deps.db)).map((d) => [d.key, d]));
  const at = deps.now();
  const results: ItemResult[] = [];
  for (const [index, raw] of items.entries()) {
    const prefix = ['friends', index];
    const parsed = FriendInputSchema.safeParse(raw);
    if (!parsed.success) {
      results.push({
        index,
        status: 'error',
        error: { code: 'invalid:friend', message: 'the friend is invalid', issues: zodIssues(parsed.error, prefix) },
      });
      continue;
    }
    try {
      const applied = await deps.db.transaction((tx) => applyFriendInput(tx, defs, parsed.data, at));
      results.push({ index, status: applied.created ? 'created' : 'updated', friendId: applied.friendId });
    } catch (err) {
      if (!(err instanceof ItemError)) throw err;
      const issues = err.issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));
      results.push({ index, status: 'error', error: { code: err.code, message: err.message, issues } });
    }
  }
  // Tags and attributes changed: each written friend's rich menu follows the rules (lib/rich-menus/sync.ts).
  await syncRichMenusQuietly(
    deps,
    results.flatMap((r) => (r.status === 'error' ? [] : [r.friendId])),
  );
  const count = (s: ItemResult['status']) => results.filter((r) => r.status === s).length;
  return {
    created: count('created'),
    updated: count('updated'),
    failed: count('error'),
    results,
  };
}
