// simulate(): the timeline one friend would live through, produced by driving the interpreter alone (sends succeed at once).
import { applyAction } from './actions';
import { matchesFilters } from './comparison';
import type { CompiledPlan } from './compile';
import type { FriendEvent, FriendSnapshot } from './friend';
import { startRun, step } from './interpret';
import type { LineMessage } from './messages';
import type { DoneReason, Effect, RunState, StepResult } from './run-state';
import type { ActionSpec, NodeKind } from './schema';
import { DAY, toLocalIso } from './time';

export type TimelineEntry = {
  at: number;
  /** `at` in the scenario's zone, ISO-8601 with offset. */
  time: string;
  nodeId: string;
  kind: NodeKind;
  visit: number;
  /** The output taken ('next', 'case:gold', 'timeout' …) and why. */
  decision?: string;
  reason?: string;
  leftAt?: number;
  /** For waits: the instant the wait was set to end. */
  waitUntil?: number;
  messages?: LineMessage[];
  sentAt?: number;
  action?: ActionSpec;
};

export type Timeline = {
  start: number;
  entries: TimelineEntry[];
  end: { at: number; time: string; reason: DoneReason | 'horizon'; detail?: string };
  sends: number;
  state: RunState;
};

export type SimulateOptions = {
  start: number;
  /** Future events, delivered at their `at`; earlier ones join the friend's history. */
  events?: readonly FriendEvent[];
  /** Stop looking after this instant (default: a year after start). */
  horizon?: number;
  /** The event that started the run; by default the latest matching event at or before start. */
  triggerEvent?: { name: string; properties: Record<string, unknown> } | null;
  runId?: string;
};

/** What the preview calls a test friend's answer to the question the run is asking when it arrives. */
export const ANSWER_EVENT = 'answer';

/**
 * An `answer` event (properties `choice`: a label or a 0-based index, or `text`) as the friend's tap or message for the
 * question the run waits at: a quick-reply postback of that question's visit, or a text message. Other events as they are.
 */
export function asAnswer(plan: CompiledPlan, s: RunState, e: FriendEvent): FriendEvent {
  if (e.name !== ANSWER_EVENT) return e;
  const { choice, text } = e.properties;
  if (typeof text === 'string') return { name: 'line_message', at: e.at, properties: { messageType: 'text', text } };
  const w = s.waiting;
  const node = w?.kind === 'answer' ? plan.nodes[w.nodeId] : undefined;
  if (w?.kind !== 'answer' || node?.kind !== 'question') return e;
  const byLabel = node.data.choices.findIndex((c) => c.label === String(choice));
  const index = byLabel >= 0 ? byLabel : Number(choice);
  const fields = { kz: 'q', r: s.runId, n: w.nodeId, v: String(w.visit), c: String(index) };
  return { name: 'postback', at: e.at, properties: { data: new URLSearchParams(fields).toString(), fields } };
}

function findTriggerEvent(plan: CompiledPlan, events: readonly FriendEvent[], start: number): FriendEvent | null {
  const t = plan.nodes[plan.entry];
  if (t?.kind !== 'trigger' || t.data.trigger.type !== 'event') return null;
  const spec = t.data.trigger;
  const matches = events.filter(
    (e) => e.at <= start && e.name === spec.eventName && matchesFilters(e.properties, spec.filter, plan.settings.timeZone),
  );
  return matches[matches.length - 1] ?? null;
}

export function simulate(plan: CompiledPlan, friend: FriendSnapshot, opts: SimulateOptions): Timeline {
  const zone = plan.settings.timeZone;
  const horizon = opts.horizon ?? opts.start + 365 * DAY;
  const all = [...(opts.events ?? [])].sort((a, b) => a.at - b.at);
  const past = all.filter((e) => e.at <= opts.start);
  const queue = all.filter((e) => e.at > opts.start);
  let world: FriendSnapshot = { ...friend, events: [...friend.events, ...past.filter((e) => !friend.events.includes(e))] };
  const trigger = opts.triggerEvent !== undefined ? opts.triggerEvent : findTriggerEvent(plan, all, opts.start);

  const entries: TimelineEntry[] = [];
  const open = new Map<string, TimelineEntry>();
  let end: Timeline['end'] | null = null;
  const record = (effects: readonly Effect[]) => {
    for (const e of effects) {
      switch (e.kind) {
        case 'node_entered': {
          const kind = plan.nodes[e.nodeId]?.kind ?? 'end';
          const entry: TimelineEntry = { at: e.at, time: toLocalIso(e.at, zone), nodeId: e.nodeId, kind, visit: e.visit };
          entries.push(entry);
          open.set(e.nodeId, entry);
          break;
        }
        case 'node_left': {
          const entry = open.get(e.nodeId);
          if (entry) Object.assign(entry, { decision: e.output, reason: e.reason, leftAt: e.at });
          break;
        }
        case 'sleep_until':
        case 'wait_for_event': {
          const entry = open.get(e.nodeId);
          if (entry) entry.waitUntil = e.until;
          break;
        }
        case 'send': {
          const entry = open.get(e.nodeId);
          if (entry) Object.assign(entry, { messages: e.messages, sentAt: e.at });
          break;
        }
        case 'apply_action': {
          world = applyAction(world, e.action);
          const entry = open.get(e.nodeId);
          if (entry) entry.action = e.action;
          break;
        }
        case 'done':
          end = { at: e.at, time: toLocalIso(e.at, zone), reason: e.reason, ...(e.detail === undefined ? {} : { detail: e.detail }) };
          break;
        case 'load_friend':
        case 'goal_reached':
        case 'answer_ignored':
          break;
      }
    }
  };

  // Each state is read once and replaced by the next, so the interpreter may update it in place.
  const OWNED = { owned: true };
  let r: StepResult = startRun(plan, {
    runId: opts.runId ?? 'simulation',
    friend: world,
    at: opts.start,
    triggerEvent: trigger ? { name: trigger.name, properties: trigger.properties } : null,
  });
  record(r.effects);
  for (let guard = 0; guard < 1_000_000 && r.state.status !== 'done'; guard++) {
    const s = r.state;
    const w = s.waiting;
    if (!w) break;
    if (w.kind === 'friend') r = step(plan, s, { kind: 'friend_loaded', at: s.now, friend: world }, OWNED);
    else if (w.kind === 'send') r = step(plan, s, { kind: 'send_done', at: s.now, nodeId: w.nodeId, status: 'sent' }, OWNED);
    else {
      const next = queue[0];
      if (next && next.at <= w.until && next.at <= horizon) {
        queue.shift();
        const event = asAnswer(plan, s, next);
        world = { ...world, events: [...world.events, event] };
        r = step(plan, s, { kind: 'event', at: next.at, event }, OWNED);
      } else if (w.until > horizon) break;
      else r = step(plan, s, { kind: 'timer_fired', at: w.until }, OWNED);
    }
    record(r.effects);
  }
  const finalEnd = end ?? { at: horizon, time: toLocalIso(horizon, zone), reason: 'horizon' as const };
  return { start: opts.start, entries, end: finalEnd, sends: r.state.sends, state: r.state };
}
