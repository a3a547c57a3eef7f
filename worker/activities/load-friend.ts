// Records progress and returns a fresh friend snapshot (asked for by the interpreter after a wait).
import { ApplicationFailure } from '@temporalio/activity';
import { loadFriendSnapshot } from '@/db/queries/friend-snapshot';
import type { FriendSnapshot } from '@/scenario/friend';
import type { ProgressInput } from '@/workflows/contract';
import type { ActivityDeps } from '../deps';
import { writeProgress } from './record-progress';

export function createLoadFriend(deps: ActivityDeps) {
  return async function loadFriend(input: ProgressInput): Promise<FriendSnapshot> {
    if (input.records.length > 0) await writeProgress(deps.db, input, [], deps.line);
    const friend = await loadFriendSnapshot(deps.db, input.ctx.friendId);
    if (!friend) throw ApplicationFailure.nonRetryable(`friend ${input.ctx.friendId} no longer exists`, 'NotFound');
    return friend;
  };
}
