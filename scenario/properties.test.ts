// Property tests: random valid graphs never make the interpreter spin; even hand-made bad plans are stopped by its guard.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, planHash, type CompiledPlan, type PlanNode } from './compile';
import { friendFixture, type StepSpec } from './fixtures';
import { startRun, step } from './interpret';
import { alwaysWaits, outputsOf } from './nodes';
import type { RunInput, StepResult } from './run-state';
import { PlanSettingsSchema, type ScenarioGraph } from './schema';
import { validate } from './validate';

const T0 = Date.parse('2025-04-01T15:23:00+09:00');

const middle = fc.record({
  kind: fc.constantFrom('wait', 'wait_tod', 'wait_for_event', 'branch', 'split', 'send', 'action'),
  n: fc.nat(100),
  targets: fc.array(fc.nat(1000), { minLength: 3, maxLength: 3 }),
  back: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
});
type Middle = { kind: string; n: number; targets: number[]; back: boolean[] };

function stepOf(m: Middle, id: string): StepSpec {
  switch (m.kind) {
    case 'wait':
      return { id, kind: 'wait', data: { mode: 'duration', amount: 1 + (m.n % 3), unit: m.n % 2 ? 'hours' : 'days' } };
    case 'wait_tod':
      return { id, kind: 'wait', data: { mode: 'time_of_day', time: m.n % 2 ? '19:00' : '10:00', daysOfWeek: [] } };
    case 'wait_for_event':
      return {
        id,
        kind: 'wait_for_event',
        data: { eventName: 'purchase', filter: [], timeout: { mode: 'duration', amount: 1 + (m.n % 5), unit: 'hours' } },
      };
    case 'branch':
      return {
        id,
        kind: 'branch',
        data: {
          cases: [
            {
              id: 'a',
              condition:
                m.n % 2
                  ? { type: 'tag', tag: 'x', has: true }
                  : { type: 'event_count', eventName: 'purchase', filter: [], op: 'gte', count: 1 },
            },
          ],
        },
      };
    case 'split':
      return {
        id,
        kind: 'split',
        data: {
          variants: [
            { id: 'a', label: 'A', weight: 1 + (m.n % 3) },
            { id: 'b', label: 'B', weight: 1 },
          ],
        },
      };
    case 'send':
      return { id, kind: 'send', data: { messages: [{ type: 'text', text: `msg ${m.n} {{friend.displayName}}` }], trackLinks: true } };
    default:
      return { id, kind: 'action', data: { action: m.n % 2 ? { type: 'add_tag', tag: 'x' } : { type: 'remove_tag', tag: 'x' } } };
  }
}

/** Forward edges everywhere; back edges only out of steps that always wait, so every loop holds a wait. */
function graphFrom(ms: Middle[]): ScenarioGraph {
  const last = ms.length + 1;
  const steps: StepSpec[] = [
    { id: 'n0', kind: 'trigger', data: { trigger: { type: 'friend_added', includeRefollow: false }, entryFilter: null, reEntry: 'once' } },
    ...ms.map((m, i) => stepOf(m, `n${i + 1}`)),
    { id: `n${last}`, kind: 'end', data: {} },
  ];
  const edges: ScenarioGraph['edges'] = [];
  steps.forEach((s, i) => {
    const m = i === 0 ? undefined : ms[i - 1];
    outputsOf(s).forEach((output, k) => {
      const r = m?.targets[k] ?? 0;
      const back = m !== undefined && (m.back[k] ?? false) && alwaysWaits(s);
      const target = back ? 1 + (r % i) : i + 1 + (r % (last - i));
      edges.push({ id: `e${edges.length}`, source: s.id, sourceHandle: output, target: `n${target}` });
    });
  });
  // Keep what the trigger reaches, so the graph is valid as a whole.
  const reach = new Set(['n0']);
  for (let grew = true; grew;) {
    grew = false;
    for (const e of edges) if (reach.has(e.source) && !reach.has(e.target)) grew = reach.add(e.target).size > 0;
  }
  return {
    schemaVersion: 1,
    settings: { timeZone: 'Asia/Tokyo', splitSalt: 'p', quietHours: { start: '22:00', end: '08:00' } },
    nodes: steps.filter((s) => reach.has(s.id)).map((s, i) => ({ ...s, position: { x: 0, y: i } })),
    edges: edges.filter((e) => reach.has(e.source)),
  };
}

/** Drives a run with arbitrary but well-formed inputs, checking it always settles within its budget. */
function drive(plan: CompiledPlan, choices: number[]): void {
  let r: StepResult = startRun(plan, { runId: 'r', friend: friendFixture(), at: T0 });
  const check = (res: StepResult) => {
    expect(['waiting', 'done']).toContain(res.state.status);
    expect(res.state.done?.reason).not.toBe('step_budget');
    expect(res.effects.length).toBeLessThanOrEqual(4 * (plan.limits.maxStepsPerInput + 2));
  };
  check(r);
  for (const c of choices) {
    const s = r.state;
    const w = s.waiting;
    if (s.status === 'done' || !w) break;
    let input: RunInput;
    if (w.kind === 'friend') input = { kind: 'friend_loaded', at: s.now, friend: { ...s.friend, tags: c % 2 ? ['x'] : [] } };
    else if (w.kind === 'send')
      input = { kind: 'send_done', at: s.now, nodeId: w.nodeId, status: (['sent', 'failed', 'skipped'] as const)[c % 3] ?? 'sent' };
    else if (c % 4 === 0) input = { kind: 'event', at: s.now + 1000, event: { name: 'purchase', at: s.now + 1000, properties: {} } };
    else input = { kind: 'timer_fired', at: c % 5 === 1 ? s.now : w.until }; // early timers are re-announced
    r = step(plan, s, input);
    check(r);
  }
}

describe('no spin', () => {
  it('a random valid graph always settles at a wait or the end', () => {
    fc.assert(
      fc.property(
        fc.array(middle, { minLength: 1, maxLength: 14 }),
        fc.array(fc.nat(50), { minLength: 5, maxLength: 60 }),
        (ms, choices) => {
          const graph = graphFrom(ms);
          expect(validate(graph)).toEqual([]);
          drive(compile(graph), choices);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('validate refuses a loop without a wait, wherever it is', () => {
    fc.assert(
      fc.property(fc.array(middle, { minLength: 2, maxLength: 10 }), fc.nat(), (ms, a) => {
        const graph = graphFrom(ms);
        const plain = graph.nodes.filter((n) => n.kind !== 'trigger' && n.kind !== 'end' && !alwaysWaits(n));
        const from = plain[a % Math.max(1, plain.length)];
        if (!from) return;
        const to = from.id;
        // Make `from` loop onto itself through its first output.
        const first = outputsOf(from)[0] ?? 'next';
        const edges = graph.edges.map((e) => (e.source === from.id && e.sourceHandle === first ? { ...e, target: to } : e));
        expect(validate({ ...graph, edges }).map((i) => i.code)).toContain('cycle_without_wait');
      }),
      { numRuns: 200 },
    );
  });

  it('the interpreter stops any hand-made plan, valid or not, within its budget', () => {
    fc.assert(
      fc.property(fc.array(middle, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(20), { minLength: 1, maxLength: 20 }), (ms, links) => {
        const graph = graphFrom(ms);
        const ids = graph.nodes.map((n) => n.id);
        const nodes: Record<string, PlanNode> = {};
        graph.nodes.forEach((n, i) => {
          const next: Record<string, string> = {};
          outputsOf(n).forEach((o, k) => (next[o] = ids[((links[(i + k) % links.length] ?? 0) + i) % ids.length] ?? 'n0'));
          const { position: _p, label: _l, ...rest } = n;
          nodes[n.id] = { ...rest, next };
        });
        const content: Omit<CompiledPlan, 'hash'> = {
          planVersion: 1,
          entry: 'n0',
          settings: PlanSettingsSchema.parse(graph.settings),
          nodes,
          limits: { maxStepsPerInput: ids.length + 2, maxSteps: 500 },
        };
        const plan = { ...content, hash: planHash(content) };
        let r = startRun(plan, { runId: 'r', friend: friendFixture(), at: T0 });
        for (let i = 0; i < 50 && r.state.status !== 'done'; i++) {
          expect(r.state.status).toBe('waiting');
          const w = r.state.waiting;
          const at = w && (w.kind === 'timer' || w.kind === 'event') ? w.until : r.state.now;
          r = step(
            plan,
            r.state,
            w?.kind === 'friend'
              ? { kind: 'friend_loaded', at, friend: r.state.friend }
              : w?.kind === 'send'
                ? { kind: 'send_done', at, nodeId: w.nodeId, status: 'sent' }
                : { kind: 'timer_fired', at },
          );
          expect(r.effects.length).toBeLessThanOrEqual(4 * (ids.length + 4));
        }
      }),
      { numRuns: 300 },
    );
  });
});
