// A real crash on the real dev server: the send worker's process is SIGKILLed after LINE accepted the push but
// before the activity completed; after a restart the friend still has exactly one copy.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { outbox } from '../db/schema';
import { onFriendAdded } from '../lib/engine/triggers';
import type { ScenarioGraphInput } from '../scenario/schema';
import { createFriend, createEngineHarness, publishGraph, type EngineHarness } from '../test/engine';
import { workflowBundle } from '../test/temporal';
import { killWorkerProcesses, startSendWorkerProcess, type SendWorkerConfig } from '../test/worker-process';
import { createWorker } from '../worker/create-worker';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: false });
});
afterAll(async () => {
  // Whatever happened in the test, no worker process outlives it.
  await killWorkerProcesses();
  await h?.close();
});

const oneSend: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'crash' },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: '一度だけ届く' }] } },
    { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
    { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' },
  ],
};

async function faults(body: Record<string, number>) {
  const res = await fetch(`${h.sandbox.url}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

/** Polls `check` until it holds; fails with `what` after `ms` (a deadline, not a sleep: a loaded machine is slow). */
async function until(what: string, ms: number, check: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('worker crash', () => {
  it(
    'SIGKILL of the send worker after LINE accepted the push: after a restart the workflow completes and the friend has exactly one copy',
    { timeout: 300_000 },
    async () => {
      const { scenarioId } = await publishGraph(h, oneSend);
      const friend = await createFriend(h, 'クラッシュ');
      const inbox = () => h.sandbox.state.friends.get(friend.lineUserId)?.inbox ?? [];
      const pushes = () =>
        h.sandbox.state.requests.filter(
          (r) =>
            r.endpoint === 'push' && typeof r.body === 'object' && r.body !== null && 'to' in r.body && r.body.to === friend.lineUserId,
        );
      const config: SendWorkerConfig = {
        temporalAddress: inject('temporalAddress'),
        databaseUrl: h.tdb.url,
        lineBaseUrl: h.sandbox.url,
        sendTaskQueue: h.sendTaskQueue,
      };
      // LINE takes the push (inbox filled, retry key spent) and keeps the answer back: the worker waits in the push.
      await faults({ holdAfterAcceptMs: 600_000 });
      const doomed = await startSendWorkerProcess(config);
      // Workflows and bookkeeping stay in this process; only sends run on the queue the child polls.
      const main = await createWorker({
        connection: h.nativeConnection,
        namespace: 'default',
        taskQueue: h.taskQueue,
        sendTaskQueue: h.sendTaskQueue,
        deps: h.activityDeps,
        workflowBundle: await workflowBundle(),
      });
      const handle = h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}`);
      await main.runUntil(async () => {
        expect((await onFriendAdded(h.deps, { friendId: friend.id, isUnblocked: false, at: new Date() })).started).toBe(1);
        await until('LINE accepted the push', 120_000, () => inbox().length > 0);
        expect(pushes()).toMatchObject([{ status: 200, outcome: 'accepted' }]);
        const [pending] = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
        expect(pending).toMatchObject({ status: 'pending', attempts: 1 });

        const exit = await doomed.kill('SIGKILL');
        expect(exit.signal).toBe('SIGKILL');
        await faults({ holdAfterAcceptMs: 0 });
        // A fresh process on the same queue; Temporal hands it the send once the dead attempt's 30 s start-to-close
        // timeout has passed.
        const restarted = await startSendWorkerProcess(config);
        try {
          await handle.result();
        } finally {
          await restarted.kill();
        }
      });

      // Exactly one copy reached the friend: LINE accepted one request; every retry was told 409.
      expect(inbox()).toHaveLength(1);
      const requests = pushes();
      expect(requests.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
      expect(requests.slice(1).length).toBeGreaterThanOrEqual(1);
      for (const r of requests.slice(1)) expect(r).toMatchObject({ status: 409, outcome: 'conflict' });

      // The outbox row is sent, by the 409, under the one retry key every attempt used.
      const rows = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row.status).toBe('sent');
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      expect(new Set(requests.map((r) => r.retryKey))).toEqual(new Set([row.retryKey]));
      expect(inbox()[0]?.retryKey).toBe(row.retryKey);
      expect(row.requestId).toBe(requests[0]?.requestId);
      expect(row.sentMessageIds).toEqual([inbox()[0]?.messageId]);

      // Temporal saw the crash: the send completed on a later attempt.
      const events = (await handle.fetchHistory()).events ?? [];
      const sendScheduled = new Set(
        events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendMessages').map((e) => String(e.eventId)),
      );
      const sendStarted = events.flatMap((e) => {
        const a = e.activityTaskStartedEventAttributes;
        return a && sendScheduled.has(String(a.scheduledEventId)) ? [a] : [];
      });
      expect(sendStarted).toHaveLength(1);
      expect(sendStarted[0]?.attempt).toBeGreaterThanOrEqual(2);

      // Nothing Kizuna sent broke LINE's contract.
      expect(h.sandbox.invalidRequests()).toEqual([]);
    },
  );
});
