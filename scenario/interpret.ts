// The interpreter: a pure step function (plan, run state, input) → (new state, effects). Workflow and simulator only drive this.
import { applyAction } from './actions';
import { matchesFilters } from './comparison';
import type { CompiledPlan, PlanNode } from './compile';
import { PlanMismatchError } from './errors';
import type { FriendEvent, FriendSnapshot } from './friend';
import type { LineMessage } from './messages';
import { readsFriend, runNode } from './nodes';
import { answerQuestion, reaskMessages } from './nodes/question';
import type { DoneReason, Effect, RunInput, RunState, StepResult } from './run-state';
import { DAY, formatLocal } from './time';

export type { DoneReason, Effect, RunInput, RunState, StepResult } from './run-state';

export type StartInput = {
  runId: string;
  friend: FriendSnapshot;
  at: number;
  /** The event that started the run (event trigger); its properties fill {{event.*}} placeholders. */
  triggerEvent?: { name: string; properties: Record<string, unknown> } | null;
};

/**
 * A mutable working copy for one call; the caller's state is never modified. `ownVisits` says whether `s.visits` is
 * already this call's own copy: it is copied once per call, not per step (a copy per step made long runs quadratic).
 */
type Work = { s: RunState; effects: Effect[]; budget: number; ownVisits: boolean };

function finish(w: Work, reason: DoneReason, detail?: string): void {
  w.s.status = 'done';
  w.s.waiting = null;
  w.s.done = { reason, at: w.s.now, ...(detail === undefined ? {} : { detail }) };
  w.effects.push({ kind: 'done', at: w.s.now, reason, ...(detail === undefined ? {} : { detail }) });
}

function enter(plan: CompiledPlan, w: Work, id: string): void {
  w.budget--;
  w.s.steps++;
  if (w.budget < 0 || w.s.steps > plan.limits.maxSteps) {
    return finish(w, 'step_budget', `stopped after ${w.s.steps} steps without waiting`);
  }
  const visit = (w.s.visits[id] ?? 0) + 1;
  if (!w.ownVisits) {
    w.s.visits = { ...w.s.visits };
    w.ownVisits = true;
  }
  w.s.visits[id] = visit;
  w.s.current = id;
  w.s.status = 'running';
  w.s.waiting = null;
  w.effects.push({ kind: 'node_entered', nodeId: id, at: w.s.now, visit });
}

function leave(plan: CompiledPlan, w: Work, node: PlanNode, output: string, reason: string): void {
  w.effects.push({ kind: 'node_left', nodeId: node.id, at: w.s.now, output, reason });
  const target = node.next[output];
  if (target === undefined) return finish(w, 'dead_end', `output ${output} of ${node.id} leads nowhere`);
  enter(plan, w, target);
}

/** The reply token of the friend's last answer, for the send about to go out (used once). */
function takeReply(w: Work): { reply?: { token: string; issuedAt: number } } {
  const reply = w.s.reply;
  if (!reply) return {};
  delete w.s.reply;
  return { reply };
}

/** Sends a question's message (visit `visit`); once it went out the run waits for the answer (see send_done). */
function askQuestion(w: Work, id: string, visit: number, messages: LineMessage[], until: number, reasks: number): void {
  w.s.status = 'waiting';
  w.s.waiting = { kind: 'send', nodeId: id, visit, ask: { until, reasks } };
  w.effects.push({
    kind: 'send',
    nodeId: id,
    visit,
    at: w.s.now,
    idempotencyKey: `${w.s.runId}:${id}:${visit}`,
    messages,
    trackLinks: false,
    ...takeReply(w),
  });
}

/** Runs nodes until the friend has to wait for something or the run is over. */
function advance(plan: CompiledPlan, w: Work): void {
  while (w.s.status === 'running') {
    const id = w.s.current ?? '';
    const node = plan.nodes[id];
    if (!node) return finish(w, 'dead_end', `no step ${id} in the plan`);
    if (!w.s.friendFresh && readsFriend(node)) {
      w.s.status = 'waiting';
      w.s.waiting = { kind: 'friend', nodeId: id };
      w.effects.push({ kind: 'load_friend', nodeId: id });
      return;
    }
    const visit = w.s.visits[id] ?? 1;
    const out = runNode(node, {
      nodeId: id,
      now: w.s.now,
      startedAt: w.s.startedAt,
      friend: w.s.friend,
      settings: plan.settings,
      triggerEvent: w.s.triggerEvent?.properties ?? null,
      runId: w.s.runId,
      visit,
    });
    switch (out.type) {
      case 'go':
        if (out.action) {
          w.s.friend = applyAction(w.s.friend, out.action);
          w.effects.push({ kind: 'apply_action', nodeId: id, at: w.s.now, action: out.action });
        }
        leave(plan, w, node, out.output, out.reason);
        break;
      case 'skip_send':
        leave(plan, w, node, 'next', out.reason);
        break;
      case 'sleep':
        if (out.until <= w.s.now && out.output !== null) {
          leave(plan, w, node, out.output, `${out.reason} (already due)`);
          break;
        }
        delete w.s.reply;
        w.s.status = 'waiting';
        w.s.waiting = { kind: 'timer', nodeId: id, until: out.until, output: out.output, reason: out.reason };
        w.effects.push({ kind: 'sleep_until', nodeId: id, until: out.until, reason: out.reason });
        return;
      case 'await_event':
        delete w.s.reply;
        w.s.status = 'waiting';
        w.s.waiting = { kind: 'event', nodeId: id, eventName: out.eventName, filter: out.filter, until: out.until };
        w.effects.push({ kind: 'wait_for_event', nodeId: id, eventName: out.eventName, filter: out.filter, until: out.until });
        return;
      case 'send':
        w.s.status = 'waiting';
        w.s.waiting = { kind: 'send', nodeId: id, visit };
        w.effects.push({
          kind: 'send',
          nodeId: id,
          visit,
          at: w.s.now,
          idempotencyKey: `${w.s.runId}:${id}:${visit}`,
          messages: out.messages,
          trackLinks: out.trackLinks,
          ...takeReply(w),
        });
        return;
      case 'ask':
        askQuestion(w, id, visit, out.messages, out.until, 0);
        return;
      case 'end':
        // An end by a named output (a split's holdout) is recorded as leaving by it, so analytics count who went that way.
        if (out.output !== undefined)
          w.effects.push({ kind: 'node_left', nodeId: id, at: w.s.now, output: out.output, reason: out.detail });
        finish(w, out.reason, out.detail);
        return;
    }
  }
}

function resume(plan: CompiledPlan, w: Work, apply: (node: PlanNode) => void): void {
  const node = plan.nodes[w.s.current ?? ''];
  if (!node) return finish(w, 'dead_end', `no step ${w.s.current ?? ''} in the plan`);
  w.budget = plan.limits.maxStepsPerInput;
  w.s.status = 'running';
  w.s.waiting = null;
  apply(node);
  advance(plan, w);
}

/**
 * Resolves every timer (and event timeout) due by `at`, in order, each at its own instant. For an arriving event
 * only deadlines strictly before it count: an event at the very instant of its deadline is still in time.
 */
function fireDueTimers(plan: CompiledPlan, w: Work, at: number, inclusive: boolean): boolean {
  let fired = false;
  for (let guard = 0; guard < 10_000; guard++) {
    const waiting = w.s.waiting;
    if (w.s.status !== 'waiting' || !waiting || (waiting.kind !== 'timer' && waiting.kind !== 'event' && waiting.kind !== 'answer')) break;
    if (inclusive ? waiting.until > at : waiting.until >= at) break;
    fired = true;
    w.s.now = Math.max(w.s.now, waiting.until);
    w.s.friendFresh = false;
    resume(plan, w, (node) => {
      if (waiting.kind === 'answer') {
        leave(plan, w, node, 'timeout', `no answer by ${formatLocal(waiting.until, plan.settings.timeZone)}`);
      } else if (waiting.kind === 'event') {
        leave(plan, w, node, 'timeout', `no ${waiting.eventName} by ${formatLocal(waiting.until, plan.settings.timeZone)}`);
      } else if (waiting.output !== null) {
        leave(plan, w, node, waiting.output, waiting.reason);
      }
    });
  }
  return fired;
}

function rememberEvent(friend: FriendSnapshot, e: FriendEvent): FriendSnapshot {
  if (friend.events.some((x) => x.at === e.at && x.name === e.name)) return friend;
  return { ...friend, events: [...friend.events, e] };
}

function onEvent(plan: CompiledPlan, w: Work, e: FriendEvent): void {
  w.s.friend = rememberEvent(w.s.friend, e);
  const goal = plan.settings.goal;
  if (goal && e.name === goal.eventName && w.s.goalReachedAt === null) {
    w.s.goalReachedAt = e.at;
    const withinWindow = e.at - w.s.startedAt <= goal.windowDays * DAY;
    w.effects.push({ kind: 'goal_reached', at: w.s.now, eventName: e.name, withinWindow, exits: goal.exitOnGoal });
    if (goal.exitOnGoal) return finish(w, 'goal', `${e.name} reached`);
  }
  if (onAnswer(plan, w, e)) return;
  const waiting = w.s.waiting;
  if (waiting?.kind === 'event' && waiting.eventName === e.name && matchesFilters(e.properties, waiting.filter, plan.settings.timeZone)) {
    w.s.friendFresh = false;
    resume(plan, w, (node) => leave(plan, w, node, 'event', `${e.name} at ${formatLocal(e.at, plan.settings.timeZone)}`));
  }
}

/** The reply token an answer event carries (webhook message and postback events), if any. */
function replyOf(e: FriendEvent): { token: string; issuedAt: number } | null {
  const token = e.properties.replyToken;
  return typeof token === 'string' && token !== '' ? { token, issuedAt: e.at } : null;
}

/** Whether `e` was an answer (or a question button) for this run, which it then handled. */
function onAnswer(plan: CompiledPlan, w: Work, e: FriendEvent): boolean {
  const waiting = w.s.waiting;
  const node = waiting?.kind === 'answer' ? plan.nodes[waiting.nodeId] : undefined;
  if (waiting?.kind !== 'answer' || node?.kind !== 'question') {
    // A button of this run's question tapped when it asks nothing (any more): nothing happens, and it is recorded.
    const f = e.name === 'postback' ? e.properties.fields : undefined;
    if (f && typeof f === 'object' && 'kz' in f && f.kz === 'q' && 'r' in f && f.r === w.s.runId) {
      w.effects.push({ kind: 'answer_ignored', nodeId: w.s.current, at: w.s.now, reason: 'a button of a question no longer asked' });
      return true;
    }
    return false;
  }
  const at = { runId: w.s.runId, nodeId: node.id, visit: waiting.visit };
  const decision = answerQuestion(node.data, e, at, waiting.reasks);
  switch (decision.type) {
    case 'none':
      return false;
    case 'stale':
      w.effects.push({ kind: 'answer_ignored', nodeId: node.id, at: w.s.now, reason: decision.reason });
      return true;
    case 'go': {
      const reply = replyOf(e);
      w.s.friendFresh = false;
      resume(plan, w, () => {
        if (reply) w.s.reply = reply;
        if (decision.action) {
          w.s.friend = applyAction(w.s.friend, decision.action);
          w.effects.push({ kind: 'apply_action', nodeId: node.id, at: w.s.now, action: decision.action });
        }
        leave(plan, w, node, decision.output, decision.reason);
      });
      return true;
    }
    case 'reask': {
      // Asked again as a new visit: the earlier message's buttons become stale, and the send has its own outbox row.
      const visit = (w.s.visits[node.id] ?? waiting.visit) + 1;
      w.s.visits = { ...w.s.visits, [node.id]: visit };
      const reply = replyOf(e);
      if (reply) w.s.reply = reply;
      w.effects.push({ kind: 'node_left', nodeId: node.id, at: w.s.now, output: 'reask', reason: decision.reason });
      w.effects.push({ kind: 'node_entered', nodeId: node.id, at: w.s.now, visit });
      askQuestion(w, node.id, visit, reaskMessages(node.data, { ...at, visit }), waiting.until, waiting.reasks + 1);
      return true;
    }
  }
}

/** Re-announces the current wait, for a driver that woke early or restarted. */
function repeatWait(w: Work): void {
  const waiting = w.s.waiting;
  if (!waiting) return;
  if (waiting.kind === 'timer')
    w.effects.push({ kind: 'sleep_until', nodeId: waiting.nodeId, until: waiting.until, reason: waiting.reason });
  if (waiting.kind === 'event')
    w.effects.push({
      kind: 'wait_for_event',
      nodeId: waiting.nodeId,
      eventName: waiting.eventName,
      filter: waiting.filter,
      until: waiting.until,
    });
  if (waiting.kind === 'friend') w.effects.push({ kind: 'load_friend', nodeId: waiting.nodeId });
}

export function startRun(plan: CompiledPlan, input: StartInput): StepResult {
  const s: RunState = {
    v: 1,
    runId: input.runId,
    planHash: plan.hash,
    status: 'running',
    current: null,
    waiting: null,
    friend: input.friend,
    friendFresh: true,
    triggerEvent: input.triggerEvent ?? null,
    startedAt: input.at,
    now: input.at,
    visits: {},
    steps: 0,
    sends: 0,
    goalReachedAt: null,
    done: null,
  };
  const w: Work = { s, effects: [], budget: plan.limits.maxStepsPerInput, ownVisits: true };
  enter(plan, w, plan.entry);
  advance(plan, w);
  return { state: w.s, effects: w.effects };
}

/**
 * One input applied to a run. The caller's state is left as it was, unless `opts.owned` says the caller hands it over
 * and never reads it again (the simulator): then its visit counts are updated in place instead of copied, which keeps a
 * walk through a long graph linear.
 */
export function step(plan: CompiledPlan, state: RunState, input: RunInput, opts?: { owned?: boolean }): StepResult {
  if (state.planHash !== plan.hash) throw new PlanMismatchError(`run ${state.runId} belongs to plan ${state.planHash}, not ${plan.hash}`);
  if (state.status === 'done') return { state, effects: [] };
  const w: Work = { s: { ...state }, effects: [], budget: plan.limits.maxStepsPerInput, ownVisits: opts?.owned === true };
  // Timers due before this input happened first, whatever the input is.
  const fired = fireDueTimers(plan, w, input.at, input.kind !== 'event');
  w.s.now = Math.max(w.s.now, input.at);
  if (w.s.status !== 'done') {
    switch (input.kind) {
      case 'timer_fired':
        if (!fired) repeatWait(w);
        break;
      case 'event':
        onEvent(plan, w, input.event);
        break;
      case 'friend_loaded':
        w.s.friend = input.friend;
        w.s.friendFresh = true;
        if (w.s.waiting?.kind === 'friend') resume(plan, w, () => undefined);
        break;
      case 'send_done': {
        const waiting = w.s.waiting;
        if (waiting?.kind !== 'send' || waiting.nodeId !== input.nodeId) break;
        if (input.status === 'sent') w.s.sends++;
        const why = input.reason ? `${input.status}: ${input.reason}` : input.status;
        if (waiting.ask) {
          const { until, reasks } = waiting.ask;
          if (input.status === 'sent') {
            w.s.waiting = { kind: 'answer', nodeId: waiting.nodeId, visit: waiting.visit, until, reasks };
            w.effects.push({ kind: 'wait_for_event', nodeId: waiting.nodeId, eventName: 'answer', filter: [], until });
            break;
          }
          // The question could not be asked: nobody can answer it.
          resume(plan, w, (node) => leave(plan, w, node, 'timeout', `question not sent (${why})`));
          break;
        }
        resume(plan, w, (node) => leave(plan, w, node, 'next', why));
        break;
      }
      case 'stop':
        finish(w, 'stopped', input.reason);
        break;
    }
  }
  return { state: w.s, effects: w.effects };
}

export function isDone(state: RunState): boolean {
  return state.status === 'done';
}
