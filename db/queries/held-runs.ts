// A friend's runs whose next send quiet hours hold right now: where each waits and until when.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { runs, scenarios } from '../schema';
import { QUIET_HOLD_SQL } from './analytics';

export async function listHeldRuns(db: DbOrTx, friendId: string) {
  return db
    .select({
      runId: runs.id,
      scenarioName: scenarios.name,
      versionId: runs.versionId,
      nodeId: runs.currentNodeId,
      until: runs.waitingUntil,
    })
    .from(runs)
    .leftJoin(scenarios, eq(scenarios.id, runs.scenarioId))
    .where(and(eq(runs.friendId, friendId), eq(runs.status, 'active'), sql`${QUIET_HOLD_SQL}`))
    .orderBy(runs.waitingUntil);
}
