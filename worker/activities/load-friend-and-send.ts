// A send step after a wait in one activity: loads the friend, takes the interpreter's step itself, and sends what it decides.
import { ApplicationFailure } from '@temporalio/activity';
import { loadFriendSnapshot } from '@/db/queries/friend-snapshot';
import { step } from '@/scenario/interpret';
import { positionOf } from '@/scenario/position';
import { isRecordEffect, type LoadAndSendInput, type LoadAndSendResult, type SendEffect } from '@/workflows/contract';
import type { ActivityDeps } from '../deps';
import { planFor } from '../plan-cache';
import { writeProgress } from './record-progress';
import { createSendMessages } from './send-messages';

export function createLoadFriendAndSend(deps: ActivityDeps) {
  const sendMessages = createSendMessages(deps);
  return async function loadFriendAndSend(input: LoadAndSendInput): Promise<LoadAndSendResult> {
    const { ctx, loadFriend } = input;
    const [friend, plan] = await Promise.all([loadFriendSnapshot(deps.db, ctx.friendId), planFor(deps.db, ctx.versionId)]);
    if (!friend) throw ApplicationFailure.nonRetryable(`friend ${ctx.friendId} no longer exists`, 'NotFound');
    if (!plan) throw ApplicationFailure.nonRetryable(`scenario version ${ctx.versionId} does not exist`, 'NotFound');
    // The same pure step the workflow takes when this activity returns (same plan, state, instant and friend), so what
    // is written here is what the workflow goes on from.
    const loaded = step(plan, loadFriend.state, { kind: 'friend_loaded', at: loadFriend.at, friend });
    let send: SendEffect | null = null;
    for (const e of loaded.effects) if (e.kind === 'send') send = e;
    const progress = {
      ctx,
      records: [...input.records, ...loaded.effects.filter(isRecordEffect)],
      position: positionOf(loaded.state),
      ...(input.begin ? { begin: input.begin } : {}),
    };
    if (!send || loaded.state.waiting?.kind !== 'send') {
      // Not a send after all (held through quiet hours, a dead end…): record where the step leaves the run, so the
      // workflow needs no bookkeeping activity before its next wait.
      await writeProgress(deps.db, progress, [], deps.line);
      return { friend, outcome: null };
    }
    const ifSent = step(plan, loaded.state, { kind: 'send_done', at: loadFriend.at, nodeId: send.nodeId, status: 'sent' });
    const outcome = await sendMessages({
      ...progress,
      send,
      ifSent: { records: ifSent.effects.filter(isRecordEffect), position: positionOf(ifSent.state) },
    });
    return { friend, outcome };
  };
}
