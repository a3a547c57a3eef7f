// Edits from the friend page: a tag added or removed, an attribute set from typed text (as a CSV cell reads).
import 'server-only';
import { z } from 'zod';
import { getAttributeDefinition } from '@/db/queries/attributes';
import { addFriendTags, findFriendById, removeFriendTags, updateFriend } from '@/db/queries/friends';
import { AppError, parseOrThrow } from '../errors';
import { syncRichMenuQuietly } from '../rich-menus/after-actions';
import { coerceCsvCell } from './attributes';
import type { EdgeDeps } from './deps';
import { TagSchema } from './friend-input';

const TagInput = z.object({ friendId: z.uuid(), tag: TagSchema });

export async function tagFriend(deps: Pick<EdgeDeps, 'db' | 'now' | 'line'>, input: unknown): Promise<void> {
  const { friendId, tag } = parseOrThrow(TagInput, input);
  if (!(await findFriendById(deps.db, friendId))) throw new AppError('not_found:friend', 'no such friend');
  const at = deps.now();
  // The tag's dispatch row goes in with it (tag_added triggers start from the worker's dispatcher).
  await addFriendTags(deps.db, friendId, [tag], at);
  await syncRichMenuQuietly(deps, friendId);
}

export async function untagFriend(deps: Pick<EdgeDeps, 'db' | 'now' | 'line'>, input: unknown): Promise<void> {
  const { friendId, tag } = parseOrThrow(TagInput, input);
  await removeFriendTags(deps.db, friendId, [tag]);
  await syncRichMenuQuietly(deps, friendId);
}

const AttributeInput = z.object({ friendId: z.uuid(), key: z.string().min(1), value: z.string().max(1000) });

/** An empty value clears the attribute. */
export async function setFriendAttribute(deps: Pick<EdgeDeps, 'db' | 'now' | 'line'>, input: unknown): Promise<void> {
  const { friendId, key, value } = parseOrThrow(AttributeInput, input);
  const def = await getAttributeDefinition(deps.db, key);
  if (!def) throw new AppError('not_found:attribute', `no attribute "${key}"`, [{ path: ['key'], message: 'not defined' }]);
  const checked = coerceCsvCell(def, value);
  if (checked && !checked.ok) throw new AppError('invalid:attribute', checked.message, [{ path: ['value'], message: checked.message }]);
  await deps.db.transaction(async (tx) => {
    const friend = await findFriendById(tx, friendId);
    if (!friend) throw new AppError('not_found:friend', 'no such friend');
    const attributes = { ...friend.attributes };
    if (checked === undefined || checked.value === null) delete attributes[key];
    else attributes[key] = checked.value;
    await updateFriend(tx, friendId, { attributes });
  });
  // The friend's rich menu follows the display rules (lib/rich-menus/sync.ts).
  await syncRichMenuQuietly(deps, friendId);
}
