// Persists what a run did since its last activity (steps, actions, position) in one transaction.
import { ApplicationFailure } from '@temporalio/activity';
import { applyFriendAction, insertRun, recordSteps, updateRunPosition, type StepRecord } from '@/db/queries/runs';
import type { Tx } from '@/db/client';
import type { ProgressInput, RecordEffect } from '@/workflows/run-types';
import type { ActivityDeps } from '../deps';

function stepRecords(records: RecordEffect[]): StepRecord[] {
  const out: StepRecord[] = [];
  for (const r of records) if (r.kind === 'node_entered' || r.kind === 'node_left') out.push(r);
  return out;
}

/** Writes a progress batch inside `tx`; returns tags newly added (for tag_added triggers after commit). */
export async function writeProgress(tx: Tx, input: ProgressInput): Promise<string[]> {
  const { ctx } = input;
  if (input.begin) await insertRun(tx, ctx, new Date(input.begin.startedAt));
  await recordSteps(tx, ctx, stepRecords(input.records));
  const addedTags: string[] = [];
  for (const r of input.records) {
    if (r.kind === 'apply_action') addedTags.push(...(await applyFriendAction(tx, ctx.friendId, r.action, new Date(r.at))));
  }
  await updateRunPosition(tx, ctx.runId, input.position);
  return addedTags;
}

export async function fireTagTriggers(deps: ActivityDeps, friendId: string, tags: string[]): Promise<void> {
  if (!deps.onTagAdded) return;
  for (const tag of tags) await deps.onTagAdded({ friendId, tag, at: new Date() });
}

export function createRecordProgress(deps: ActivityDeps) {
  return async function recordProgress(input: ProgressInput): Promise<void> {
    if (!input.ctx.runId) throw ApplicationFailure.nonRetryable('recordProgress without a run id', 'BadInput');
    const tags = await deps.db.transaction((tx) => writeProgress(tx, input));
    await fireTagTriggers(deps, input.ctx.friendId, tags);
  };
}
