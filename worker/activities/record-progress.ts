// Persists what a run did since its last activity (steps, actions, position): one statement, or one transaction when
// the batch applies actions to the friend.
import { ApplicationFailure } from '@temporalio/activity';
import type { SQL } from 'drizzle-orm';
import { executeCtes, progressCtes, type RunProgress, type StepRecord } from '@/db/queries/run-progress';
import { applyFriendAction } from '@/db/queries/runs';
import type { Db } from '@/db/client';
import type { ProgressInput, RecordEffect } from '@/workflows/contract';
import type { LineClient } from '@/lib/line/client';
import { applyRichMenuAfterActions } from '@/lib/rich-menus/after-actions';
import type { ActivityDeps } from '../deps';

function stepRecords(records: RecordEffect[]): StepRecord[] {
  const out: StepRecord[] = [];
  for (const r of records) if (r.kind === 'node_entered' || r.kind === 'node_left') out.push(r);
  return out;
}

export function runProgress(input: ProgressInput): RunProgress {
  return { steps: stepRecords(input.records), position: input.position, ...(input.begin ? { begin: input.begin } : {}) };
}

/**
 * Writes a progress batch, together with `also` (more CTEs of the same statement, e.g. the outbox row's status). Tags
 * the actions add write their tag_added dispatch rows in the same transaction. Returns the tags newly added.
 */
export async function writeProgress(db: Db, input: ProgressInput, also: SQL[] = [], line?: LineClient): Promise<string[]> {
  const ctes = [...progressCtes(input.ctx, runProgress(input)), ...also];
  const actions = input.records.filter((r): r is Extract<RecordEffect, { kind: 'apply_action' }> => r.kind === 'apply_action');
  if (actions.length === 0) {
    await executeCtes(db, ctes);
    return [];
  }
  const added = await db.transaction(async (tx) => {
    const addedTags: string[] = [];
    for (const r of actions) addedTags.push(...(await applyFriendAction(tx, input.ctx.friendId, r.action, new Date(r.at))));
    await executeCtes(tx, ctes);
    return addedTags;
  });
  // The friend's rich menu follows (rules after tag/attribute changes, or the switch step's menu); best effort.
  if (line)
    await applyRichMenuAfterActions(
      { db, line, now: () => new Date() },
      input.ctx.friendId,
      actions.map((r) => r.action),
    );
  return added;
}

export function createRecordProgress(deps: ActivityDeps) {
  return async function recordProgress(input: ProgressInput): Promise<void> {
    if (!input.ctx.runId) throw ApplicationFailure.nonRetryable('recordProgress without a run id', 'BadInput');
    await writeProgress(deps.db, input, [], deps.line);
  };
}
