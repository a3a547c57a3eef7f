// A question on the sandbox phone: the friend taps a quick reply, the run takes that branch, stores the attribute, and
// the acknowledgement goes out through the Reply API (the sandbox counts reply against push); a stale tap, or a tap on
// another friend's question, is ignored and recorded; the buttons-template variant arrives as a card whose buttons post back the same way.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, friends, outbox, runSteps, runs } from '../db/schema';
import { createAttributeDefinition } from '../lib/friends/attribute-definitions';
import type { EdgeDeps } from '../lib/friends/deps';
import { createLineClient } from '../lib/line/client';
import { processWebhookEvent } from '../lib/line/process-event';
import { receiveWebhook } from '../lib/line/receive-webhook';
import type { ScenarioGraphInput } from '../scenario/schema';
import { createEngineHarness, publishGraph, type EngineHarness } from '../test/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: true });
});
afterAll(async () => {
  await h?.close();
});

const graph: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'question' },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    {
      id: 'ask',
      kind: 'question',
      position: { x: 0, y: 100 },
      data: {
        text: '好きな色は？',
        choices: [
          { id: 'red', label: '赤', value: 'red' },
          { id: 'blue', label: '青', value: 'blue' },
        ],
        saveTo: { key: 'color', type: 'string' },
        timeout: { mode: 'duration', amount: 1, unit: 'days' },
      },
    },
    { id: 'thanks-blue', kind: 'send', position: { x: 0, y: 200 }, data: { messages: [{ type: 'text', text: '青ですね、ありがとう' }] } },
    { id: 'thanks-red', kind: 'send', position: { x: 200, y: 200 }, data: { messages: [{ type: 'text', text: '赤ですね、ありがとう' }] } },
    { id: 'end', kind: 'end', position: { x: 0, y: 300 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'ask' },
    { id: 'e2', source: 'ask', sourceHandle: 'choice:blue', target: 'thanks-blue' },
    { id: 'e3', source: 'ask', sourceHandle: 'choice:red', target: 'thanks-red' },
    { id: 'e4', source: 'ask', sourceHandle: 'other', target: 'end' },
    { id: 'e5', source: 'ask', sourceHandle: 'timeout', target: 'end' },
    { id: 'e6', source: 'thanks-blue', sourceHandle: 'next', target: 'end' },
    { id: 'e7', source: 'thanks-red', sourceHandle: 'next', target: 'end' },
  ],
};

const QuickReplyOf = (m: unknown): { label: string; data: string }[] => {
  const items = (m as { quickReply?: { items?: { action: { label: string; data: string } }[] } }).quickReply?.items ?? [];
  return items.map((i) => i.action);
};

describe('question node on the sandbox phone', () => {
  it('a tapped quick reply takes its branch, stores the attribute, and the acknowledgement is a reply', async () => {
    const db = h.tdb.db;
    await createAttributeDefinition(db, { key: 'color', label: '好きな色', type: 'string' });
    await publishGraph(h, graph, 'question');
    const edge: EdgeDeps = {
      db,
      line: createLineClient({ channelAccessToken: 'test-token', baseURL: h.sandbox.url }),
      now: () => new Date(),
      secret: 'question-secret-question-secret-0123',
      appBaseUrl: 'http://kizuna.test',
      accountLinkDialogUrl: `${h.sandbox.url}/dialog/bot/accountLink`,
    };
    const secret = h.sandbox.state.config.channelSecret;
    const deliver = async (webhook: { body: string; signature: string } | null) => {
      const r = await receiveWebhook({ db, channelSecret: secret }, Buffer.from(webhook!.body), webhook!.signature);
      for (const id of r.newEventIds) await processWebhookEvent(edge, id);
      h.dispatcher.wake();
    };
    const userId = `U${'a1'.repeat(16)}`;
    const inbox = () => h.sandbox.state.friends.get(userId)?.inbox ?? [];

    await h.withWorkers(async () => {
      await deliver((await h.sandbox.phone.addFriend({ userId, displayName: 'しつもん' }, true)).webhook);
      // The question arrives by push, with a quick-reply button per choice.
      await expect.poll(() => inbox().length, { timeout: 30_000 }).toBe(1);
      const question = inbox()[0]!;
      expect(question.endpoint).toBe('push');
      const buttons = QuickReplyOf(question.message);
      expect(buttons.map((b) => b.label)).toEqual(['赤', '青']);
      const [friend] = await db.select().from(friends).where(eq(friends.lineUserId, userId));
      const [run] = await db.select().from(runs).where(eq(runs.friendId, friend!.id));
      await expect
        .poll(async () => (await db.select().from(runs).where(eq(runs.id, run!.id)))[0]?.waitingFor, { timeout: 30_000 })
        .toMatchObject({ kind: 'answer', nodeId: 'ask' });

      // The friend taps 青.
      await deliver((await h.sandbox.phone.postback(userId, buttons[1]!.data)).webhook);
      await expect.poll(() => inbox().length, { timeout: 30_000 }).toBe(2);
      const ack = inbox()[1]!;
      expect(ack.message).toMatchObject({ type: 'text', text: '青ですね、ありがとう' });
      expect(ack.endpoint).toBe('reply');
      await expect
        .poll(async () => (await db.select().from(runs).where(eq(runs.id, run!.id)))[0]?.status, { timeout: 30_000 })
        .toBe('done');
      const [after] = await db.select().from(friends).where(eq(friends.id, friend!.id));
      expect(after!.attributes).toMatchObject({ color: 'blue' });
      const sends = await db.select().from(outbox).where(eq(outbox.runId, run!.id));
      expect(sends.map((s) => [s.nodeId, s.status, s.sentVia]).sort()).toEqual([
        ['ask', 'sent', 'push'],
        ['thanks-blue', 'sent', 'reply'],
      ]);

      // The old button tapped again: nothing is sent, and the tap is recorded as ignored.
      await deliver((await h.sandbox.phone.postback(userId, buttons[0]!.data)).webhook);
      const ignored = await db
        .select()
        .from(events)
        .where(and(eq(events.friendId, friend!.id), eq(events.name, 'question_answer_ignored')));
      expect(ignored).toHaveLength(1);
      expect(ignored[0]!.properties).toMatchObject({ reason: 'not_asked', nodeId: 'ask' });
    });
    expect(inbox()).toHaveLength(2);
    const stats = h.sandbox.state.stats;
    expect(stats.get('reply')?.accepted).toBe(1);
    expect(stats.get('push')?.accepted).toBe(1);
    expect(h.sandbox.invalidRequests()).toEqual([]);
  }, 120_000);

  it('a button of another friend’s question is ignored and recorded: no branch, no attribute, for either friend', async () => {
    const db = h.tdb.db;
    await publishGraph(h, graph, 'question, another friend');
    const edge: EdgeDeps = {
      db,
      line: createLineClient({ channelAccessToken: 'test-token', baseURL: h.sandbox.url }),
      now: () => new Date(),
      secret: 'question-secret-question-secret-0123',
      appBaseUrl: 'http://kizuna.test',
      accountLinkDialogUrl: `${h.sandbox.url}/dialog/bot/accountLink`,
    };
    const deliver = async (webhook: { body: string; signature: string } | null) => {
      const r = await receiveWebhook(
        { db, channelSecret: h.sandbox.state.config.channelSecret },
        Buffer.from(webhook!.body),
        webhook!.signature,
      );
      for (const id of r.newEventIds) await processWebhookEvent(edge, id);
      h.dispatcher.wake();
    };
    const alice = `U${'e5'.repeat(16)}`;
    const bob = `U${'f6'.repeat(16)}`;
    const inbox = (userId: string) => h.sandbox.state.friends.get(userId)?.inbox ?? [];
    const friendOf = async (userId: string) => (await db.select().from(friends).where(eq(friends.lineUserId, userId)))[0]!;
    const runOf = async (friendId: string) => (await db.select().from(runs).where(eq(runs.friendId, friendId)))[0]!;

    await h.withWorkers(async () => {
      await deliver((await h.sandbox.phone.addFriend({ userId: alice, displayName: 'ありす' }, true)).webhook);
      await deliver((await h.sandbox.phone.addFriend({ userId: bob, displayName: 'ぼぶ' }, true)).webhook);
      await expect.poll(() => [inbox(alice).length, inbox(bob).length], { timeout: 30_000 }).toEqual([1, 1]);
      const [a, b] = [await friendOf(alice), await friendOf(bob)];
      const [runA, runB] = [await runOf(a.id), await runOf(b.id)];
      for (const run of [runA, runB])
        await expect
          .poll(async () => (await db.select().from(runs).where(eq(runs.id, run.id)))[0]?.waitingFor, { timeout: 30_000 })
          .toMatchObject({ kind: 'answer', nodeId: 'ask' });

      // Bob's phone posts back Alice's 赤 button (a forwarded or forged postback naming her run).
      const aliceButtons = QuickReplyOf(inbox(alice)[0]!.message);
      await deliver((await h.sandbox.phone.postback(bob, aliceButtons[0]!.data)).webhook);
      const ignored = await db
        .select()
        .from(events)
        .where(and(eq(events.friendId, b.id), eq(events.name, 'question_answer_ignored')));
      expect(ignored).toHaveLength(1);
      expect(ignored[0]!.properties).toMatchObject({ reason: 'another_friend', nodeId: 'ask' });
      expect(
        await db
          .select()
          .from(events)
          .where(and(eq(events.friendId, a.id), eq(events.name, 'question_answer_ignored'))),
      ).toHaveLength(0);

      // Each then answers their own question differently from the stray tap: each run takes only its own answer.
      await deliver((await h.sandbox.phone.postback(bob, QuickReplyOf(inbox(bob)[0]!.message)[1]!.data)).webhook);
      await deliver((await h.sandbox.phone.postback(alice, aliceButtons[1]!.data)).webhook);
      for (const run of [runA, runB])
        await expect
          .poll(async () => (await db.select().from(runs).where(eq(runs.id, run.id)))[0]?.status, { timeout: 30_000 })
          .toBe('done');
      for (const [friend, run] of [
        [a, runA],
        [b, runB],
      ] as const) {
        const steps = await db.select().from(runSteps).where(eq(runSteps.runId, run.id));
        expect(steps.filter((st) => st.nodeId === 'ask').map((st) => st.output)).toEqual(['choice:blue']);
        expect(steps.map((st) => st.nodeId)).not.toContain('thanks-red');
        const sends = await db.select().from(outbox).where(eq(outbox.runId, run.id));
        expect(sends.map((st) => st.nodeId).sort()).toEqual(['ask', 'thanks-blue']);
        expect((await db.select().from(friends).where(eq(friends.id, friend.id)))[0]!.attributes).toMatchObject({ color: 'blue' });
      }
    });
    // Nothing answered the stray tap: each phone got its question and its own acknowledgement.
    expect(inbox(alice).map((m) => (m.message as { text?: string }).text)).toEqual(['好きな色は？', '青ですね、ありがとう']);
    expect(inbox(bob).map((m) => (m.message as { text?: string }).text)).toEqual(['好きな色は？', '青ですね、ありがとう']);
  }, 120_000);

  it('as a buttons template: the phone shows the card, a tapped button posts back and takes its branch by reply', async () => {
    const db = h.tdb.db;
    const buttonsGraph: ScenarioGraphInput = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === 'ask' && n.kind === 'question' ? { ...n, data: { ...n.data, display: 'buttons' } } : n)),
    };
    await publishGraph(h, buttonsGraph, 'question, buttons');
    const edge: EdgeDeps = {
      db,
      line: createLineClient({ channelAccessToken: 'test-token', baseURL: h.sandbox.url }),
      now: () => new Date(),
      secret: 'question-secret-question-secret-0123',
      appBaseUrl: 'http://kizuna.test',
      accountLinkDialogUrl: `${h.sandbox.url}/dialog/bot/accountLink`,
    };
    const deliver = async (webhook: { body: string; signature: string } | null) => {
      const r = await receiveWebhook(
        { db, channelSecret: h.sandbox.state.config.channelSecret },
        Buffer.from(webhook!.body),
        webhook!.signature,
      );
      for (const id of r.newEventIds) await processWebhookEvent(edge, id);
      h.dispatcher.wake();
    };
    const userId = `U${'c3'.repeat(16)}`;
    const inbox = () => h.sandbox.state.friends.get(userId)?.inbox ?? [];
    await h.withWorkers(async () => {
      await deliver((await h.sandbox.phone.addFriend({ userId, displayName: 'ぼたん' }, true)).webhook);
      await expect.poll(() => inbox().length, { timeout: 30_000 }).toBe(1);
      const card = inbox()[0]!.message as {
        type: string;
        altText: string;
        template: { type: string; text: string; actions: { label: string; data: string }[] };
      };
      expect(card).toMatchObject({ type: 'template', altText: '好きな色は？', template: { type: 'buttons', text: '好きな色は？' } });
      expect(card.template.actions.map((a) => a.label)).toEqual(['赤', '青']);
      const [friend] = await db.select().from(friends).where(eq(friends.lineUserId, userId));
      const [run] = await db.select().from(runs).where(eq(runs.friendId, friend!.id));
      await expect
        .poll(async () => (await db.select().from(runs).where(eq(runs.id, run!.id)))[0]?.waitingFor, { timeout: 30_000 })
        .toMatchObject({ kind: 'answer', nodeId: 'ask' });
      // The friend taps 赤 on the card.
      await deliver((await h.sandbox.phone.postback(userId, card.template.actions[0]!.data)).webhook);
      await expect.poll(() => inbox().length, { timeout: 30_000 }).toBe(2);
      expect(inbox()[1]).toMatchObject({ endpoint: 'reply', message: { type: 'text', text: '赤ですね、ありがとう' } });
      await expect
        .poll(async () => (await db.select().from(friends).where(eq(friends.id, friend!.id)))[0]?.attributes, { timeout: 30_000 })
        .toMatchObject({ color: 'red' });
    });
    // The sandbox checked the template against LINE's spec.
    expect(h.sandbox.invalidRequests()).toEqual([]);
  }, 120_000);

  it('an unanswered question leaves by "timeout" a day later (time skipping), saving nothing', async () => {
    const db = h.tdb.db;
    const { scenarioId } = await publishGraph(h, graph, 'question, silent');
    const edge: EdgeDeps = {
      db,
      line: createLineClient({ channelAccessToken: 'test-token', baseURL: h.sandbox.url }),
      now: () => new Date(),
      secret: 'question-secret-question-secret-0123',
      appBaseUrl: 'http://kizuna.test',
      accountLinkDialogUrl: `${h.sandbox.url}/dialog/bot/accountLink`,
    };
    const userId = `U${'b2'.repeat(16)}`;
    await h.withWorkers(async () => {
      const { webhook } = await h.sandbox.phone.addFriend({ userId, displayName: 'だまる' }, true);
      const r = await receiveWebhook(
        { db, channelSecret: h.sandbox.state.config.channelSecret },
        Buffer.from(webhook!.body),
        webhook!.signature,
      );
      for (const id of r.newEventIds) await processWebhookEvent(edge, id);
      h.dispatcher.wake();
      const [friend] = await db.select().from(friends).where(eq(friends.lineUserId, userId));
      const handle = h.client.workflow.getHandle(`run-${scenarioId}-${friend!.id}`);
      await expect.poll(async () => (await handle.describe().catch(() => null))?.status.name, { timeout: 30_000 }).toBe('RUNNING');
      await handle.result();
      const [run] = await db.select().from(runs).where(eq(runs.friendId, friend!.id));
      const steps = await db.select().from(runSteps).where(eq(runSteps.runId, run!.id));
      expect(steps.find((st) => st.nodeId === 'ask')).toMatchObject({ output: 'timeout' });
      const [after] = await db.select().from(friends).where(eq(friends.id, friend!.id));
      expect(after!.attributes).not.toHaveProperty('color');
    });
    expect((h.sandbox.state.friends.get(userId)?.inbox ?? []).map((m) => m.endpoint)).toEqual(['push']);
  }, 120_000);
});
