// Registry: builds every activity from its dependencies (the worker registers this object).
import type { ActivityDeps } from '../deps';
import { createRecordWiringCheck } from './record-wiring-check';

export function createActivities(deps: ActivityDeps) {
  return {
    recordWiringCheck: createRecordWiringCheck(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
