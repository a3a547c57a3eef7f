// Golden analytics: a hand-built history whose every figure was worked out by hand (see the comments), on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { compile } from '@/scenario/compile';
import { chainOf, end, graphOf, text, trig, type StepSpec } from '@/scenario/fixtures';
import { splitResults } from '@/lib/analytics/ab-tests';
import { events, friends, outbox, runSteps, runs, scenarioVersions, scenarios } from '../schema';
import { nodeFigures, scenarioGoals, type AnalyticsScope, type SendFigures } from './analytics';
import { splitArmFigures } from './analytics-ab';
import { nodeFriends } from './analytics-friends';
import { naiveNodeFigures } from './analytics-naive';
import { dailySeries, scenarioFunnel } from './analytics-series';

/** A wall-clock time in Japan: jst('11-02 10:00') is 2026-11-02 10:00 JST. */
const jst = (s: string) => new Date(`2026-${s.replace(' ', 'T')}:00+09:00`);
const wait: StepSpec = { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 1, unit: 'days' } };
const goal = (windowDays: number) => ({ goal: { eventName: 'purchase', windowDays, exitOnGoal: false } });
// v1: trigger → m1 → w → m2 → end (goal: purchase within 3 days); v2: trigger → m1 → w → m3 → end (within 1 day).
const g1 = chainOf([trig(), text('m1', 'a'), wait, text('m2', 'b'), end()], goal(3));
const g2 = chainOf([trig(), text('m1', 'a'), wait, text('m3', 'c'), end()], goal(1));
const range = { from: jst('11-01 00:00'), to: jst('11-08 00:00') };

let t: TestDatabase;
let S = '';
let V1 = '';
let V2 = '';
let AB = '';
const F: Record<string, string> = {};

type Step = [node: string, entered: string, left: string | null, output: string | null];
async function run(
  id: string,
  friend: string,
  version: string,
  o: { scenario?: string; status?: 'active' | 'done' | 'stopped'; at?: string; isTest?: boolean; steps: Step[] },
) {
  const scenarioId = o.scenario ?? S;
  const friendId = F[friend] ?? '';
  const first = o.steps[0]?.[1] ?? '11-01 00:00';
  const last = o.steps.at(-1);
  await t.db.insert(runs).values({
    id,
    scenarioId,
    versionId: version,
    friendId,
    status: o.status ?? 'done',
    currentNodeId: o.status === 'active' ? (last?.[0] ?? null) : null,
    isTest: o.isTest ?? false,
    startedAt: jst(first),
  });
  await t.db.insert(runSteps).values(
    o.steps.map(([nodeId, entered, left, output]) => ({
      runId: id,
      scenarioId,
      versionId: version,
      friendId,
      nodeId,
      visit: 1,
      enteredAt: jst(entered),
      leftAt: left ? jst(left) : null,
      output,
      isTest: o.isTest ?? false,
    })),
  );
}
let retry = 0;
async function send(
  runId: string,
  friend: string,
  version: string,
  nodeId: string,
  at: string,
  status: 'sent' | 'failed' | 'skipped',
  reason: string | null = null,
  isTest = false,
) {
  retry += 1;
  await t.db.insert(outbox).values({
    runId,
    scenarioId: S,
    versionId: version,
    friendId: F[friend] ?? '',
    nodeId,
    visit: 1,
    retryKey: `00000000-0000-4000-8000-${String(retry).padStart(12, '0')}`,
    status,
    reason,
    messages: [],
    isTest,
    createdAt: jst(at),
    sentAt: status === 'sent' ? jst(at) : null,
  });
}
async function event(friend: string, name: string, at: string, properties: Record<string, unknown> = {}, isTest = false) {
  await t.db
    .insert(events)
    .values({ friendId: F[friend] ?? '', name, occurredAt: jst(at), properties, source: name === 'link_click' ? 'click' : 'api', isTest });
}

beforeAll(async () => {
  t = await createTestDatabase();
  const [s] = await t.db.insert(scenarios).values({ name: 'golden', draft: g2, status: 'live' }).returning();
  S = s?.id ?? '';
  const [v1, v2] = await t.db
    .insert(scenarioVersions)
    .values([
      { scenarioId: S, version: 1, graph: g1, plan: compile(g1), hash: 'h1', publishedBy: 'test' },
      { scenarioId: S, version: 2, graph: g2, plan: compile(g2), hash: 'h2', publishedBy: 'test' },
    ])
    .returning();
  V1 = v1?.id ?? '';
  V2 = v2?.id ?? '';
  const names = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'T1'];
  const rows = await t.db
    .insert(friends)
    .values(
      names.map((n, i) => ({
        lineUserId: `U${String(i).padStart(32, '0')}`,
        displayName: n,
        isTest: n === 'T1',
        blockedAt: n === 'F5' ? jst('11-05 00:00') : n === 'F6' ? jst('11-08 11:00') : n === 'T1' ? jst('11-03 00:00') : null,
      })),
    )
    .returning();
  for (const r of rows) F[r.displayName] = r.id;

  // F1 (v1): whole path; clicks m2; buys 11-03 12:00 → converted everywhere.
  await run('r1', 'F1', V1, {
    steps: [
      ['trigger', '11-02 10:00', '11-02 10:00', 'next'],
      ['m1', '11-02 10:00', '11-02 10:00', 'next'],
      ['w', '11-02 10:00', '11-03 10:00', 'next'],
      ['m2', '11-03 10:00', '11-03 10:00', 'next'],
      ['end', '11-03 10:00', null, null],
    ],
  });
  await send('r1', 'F1', V1, 'm1', '11-02 10:00', 'sent');
  await send('r1', 'F1', V1, 'm2', '11-03 10:00', 'sent');
  await event('F1', 'link_click', '11-03 11:00', { runId: 'r1', nodeId: 'm2', url: 'https://shop.example.jp' });
  await event('F1', 'purchase', '11-03 12:00');
  // F2 (v1): bought on 11-01, before reaching anything (never counted); waiting at w; tapped m1's link twice.
  await event('F2', 'purchase', '11-01 12:00');
  await run('r2', 'F2', V1, {
    status: 'active',
    steps: [
      ['trigger', '11-02 11:00', '11-02 11:00', 'next'],
      ['m1', '11-02 11:00', '11-02 11:00', 'next'],
      ['w', '11-02 11:00', null, null],
    ],
  });
  await send('r2', 'F2', V1, 'm1', '11-02 11:00', 'sent');
  await event('F2', 'link_click', '11-02 12:00', { runId: 'r2', nodeId: 'm1', url: 'https://shop.example.jp' });
  await event('F2', 'link_click', '11-02 13:00', { runId: 'r2', nodeId: 'm1', url: 'https://shop.example.jp' });
  // F3: v1 run to the end, then re-enters under v2 and waits at w; buys 11-05 20:00:
  // within 1 day of the v2 entry (11-05 09:00) and within 3 days of v1's m2 (11-03 12:00), but not of v1's start (11-02 12:00).
  await run('r3a', 'F3', V1, {
    steps: [
      ['trigger', '11-02 12:00', '11-02 12:00', 'next'],
      ['m1', '11-02 12:00', '11-02 12:00', 'next'],
      ['w', '11-02 12:00', '11-03 12:00', 'next'],
      ['m2', '11-03 12:00', '11-03 12:00', 'next'],
      ['end', '11-03 12:00', null, null],
    ],
  });
  await send('r3a', 'F3', V1, 'm1', '11-02 12:00', 'sent');
  await send('r3a', 'F3', V1, 'm2', '11-03 12:00', 'sent');
  await run('r3b', 'F3', V2, {
    status: 'active',
    steps: [
      ['trigger', '11-05 09:00', '11-05 09:00', 'next'],
      ['m1', '11-05 09:00', '11-05 09:00', 'next'],
      ['w', '11-05 09:00', null, null],
    ],
  });
  await send('r3b', 'F3', V2, 'm1', '11-05 09:00', 'sent');
  await event('F3', 'purchase', '11-05 20:00');
  // F4 (v1): m1 failed at LINE, m2 skipped by the cap; buys exactly 3 days after m2 (the window's edge counts), 4 days after the start.
  await run('r4', 'F4', V1, {
    steps: [
      ['trigger', '11-02 13:00', '11-02 13:00', 'next'],
      ['m1', '11-02 13:00', '11-02 13:00', 'next'],
      ['w', '11-02 13:00', '11-03 13:00', 'next'],
      ['m2', '11-03 13:00', '11-03 13:00', 'next'],
      ['end', '11-03 13:00', null, null],
    ],
  });
  await send('r4', 'F4', V1, 'm1', '11-02 13:00', 'failed', 'LINE 400: {"message":"invalid"}');
  await send('r4', 'F4', V1, 'm2', '11-03 13:00', 'skipped', 'frequency_cap');
  await event('F4', 'purchase', '11-06 13:00');
  // F5 (v2): enters 00:30 JST (still 11-03 in UTC); blocks 23.5 h after m1; the run stopped at w.
  await run('r5', 'F5', V2, {
    status: 'stopped',
    steps: [
      ['trigger', '11-04 00:30', '11-04 00:30', 'next'],
      ['m1', '11-04 00:30', '11-04 00:30', 'next'],
      ['w', '11-04 00:30', null, null],
    ],
  });
  await send('r5', 'F5', V2, 'm1', '11-04 00:30', 'sent');
  // F6 (v2): blocks 11-08 11:00: 96 h after m1 (not counted) and exactly 72 h after m3 (counted), after the range ends.
  await run('r6', 'F6', V2, {
    steps: [
      ['trigger', '11-04 11:00', '11-04 11:00', 'next'],
      ['m1', '11-04 11:00', '11-04 11:00', 'next'],
      ['w', '11-04 11:00', '11-05 11:00', 'next'],
      ['m3', '11-05 11:00', '11-05 11:00', 'next'],
      ['end', '11-05 11:00', null, null],
    ],
  });
  await send('r6', 'F6', V2, 'm1', '11-04 11:00', 'sent');
  await send('r6', 'F6', V2, 'm3', '11-05 11:00', 'sent');
  // F7 (v1): started 10-30, before the range: only m2 and end fall inside; buys 11-02 18:00; taps m1's (out-of-range) link.
  await run('r7', 'F7', V1, {
    steps: [
      ['trigger', '10-30 10:00', '10-30 10:00', 'next'],
      ['m1', '10-30 10:00', '10-30 10:00', 'next'],
      ['w', '10-30 10:00', '11-02 10:00', 'next'],
      ['m2', '11-02 10:00', '11-02 10:00', 'next'],
      ['end', '11-02 10:00', null, null],
    ],
  });
  await send('r7', 'F7', V1, 'm1', '10-30 10:00', 'sent');
  await send('r7', 'F7', V1, 'm2', '11-02 10:00', 'sent');
  await event('F7', 'link_click', '11-02 15:00', { runId: 'r7', nodeId: 'm1', url: 'https://shop.example.jp' });
  await event('F7', 'purchase', '11-02 18:00');
  // F8 (v1): waiting at w; its purchase and click are test events.
  await run('r8', 'F8', V1, {
    status: 'active',
    steps: [
      ['trigger', '11-06 10:00', '11-06 10:00', 'next'],
      ['m1', '11-06 10:00', '11-06 10:00', 'next'],
      ['w', '11-06 10:00', null, null],
    ],
  });
  await send('r8', 'F8', V1, 'm1', '11-06 10:00', 'sent');
  await event('F8', 'link_click', '11-06 11:00', { runId: 'r8', nodeId: 'm1', url: 'https://shop.example.jp' }, true);
  await event('F8', 'purchase', '11-06 12:00', {}, true);
  // Test traffic: F9's test run (flagged rows) and T1, a test friend whose rows are not flagged. Neither counts anywhere.
  await run('r9', 'F9', V1, {
    isTest: true,
    status: 'active',
    steps: [
      ['trigger', '11-02 10:00', '11-02 10:00', 'next'],
      ['m1', '11-02 10:00', '11-02 10:00', 'next'],
      ['w', '11-02 10:00', null, null],
    ],
  });
  await send('r9', 'F9', V1, 'm1', '11-02 10:00', 'sent', null, true);
  await event('F9', 'purchase', '11-02 11:00', {}, true);
  await run('rt', 'T1', V1, {
    status: 'active',
    steps: [
      ['trigger', '11-02 10:00', '11-02 10:00', 'next'],
      ['m1', '11-02 10:00', '11-02 10:00', 'next'],
      ['w', '11-02 10:00', null, null],
    ],
  });
  await send('rt', 'T1', V1, 'm1', '11-02 10:00', 'sent');
  await event('T1', 'link_click', '11-02 10:30', { runId: 'rt', nodeId: 'm1', url: 'https://shop.example.jp' });
  await event('T1', 'purchase', '11-02 11:00');

  AB = await seedSplit(t);
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

const scope = (versionId: string | null = null): AnalyticsScope => ({ scenarioId: S, versionId, ...range });
const sends = (o: Partial<SendFigures>): SendFigures => ({
  sent: 0,
  failed: 0,
  skipped: 0,
  pending: 0,
  sentFriends: 0,
  failedByReason: {},
  skippedByReason: {},
  uniqueClicks: 0,
  clicks: 0,
  blockedAfter: 0,
  ...o,
});

describe('nodeFigures, all versions joined by node id', () => {
  it('matches the hand count on every node', async () => {
    const goals = await scenarioGoals(t.db, S);
    const f = await nodeFigures(t.db, scope(), goals);
    expect(Object.fromEntries(f)).toEqual({
      // 7 friends (F1–F6, F8) in 8 visits (F3 twice); converted F1 and F3 (v2 visit); F2 bought before, F4 too late, F8's was a test event.
      trigger: {
        nodeId: 'trigger',
        entered: 7,
        visits: 8,
        waitingNow: 0,
        heldNow: 0,
        converted: 2,
        outputs: { next: { friends: 7, converted: 2 } },
        sends: null,
      },
      m1: {
        nodeId: 'm1',
        entered: 7,
        visits: 8,
        waitingNow: 0,
        heldNow: 0,
        converted: 2,
        outputs: { next: { friends: 7, converted: 2 } },
        sends: sends({
          sent: 7,
          sentFriends: 6,
          failed: 1,
          failedByReason: { 'LINE 400': 1 },
          uniqueClicks: 1,
          clicks: 2,
          blockedAfter: 1,
        }),
      },
      // F2, F3 (v2) and F8 wait here now; of those who left, only F1 converted (F3's v1 visit was 4 days before the purchase).
      w: {
        nodeId: 'w',
        entered: 7,
        visits: 8,
        waitingNow: 3,
        heldNow: 0,
        converted: 2,
        outputs: { next: { friends: 4, converted: 1 } },
        sends: null,
      },
      // F1, F3, F4 (exactly 3 days), F7 (started before the range): all converted within 3 days of m2.
      m2: {
        nodeId: 'm2',
        entered: 4,
        visits: 4,
        waitingNow: 0,
        heldNow: 0,
        converted: 4,
        outputs: { next: { friends: 4, converted: 4 } },
        sends: sends({ sent: 3, sentFriends: 3, skipped: 1, skippedByReason: { frequency_cap: 1 }, uniqueClicks: 1, clicks: 1 }),
      },
      m3: {
        nodeId: 'm3',
        entered: 1,
        visits: 1,
        waitingNow: 0,
        heldNow: 0,
        converted: 0,
        outputs: { next: { friends: 1, converted: 0 } },
        sends: sends({ sent: 1, sentFriends: 1, blockedAfter: 1 }),
      },
      end: { nodeId: 'end', entered: 5, visits: 5, waitingNow: 0, heldNow: 0, converted: 4, outputs: {}, sends: null },
    });
  });

  it('agrees with the naive per-node queries', async () => {
    const goals = await scenarioGoals(t.db, S);
    const ids = ['trigger', 'm1', 'w', 'm2', 'm3', 'end'];
    expect(Object.fromEntries(await naiveNodeFigures(t.db, scope(), goals, ids))).toEqual(
      Object.fromEntries(await nodeFigures(t.db, scope(), goals)),
    );
    expect(Object.fromEntries(await naiveNodeFigures(t.db, scope(V2), goals, ids))).toEqual(
      Object.fromEntries(await nodeFigures(t.db, scope(V2), goals, ids)),
    );
  });
});

describe('nodeFigures for one version', () => {
  it('counts v2 alone with its 1-day goal', async () => {
    const f = await nodeFigures(t.db, scope(V2), await scenarioGoals(t.db, S), ['m2']);
    expect(f.get('trigger')).toMatchObject({ entered: 3, visits: 3, converted: 1 });
    expect(f.get('m1')).toMatchObject({ entered: 3, converted: 1, sends: sends({ sent: 3, sentFriends: 3, blockedAfter: 1 }) });
    expect(f.get('w')).toMatchObject({
      entered: 3,
      waitingNow: 1,
      heldNow: 0,
      converted: 1,
      outputs: { next: { friends: 1, converted: 0 } },
    });
    expect(f.get('m3')).toMatchObject({ entered: 1, converted: 0 });
    expect(f.get('m2')).toEqual({ nodeId: 'm2', entered: 0, visits: 0, waitingNow: 0, heldNow: 0, converted: 0, outputs: {}, sends: null });
  });
});

describe('scenario funnel and daily series', () => {
  it('follows the cohort of runs started in range', async () => {
    // Runs r1 r2 r3a r3b r4 r5 r6 r8 (r7 started before); sent: all but F4; clicked F1, F2; converted F1, F3 (r3b); blocked F5, F6.
    expect(await scenarioFunnel(t.db, scope(), await scenarioGoals(t.db, S))).toEqual({
      entered: 7,
      sent: 6,
      clicked: 2,
      converted: 2,
      blocked: 2,
    });
  });

  it('has one row per Japan-time day', async () => {
    const days = await dailySeries(t.db, scope(), await scenarioGoals(t.db, S));
    const z = { entries: 0, sends: 0, clicks: 0, conversions: 0, blocks: 0 };
    expect(days).toEqual([
      { day: '2026-11-01', ...z },
      { day: '2026-11-02', ...z, entries: 4, sends: 4, clicks: 2 },
      { day: '2026-11-03', ...z, sends: 2, clicks: 1, conversions: 1 },
      // F5 entered at 00:30 JST (11-03 in UTC) and blocked at 00:00 JST on 11-05.
      { day: '2026-11-04', ...z, entries: 2, sends: 2 },
      { day: '2026-11-05', ...z, entries: 1, sends: 2, conversions: 1, blocks: 1 },
      { day: '2026-11-06', ...z, entries: 1, sends: 1 },
      { day: '2026-11-07', ...z },
    ]);
  });
});

describe('nodeFriends', () => {
  it('lists who waits, converted and blocked', async () => {
    const goals = await scenarioGoals(t.db, S);
    const names = async (node: string, kind: 'waiting' | 'converted' | 'blocked') =>
      (await nodeFriends(t.db, scope(), goals, node, kind)).map((f) => f.displayName).sort();
    expect(await names('w', 'waiting')).toEqual(['F2', 'F3', 'F8']);
    expect(await names('m2', 'converted')).toEqual(['F1', 'F3', 'F4', 'F7']);
    expect(await names('m1', 'blocked')).toEqual(['F5']);
    expect(await names('m3', 'blocked')).toEqual(['F6']);
    const [f3] = await nodeFriends(t.db, scope(), goals, 'trigger', 'converted');
    expect(f3?.at.toISOString()).toBe(jst('11-05 20:00').toISOString());
  });
});

describe('A/B split', () => {
  it('finds B better at 10 % vs 20 % of 200 each (p ≈ 0.0051); purchases before the split do not count', async () => {
    const abScope: AnalyticsScope = { scenarioId: AB, versionId: null, ...range };
    const f = await nodeFigures(t.db, abScope, await scenarioGoals(t.db, AB));
    expect(f.get('sp')).toMatchObject({
      entered: 400,
      converted: 60,
      outputs: { 'variant:a': { friends: 200, converted: 20 }, 'variant:b': { friends: 200, converted: 40 } },
    });
    const versionId = (await scenarioGoals(t.db, AB))[0]?.versionId ?? '';
    const arms = await splitArmFigures(t.db, { scenarioId: AB, versionId, ...range }, [
      { nodeId: 'sp', sendsByOutput: { 'variant:a': ['ma'], 'variant:b': ['mb'] } },
    ]);
    const [res] = splitResults(abGraph, 1, arms);
    expect(res?.metric).toBe('goal');
    expect(res?.result.verdict).toEqual({ kind: 'winner', variantId: 'b' });
    expect(res?.result.variants[1]?.vsControl?.pValue).toBeCloseTo(0.0051014, 5);
  });
});

const abGraph = graphOf(
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
      },
    },
    text('ma', 'a'),
    text('mb', 'b'),
    end('ea'),
    end('eb'),
  ],
  [
    ['trigger', 'next', 'sp'],
    ['sp', 'variant:a', 'ma'],
    ['sp', 'variant:b', 'mb'],
    ['ma', 'next', 'ea'],
    ['mb', 'next', 'eb'],
  ],
  goal(7),
);

/** 400 friends through a split: 20 of A's 200 and 40 of B's 200 buy 1 day later; 10 more of A bought the day before (not counted). */
async function seedSplit(db: TestDatabase): Promise<string> {
  const [s] = await db.db.insert(scenarios).values({ name: 'ab', draft: abGraph, status: 'live' }).returning();
  const id = s?.id ?? '';
  const [v] = await db.db
    .insert(scenarioVersions)
    .values({ scenarioId: id, version: 1, graph: abGraph, plan: compile(abGraph), hash: 'ab', publishedBy: 'test' })
    .returning();
  const fs = await db.db
    .insert(friends)
    .values(Array.from({ length: 400 }, (_, i) => ({ lineUserId: `Uab${String(i).padStart(30, '0')}`, displayName: `ab${i}` })))
    .returning({ id: friends.id });
  const at = jst('11-03 10:00');
  await db.db
    .insert(runs)
    .values(
      fs.map((f, i) => ({ id: `ab${i}`, scenarioId: id, versionId: v?.id ?? '', friendId: f.id, status: 'done' as const, startedAt: at })),
    );
  await db.db.insert(runSteps).values(
    fs.map((f, i) => ({
      runId: `ab${i}`,
      scenarioId: id,
      versionId: v?.id ?? '',
      friendId: f.id,
      nodeId: 'sp',
      visit: 1,
      enteredAt: at,
      leftAt: at,
      output: i < 200 ? 'variant:a' : 'variant:b',
    })),
  );
  const buys = fs.flatMap((f, i) => {
    if (i < 20 || (i >= 200 && i < 240))
      return [{ friendId: f.id, name: 'purchase', occurredAt: jst('11-04 10:00'), source: 'api' as const }];
    if (i >= 20 && i < 30) return [{ friendId: f.id, name: 'purchase', occurredAt: jst('11-02 10:00'), source: 'api' as const }];
    return [];
  });
  await db.db.insert(events).values(buys);
  return id;
}
