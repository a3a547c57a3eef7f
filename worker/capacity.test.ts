// The worker's capacity from the environment: defaults sized to the pool, each setting overridable, bad values refused.
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { workerCapacity } from './capacity';

describe('worker capacity', () => {
  it('sizes activity slots to the database pool unless told otherwise', () => {
    expect(workerCapacity(parseEnv({}))).toEqual({ dbPool: 20, activitySlots: 20, sendSlots: 40, maxCachedWorkflows: 2000 });
    expect(workerCapacity(parseEnv({ KIZUNA_WORKER_DB_POOL: '8' }))).toMatchObject({ activitySlots: 8, sendSlots: 16 });
    expect(
      workerCapacity(
        parseEnv({ KIZUNA_WORKER_ACTIVITY_SLOTS: '5', KIZUNA_WORKER_SEND_SLOTS: '50', KIZUNA_WORKER_MAX_CACHED_WORKFLOWS: '0' }),
      ),
    ).toMatchObject({ activitySlots: 5, sendSlots: 50, maxCachedWorkflows: 0 });
  });

  it('refuses a value that is not a whole number in range, naming the variable', () => {
    expect(() => parseEnv({ KIZUNA_WORKER_DB_POOL: '2' })).toThrow(/KIZUNA_WORKER_DB_POOL/);
    expect(() => parseEnv({ KIZUNA_WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/KIZUNA_WORKER_MAX_CACHED_WORKFLOWS/);
  });
});
