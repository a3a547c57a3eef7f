// Replays stored histories of real runs against today's workflow code: a nondeterministic change fails here.
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { loadHistories } from '../test/histories';
import { quietRuntime, workflowBundle } from '../test/temporal';
import { workerDataConverter } from '../worker/create-worker';

const histories = loadHistories();

describe('workflow replay', () => {
  it('has stored histories to replay', () => {
    expect(histories.length).toBeGreaterThanOrEqual(2);
  });

  // With the workers' data converter: histories stored before payload encryption pass through its codec unchanged.
  it.each(histories)('replays $name deterministically', async ({ name, history }) => {
    quietRuntime();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: workerDataConverter() }, history, name);
  });
});
