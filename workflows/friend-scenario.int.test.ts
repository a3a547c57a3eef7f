// The friend-scenario workflow on Temporal's time-skipping server, real PostgreSQL and the LINE sandbox.
import { readFileSync } from 'node:fs';
import { storeHistory } from '../test/histories';
import { and, asc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, runSteps, runs } from '../db/schema';
import { onEvent, onFriendAdded, onFriendBlocked } from '../lib/engine/triggers';
import { ScenarioGraphSchema, type ScenarioGraphInput } from '../scenario/schema';
import { simulate } from '../scenario/simulate';
import { acceptedPushes, createEngineHarness, pinClock, createFriend, publishGraph, type EngineHarness } from '../test/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: true });
});
afterAll(async () => {
  await h?.close();
});

const example = (name: string): ScenarioGraphInput => ScenarioGraphSchema.parse(JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')));

async function runIdsOf(friendId: string) {
  return h.tdb.db.select().from(runs).where(eq(runs.friendId, friendId));
}

async function stepsOf(runId: string) {
  return h.tdb.db.select().from(runSteps).where(eq(runSteps.runId, runId)).orderBy(asc(runSteps.enteredAt), asc(runSteps.nodeId));
}

describe('friend scenario workflow', () => {
  it('delivers the welcome steps at day 0, 7 and 14 (10:00 JST), exactly once each', async () => {
    const { scenarioId, plan } = await publishGraph(h, example('welcome-steps'), 'welcome');
    const friend = await createFriend(h, 'はなこ');
    // Added at 12:00 JST whatever the machine's clock says (at 23:30 the quiet hours would move the welcome to 09:00).
    await pinClock(h, '12:00');
    await h.withWorkers(async () => {
      const started = await onFriendAdded(h.deps, { friendId: friend.id, isUnblocked: false, at: new Date() });
      expect(started.started).toBe(1);
      // A duplicate follow collapses on the workflow id.
      expect((await onFriendAdded(h.deps, { friendId: friend.id, isUnblocked: false, at: new Date() })).started).toBe(0);
      const handle = h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}`);
      await handle.result();
      // `KIZUNA_RECORD_HISTORIES=1` refreshes the stored history that the replay test checks new code against.
      if (process.env.KIZUNA_RECORD_HISTORIES) storeHistory('welcome-steps', await handle.fetchHistory());
    });
    const [run] = await runIdsOf(friend.id);
    expect(run).toMatchObject({ status: 'done', endReason: 'end: reached an end node' });
    const steps = await stepsOf(run!.id);
    const start = steps.find((s) => s.nodeId === 'trigger')!.enteredAt.getTime();
    const sends = steps.filter((s) => ['welcome', 'week-1', 'week-2'].includes(s.nodeId));
    expect(sends.map((s) => s.nodeId)).toEqual(['welcome', 'week-1', 'week-2']);
    const jst = (d: Date) => DateTime.fromJSDate(d, { zone: 'Asia/Tokyo' });
    const day0 = jst(sends[0]!.enteredAt).startOf('day');
    expect(jst(sends[1]!.enteredAt).toFormat('HH:mm')).toBe('10:00');
    expect(jst(sends[2]!.enteredAt).toFormat('HH:mm')).toBe('10:00');
    expect(Math.round(jst(sends[1]!.enteredAt).startOf('day').diff(day0, 'days').days)).toBe(7);
    expect(Math.round(jst(sends[2]!.enteredAt).startOf('day').diff(day0, 'days').days)).toBe(14);
    // The workflow and the simulator agree to the millisecond (both only drive the interpreter).
    const sim = simulate(
      plan,
      {
        id: friend.id,
        lineUserId: friend.lineUserId,
        displayName: 'はなこ',
        attributes: {},
        tags: [],
        linked: false,
        friendAddedAt: start,
        events: [],
      },
      { start },
    );
    const simSends = sim.entries.filter((e) => e.kind === 'send').map((e) => e.at);
    expect(sends.map((s) => s.enteredAt.getTime())).toEqual(simSends);
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(3);
    const sent = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
    expect(sent.map((o) => o.status)).toEqual(['sent', 'sent', 'sent']);
    expect(h.sandbox.invalidRequests()).toEqual([]);
  });

  const cartGraph: ScenarioGraphInput = {
    schemaVersion: 1,
    settings: { timeZone: 'Asia/Tokyo', splitSalt: 'cart', goal: { eventName: 'purchase', windowDays: 7, exitOnGoal: false } },
    nodes: [
      {
        id: 'trigger',
        kind: 'trigger',
        position: { x: 0, y: 0 },
        data: { trigger: { type: 'event', eventName: 'cart_abandoned' }, reEntry: 'always' },
      },
      {
        id: 'wait-purchase',
        kind: 'wait_for_event',
        position: { x: 0, y: 100 },
        data: { eventName: 'purchase', timeout: { mode: 'duration', amount: 7, unit: 'days', atTime: '19:00' } },
      },
      { id: 'thanks', kind: 'action', position: { x: 0, y: 200 }, data: { action: { type: 'add_tag', tag: 'bought' } } },
      {
        id: 'remind',
        kind: 'send',
        position: { x: 200, y: 200 },
        data: { trackLinks: true, messages: [{ type: 'text', text: 'カートに商品が残っています https://shop.example.jp/cart' }] },
      },
      { id: 'end-a', kind: 'end', position: { x: 0, y: 300 }, data: {} },
      { id: 'end-b', kind: 'end', position: { x: 200, y: 300 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait-purchase' },
      { id: 'e2', source: 'wait-purchase', sourceHandle: 'event', target: 'thanks' },
      { id: 'e3', source: 'wait-purchase', sourceHandle: 'timeout', target: 'remind' },
      { id: 'e4', source: 'thanks', sourceHandle: 'next', target: 'end-a' },
      { id: 'e5', source: 'remind', sourceHandle: 'next', target: 'end-b' },
    ],
  };

  it('cart abandonment: a purchase within 7 days takes the event path and nothing is sent', async () => {
    const record = process.env.KIZUNA_RECORD_HISTORIES;
    const { scenarioId } = await publishGraph(h, cartGraph, 'cart');
    const friend = await createFriend(h, 'けんた');
    await h.withWorkers(async () => {
      await onEvent(h.deps, {
        friendId: friend.id,
        eventId: 'ev-cart-1',
        name: 'cart_abandoned',
        occurredAt: new Date(),
        properties: {},
        isTest: false,
      });
      const handle = h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}-ev-cart-1`);
      await h.env!.sleep('3 days');
      await onEvent(h.deps, {
        friendId: friend.id,
        eventId: 'ev-buy-1',
        name: 'purchase',
        occurredAt: new Date(),
        properties: { total: 4800 },
        isTest: false,
      });
      await handle.result();
      if (record) storeHistory('cart-purchase', await handle.fetchHistory());
    });
    const [run] = await runIdsOf(friend.id);
    const steps = await stepsOf(run!.id);
    expect(steps.find((s) => s.nodeId === 'wait-purchase')?.output).toBe('event');
    expect(steps.map((s) => s.nodeId)).not.toContain('remind');
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(0);
  });

  it('cart abandonment: no purchase → timeout, reminder at 19:00 JST after 7 days with a tracked link', async () => {
    const { scenarioId } = await publishGraph(h, cartGraph, 'cart-2');
    const friend = await createFriend(h, 'じろう');
    await h.withWorkers(async () => {
      await onEvent(h.deps, {
        friendId: friend.id,
        eventId: 'ev-cart-2',
        name: 'cart_abandoned',
        occurredAt: new Date(),
        properties: {},
        isTest: false,
      });
      await h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}-ev-cart-2`).result();
    });
    const [run] = await runIdsOf(friend.id);
    const steps = await stepsOf(run!.id);
    const remind = steps.find((s) => s.nodeId === 'remind')!;
    expect(steps.find((s) => s.nodeId === 'wait-purchase')?.output).toBe('timeout');
    expect(DateTime.fromJSDate(remind.enteredAt, { zone: 'Asia/Tokyo' }).toFormat('HH:mm')).toBe('19:00');
    const [sent] = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
    expect(sent?.status).toBe('sent');
    expect(JSON.stringify(sent?.messages)).not.toContain('https://shop.example.jp/cart"');
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(1);
  });

  it('reaching the goal with exit-on-goal ends the run', async () => {
    const graph = { ...cartGraph, settings: { ...cartGraph.settings, goal: { eventName: 'purchase', windowDays: 7, exitOnGoal: true } } };
    const { scenarioId } = await publishGraph(h, graph, 'cart-goal');
    const friend = await createFriend(h, 'さぶろう');
    await h.withWorkers(async () => {
      await onEvent(h.deps, {
        friendId: friend.id,
        eventId: 'ev-cart-3',
        name: 'cart_abandoned',
        occurredAt: new Date(),
        properties: {},
        isTest: false,
      });
      await h.env!.sleep('1 day');
      await onEvent(h.deps, {
        friendId: friend.id,
        eventId: 'ev-buy-3',
        name: 'purchase',
        occurredAt: new Date(),
        properties: {},
        isTest: false,
      });
      await h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}-ev-cart-3`).result();
    });
    const [run] = await runIdsOf(friend.id);
    expect(run).toMatchObject({ status: 'done', endReason: 'goal: purchase reached' });
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(0);
  });

  it('an unfollow during a wait stops the run and nothing follows', async () => {
    const { scenarioId } = await publishGraph(h, example('welcome-steps'), 'welcome-block');
    const friend = await createFriend(h, 'ブロック太郎');
    await h.withWorkers(async () => {
      await onFriendAdded(h.deps, { friendId: friend.id, isUnblocked: false, at: new Date() });
      const handle = h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}`);
      await h.env!.sleep('2 days');
      const { friends } = await import('../db/schema');
      await h.tdb.db.update(friends).set({ blockedAt: new Date() }).where(eq(friends.id, friend.id));
      expect(await onFriendBlocked(h.deps, { friendId: friend.id, recentlyStarted: [] })).toEqual({ stopped: 1 });
      await handle.result();
    });
    const [run] = await runIdsOf(friend.id);
    expect(run).toMatchObject({ status: 'stopped' });
    expect(run?.endReason).toContain('blocked');
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(1);
    const steps = await stepsOf(run!.id);
    expect(steps.map((s) => s.nodeId)).not.toContain('week-1');
    const outboxRows = await h.tdb.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.friendId, friend.id), eq(outbox.status, 'sent')));
    expect(outboxRows).toHaveLength(1);
  });
  it("birthday coupon: a flex message filled with the friend's name arrives at 10:00 JST on the birthday", async () => {
    const { scenarioId } = await publishGraph(h, example('birthday-coupon'), 'birthday');
    // The workflow renders flex trees with the shared (preloaded, frozen) core modules: this is the path that proves it.
    // (the time-skipping server's clock, which earlier tests of this file moved forward)
    const birthday = DateTime.fromMillis(await h.env!.currentTimeMs(), { zone: 'Asia/Tokyo' }).plus({ days: 10 });
    const friend = await createFriend(h, 'さくら', { attributes: { birthday: `1990-${birthday.toFormat('MM-dd')}` } });
    await h.withWorkers(async () => {
      await onFriendAdded(h.deps, { friendId: friend.id, isUnblocked: false, at: new Date() });
      const handle = h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}`);
      await h.env!.sleep('12 days');
      const { friends } = await import('../db/schema');
      await h.tdb.db.update(friends).set({ blockedAt: new Date() }).where(eq(friends.id, friend.id));
      expect(await onFriendBlocked(h.deps, { friendId: friend.id, recentlyStarted: [] })).toEqual({ stopped: 1 });
      await handle.result();
    });
    const inbox = h.sandbox.state.friends.get(friend.lineUserId)?.inbox ?? [];
    expect(inbox).toHaveLength(1);
    const message = inbox[0]!.message as { type: string; altText: string; contents: unknown };
    expect(message.type).toBe('flex');
    expect(message.altText).toBe('さくらさん、お誕生日おめでとうございます！');
    expect(JSON.stringify(message.contents)).toContain('Happy Birthday, さくらさん');
    const [run] = await runIdsOf(friend.id);
    const coupon = (await stepsOf(run!.id)).find((st) => st.nodeId === 'coupon');
    const at = DateTime.fromJSDate(coupon!.enteredAt, { zone: 'Asia/Tokyo' });
    expect(at.toFormat('yyyy-MM-dd HH:mm')).toBe(`${birthday.toFormat('yyyy-MM-dd')} 10:00`);
  });

  it('a send after a wait loads the friend in its own activity, also when quiet hours hold it: one push, no extra activity', async () => {
    const graph: ScenarioGraphInput = {
      schemaVersion: 1,
      settings: { timeZone: 'Asia/Tokyo', splitSalt: 'quiet-after-wait', quietHours: { start: '22:00', end: '08:30' } },
      nodes: [
        { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
        { id: 'hello', kind: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: 'こんばんは' }] } },
        { id: 'wait', kind: 'wait', position: { x: 0, y: 200 }, data: { mode: 'duration', amount: 2, unit: 'hours' } },
        {
          id: 'later',
          kind: 'send',
          position: { x: 0, y: 300 },
          data: { messages: [{ type: 'text', text: '{{friend.displayName}}さん、おはようございます' }] },
        },
        { id: 'end', kind: 'end', position: { x: 0, y: 400 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
        { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'wait' },
        { id: 'e3', source: 'wait', sourceHandle: 'next', target: 'later' },
        { id: 'e4', source: 'later', sourceHandle: 'next', target: 'end' },
      ],
    };
    const { scenarioId } = await publishGraph(h, graph, 'quiet-after-wait');
    const friend = await createFriend(h, 'ゆうこ');
    // Added at 21:00 JST: the wait ends at 23:00, inside quiet hours, so the second send is held to 08:30.
    await pinClock(h, '21:00');
    let activities: string[] = [];
    await h.withWorkers(async () => {
      await onFriendAdded(h.deps, { friendId: friend.id, isUnblocked: false, at: new Date() });
      const handle = h.client.workflow.getHandle(`run-${scenarioId}-${friend.id}`);
      await h.env!.sleep('1 hour');
      // The friend changes during the wait: the send after it reads the friend as it is now.
      const { friends } = await import('../db/schema');
      await h.tdb.db.update(friends).set({ displayName: 'ゆう' }).where(eq(friends.id, friend.id));
      await handle.result();
      const history = await handle.fetchHistory();
      activities = (history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    });
    expect(activities).toEqual(['sendMessages', 'loadFriendAndSend', 'loadFriendAndSend']);
    const [run] = await runIdsOf(friend.id);
    expect(run).toMatchObject({ status: 'done', endReason: 'end: reached an end node' });
    const inbox = h.sandbox.state.friends.get(friend.lineUserId)?.inbox ?? [];
    expect(inbox.map((m) => (m.message as { text?: string }).text)).toEqual(['こんばんは', 'ゆうさん、おはようございます']);
    const later = (await stepsOf(run!.id)).find((st) => st.nodeId === 'later');
    expect(DateTime.fromJSDate(later!.leftAt!, { zone: 'Asia/Tokyo' }).toFormat('HH:mm')).toBe('08:30');
    const sent = await h.tdb.db.select().from(outbox).where(eq(outbox.friendId, friend.id));
    expect(sent.map((o) => o.status)).toEqual(['sent', 'sent']);
  });
});
