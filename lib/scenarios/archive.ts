// Archiving: a live or paused scenario is stopped first (the engine's stop path, in the same transaction), then hidden
// from the default list; unarchiving brings it back as it was left (stopped, or a draft). Both audited.
import 'server-only';
import type { Db } from '@/db/client';
import { lockScenarioRow, setArchivedAt } from '@/db/queries/scenario-admin';
import { recordAudit, type AuditActor } from '../audit/record';
import { stopScenarioIn } from '../engine/run-control';
import { AppError } from '../errors';

export interface ArchiveResult {
  /** Whether it was live or paused and had to be stopped. */
  stopped: boolean;
  /** Runs still active when it stopped (the dispatcher signals them; none when nothing was stopped). */
  activeRuns: number;
}

/**
 * `mayPublish`: the caller holds `scenarios:publish`, which stopping a live or paused scenario needs (archiving a draft
 * or a stopped scenario needs only `scenarios:edit`, which the action's guard checked).
 */
export async function archiveScenario(db: Db, caller: { actor: AuditActor; mayPublish: boolean }, id: string): Promise<ArchiveResult> {
  return db.transaction(async (tx) => {
    const row = await lockScenarioRow(tx, id);
    if (!row) throw new AppError('not_found:scenario', 'no such scenario');
    if (row.archivedAt) throw new AppError('conflict:archived', 'the scenario is already archived');
    const running = row.status === 'live' || row.status === 'paused';
    if (running && !caller.mayPublish) {
      throw new AppError('forbidden:role', 'archiving a live or paused scenario stops it, which needs the publish permission');
    }
    const activeRuns = running ? (await stopScenarioIn(tx, id)).activeRuns : 0;
    await setArchivedAt(tx, id, new Date());
    await recordAudit(tx, caller.actor, {
      action: 'scenario_archived',
      object: { type: 'scenario', id },
      detail: { previousStatus: row.status, stopped: running, activeRuns },
    });
    return { stopped: running, activeRuns };
  });
}

/** Back from the archive as it was left: a published scenario stays stopped (resume it to go live), a draft stays a draft. */
export async function unarchiveScenario(db: Db, actor: AuditActor, id: string): Promise<{ status: 'draft' | 'stopped' }> {
  return db.transaction(async (tx) => {
    const row = await lockScenarioRow(tx, id);
    if (!row) throw new AppError('not_found:scenario', 'no such scenario');
    if (!row.archivedAt) throw new AppError('conflict:not_archived', 'the scenario is not archived');
    // Archiving stopped anything live, so an archived scenario is a draft or stopped; anything else is kept as stopped.
    const status = row.status === 'draft' ? 'draft' : 'stopped';
    await setArchivedAt(tx, id, null);
    await recordAudit(tx, actor, { action: 'scenario_unarchived', object: { type: 'scenario', id }, detail: { status } });
    return { status };
  });
}
