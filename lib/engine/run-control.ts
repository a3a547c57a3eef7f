// Run control: pause, resume and stop a scenario, and signal a run's workflow through the contract's typed signals.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import { activeRunsOfScenario } from '@/db/queries/runs';
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

async function setStatus(deps: EngineDeps, scenarioId: string, from: readonly string[], to: 'live' | 'paused' | 'stopped') {
  const row = await findScenario(deps.db, scenarioId);
  if (!row) throw new AppError('not_found:scenario', `scenario ${scenarioId} does not exist`);
  if (!row.liveVersionId) throw new AppError('conflict:not_published', 'publish the scenario first');
  if (!from.includes(row.status)) throw new AppError('conflict:status', `a ${row.status} scenario cannot become ${to}`);
  await setScenarioStatus(deps.db, scenarioId, to);
}

/** New entries stop; friends already inside carry on. */
export async function pauseScenario(deps: EngineDeps, scenarioId: string): Promise<void> {
  await setStatus(deps, scenarioId, ['live'], 'paused');
}

export async function resumeScenario(deps: EngineDeps, scenarioId: string): Promise<void> {
  await setStatus(deps, scenarioId, ['paused', 'stopped'], 'live');
}

/** No new entries, and every running friend is stopped (signalled in batches). */
export async function stopScenario(deps: EngineDeps, scenarioId: string, onProgress?: (done: number, total: number) => void) {
  await setStatus(deps, scenarioId, ['live', 'paused'], 'stopped');
  const active = await activeRunsOfScenario(deps.db, scenarioId);
  let stopped = 0;
  for (let i = 0; i < active.length; i += 100) {
    stopped += await stopRuns(
      deps,
      active.slice(i, i + 100).map((r) => r.id),
      'scenario_stopped',
    );
    onProgress?.(Math.min(i + 100, active.length), active.length);
  }
  return { stopped, total: active.length };
}
