// Delivery guarantees on the real Temporal dev server: exactly once through faults, pacing across workers, versions.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../db/schema';
import { startFriendRun } from '../lib/engine/start-run';
import { onFriendAdded } from '../lib/engine/triggers';
import type { ScenarioGraphInput } from '../scenario/schema';
import { acceptedPushes, createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';

let h: EngineHarness;
beforeAll(async () => {
  // The sandbox paces pushes at 8/s, so bursts meet LINE-style 429s.
  h = await createEngineHarness({ timeSkipping: false, pushPerSecond: 8 });
});
afterAll(async () => {
  await h?.close();
});

function oneSend(text: string, extra: Partial<ScenarioGraphInput['settings']> = {}): ScenarioGraphInput {
  return {
    schemaVersion: 1,
    settings: { timeZone: 'Asia/Tokyo', splitSalt: 'one', ...extra },
    nodes: [
      { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
      { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text }] } },
      { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
      { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'end' },
    ],
  };
}

async function faults(body: Record<string, number>) {
  const res = await fetch(`${h.sandbox.url}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

/** The most instants inside any window of `ms` milliseconds (`times` sorted). */
function mostWithin(times: number[], ms: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

async function enterAndFinish(scenarioId: string, friendIds: string[]) {
  await Promise.all(friendIds.map((id) => onFriendAdded(h.deps, { friendId: id, isUnblocked: false, at: new Date() })));
  await Promise.all(friendIds.map((id) => h.client.workflow.getHandle(`run-${scenarioId}-${id}`).result()));
}

describe('delivery', () => {
  it('LINE accepted the push but the activity never heard back: after the retry the friend has exactly one copy', async () => {
    const { scenarioId } = await publishGraph(h, oneSend('こんにちは'));
    const friend = await createFriend(h, 'ドロップ');
    await faults({ dropAfterAcceptRate: 1 });
    try {
      await h.withWorkers(() => enterAndFinish(scenarioId, [friend.id]));
    } finally {
      await faults({ dropAfterAcceptRate: 0 });
    }
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(1);
    const [row] = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
    expect(row).toMatchObject({ status: 'sent' });
    expect(row?.attempts).toBeGreaterThanOrEqual(2);
    expect(row?.requestId).toBeTruthy();
  });

  it('through 500s and 429s every message still arrives exactly once', async () => {
    const { scenarioId } = await publishGraph(h, oneSend('セール開始'));
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => createFriend(h, `友だち${i}`)));
    await faults({ errorRate: 0.25 });
    const before = h.sandbox.stats();
    try {
      await h.withWorkers(() =>
        enterAndFinish(
          scenarioId,
          people.map((p) => p.id),
        ),
      );
    } finally {
      await faults({ errorRate: 0 });
    }
    const after = h.sandbox.stats();
    for (const p of people) expect(acceptedPushes(h, p.lineUserId)).toHaveLength(1);
    const push = (s: typeof before) => JSON.stringify(s);
    expect(push(after)).not.toBe(push(before));
    const rows = await h.tdb.db.select().from(outbox).where(eq(outbox.scenarioId, scenarioId));
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(12);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
  });

  it('two workers on the same queues: no duplicates, and sends stay within the configured rate', async () => {
    const { scenarioId } = await publishGraph(h, oneSend('ペース'));
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => createFriend(h, `ペース${i}`)));
    const rate = 6;
    const workers = [
      ...(await h.newWorkers({ sendRatePerSecond: rate })),
      ...(await h.newWorkers({ sendRatePerSecond: rate, ownConnection: true })),
    ];
    const running = workers.map((w) => w.run());
    try {
      await enterAndFinish(
        scenarioId,
        people.map((p) => p.id),
      );
    } finally {
      workers.forEach((w) => w.shutdown());
      await Promise.all(running);
    }
    for (const p of people) {
      const inbox = h.sandbox.state.friends.get(p.lineUserId)?.inbox ?? [];
      expect(new Set(inbox.map((m) => m.requestId)).size).toBe(1);
    }
    // When the server handed each send to a worker (ActivityTaskStarted, the server's own clock): what the
    // queue's rate limit governs, free of the jitter a busy machine adds to arrival times at the sandbox.
    const times: number[] = [];
    for (const p of people) {
      const history = await h.client.workflow.getHandle(`run-${scenarioId}-${p.id}`).fetchHistory();
      const events = history.events ?? [];
      const sendScheduled = new Set(
        events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendMessages').map((e) => String(e.eventId)),
      );
      for (const e of events) {
        const started = e.activityTaskStartedEventAttributes;
        if (started && sendScheduled.has(String(started.scheduledEventId)) && e.eventTime) {
          times.push(Number(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6));
        }
      }
    }
    expect(times).toHaveLength(people.length);
    times.sort((a, b) => a - b);
    // The server paces the queue as a token bucket of `rate` per second holding at most `rate` tokens:
    // any window of w seconds sees at most rate × (w + 1) sends (+1 for the send in flight at the window's edge),
    // whichever worker ran them.
    for (const w of [1, 2, 3]) expect(mostWithin(times, w * 1000)).toBeLessThanOrEqual(rate * (w + 1) + 1);
    const sustained = (times.length - rate) / ((times.at(-1)! - times[0]!) / 1000);
    expect(sustained).toBeLessThanOrEqual(rate * 1.1);
  });

  it('the frequency cap counts sends across scenarios: over the cap a send is skipped with its reason', async () => {
    const first = await publishGraph(h, oneSend('一通目'));
    const friend = await createFriend(h, 'キャップ');
    await h.withWorkers(() => enterAndFinish(first.scenarioId, [friend.id]));
    const capped = await publishGraph(h, oneSend('二通目', { frequencyCap: { maxSends: 1, mode: 'skip' } }));
    await h.withWorkers(() => enterAndFinish(capped.scenarioId, [friend.id]));
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(1);
    const rows = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
    expect(rows.map((r) => [r.scenarioId, r.status, r.reason])).toEqual(
      expect.arrayContaining([
        [first.scenarioId, 'sent', null],
        [capped.scenarioId, 'skipped', 'frequency_cap'],
      ]),
    );
  });

  it('a blocked friend is never sent to: the send is recorded as skipped (blocked)', async () => {
    const { scenarioId, versionId, plan } = await publishGraph(h, oneSend('届かない'));
    // Blocked after the run started (the trigger no longer starts runs for a blocked friend): the send itself refuses.
    const friend = await createFriend(h, 'ブロック済み', { blockedAt: new Date() });
    await h.withWorkers(async () => {
      await startFriendRun(h.deps, { scenarioId, versionId, plan, friendId: friend.id, entryKey: 'blocked' });
      await h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}`).result();
    });
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(0);
    const [row] = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
    expect(row).toMatchObject({ status: 'skipped', reason: 'blocked' });
  });
});
