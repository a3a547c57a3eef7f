// A split with a holdout group on Temporal's time-skipping server: each friend lands where the core says (variant or
// control group), held-out friends get nothing and their run ends as 'holdout', and the simulator agrees to the millisecond.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSteps, runs } from '../db/schema';
import { onFriendAdded } from '../lib/engine/triggers';
import { friendFixture } from '../scenario/fixtures';
import { HOLDOUT_OUTPUT } from '../scenario/nodes/split';
import type { ScenarioGraphInput } from '../scenario/schema';
import { simulate } from '../scenario/simulate';
import { assignSplit } from '../scenario/split';
import { acceptedPushes, createEngineHarness, createFriend, pinClock, publishGraph, type EngineHarness } from '../test/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: true });
});
afterAll(async () => {
  await h?.close();
});

const variants = [
  { id: 'a', label: 'A', weight: 50 },
  { id: 'b', label: 'B', weight: 50 },
];
const graph: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'holdout-test' },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    { id: 'wait', kind: 'wait', position: { x: 0, y: 100 }, data: { mode: 'duration', amount: 1, unit: 'days' } },
    { id: 'ab', kind: 'split', position: { x: 0, y: 200 }, data: { variants, metric: 'clicks', holdoutPercent: 40 } },
    {
      id: 'sa',
      kind: 'send',
      position: { x: -100, y: 300 },
      data: { messages: [{ type: 'text', text: 'A案 https://shop.example.jp/a' }] },
    },
    { id: 'sb', kind: 'send', position: { x: 100, y: 300 }, data: { messages: [{ type: 'text', text: 'B案 https://shop.example.jp/b' }] } },
    { id: 'end-a', kind: 'end', position: { x: -100, y: 400 }, data: {} },
    { id: 'end-b', kind: 'end', position: { x: 100, y: 400 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
    { id: 'e2', source: 'wait', sourceHandle: 'next', target: 'ab' },
    { id: 'e3', source: 'ab', sourceHandle: 'variant:a', target: 'sa' },
    { id: 'e4', source: 'ab', sourceHandle: 'variant:b', target: 'sb' },
    { id: 'e5', source: 'sa', sourceHandle: 'next', target: 'end-a' },
    { id: 'e6', source: 'sb', sourceHandle: 'next', target: 'end-b' },
  ],
};

describe('split with a holdout group', () => {
  it('puts every friend where the core does; the control group gets nothing and ends as holdout', async () => {
    const { scenarioId, plan } = await publishGraph(h, graph, 'holdout');
    const people: Awaited<ReturnType<typeof createFriend>>[] = [];
    // Fixed ids, so where each friend lands is fixed too (the hash of id, node and salt).
    for (let i = 0; i < 10; i++)
      people.push(await createFriend(h, `友だち${i}`, { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    // 12:00 JST, whatever the machine's clock says (no quiet hours on the way).
    await pinClock(h, '12:00');
    await h.withWorkers(async () => {
      for (const f of people) await onFriendAdded(h.deps, { friendId: f.id, isUnblocked: false, at: new Date() });
      for (const f of people) await h.client.workflow.getHandle(`run-${scenarioId}-${f.id}`).result();
    });

    const places = people.map((f) => assignSplit({ variants, holdoutPercent: 40 }, f.id, 'ab', 'holdout-test'));
    // With these ids every way out occurs: A, B and the control group.
    expect(new Set(places.map((p) => (p.kind === 'variant' ? p.variant.id : p.kind)))).toEqual(new Set(['a', 'b', 'holdout']));
    for (const [i, f] of people.entries()) {
      const place = places[i];
      const [run] = await h.tdb.db.select().from(runs).where(eq(runs.friendId, f.id));
      const steps = await h.tdb.db
        .select()
        .from(runSteps)
        .where(eq(runSteps.runId, run?.id ?? ''))
        .orderBy(asc(runSteps.enteredAt));
      const split = steps.find((s) => s.nodeId === 'ab');
      const pushes = acceptedPushes(h, f.lineUserId);
      if (place?.kind === 'holdout') {
        expect(split?.output).toBe(HOLDOUT_OUTPUT);
        expect(run).toMatchObject({ status: 'done', endReason: 'holdout: control group (40%)' });
        expect(steps.map((s) => s.nodeId)).toEqual(['trigger', 'wait', 'ab']);
        expect(pushes).toHaveLength(0);
      } else if (place?.kind === 'variant') {
        expect(split?.output).toBe(`variant:${place.variant.id}`);
        expect(run).toMatchObject({ status: 'done', endReason: 'end: reached an end node' });
        expect(steps.map((s) => s.nodeId)).toEqual(['trigger', 'wait', 'ab', `s${place.variant.id}`, `end-${place.variant.id}`]);
        expect(pushes).toHaveLength(1);
      }
      // The preview's simulator takes the same way at the same instant.
      const start = steps[0]?.enteredAt.getTime() ?? 0;
      const sim = simulate(plan, friendFixture({ id: f.id, lineUserId: f.lineUserId, friendAddedAt: start }), { start });
      const simSplit = sim.entries.find((e) => e.nodeId === 'ab');
      expect(simSplit?.decision).toBe(split?.output);
      expect(simSplit?.at).toBe(split?.enteredAt.getTime());
      expect(sim.end.reason).toBe(place?.kind === 'holdout' ? 'holdout' : 'end');
    }
  });
});
