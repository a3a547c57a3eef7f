// Registry: builds every activity the workflows call from the worker's dependencies (the worker registers this object).
import type { WorkflowActivities } from '@/workflows/contract';
import type { ActivityDeps } from '../deps';
import { createBeginRun } from './begin-run';
import { createBroadcastPage } from './broadcast-page';
import { createLoadFriend } from './load-friend';
import { createLoadFriendAndSend } from './load-friend-and-send';
import { createMigrateRun } from './migrate-run';
import { createPruneRetention } from './prune-retention';
import { createRecordProgress } from './record-progress';
import { createRecordWiringCheck } from './record-wiring-check';
import { createSendMessages } from './send-messages';

export function createActivities(deps: ActivityDeps) {
  return {
    recordWiringCheck: createRecordWiringCheck(deps),
    beginRun: createBeginRun(deps),
    loadFriend: createLoadFriend(deps),
    recordProgress: createRecordProgress(deps),
    sendMessages: createSendMessages(deps),
    loadFriendAndSend: createLoadFriendAndSend(deps),
    broadcastPage: createBroadcastPage(deps),
    pruneRetention: createPruneRetention(deps),
    migrateRun: createMigrateRun(deps),
  } satisfies WorkflowActivities;
}
