// Fault drill 5 (RELIABILITY.md): a scenario stopped while Temporal refuses every other signal. The stop commits the
// status and its dispatch row together and returns; from then on the send activity refuses the scenario's sends, and the
// dispatcher signals again until every run got its stop. A second stop of the stopped scenario is allowed and re-signals.
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dispatches, runs } from '../db/schema';
import { startDispatcher } from '../lib/engine/dispatcher';
import { stopScenario } from '../lib/engine/run-control';
import { onFriendAdded } from '../lib/engine/triggers';
import { clientDataConverter } from '../lib/temporal/data-converter';
import type { ScenarioGraphInput } from '../scenario/schema';
import { createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';

const FRIENDS = 10;

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: false, dispatcher: false });
});
afterAll(async () => {
  await h?.close();
});

/** Six messages in a row; sends are paced at SEND_RATE per second, so the runs are mid-way when the stop comes. */
const SEND_RATE = 3;
const sends = ['hello', 'more-1', 'more-2', 'more-3', 'more-4', 'more-5'];
const drip: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'drip' },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    ...sends.map((id, i) => ({
      id,
      kind: 'send' as const,
      position: { x: 0, y: 100 * (i + 1) },
      data: { messages: [{ type: 'text' as const, text: `${i + 1}通目` }] },
    })),
    { id: 'end', kind: 'end', position: { x: 0, y: 800 }, data: {} },
  ],
  edges: [...['trigger', ...sends].map((id, i, all) => ({ id: `e${i}`, source: id, sourceHandle: 'next', target: all[i + 1] ?? 'end' }))],
};

describe('drill: stop while Temporal fails half the signals', () => {
  it('no message goes out after the stop returned, and the stop is retried until every run stopped', async () => {
    const { scenarioId } = await publishGraph(h, drip, 'drip');
    const people = await Promise.all(Array.from({ length: FRIENDS }, (_, i) => createFriend(h, `停止${i}`)));
    // The dispatcher's client: Temporal refuses every other signal it sends (as a server under stress would).
    let signals = 0;
    let refused = 0;
    const flaky: WorkflowClientInterceptor = {
      async signal(input, next) {
        signals++;
        if (signals % 2 === 1) {
          refused++;
          throw new Error('drill: Temporal refused this signal (UNAVAILABLE)');
        }
        return next(input);
      },
    };
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const temporal = new Client({ connection, dataConverter: clientDataConverter(h.payloadKeys), interceptors: { workflow: [flaky] } });
    const db = h.tdb.db;
    const dispatcher = startDispatcher(
      { db, temporal, taskQueue: h.taskQueue, sendTaskQueue: h.sendTaskQueue },
      { listen: (channel, fn) => db.$client.listen(channel, fn), sweepMs: 300 },
    );
    const workers = await h.newWorkers({ sendRatePerSecond: SEND_RATE });
    const running = workers.map((w) => w.run());
    try {
      await Promise.all(people.map((p) => onFriendAdded(h.deps, { friendId: p.id, isUnblocked: false, at: new Date() })));
      // Every run under way: its first message delivered, the next ones coming every 2 s.
      await expect
        .poll(() => h.sandbox.state.requests.filter((r) => r.endpoint === 'push' && r.status === 200).length, { timeout: 60_000 })
        .toBeGreaterThanOrEqual(FRIENDS);

      const stopped = await stopScenario(h.deps, scenarioId);
      const returnedAt = Date.now();
      expect(stopped.previous).toBe('live');

      // Every run ends stopped although half the signals were refused: the dispatcher retried the stop.
      await expect
        .poll(
          async () => (await db.select().from(runs).where(eq(runs.scenarioId, scenarioId))).filter((r) => r.status === 'stopped').length,
          {
            timeout: 60_000,
            interval: 300,
          },
        )
        .toBe(FRIENDS);
      const after = h.sandbox.state.requests.filter((r) => r.endpoint === 'push' && r.status === 200 && Date.parse(r.at) > returnedAt);
      // A run may end stopped on its own (its next send is refused) before the dispatcher's retried signal reached it:
      // the stop's dispatch row is done once every run was signalled.
      const stopRow = async () => (await db.select().from(dispatches).where(eq(dispatches.kind, 'scenario_stopped')))[0];
      await expect.poll(async () => (await stopRow())?.status, { timeout: 60_000, interval: 300 }).toBe('done');
      const row = await stopRow();
      expect(row?.attempts).toBeGreaterThan(1);
      expect(refused).toBeGreaterThan(0);

      // A second stop of the stopped scenario is allowed: it signals again (nothing is left running) and sends nothing.
      expect((await stopScenario(h.deps, scenarioId)).previous).toBe('stopped');
      await dispatcher.drain();
      const sentTotal = h.sandbox.state.requests.filter((r) => r.endpoint === 'push' && r.status === 200).length;
      console.log(
        `drill stop: runs ${FRIENDS}, signals refused ${refused} of ${signals}, stop attempts ${row?.attempts}, ` +
          `delivered ${sentTotal} (all before the stop returned), after the stop ${after.length}, lost 0`,
      );
      expect(after).toEqual([]);
    } finally {
      workers.forEach((w) => w.shutdown());
      await Promise.all(running);
      await dispatcher.stop();
      await connection.close();
    }
  }, 180_000);
});
