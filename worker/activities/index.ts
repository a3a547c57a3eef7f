// Registry: builds every activity from its dependencies (the worker registers this object).
import type { ActivityDeps } from '../deps';
import { createBeginRun } from './begin-run';
import { createBroadcastPage } from './broadcast-page';
import { createLoadFriend } from './load-friend';
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
    broadcastPage: createBroadcastPage(deps),
    /** The benchmark baseline's activity: does nothing but say when it ran. */
    benchNoop: async (id: string) => {
      const at = Date.now();
      deps.onBenchNoop?.(id, at);
      return at;
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
