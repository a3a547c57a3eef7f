// Deleting a draft that was never published (a published scenario's versions and runs are history: archive it instead).
import 'server-only';
import type { Db } from '@/db/client';
import { countActiveRunsOfScenario } from '@/db/queries/runs';
import { countPublishedVersions, deleteScenarioRow, lockScenarioRow } from '@/db/queries/scenario-admin';
import { recordAudit, type AuditActor } from '../audit/record';
import { AppError } from '../errors';

export async function deleteDraftScenario(db: Db, actor: AuditActor, id: string): Promise<{ name: string }> {
  return db.transaction(async (tx) => {
    const row = await lockScenarioRow(tx, id);
    if (!row) throw new AppError('not_found:scenario', 'no such scenario');
    if (row.liveVersionId || (await countPublishedVersions(tx, id)) > 0) {
      throw new AppError('conflict:published', 'a scenario that was published cannot be deleted: archive it instead');
    }
    // A test send of the draft still running would lose its run row under it.
    if ((await countActiveRunsOfScenario(tx, id)) > 0) {
      throw new AppError('conflict:test_runs', 'a test send of this draft is still running: delete it once it has finished');
    }
    await deleteScenarioRow(tx, id);
    await recordAudit(tx, actor, { action: 'scenario_deleted', object: { type: 'scenario', id }, detail: { name: row.name } });
    return { name: row.name };
  });
}
