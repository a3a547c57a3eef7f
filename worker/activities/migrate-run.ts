// Moves a waiting run onto another version (a migrate signal): the core computes the moved state, the move is recorded.
import { loadPlan } from '@/db/queries/scenario-versions';
import { markRunItemSkipped, recordMove, stepEnteredAt } from '@/db/queries/run-migrations';
import { moveRun } from '@/scenario/migrate';
import { positionOf } from '@/scenario/position';
import type { MigrateRunInput, MigrateRunResult } from '@/workflows/contract';
import type { ActivityDeps } from '../deps';

export function createMigrateRun(deps: ActivityDeps) {
  return async function migrateRun({ ctx, state, migrate, at }: MigrateRunInput): Promise<MigrateRunResult> {
    const refuse = async (reason: string): Promise<MigrateRunResult> => {
      await markRunItemSkipped(deps.db, ctx.runId, migrate.toVersionId, reason);
      return { moved: false, reason };
    };
    if (ctx.versionId !== migrate.fromVersionId) return refuse('the run is on another version');
    if (state.current !== migrate.fromNodeId) return refuse('the run moved on since the dry run');
    const [from, to] = await Promise.all([loadPlan(deps.db, migrate.fromVersionId), loadPlan(deps.db, migrate.toVersionId)]);
    if (!from || !to) return refuse('a version no longer exists');
    const enteredAt = (await stepEnteredAt(deps.db, ctx.runId, migrate.fromNodeId)) ?? state.now;
    const r = moveRun(from, to, state, {
      toVersionLabel: migrate.toVersionLabel,
      nodeId: migrate.toNodeId,
      policy: migrate.policy,
      enteredAt,
      at,
    });
    if (!r.ok) return refuse(r.reason);
    await recordMove(deps.db, {
      oldKey: ctx,
      newKey: { ...ctx, versionId: migrate.toVersionId },
      left: r.left,
      entered: r.entered,
      position: positionOf(r.state),
    });
    return { moved: true, plan: to, state: r.state };
  };
}
