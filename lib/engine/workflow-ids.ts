// Workflow ids are business keys: (scenario, friend[, entry key]); duplicate triggers collapse on them.
import type { ReEntry } from '@/scenario/schema';

export function runWorkflowId(scenarioId: string, friendId: string, reEntry: ReEntry, entryKey: string): string {
  return reEntry === 'always' ? `run-${scenarioId}-${friendId}-${entryKey}` : `run-${scenarioId}-${friendId}`;
}

export function testRunWorkflowId(scenarioId: string, friendId: string, at: number): string {
  return `test-${scenarioId}-${friendId}-${at}`;
}

/** Runs are stored as `${workflowId}:${first execution}`; signals go to the workflow id. */
export function workflowIdOfRun(runId: string): string {
  const i = runId.lastIndexOf(':');
  return i < 0 ? runId : runId.slice(0, i);
}
