// Benchmark of the scenario core: validate+compile of a 1,000-node graph and simulate throughput through a 20-node graph.
import { compile, compileOrIssues } from '../../scenario/compile';
import type { StepSpec } from '../../scenario/fixtures';
import { FriendSnapshotSchema, ScenarioGraphSchema, type FriendSnapshot, type ScenarioGraph } from '../../scenario/schema';
import { simulate } from '../../scenario/simulate';

/** A graph of `size` nodes: trigger, then a repeating send / wait / branch / split / action / wait-for-event pattern, then end. */
export function generatedGraph(size: number): ScenarioGraph {
  const steps: StepSpec[] = [
    { id: 'n0', kind: 'trigger', data: { trigger: { type: 'friend_added', includeRefollow: false }, entryFilter: null, reEntry: 'once' } },
  ];
  for (let i = 1; i < size - 1; i++) {
    const id = `n${i}`;
    switch (i % 6) {
      case 1:
        steps.push({
          id,
          kind: 'send',
          data: {
            messages: [{ type: 'text', text: `{{friend.displayName|お客様}}さん、ステップ${i}のお知らせです。{{attr.rank|member}}` }],
            trackLinks: true,
          },
        });
        break;
      case 2:
        steps.push({
          id,
          kind: 'wait',
          data:
            i % 4 === 0
              ? { mode: 'time_of_day', time: '10:00', daysOfWeek: [] }
              : { mode: 'duration', amount: 1, unit: 'days', atTime: '10:00' },
        });
        break;
      case 3:
        steps.push({
          id,
          kind: 'branch',
          data: {
            cases: [
              {
                id: 'gold',
                condition: {
                  type: 'all',
                  conditions: [
                    { type: 'linked', linked: true },
                    { type: 'attribute', key: 'rank', op: 'in', value: ['gold', 'platinum'] },
                  ],
                },
              },
              { id: 'buyer', condition: { type: 'event_count', eventName: 'purchase', filter: [], withinDays: 30, op: 'gte', count: 1 } },
            ],
          },
        });
        break;
      case 4:
        steps.push({
          id,
          kind: 'split',
          data: {
            variants: [
              { id: 'a', label: 'A', weight: 50 },
              { id: 'b', label: 'B', weight: 50 },
            ],
          },
        });
        break;
      case 5:
        steps.push({ id, kind: 'action', data: { action: { type: 'add_tag', tag: `step-${i}` } } });
        break;
      default:
        steps.push({
          id,
          kind: 'wait_for_event',
          data: { eventName: 'purchase', filter: [], timeout: { mode: 'duration', amount: 2, unit: 'days' } },
        });
    }
  }
  steps.push({ id: `n${size - 1}`, kind: 'end', data: {} });
  const edges: ScenarioGraph['edges'] = [];
  steps.forEach((s, i) => {
    const next = `n${i + 1}`;
    const outputs =
      s.kind === 'branch'
        ? ['case:gold', 'case:buyer', 'else']
        : s.kind === 'split'
          ? ['variant:a', 'variant:b']
          : s.kind === 'wait_for_event'
            ? ['event', 'timeout']
            : s.kind === 'end'
              ? []
              : ['next'];
    for (const o of outputs) edges.push({ id: `e${edges.length}`, source: s.id, sourceHandle: o, target: next });
  });
  return {
    schemaVersion: 1,
    settings: { timeZone: 'Asia/Tokyo', splitSalt: 'bench', quietHours: { start: '21:00', end: '09:00' } },
    nodes: steps.map((s, i) => ({ ...s, position: { x: (i % 10) * 200, y: Math.floor(i / 10) * 150 } })),
    edges,
  };
}

function timeIt(iterations: number, f: () => void): { medianMs: number; opsPerSec: number } {
  for (let i = 0; i < Math.min(5, iterations); i++) f();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    f();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const medianMs = samples[Math.floor(samples.length / 2)] ?? 0;
  return { medianMs, opsPerSec: 1000 / medianMs };
}

function friendsFor(n: number): FriendSnapshot[] {
  const ranks = ['bronze', 'silver', 'gold', 'platinum'];
  return Array.from({ length: n }, (_, i) => ({
    id: `friend-${i}`,
    lineUserId: `U${i.toString(16).padStart(32, '0')}`,
    displayName: `友だち${i}`,
    attributes: { rank: ranks[i % 4] ?? 'bronze', points: i % 5000 },
    tags: i % 3 === 0 ? ['newsletter'] : [],
    linked: i % 2 === 0,
    friendAddedAt: Date.parse('2025-04-01T06:23:00Z') + (i % 86_400) * 1000,
    events: i % 5 === 0 ? [{ name: 'purchase', at: Date.parse('2025-03-20T03:00:00Z'), properties: { total: 4980 } }] : [],
  }));
}

function main(): void {
  const big = generatedGraph(1000);
  const bigJson = JSON.stringify(big);
  const check = compileOrIssues(big);
  if (!check.ok) throw new Error(`generated graph is invalid: ${JSON.stringify(check.issues.slice(0, 3))}`);

  const baseline = timeIt(50, () => ScenarioGraphSchema.parse(JSON.parse(bigJson)));
  const validateCompile = timeIt(50, () => compile(JSON.parse(bigJson)));

  const small = compile(generatedGraph(20));
  const friends = friendsFor(5000);
  for (const f of friends.slice(0, 500)) simulate(small, f, { start: Date.parse('2025-04-01T06:23:00Z') }); // warm-up
  const friendJson = friends.map((f) => JSON.stringify(f));
  const start = Date.parse('2025-04-01T06:23:00Z');
  const horizon = start + 60 * 86_400_000;
  let entries = 0;
  let sends = 0;
  const t0 = performance.now();
  for (const f of friends) {
    const t = simulate(small, f, { start, horizon });
    entries += t.entries.length;
    sends += t.sends;
  }
  const simMs = performance.now() - t0;
  const t1 = performance.now();
  for (const j of friendJson) FriendSnapshotSchema.parse(JSON.parse(j));
  const parseMs = performance.now() - t1;

  // Simulate cost against graph size: one friend walked through 1,000 and 8,000 nodes (a long horizon, so every wait
  // passes); linear means the same time per step at both sizes.
  const scaling = [1000, 8000].map((size) => {
    const plan = compile(generatedGraph(size));
    const friend = friends[1] ?? friends[0];
    if (!friend) throw new Error('no friend');
    const far = start + 20 * 365 * 86_400_000;
    const run = () => simulate(plan, friend, { start, horizon: far });
    run(); // warm-up
    const steps = run().entries.length;
    const { medianMs } = timeIt(5, run);
    return { nodes: size, timelineEntries: steps, ms: medianMs, usPerEntry: (medianMs * 1000) / Math.max(1, steps) };
  });

  const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  const report = {
    node: process.version,
    graph1000: {
      nodes: big.nodes.length,
      edges: big.edges.length,
      jsonBytes: bigJson.length,
      baselineJsonParseZodMs: round(baseline.medianMs),
      validateCompileMs: round(validateCompile.medianMs),
      ratioToBaseline: round(validateCompile.medianMs / baseline.medianMs, 1),
    },
    simulate20: {
      friends: friends.length,
      nodes: Object.keys(small.nodes).length,
      avgTimelineEntries: round(entries / friends.length, 1),
      avgSends: round(sends / friends.length, 1),
      friendsPerSec: Math.round(friends.length / (simMs / 1000)),
      baselineFriendParsePerSec: Math.round(friends.length / (parseMs / 1000)),
    },
    simulateScaling: {
      sizes: scaling.map((x) => ({ ...x, ms: round(x.ms), usPerEntry: round(x.usPerEntry) })),
      // 1.0 = linear: time per timeline entry at 8,000 nodes over the same at 1,000 nodes.
      perEntryRatio8kTo1k: round((scaling[1]?.usPerEntry ?? 0) / (scaling[0]?.usPerEntry ?? 1)),
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main();
