// Tests of migrating waiting friends: proposed mapping, mapping checks, moved state, due-time policies and warnings.
import { describe, expect, it } from 'vitest';
import { compile, type CompiledPlan } from './compile';
import { chainOf, end, friendFixture, graphOf, text, trig, type StepSpec } from './fixtures';
import { startRun, step } from './interpret';
import { checkMapping, dryRunFingerprint, forecastMove, moveRun, proposeMapping, sendsAhead, summarizeMoves } from './migrate';
import type { RunState } from './run-state';
import { DAY, HOUR } from './time';

const T0 = Date.UTC(2025, 3, 1, 1, 0); // 2025-04-01 10:00 JST
const wait = (id: string, amount: number, unit: 'days' | 'hours' = 'days'): StepSpec => ({
  id,
  kind: 'wait',
  data: { mode: 'duration', amount, unit },
});
const eventWait = (id: string): StepSpec => ({
  id,
  kind: 'wait_for_event',
  data: { eventName: 'purchase', filter: [], timeout: { mode: 'duration', amount: 3, unit: 'days' } },
});

/** A chain whose event wait `ev` goes on to `after` by both outputs. */
function withEventWait(before: StepSpec[], ev: string, after: StepSpec[]): CompiledPlan {
  const steps = [...before, eventWait(ev), ...after];
  const edges: [string, string, string][] = [];
  for (let i = 0; i + 1 < steps.length; i++) {
    const a = steps[i];
    const b = steps[i + 1];
    if (!a || !b) continue;
    if (a.id === ev) edges.push([a.id, 'event', b.id], [a.id, 'timeout', b.id]);
    else edges.push([a.id, 'next', b.id]);
  }
  return compile(graphOf(steps, edges));
}

const v1 = compile(chainOf([trig(), text('welcome', 'ようこそ'), wait('wait7', 7), end()]));
const v2 = compile(chainOf([trig(), text('welcome', 'ようこそ'), wait('wait7', 7), text('tips', '使い方のコツ'), end()]));

/** A run of `plan` driven to its first timer wait (sends succeed); returns the state and the instant it entered the wait. */
function parked(plan: CompiledPlan, runId = 'run-1', at = T0): { state: RunState; enteredAt: number } {
  let r = startRun(plan, { runId, friend: friendFixture(), at });
  for (let i = 0; i < 20 && r.state.waiting?.kind !== 'timer'; i++) {
    const w = r.state.waiting;
    if (w?.kind === 'send') r = step(plan, r.state, { kind: 'send_done', at: r.state.now, nodeId: w.nodeId, status: 'sent' });
    else if (w?.kind === 'friend') r = step(plan, r.state, { kind: 'friend_loaded', at: r.state.now, friend: r.state.friend });
    else break;
  }
  return { state: r.state, enteredAt: r.state.now };
}

describe('proposeMapping', () => {
  it('maps each waiting step to the step of the same id and kind, else leaves it unmapped', () => {
    const v3 = withEventWait([trig(), text('welcome', 'ようこそ')], 'wait7', [end()]);
    expect(proposeMapping(v1, v2)).toEqual({ wait7: 'wait7' });
    expect(proposeMapping(v1, v3)).toEqual({ wait7: null });
  });
});

describe('checkMapping', () => {
  it('refuses a target that cannot hold a wait, with a clear message', () => {
    const issues = checkMapping(v1, v2, { wait7: 'tips' });
    expect(issues).toEqual([expect.objectContaining({ code: 'target_cannot_wait', sourceNodeId: 'wait7', targetNodeId: 'tips' })]);
    expect(issues[0]?.message).toContain('cannot hold a waiting friend');
  });
  it('refuses unknown steps and a question taking friends of a timer; accepts wait ↔ event wait and unmapped', () => {
    const v3 = withEventWait([trig()], 'ev', [end()]);
    expect(checkMapping(v1, v3, { wait7: 'ev' })).toEqual([]);
    expect(checkMapping(v1, v3, { wait7: null })).toEqual([]);
    expect(checkMapping(v1, v3, { nope: 'ev', wait7: 'gone' }).map((i) => i.code)).toEqual(['unknown_source', 'unknown_target']);
    expect(checkMapping(v1, v3, { welcome: 'ev' }).map((i) => i.code)).toEqual(['source_cannot_wait']);
  });
});

describe('moveRun', () => {
  const { state, enteredAt } = parked(v1);
  const at = enteredAt + 2 * DAY;

  it('keeps the original due instant, carries visits and sends, and records leaving and entering', () => {
    const r = moveRun(v1, v2, state, { toVersionLabel: 'v2', nodeId: 'wait7', policy: 'keep_instant', enteredAt, at });
    if (!r.ok) throw new Error(r.reason);
    expect(r.dueAt).toBe(enteredAt + 7 * DAY);
    expect(r.state).toMatchObject({ planHash: v2.hash, current: 'wait7', status: 'waiting', sends: 1, visits: { welcome: 1, wait7: 2 } });
    expect(r.left).toMatchObject({ nodeId: 'wait7', output: 'migrated', at });
    expect(r.entered).toEqual({ kind: 'node_entered', nodeId: 'wait7', at, visit: 2 });
    // The interpreter takes the moved state: at the due instant the new send goes out.
    expect(sendsAhead(v2, r.state, { horizon: r.dueAt })).toEqual([
      { nodeId: 'tips', at: enteredAt + 7 * DAY, messages: [{ type: 'text', text: '使い方のコツ' }] },
    ]);
  });

  it('recomputes the due time from when the friend entered the wait', () => {
    const v3 = compile(chainOf([trig(), text('welcome', 'ようこそ'), wait('wait7', 3), text('tips', 'コツ'), end()]));
    const keep = moveRun(v1, v3, state, { toVersionLabel: 'v3', nodeId: 'wait7', policy: 'keep_instant', enteredAt, at });
    const recompute = moveRun(v1, v3, state, { toVersionLabel: 'v3', nodeId: 'wait7', policy: 'from_entry', enteredAt, at });
    expect(keep.ok && keep.dueAt).toBe(enteredAt + 7 * DAY);
    expect(recompute.ok && recompute.dueAt).toBe(enteredAt + 3 * DAY);
  });

  it('refuses a target that cannot wait and a run that is not waiting', () => {
    expect(moveRun(v1, v2, state, { toVersionLabel: 'v2', nodeId: 'tips', policy: 'keep_instant', enteredAt, at })).toMatchObject({
      ok: false,
      code: 'target_cannot_wait',
    });
    const sending = startRun(v1, { runId: 'r', friend: friendFixture(), at: T0 }).state;
    expect(moveRun(v1, v2, sending, { toVersionLabel: 'v2', nodeId: 'wait7', policy: 'keep_instant', enteredAt, at })).toMatchObject({
      ok: false,
      code: 'not_waiting',
    });
  });

  it('converts a timer into an event wait', () => {
    const v3 = withEventWait([trig(), text('welcome', 'ようこそ')], 'buy', [end()]);
    const r = moveRun(v1, v3, state, { toVersionLabel: 'v3', nodeId: 'buy', policy: 'from_entry', enteredAt, at });
    expect(r.ok && r.state.waiting).toEqual({
      kind: 'event',
      nodeId: 'buy',
      eventName: 'purchase',
      filter: [],
      until: enteredAt + 3 * DAY,
    });
  });
});

describe('forecastMove', () => {
  const { state, enteredAt } = parked(v1);
  const at = enteredAt + DAY;
  const run = { state, enteredAt, receivedNodeIds: ['welcome'] };

  it('says what the friend gets next and when, without warnings for a new send after the wait', () => {
    const m = forecastMove(v1, v2, run, proposeMapping(v1, v2), { policy: 'keep_instant', at, toVersionLabel: 'v2' });
    expect(m).toMatchObject({ runId: 'run-1', sourceNodeId: 'wait7', targetNodeId: 'wait7', dueAt: enteredAt + 7 * DAY, warnings: [] });
    expect(m.next).toMatchObject({ nodeId: 'tips', at: enteredAt + 7 * DAY, messages: [{ type: 'text', text: '使い方のコツ' }] });
  });

  it('flags a mapping that would send a received message again', () => {
    const v3 = compile(chainOf([trig(), wait('first', 1, 'hours'), text('welcome', 'ようこそ'), wait('wait7', 7), end()]));
    const m = forecastMove(v1, v3, run, { wait7: 'first' }, { policy: 'keep_instant', at, toVersionLabel: 'v3' });
    expect(m.warnings.map((w) => w.code)).toEqual(['resend']);
    expect(m.next).toMatchObject({ nodeId: 'welcome' });
  });

  it('flags a send before the target the friend never received', () => {
    const v3 = compile(chainOf([trig(), text('welcome', 'ようこそ'), text('intro', '自己紹介'), wait('wait7', 7), end()]));
    const m = forecastMove(v1, v3, run, { wait7: 'wait7' }, { policy: 'keep_instant', at, toVersionLabel: 'v3' });
    expect(m.warnings).toEqual([expect.objectContaining({ code: 'skips_send', nodeId: 'intro' })]);
  });

  it('leaves unmapped friends on the old version and groups by source step', () => {
    const stay = forecastMove(v1, v2, run, { wait7: null }, { policy: 'keep_instant', at, toVersionLabel: 'v2' });
    expect(stay).toMatchObject({ targetNodeId: null, next: null, warnings: [{ code: 'unmapped' }] });
    const go = forecastMove(v1, v2, run, { wait7: 'wait7' }, { policy: 'keep_instant', at, toVersionLabel: 'v2' });
    expect(summarizeMoves([go, go, stay])).toEqual([
      { sourceNodeId: 'wait7', targetNodeId: 'wait7', moving: 2, staying: 1, warnings: { unmapped: 1 } },
    ]);
  });
});

describe('forecastMove: quiet hours and the frequency cap', () => {
  const { state, enteredAt } = parked(v1);
  const due = enteredAt + 7 * DAY; // 10:00 JST
  const run = { state, enteredAt, receivedNodeIds: ['welcome'] };
  const v2With = (settings: Parameters<typeof chainOf>[1]) =>
    compile(chainOf([trig(), text('welcome', 'ようこそ'), wait('wait7', 7), text('tips', '使い方のコツ'), end()], settings));

  it('says when quiet hours defer the next send, and to when (the interpreter holds it)', () => {
    const quiet = v2With({ quietHours: { start: '09:00', end: '12:00' } });
    const m = forecastMove(v1, quiet, run, { wait7: 'wait7' }, { policy: 'keep_instant', at: enteredAt + DAY, toVersionLabel: 'v2' });
    expect(m.next).toMatchObject({ nodeId: 'tips', at: due + 2 * HOUR, heldFrom: due });
    expect(m.warnings).toEqual([expect.objectContaining({ code: 'quiet_hours', nodeId: 'tips', until: due + 2 * HOUR })]);
    expect(m.warnings[0]?.messageJa).toContain('09:00–12:00の配信停止時間のため');
    expect(m.warnings[0]?.message).toContain('12:00');
    expect(summarizeMoves([m, m])).toEqual([
      { sourceNodeId: 'wait7', targetNodeId: 'wait7', moving: 2, staying: 0, warnings: { quiet_hours: 2 } },
    ]);
    // Outside the window nothing is said.
    const late = v2With({ quietHours: { start: '21:00', end: '09:00' } });
    expect(
      forecastMove(v1, late, run, { wait7: 'wait7' }, { policy: 'keep_instant', at: enteredAt + DAY, toVersionLabel: 'v2' }).warnings,
    ).toEqual([]);
  });

  it('says when the frequency cap would hold or skip the next send, given the friend’s recent sends', () => {
    const at = due - 2 * HOUR; // the dry run, two hours before the moved wait is due
    const recent = { ...run, recentSends: [at - HOUR] };
    const hold = v2With({ frequencyCap: { maxSends: 1, mode: 'hold' } });
    const held = forecastMove(v1, hold, recent, { wait7: 'wait7' }, { policy: 'keep_instant', at, toVersionLabel: 'v2' });
    expect(held.warnings).toEqual([expect.objectContaining({ code: 'frequency_cap', nodeId: 'tips', until: at - HOUR + DAY + 1000 })]);
    const skip = v2With({ frequencyCap: { maxSends: 1, mode: 'skip' } });
    const skipped = forecastMove(v1, skip, recent, { wait7: 'wait7' }, { policy: 'keep_instant', at, toVersionLabel: 'v2' });
    expect(skipped.warnings).toEqual([expect.objectContaining({ code: 'frequency_cap', nodeId: 'tips' })]);
    expect(skipped.warnings[0]?.until).toBeUndefined();
    // Under the cap, or with the friend's sends older than a day by then: no warning.
    const roomy = v2With({ frequencyCap: { maxSends: 2, mode: 'hold' } });
    expect(forecastMove(v1, roomy, recent, { wait7: 'wait7' }, { policy: 'keep_instant', at, toVersionLabel: 'v2' }).warnings).toEqual([]);
    const old = { ...run, recentSends: [due - DAY - HOUR] };
    expect(forecastMove(v1, hold, old, { wait7: 'wait7' }, { policy: 'keep_instant', at, toVersionLabel: 'v2' }).warnings).toEqual([]);
  });
});

describe('sendsAhead and the fingerprint', () => {
  it('lists sends in order as events time out', () => {
    const plan = withEventWait([trig()], 'buy', [text('nudge', 'まだですか'), end()]);
    const r = startRun(plan, { runId: 'r', friend: friendFixture(), at: T0 });
    expect(sendsAhead(plan, r.state, { horizon: T0 + 10 * DAY })).toEqual([
      { nodeId: 'nudge', at: T0 + 3 * DAY, messages: [{ type: 'text', text: 'まだですか' }] },
    ]);
    expect(sendsAhead(plan, r.state, { horizon: T0 + HOUR })).toEqual([]);
  });

  it('changes when a run moves on, not when nothing changed', () => {
    const a = parked(v1, 'a');
    const b = parked(v1, 'b');
    const input = { fromHash: v1.hash, toHash: v2.hash, mapping: { wait7: 'wait7' }, policy: 'keep_instant' as const };
    const f1 = dryRunFingerprint({
      ...input,
      runs: [
        { runId: 'a', state: a.state },
        { runId: 'b', state: b.state },
      ],
    });
    expect(
      dryRunFingerprint({
        ...input,
        runs: [
          { runId: 'b', state: b.state },
          { runId: 'a', state: a.state },
        ],
      }),
    ).toBe(f1);
    const later = step(v1, b.state, { kind: 'timer_fired', at: b.enteredAt + 8 * DAY }).state;
    expect(
      dryRunFingerprint({
        ...input,
        runs: [
          { runId: 'a', state: a.state },
          { runId: 'b', state: later },
        ],
      }),
    ).not.toBe(f1);
  });
});
