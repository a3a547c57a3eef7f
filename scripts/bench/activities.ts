// bench:engine's activities: the product's, plus the baselines' no-op that says when it ran.
import type { WorkflowActivities } from '../../workflows/contract';
import { createActivities } from '../../worker/activities';
import type { ActivityDeps } from '../../worker/deps';

export interface BenchActivities extends WorkflowActivities {
  benchNoop(id: string): Promise<number>;
}

export function createBenchNoop(onNoop: (id: string, at: number) => void): BenchActivities['benchNoop'] {
  return async (id) => {
    const at = Date.now();
    onNoop(id, at);
    return at;
  };
}

export function createBenchActivities(deps: ActivityDeps, onNoop: (id: string, at: number) => void): BenchActivities {
  return { ...createActivities(deps), benchNoop: createBenchNoop(onNoop) };
}
