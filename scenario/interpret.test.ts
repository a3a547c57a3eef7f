// Tests of the step function: every input kind, waiting, reloading, quiet hours, goals, guards.
import { describe, expect, it } from 'vitest';
import { compile, planHash, type CompiledPlan } from './compile';
import { PlanMismatchError } from './errors';
import { chainOf, end, friendFixture, graphOf, text, trig } from './fixtures';
import { startRun, step } from './interpret';
import { RunStateSchema, type Effect } from './run-state';
import { DAY, HOUR } from './time';

const T0 = Date.UTC(2025, 3, 1, 6, 23); // 2025-04-01 15:23 JST
const kinds = (effects: Effect[]) => effects.map((e) => e.kind);

describe('startRun', () => {
  it('runs from the trigger to the first wait and reports where the friend is', () => {
    const plan = compile(chainOf([trig(), text('hello', 'こんにちは {{friend.displayName}}'), end()]));
    const r = startRun(plan, { runId: 'run-1', friend: friendFixture(), at: T0 });
    expect(kinds(r.effects)).toEqual(['node_entered', 'node_left', 'node_entered', 'send']);
    const send = r.effects.find((e) => e.kind === 'send');
    expect(send).toMatchObject({
      nodeId: 'hello',
      visit: 1,
      idempotencyKey: 'run-1:hello:1',
      messages: [{ type: 'text', text: 'こんにちは 花子' }],
      trackLinks: true,
    });
    expect(r.state).toMatchObject({ status: 'waiting', current: 'hello', waiting: { kind: 'send', nodeId: 'hello' } });
    // JSON round trip: the state is plain data.
    expect(RunStateSchema.parse(JSON.parse(JSON.stringify(r.state)))).toEqual(r.state);
  });

  it('ends with "filtered" when the entry filter does not match', () => {
    const plan = compile(chainOf([trig({ entryFilter: { type: 'tag', tag: 'vip', has: true } }), end()]));
    const r = startRun(plan, { runId: 'r', friend: friendFixture(), at: T0 });
    expect(r.state.done).toMatchObject({ reason: 'filtered' });
    expect(r.effects.at(-1)).toMatchObject({ kind: 'done', reason: 'filtered', detail: 'entry filter not met: tag vip' });
  });
});

describe('step', () => {
  const plan = compile(
    chainOf([
      trig(),
      { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 2, unit: 'hours' } },
      text('s', '{{attr.rank|member}} です'),
      end(),
    ]),
  );
  const started = startRun(plan, { runId: 'r', friend: friendFixture(), at: T0 });

  it('sleeps, then asks for a fresh friend before a node that reads it', () => {
    expect(started.effects.at(-1)).toEqual({
      kind: 'sleep_until',
      nodeId: 'w',
      until: T0 + 2 * HOUR,
      reason: expect.stringContaining('after 2 hours'),
    });
    const fired = step(plan, started.state, { kind: 'timer_fired', at: T0 + 2 * HOUR });
    expect(kinds(fired.effects)).toEqual(['node_left', 'node_entered', 'load_friend']);
    const loaded = step(plan, fired.state, {
      kind: 'friend_loaded',
      at: T0 + 2 * HOUR,
      friend: friendFixture({ attributes: { rank: 'gold' } }),
    });
    expect(loaded.effects).toEqual([
      expect.objectContaining({ kind: 'send', messages: [{ type: 'text', text: 'gold です' }], at: T0 + 2 * HOUR }),
    ]);
    const done = step(plan, loaded.state, { kind: 'send_done', at: T0 + 2 * HOUR + 500, nodeId: 's', status: 'sent' });
    expect(kinds(done.effects)).toEqual(['node_left', 'node_entered', 'done']);
    expect(done.state).toMatchObject({ status: 'done', sends: 1, done: { reason: 'end' } });
  });

  it('re-announces the wait when a timer fires early, and never mutates its input', () => {
    const before = JSON.stringify(started.state);
    const early = step(plan, started.state, { kind: 'timer_fired', at: T0 + HOUR });
    expect(early.effects).toEqual([expect.objectContaining({ kind: 'sleep_until', until: T0 + 2 * HOUR })]);
    expect(JSON.stringify(started.state)).toBe(before);
  });

  it('catches up on timers that fell due before a late input', () => {
    const late = step(plan, started.state, { kind: 'timer_fired', at: T0 + 5 * DAY });
    expect(late.effects[0]).toMatchObject({ kind: 'node_left', nodeId: 'w', at: T0 + 2 * HOUR });
  });

  it('ignores inputs after the end, and stop ends a waiting run', () => {
    const stopped = step(plan, started.state, { kind: 'stop', at: T0 + 1, reason: 'blocked' });
    expect(stopped.state.done).toMatchObject({ reason: 'stopped', detail: 'blocked' });
    expect(step(plan, stopped.state, { kind: 'timer_fired', at: T0 + DAY }).effects).toEqual([]);
  });

  it('refuses a state from another plan', () => {
    const other = compile(chainOf([trig(), end()]));
    expect(() => step(other, started.state, { kind: 'timer_fired', at: T0 })).toThrow(PlanMismatchError);
  });

  it('ignores a send_done for another node', () => {
    const waiting = startRun(compile(chainOf([trig(), text('s', 'x'), end()])), { runId: 'r', friend: friendFixture(), at: T0 });
    const p = compile(chainOf([trig(), text('s', 'x'), end()]));
    expect(step(p, waiting.state, { kind: 'send_done', at: T0, nodeId: 'other', status: 'sent' }).effects).toEqual([]);
  });
});

describe('wait_for_event and goals', () => {
  const graph = graphOf(
    [
      trig(),
      {
        id: 'wfe',
        kind: 'wait_for_event',
        data: {
          eventName: 'purchase',
          filter: [{ property: 'total', op: 'gte', value: 1000 }],
          timeout: { mode: 'duration', amount: 1, unit: 'days' },
        },
      },
      text('thanks', 'ありがとう'),
      text('nudge', 'まだですか'),
      end('end1'),
      end('end2'),
    ],
    [
      ['trigger', 'next', 'wfe'],
      ['wfe', 'event', 'thanks'],
      ['wfe', 'timeout', 'nudge'],
      ['thanks', 'next', 'end1'],
      ['nudge', 'next', 'end2'],
    ],
  );
  const plan = compile(graph);
  const started = startRun(plan, { runId: 'r', friend: friendFixture(), at: T0 });

  it('waits for the event with its filter', () => {
    expect(started.effects.at(-1)).toMatchObject({ kind: 'wait_for_event', eventName: 'purchase', until: T0 + DAY });
    const small = step(plan, started.state, {
      kind: 'event',
      at: T0 + HOUR,
      event: { name: 'purchase', at: T0 + HOUR, properties: { total: 500 } },
    });
    expect(small.effects).toEqual([]);
    expect(small.state.friend.events).toHaveLength(1);
    const big = step(plan, small.state, {
      kind: 'event',
      at: T0 + 2 * HOUR,
      event: { name: 'purchase', at: T0 + 2 * HOUR, properties: { total: 5000 } },
    });
    expect(big.effects[0]).toMatchObject({ kind: 'node_left', nodeId: 'wfe', output: 'event' });
    expect(big.effects.at(-1)).toMatchObject({ kind: 'load_friend', nodeId: 'thanks' });
  });

  it('counts an event at the very instant of the deadline, and resolves an earlier deadline first', () => {
    const onTime = step(plan, started.state, {
      kind: 'event',
      at: T0 + DAY,
      event: { name: 'purchase', at: T0 + DAY, properties: { total: 5000 } },
    });
    expect(onTime.effects[0]).toMatchObject({ kind: 'node_left', output: 'event' });
    const late = step(plan, started.state, {
      kind: 'event',
      at: T0 + DAY + 1,
      event: { name: 'purchase', at: T0 + DAY + 1, properties: { total: 5000 } },
    });
    expect(late.effects[0]).toMatchObject({ kind: 'node_left', output: 'timeout', at: T0 + DAY });
  });

  it('takes the timeout output when the time is up', () => {
    const r = step(plan, started.state, { kind: 'timer_fired', at: T0 + DAY });
    expect(r.effects[0]).toMatchObject({ kind: 'node_left', output: 'timeout', reason: 'no purchase by 2025-04-02 15:23 JST' });
  });

  it('exits on the goal event when exitOnGoal is set', () => {
    const withGoal = compile({
      ...graph,
      settings: { ...graph.settings, goal: { eventName: 'purchase', windowDays: 7, exitOnGoal: true } },
    });
    const s = startRun(withGoal, { runId: 'r', friend: friendFixture(), at: T0 });
    const r = step(withGoal, s.state, {
      kind: 'event',
      at: T0 + HOUR,
      event: { name: 'purchase', at: T0 + HOUR, properties: { total: 5 } },
    });
    expect(r.effects).toEqual([
      { kind: 'goal_reached', at: T0 + HOUR, eventName: 'purchase', withinWindow: true, exits: true },
      { kind: 'done', at: T0 + HOUR, reason: 'goal', detail: 'purchase reached' },
    ]);
  });
});

describe('quiet hours', () => {
  it('holds a send that falls in quiet hours until the window ends, then reloads the friend', () => {
    const plan = compile(chainOf([trig(), text('s', 'hi'), end()], { quietHours: { start: '21:00', end: '09:00' } }));
    const at = Date.UTC(2025, 3, 1, 14, 30); // 23:30 JST
    const r = startRun(plan, { runId: 'r', friend: friendFixture(), at });
    const release = Date.UTC(2025, 3, 2, 0, 0); // 09:00 JST next day
    expect(r.effects.at(-1)).toEqual({
      kind: 'sleep_until',
      nodeId: 's',
      until: release,
      reason: 'quiet hours 21:00–09:00: held until 2025-04-02 09:00 JST',
    });
    const woke = step(plan, r.state, { kind: 'timer_fired', at: release });
    expect(kinds(woke.effects)).toEqual(['load_friend']);
    const sent = step(plan, woke.state, { kind: 'friend_loaded', at: release, friend: friendFixture() });
    expect(sent.effects).toEqual([expect.objectContaining({ kind: 'send', at: release, visit: 1 })]);
  });
});

describe('guards', () => {
  it('stops a hand-made plan that would spin, with step_budget', () => {
    // compile() refuses wait-less cycles, so build the plan by hand as a corrupted store might.
    const content: Omit<CompiledPlan, 'hash'> = {
      planVersion: 1,
      entry: 't',
      settings: { timeZone: 'Asia/Tokyo', splitSalt: 's' },
      limits: { maxStepsPerInput: 5, maxSteps: 1000 },
      nodes: {
        t: {
          id: 't',
          kind: 'trigger',
          data: { trigger: { type: 'friend_added', includeRefollow: false }, entryFilter: null, reEntry: 'once' },
          next: { next: 'a' },
        },
        a: { id: 'a', kind: 'action', data: { action: { type: 'add_tag', tag: 'x' } }, next: { next: 'b' } },
        b: { id: 'b', kind: 'action', data: { action: { type: 'remove_tag', tag: 'x' } }, next: { next: 'a' } },
      },
    };
    const plan: CompiledPlan = { ...content, hash: planHash(content) };
    const r = startRun(plan, { runId: 'r', friend: friendFixture(), at: T0 });
    expect(r.state.done?.reason).toBe('step_budget');
    expect(r.state.steps).toBeLessThanOrEqual(6);
  });
});
