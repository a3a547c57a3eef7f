// The retention job's activity: prunes past the retention period and sweeps erased friends (db/queries/retention.ts),
// heartbeating after each batch so a long first run is not taken for a dead one.
import { Context } from '@temporalio/activity';
import { pruneRetention as prune } from '@/db/queries/retention';
import type { PruneInput, PruneResult } from '@/workflows/contract';
import type { ActivityDeps } from '../deps';

export function createPruneRetention(deps: ActivityDeps) {
  return async function pruneRetention(input: PruneInput): Promise<PruneResult> {
    const ctx = Context.current();
    return prune(deps.db, { now: new Date(input.now), retentionDays: input.retentionDays, onBatch: () => ctx.heartbeat() });
  };
}
