// One friend in one published scenario version: drives scenario/interpret and executes its effects.
import {
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CompiledPlan } from '../scenario/compile';
import type { FriendEvent } from '../scenario/friend';
import { startRun, step } from '../scenario/interpret';
import type { RunInput, RunState, StepResult } from '../scenario/run-state';
import type { RunPosition } from '../scenario/position';
import {
  eventSignal,
  isRecordEffect,
  migrateSignal,
  positionQuery,
  stopSignal,
  versionSearchAttribute,
  type FriendScenarioInput,
  type FriendScenarioWorkflow,
  type MigrateSignal,
  type ProgressInput,
  type RecordEffect,
  type RunContext,
  type SendEffect,
  type StopReason,
  type WorkflowActivities,
} from './contract';

/** Patch: a send that LINE accepted also recorded what follows it, so no bookkeeping activity runs after it. */
export const SEND_RECORDS_CONTINUATION = 'send-records-continuation';

/** Patch: a run waiting at a timer, event or answer takes a migrate signal and goes on in another version. */
export const MIGRATE_RUNS = 'migrate-runs';

/** Patch (within MIGRATE_RUNS): a moved run updates its KizunaVersionId search attribute to the version it moved to. */
export const MIGRATE_RUNS_VERSION_ATTRIBUTE = 'migrate-runs-version-attribute';

/** Patch: a send step that needs a fresh friend (after a wait) loads it in its own activity, not in a loadFriend before it. */
export const SEND_LOADS_FRIEND = 'send-loads-friend';

const { beginRun, loadFriend, recordProgress, migrateRun } = proxyActivities<WorkflowActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const isRecord = isRecordEffect;

export const friendScenario: FriendScenarioWorkflow = async function friendScenario(input: FriendScenarioInput): Promise<RunState['done']> {
  const info = workflowInfo();
  const { sendMessages, loadFriendAndSend } = proxyActivities<WorkflowActivities>({
    taskQueue: input.sendTaskQueue,
    startToCloseTimeout: '30 seconds',
    // LINE remembers a retry key for 24 h: keep retrying the same key (429, 5xx, time-outs) inside that window.
    scheduleToCloseTimeout: '23 hours',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
  const compress = input.compress && input.compress > 1 ? input.compress : 1;
  const pending: { event: FriendEvent; eventId: string }[] = [];
  const seenEvents = new Set<string>();
  let stopReason: StopReason | null = null;
  let migration: MigrateSignal | null = null;
  let state: RunState | null = input.resume?.state ?? null;

  setHandler(eventSignal, ({ event, eventId }) => {
    if (seenEvents.has(eventId)) return;
    seenEvents.add(eventId);
    pending.push({ event, eventId });
  });
  setHandler(stopSignal, ({ reason }) => {
    stopReason ??= reason;
  });
  setHandler(migrateSignal, (m) => {
    migration ??= m;
  });
  setHandler(positionQuery, () =>
    state
      ? { runId: state.runId, status: state.status, nodeId: state.current, waiting: state.waiting, done: state.done, sends: state.sends }
      : null,
  );

  // Virtual time: equal to workflow time, or running `compress` times faster for test runs.
  const realStart = input.resume?.realStart ?? Date.now();
  const virtualStart = input.resume?.virtualStart ?? realStart;
  const vnow = () => virtualStart + (Date.now() - realStart) * compress;
  const realDelay = (until: number) => Math.max(0, Math.ceil((until - vnow()) / compress));

  const runId = input.resume?.runId ?? `${info.workflowId}:${info.firstExecutionRunId.slice(0, 8)}`;
  const ctx: RunContext = {
    runId,
    workflowId: info.workflowId,
    scenarioId: input.scenarioId,
    versionId: input.versionId,
    friendId: input.friendId,
    isTest: input.isTest ?? false,
  };

  let plan: CompiledPlan;
  let result: StepResult;
  // The run row exists once an activity wrote it: beginRun does, otherwise the first progress write carries `begin`.
  let runRecorded = Boolean(input.resume);
  const startedAt = vnow();
  if (input.resume) {
    plan = input.resume.plan;
    result = { state: input.resume.state, effects: [] };
  } else if (input.start) {
    plan = input.start.plan;
    result = startRun(plan, { runId, friend: input.start.friend, at: startedAt, triggerEvent: input.triggerEvent ?? null });
  } else {
    const begun = await beginRun(ctx);
    runRecorded = true;
    plan = begun.plan;
    result = startRun(plan, { runId, friend: begun.friend, at: vnow(), triggerEvent: input.triggerEvent ?? null });
  }

  let records: RecordEffect[] = [];
  const last: { send: SendEffect | null } = { send: null };
  const absorb = (r: StepResult) => {
    state = r.state;
    for (const e of r.effects) {
      if (isRecord(e)) records.push(e);
      else if (e.kind === 'send') last.send = e;
    }
  };
  const feed = (inputToStep: RunInput) => absorb(step(plan, state ?? result.state, inputToStep));
  const position = (s: RunState): RunPosition => ({ status: s.status, nodeId: s.current, waiting: s.waiting, done: s.done });
  // The state whose position the database already holds (a send wrote its continuation): nothing left to flush.
  let written: RunState | null = null;
  /** Takes the records gathered so far for the next activity (and the run row, on the run's first write). */
  const progress = (s: RunState): ProgressInput => {
    const batch = records;
    records = [];
    const p: ProgressInput = { ctx, records: batch, position: position(s), ...(runRecorded ? {} : { begin: { startedAt } }) };
    runRecorded = true;
    return p;
  };
  const flush = async (s: RunState) => {
    if (records.length === 0 && written === s) return;
    await recordProgress(progress(s));
  };
  absorb(result);

  for (;;) {
    const s: RunState = state ?? result.state;
    if (stopReason !== null && s.status !== 'done') {
      feed({ kind: 'stop', at: vnow(), reason: stopReason });
      continue;
    }
    if (s.status === 'done') {
      await flush(s);
      return s.done;
    }
    // Events that arrived meanwhile go first (the goal may end the run; a wait_for_event may resume).
    const next = pending.shift();
    if (next) {
      feed({ kind: 'event', at: Math.max(vnow(), s.now), event: next.event });
      continue;
    }
    const waiting = s.waiting;
    if (!waiting) throw ApplicationFailure.nonRetryable(`run ${runId} is ${s.status} without waiting`, 'InterpreterStalled');
    switch (waiting.kind) {
      case 'send': {
        const send = last.send;
        if (!send) throw ApplicationFailure.nonRetryable(`run ${runId} waits on a send it never saw`, 'InterpreterStalled');
        // What follows if LINE accepts the message, worked out now so the send activity records it too:
        // a send step costs one activity, with no bookkeeping round trip after it.
        const ifSent = step(plan, s, { kind: 'send_done', at: vnow(), nodeId: send.nodeId, status: 'sent' });
        const outcome = await sendMessages({
          ...progress(s),
          send,
          ifSent: { records: ifSent.effects.filter(isRecord), position: position(ifSent.state) },
        });
        if (outcome.status === 'held') {
          // The frequency cap holds the send: wait (a stop or the goal may still come), then try again.
          await condition(() => stopReason !== null || pending.length > 0, realDelay(outcome.until));
          continue;
        }
        // Runs whose starter passed `start` were started by code that has always recorded the continuation: no
        // patch marker needed (a marker also costs a search-attribute update on the server). Older runs, broadcast
        // children and continued runs ask patched(), so histories recorded before the change replay unchanged.
        if (outcome.status === 'sent' && (input.start !== undefined || patched(SEND_RECORDS_CONTINUATION))) {
          last.send = null;
          absorb(ifSent);
          records = []; // already written by the send activity
          written = ifSent.state;
          break;
        }
        feed({
          kind: 'send_done',
          at: vnow(),
          nodeId: send.nodeId,
          status: outcome.status,
          ...(outcome.reason ? { reason: outcome.reason } : {}),
        });
        break;
      }
      case 'friend': {
        // A send step loads the friend in its own activity: one action where loadFriend + sendMessages were two.
        // Histories recorded before this patch replay with their loadFriend.
        if (plan.nodes[waiting.nodeId]?.kind === 'send' && patched(SEND_LOADS_FRIEND)) {
          const at = vnow();
          const { friend, outcome } = await loadFriendAndSend({ ...progress(s), loadFriend: { state: s, at } });
          feed({ kind: 'friend_loaded', at, friend });
          const loaded = state ?? s;
          // No send came of it (held through quiet hours…): the activity wrote where this step leaves the run.
          if (outcome === null) {
            records = [];
            written = loaded;
            break;
          }
          const send = last.send;
          // The activity took this same step (plan, state, instant, friend); only a worker on other interpreter code could
          // disagree, and then the run goes on from its own step (the outbox key keeps a repeated send single).
          if (!send || loaded.waiting?.kind !== 'send') break;
          records = []; // written by the activity, with the outcome
          written = loaded;
          if (outcome.status === 'held') {
            await condition(() => stopReason !== null || pending.length > 0, realDelay(outcome.until));
            continue;
          }
          if (outcome.status === 'sent') {
            // The activity wrote the continuation too, worked out from the same instant.
            const ifSent = step(plan, loaded, { kind: 'send_done', at, nodeId: send.nodeId, status: 'sent' });
            last.send = null;
            absorb(ifSent);
            records = [];
            written = ifSent.state;
            break;
          }
          feed({
            kind: 'send_done',
            at: vnow(),
            nodeId: send.nodeId,
            status: outcome.status,
            ...(outcome.reason ? { reason: outcome.reason } : {}),
          });
          break;
        }
        const friend = await loadFriend(progress(s));
        feed({ kind: 'friend_loaded', at: vnow(), friend });
        break;
      }
      case 'timer':
      case 'event':
      case 'answer': {
        await flush(s);
        if (migration !== null) {
          const m: MigrateSignal = migration;
          migration = null;
          // The activity checks the run is still where the dry run saw it; if not (it moved on, or a repeated signal
          // after the move) it records the refusal on the migration's item and nothing changes here.
          if (patched(MIGRATE_RUNS)) {
            const moved = await migrateRun({ ctx, state: s, migrate: m, at: vnow() });
            if (moved.moved) {
              plan = moved.plan;
              ctx.versionId = m.toVersionId;
              state = moved.state;
              written = moved.state; // the activity wrote the new position
              // Lists of a version's runs (by search attribute) find the friend on the version it moved to. Histories
              // of runs moved before this patch replay without the update.
              if (patched(MIGRATE_RUNS_VERSION_ATTRIBUTE)) upsertSearchAttributes(versionSearchAttribute(m.toVersionId));
            }
          }
          break;
        }
        if (info.continueAsNewSuggested) {
          const { start: _entry, ...carried } = input; // the plan travels in `resume`; the entry snapshot is stale
          await continueAsNew<typeof friendScenario>({
            ...carried,
            versionId: ctx.versionId,
            resume: { state: s, plan, runId, virtualStart, realStart },
          });
        }
        const woke = await condition(() => stopReason !== null || pending.length > 0 || migration !== null, realDelay(waiting.until));
        if (!woke) feed({ kind: 'timer_fired', at: Math.max(vnow(), waiting.until) });
        break;
      }
    }
  }
};
