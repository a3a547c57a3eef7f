// Run control: pause, resume and stop a scenario, and signal a run's workflow through the contract's typed signals.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import { enqueueDispatches } from '@/db/queries/dispatches';
import { activeRunsOfScenario, countActiveRunsOfScenario } from '@/db/queries/runs';
import type { DbOrTx } from '@/db/client';
import { findScenario, setScenarioStatus } from '@/db/queries/scenarios';
import { stopSignal, type StopReason } from '@/workflows/contract';
import { AppError } from '../errors';
import type { EngineDeps } from './deps';
import { workflowIdOfRun } from './workflow-ids';

/** Sends a signal to a run's workflow; a run that already closed is not an error (answers false). */
export async function signalRun<Args extends unknown[]>(
  deps: Pick<EngineDeps, 'temporal'>,
  runId: string,
  signal: SignalDefinition<Args>,
  ...args: Args
): Promise<boolean> {
  try {
    await deps.temporal.workflow.getHandle(workflowIdOfRun(runId)).signal(signal, ...args);
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

/** Stops each run (in parallel); answers how many were still running. */
export async function stopRuns(deps: Pick<EngineDeps, 'temporal'>, runIds: string[], reason: StopReason): Promise<number> {
  const results = await Promise.all(runIds.map((id) => signalRun(deps, id, stopSignal, { reason })));
  return results.filter(Boolean).length;
}

/** Stops workflows by id (a run id is `${workflowId}:…`, and signals go to the workflow id anyway). */
export function stopWorkflows(deps: Pick<EngineDeps, 'temporal'>, workflowIds: string[], reason: StopReason): Promise<number> {
  return stopRuns(deps, workflowIds, reason);
}

async function setStatus(
  tx: DbOrTx,
  scenarioId: string,
  from: readonly string[],
  to: 'live' | 'paused' | 'stopped',
): Promise<{ previous: string }> {
  const row = await findScenario(tx, scenarioId);
  if (!row) throw new AppError('not_found:scenario', `scenario ${scenarioId} does not exist`);
  if (!row.liveVersionId) throw new AppError('conflict:not_published', 'publish the scenario first');
  // An archived scenario stays stopped until it is unarchived (stopping it again is allowed: it only signals).
  if (row.archivedAt && to !== 'stopped') throw new AppError('conflict:archived', 'the scenario is archived: unarchive it first');
  if (!from.includes(row.status)) throw new AppError('conflict:status', `a ${row.status} scenario cannot become ${to}`);
  await setScenarioStatus(tx, scenarioId, to);
  return { previous: row.status };
}

/** New entries stop; friends already inside carry on. */
export async function pauseScenario(deps: Pick<EngineDeps, 'db'>, scenarioId: string): Promise<void> {
  await deps.db.transaction((tx) => setStatus(tx, scenarioId, ['live'], 'paused'));
}

export async function resumeScenario(deps: Pick<EngineDeps, 'db'>, scenarioId: string): Promise<void> {
  await deps.db.transaction((tx) => setStatus(tx, scenarioId, ['paused', 'stopped'], 'live'));
}

/**
 * No new entries, and every running friend is stopped. The status and the stop's dispatch row commit together: from
 * then on no send of the scenario goes out (the send activity checks the status), and the dispatcher signals the runs
 * until every signal was delivered. Stopping a stopped scenario is allowed and signals again what is still running.
 */
export async function stopScenario(deps: Pick<EngineDeps, 'db'>, scenarioId: string): Promise<{ previous: string; activeRuns: number }> {
  return deps.db.transaction((tx) => stopScenarioIn(tx, scenarioId));
}

/** stopScenario's writes inside the caller's transaction (archiving stops and archives in one). */
export async function stopScenarioIn(tx: DbOrTx, scenarioId: string): Promise<{ previous: string; activeRuns: number }> {
  const { previous } = await setStatus(tx, scenarioId, ['live', 'paused', 'stopped'], 'stopped');
  await enqueueDispatches(tx, [{ kind: 'scenario_stopped', scenarioId }]);
  return { previous, activeRuns: await countActiveRunsOfScenario(tx, scenarioId) };
}

/** The dispatcher's half of a stop: signals every run still active, in batches; throws (to retry) if any signal failed. */
export async function signalScenarioStop(deps: EngineDeps, scenarioId: string): Promise<{ stopped: number; total: number }> {
  const active = await activeRunsOfScenario(deps.db, scenarioId);
  let stopped = 0;
  const failures: unknown[] = [];
  for (let i = 0; i < active.length; i += 100) {
    const batch = active.slice(i, i + 100).map((r) => r.id);
    const results = await Promise.allSettled(batch.map((id) => signalRun(deps, id, stopSignal, { reason: 'scenario_stopped' })));
    for (const r of results) {
      if (r.status === 'rejected') failures.push(r.reason);
      else if (r.value) stopped++;
    }
  }
  if (failures.length > 0) {
    throw new Error(`${failures.length} of ${active.length} stop signals failed (first: ${String(failures[0])}); the stop is retried`);
  }
  return { stopped, total: active.length };
}
