// Golden A/B figures: a hand-built history whose clicks, conversions and holdout counts were worked out by hand (see the
// comments), on a real database; then a split judged on clicks, compared from them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitResults } from '@/lib/analytics/ab-tests';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { compile } from '@/scenario/compile';
import { end, graphOf, text, trig } from '@/scenario/fixtures';
import { variantSends } from '@/scenario/split-reach';
import { events, friends, runSteps, runs, scenarioVersions, scenarios } from '../schema';
import { splitArmFigures, type SplitArmsQuery } from './analytics-ab';

/** A wall-clock time in Japan: jst('11-02 10:00') is 2026-11-02 10:00 JST. */
const jst = (s: string) => new Date(`2026-${s.replace(' ', 'T')}:00+09:00`);
const range = { from: jst('11-01 00:00'), to: jst('11-08 00:00') };

// trigger → sp (A/B 50/50, 20 % held out, judged on clicks) → ma | mb → shared → end; goal: purchase within 7 days.
const graph = graphOf(
  [
    trig(),
    {
      id: 'sp',
      kind: 'split',
      data: {
        variants: [
          { id: 'a', label: 'A', weight: 50 },
          { id: 'b', label: 'B', weight: 50 },
        ],
        metric: 'clicks',
        holdoutPercent: 20,
      },
    },
    text('ma', 'A https://shop.example.jp/a'),
    text('mb', 'B https://shop.example.jp/b'),
    text('shared', 'S https://shop.example.jp/s'),
    end(),
  ],
  [
    ['trigger', 'next', 'sp'],
    ['sp', 'variant:a', 'ma'],
    ['sp', 'variant:b', 'mb'],
    ['ma', 'next', 'shared'],
    ['mb', 'next', 'shared'],
    ['shared', 'next', 'end'],
  ],
  { goal: { eventName: 'purchase', windowDays: 7, exitOnGoal: false } },
);
const query: SplitArmsQuery[] = [
  {
    nodeId: 'sp',
    sendsByOutput: { 'variant:a': variantSends(graph, 'sp').a ?? [], 'variant:b': variantSends(graph, 'sp').b ?? [], holdout: [] },
  },
];

let t: TestDatabase;
let S = '';
let V1 = '';
let V2 = '';
const F: Record<string, string> = {};

async function scenario(name: string): Promise<{ id: string; versions: string[] }> {
  const [s] = await t.db.insert(scenarios).values({ name, draft: graph, status: 'live' }).returning();
  const vs = await t.db
    .insert(scenarioVersions)
    .values(
      [1, 2].map((version) => ({
        scenarioId: s?.id ?? '',
        version,
        graph,
        plan: compile(graph),
        hash: `h${version}`,
        publishedBy: 'test',
      })),
    )
    .returning();
  return { id: s?.id ?? '', versions: vs.map((v) => v.id) };
}

/** A run that passed the split at `at` by `output` (and, for a variant, went on to its message). */
async function run(id: string, friendId: string, o: { scenario?: string; version?: string; at: string; output: string; isTest?: boolean }) {
  const scenarioId = o.scenario ?? S;
  const versionId = o.version ?? V2;
  const at = jst(o.at);
  await t.db.insert(runs).values({ id, scenarioId, versionId, friendId, status: 'done', startedAt: at, isTest: o.isTest ?? false });
  const step = (nodeId: string, output: string | null) => ({
    runId: id,
    scenarioId,
    versionId,
    friendId,
    nodeId,
    visit: 1,
    enteredAt: at,
    leftAt: output ? at : null,
    output,
    isTest: o.isTest ?? false,
  });
  const next = o.output === 'variant:a' ? 'ma' : o.output === 'variant:b' ? 'mb' : null;
  await t.db.insert(runSteps).values([step('trigger', 'next'), step('sp', o.output), ...(next ? [step(next, 'next')] : [])]);
}
async function click(friend: string, runId: string, nodeId: string, at: string, isTest = false) {
  await t.db.insert(events).values({
    friendId: F[friend] ?? '',
    name: 'link_click',
    occurredAt: jst(at),
    properties: { runId, nodeId, url: 'https://shop.example.jp' },
    source: 'click',
    isTest,
  });
}
async function purchase(friend: string, at: string) {
  await t.db.insert(events).values({ friendId: F[friend] ?? '', name: 'purchase', occurredAt: jst(at), properties: {}, source: 'api' });
}

beforeAll(async () => {
  t = await createTestDatabase();
  const s = await scenario('golden ab');
  S = s.id;
  [V1 = '', V2 = ''] = s.versions;
  const names = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10', 'P11', 'T1'];
  const rows = await t.db
    .insert(friends)
    .values(names.map((n, i) => ({ lineUserId: `U${String(i).padStart(32, '0')}`, displayName: n, isTest: n === 'T1' })))
    .returning();
  for (const r of rows) F[r.displayName] = r.id;
  const f = (n: string) => F[n] ?? '';

  // A: P1 taps A's message → clicked.
  await run('p1', f('P1'), { at: '11-02 10:00', output: 'variant:a' });
  await click('P1', 'p1', 'ma', '11-02 11:00');
  // A: P2 taps only the shared message after the paths meet → not clicked.
  await run('p2', f('P2'), { at: '11-02 10:00', output: 'variant:a' });
  await click('P2', 'p2', 'shared', '11-03 11:00');
  // A: P3 taps A's message twice → clicked, once.
  await run('p3', f('P3'), { at: '11-02 10:00', output: 'variant:a' });
  await click('P3', 'p3', 'ma', '11-02 11:00');
  await click('P3', 'p3', 'ma', '11-02 12:00');
  // B: P4 taps B's message → clicked.
  await run('p4', f('P4'), { at: '11-03 10:00', output: 'variant:b' });
  await click('P4', 'p4', 'mb', '11-03 10:30');
  // B: P5 in v2 taps nothing; its tap of B's message belongs to its v1 run (counted in v1 only).
  await run('p5-v1', f('P5'), { version: V1, at: '11-01 10:00', output: 'variant:b' });
  await click('P5', 'p5-v1', 'mb', '11-01 11:00');
  await run('p5', f('P5'), { at: '11-04 10:00', output: 'variant:b' });
  // B: P6 taps nothing but buys the next day → converted, not clicked.
  await run('p6', f('P6'), { at: '11-04 10:00', output: 'variant:b' });
  await purchase('P6', '11-05 10:00');
  // Holdout: P7 buys 2 days later (converted); P8 does nothing; P9 entered before the range (not counted).
  await run('p7', f('P7'), { at: '11-05 10:00', output: 'holdout' });
  await purchase('P7', '11-07 10:00');
  await run('p8', f('P8'), { at: '11-05 10:00', output: 'holdout' });
  await run('p9', f('P9'), { at: '10-30 10:00', output: 'holdout' });
  // A: P10's only tap is a test event → not clicked.
  await run('p10', f('P10'), { at: '11-06 10:00', output: 'variant:a' });
  await click('P10', 'p10', 'ma', '11-06 10:30', true);
  // A: P11 entered twice (two runs) and tapped in the second → one friend, clicked.
  await run('p11a', f('P11'), { at: '11-02 09:00', output: 'variant:a' });
  await run('p11b', f('P11'), { at: '11-06 09:00', output: 'variant:a' });
  await click('P11', 'p11b', 'ma', '11-06 09:30');
  // T1, a test friend, in B with a tap: never counted.
  await run('t1', f('T1'), { at: '11-03 10:00', output: 'variant:b' });
  await click('T1', 't1', 'mb', '11-03 10:10');
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe('splitArmFigures (golden, worked out by hand)', () => {
  it('counts v2 alone: A 5 friends / 3 clicked, B 3 / 1 clicked / 1 converted, holdout 2 / 1 converted', async () => {
    const arms = await splitArmFigures(t.db, { scenarioId: S, versionId: V2, ...range }, query);
    expect(Object.fromEntries(arms)).toEqual({
      sp: {
        // P1, P2, P3, P10, P11; clicked P1, P3, P11.
        'variant:a': { friends: 5, converted: 0, clicked: 3 },
        // P4, P5, P6; clicked P4; converted P6.
        'variant:b': { friends: 3, converted: 1, clicked: 1 },
        // P7, P8 (P9 before the range); converted P7; a holdout has no message to tap.
        holdout: { friends: 2, converted: 1, clicked: 0 },
      },
    });
  });

  it('counts v1 apart: only P5’s first run, clicked', async () => {
    const arms = await splitArmFigures(t.db, { scenarioId: S, versionId: V1, ...range }, query);
    expect(Object.fromEntries(arms)).toEqual({ sp: { 'variant:b': { friends: 1, converted: 0, clicked: 1 } } });
  });

  it('compares on clicks: A 3 of 5 leads B 1 of 3, too early to call', async () => {
    const [r] = splitResults(graph, 2, await splitArmFigures(t.db, { scenarioId: S, versionId: V2, ...range }, query));
    expect(r).toMatchObject({ metric: 'clicks', version: 2, holdoutPercent: 20 });
    expect(r?.result.variants.map((v) => [v.entered, v.converted])).toEqual([
      [5, 3],
      [3, 1],
    ]);
    // P(A's rate > B's) with Beta(4, 3) and Beta(2, 3) posteriors: scipy.integrate.quad gives 0.738095238.
    expect(r?.chances[0]).toBeCloseTo(0.738095238, 4);
    expect(r?.verdict).toMatchObject({ kind: 'too_early', leaderId: 'a', reasons: ['few_friends', 'few_conversions'] });
    // Judged on clicks, the holdout (sent nothing) is counted but not compared.
    expect(r?.holdout).toEqual({ entered: 2, converted: null, rate: null, interval: null, vsVariants: null });
  });
});

describe('a split judged on clicks with enough friends', () => {
  it('names B at 40 % vs 20 % of 150 each, with the holdout counted beside', async () => {
    const ab = await scenario('bulk ab');
    const v = ab.versions[1] ?? '';
    const people = await t.db
      .insert(friends)
      .values(Array.from({ length: 340 }, (_, i) => ({ lineUserId: `Ub${String(i).padStart(31, '0')}`, displayName: `b${i}` })))
      .returning({ id: friends.id });
    // Friends 0–149 in A (0–29 tap), 150–299 in B (150–209 tap), 300–339 held out.
    const output = (i: number) => (i < 150 ? 'variant:a' : i < 300 ? 'variant:b' : 'holdout');
    for (const [i, p] of people.entries()) await run(`b${i}`, p.id, { scenario: ab.id, version: v, at: '11-03 10:00', output: output(i) });
    await t.db.insert(events).values(
      people.flatMap((p, i) =>
        i < 30 || (i >= 150 && i < 210)
          ? [
              {
                friendId: p.id,
                name: 'link_click',
                occurredAt: jst('11-03 12:00'),
                properties: { runId: `b${i}`, nodeId: i < 150 ? 'ma' : 'mb' },
                source: 'click' as const,
              },
            ]
          : [],
      ),
    );
    const arms = await splitArmFigures(t.db, { scenarioId: ab.id, versionId: v, ...range }, query);
    expect(arms.get('sp')).toEqual({
      'variant:a': { friends: 150, converted: 0, clicked: 30 },
      'variant:b': { friends: 150, converted: 0, clicked: 60 },
      holdout: { friends: 40, converted: 0, clicked: 0 },
    });
    const [r] = splitResults(graph, 2, arms);
    // Pooled two-proportion z-test, 30/150 vs 60/150: z = 0.2 / √(0.3·0.7·2/150) = 3.78, p = 0.000157 (scipy norm.sf).
    expect(r?.result.variants[1]?.vsControl?.pValue).toBeCloseTo(0.000157052, 6);
    // P(B's rate > A's) with Beta(61, 91) and Beta(31, 121): 0.99992382 (scipy.integrate.quad).
    expect(r?.chances[1]).toBeCloseTo(0.9999238, 5);
    expect(r?.verdict).toMatchObject({ kind: 'winner', variantId: 'b' });
    expect(r?.holdout?.entered).toBe(40);
  });
});
