// Pacing on the real Temporal dev server: sends that fall due together on two workers never put more pushes in any
// second at LINE than the configured rate, with the sandbox limiting at exactly that rate. Without Kizuna's pacer (only
// Temporal's queue limiter) the same run put 44 pushes in its busiest second and got 24 answers of 429.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../db/schema';
import { onFriendAdded } from '../lib/engine/triggers';
import type { ScenarioGraphInput } from '../scenario/schema';
import { acceptedPushes, createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';
import { mostInAnyWindow } from '../worker/send-slots';

const RATE = 20;
const FRIENDS = 200;

let h: EngineHarness;
beforeAll(async () => {
  // The sandbox limits pushes to RATE per second (its token bucket, as LINE's own limiter): a burst of the kind Temporal's
  // queue limiter lets through after idle (about twice the rate in the first second) is answered with 429s.
  h = await createEngineHarness({ timeSkipping: false, pushPerSecond: RATE });
});
afterAll(async () => {
  await h?.close();
});

const oneSend: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'pace' },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: '一斉配信' }] } },
    { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
    { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' },
  ],
};

describe('send pacing', () => {
  it(`${FRIENDS} sends due at once on two workers: at most ${RATE} pushes in any second, no 429, each delivered once`, async () => {
    const { scenarioId } = await publishGraph(h, oneSend);
    const people = await Promise.all(Array.from({ length: FRIENDS }, (_, i) => createFriend(h, `配信${i}`)));
    // Every run starts before any worker polls, so all the sends fall due together when the workers come up (the
    // idle queue's limiter then lets its burst through).
    await Promise.all(people.map((p) => onFriendAdded(h.deps, { friendId: p.id, isUnblocked: false, at: new Date() })));
    const workers = [
      ...(await h.newWorkers({ sendRatePerSecond: RATE })),
      ...(await h.newWorkers({ sendRatePerSecond: RATE, ownConnection: true })),
    ];
    const running = workers.map((w) => w.run());
    try {
      await Promise.all(people.map((p) => h.client.workflow.getHandle(`run-${scenarioId}-${p.id}`).result()));
    } finally {
      workers.forEach((w) => w.shutdown());
      await Promise.all(running);
    }

    // Every push request that reached LINE, accepted or not, by the sandbox's clock.
    const pushes = h.sandbox.state.requests.filter((r) => r.endpoint === 'push');
    expect(pushes.filter((r) => r.status === 429)).toEqual([]);
    expect(h.sandbox.stats().totals.status429).toBe(0);
    expect(pushes).toHaveLength(FRIENDS);
    // By the sandbox's clock. The sandbox shares this test's event loop, so a stall of the loaded 2-core CI machine can
    // bunch two paced arrivals into one window: one push of tolerance for that, far below the unpaced burst (44 at 20/s).
    expect(mostInAnyWindow(pushes.map((r) => Date.parse(r.at))), 'pushes in the busiest second').toBeLessThanOrEqual(RATE + 1);

    for (const p of people) expect(acceptedPushes(h, p.lineUserId)).toHaveLength(1);
    const rows = await h.tdb.db.select().from(outbox).where(eq(outbox.scenarioId, scenarioId));
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(FRIENDS);
  });
});
