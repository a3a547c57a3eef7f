// The broadcast screen and the friends list's "start a scenario" through the whole engine (time-skipping server, real
// workers, the dispatcher): a broadcast sent now reaches exactly its audience and its figures say so; one cancelled
// before its time enters nobody when the time comes; a bulk start runs the scenario for each friend who has not blocked.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastFigures } from '../db/queries/broadcasts';
import { friendTags, runs } from '../db/schema';
import { publishBroadcast } from '../lib/broadcasts/publish';
import type { BroadcastForm } from '../lib/broadcasts/save';
import { stopScenario } from '../lib/engine/run-control';
import { bulkStartScenario } from '../lib/friends/bulk-actions';
import { DAY, toLocalIso } from '../scenario/time';
import type { ScenarioGraphInput } from '../scenario/schema';
import { acceptedPushes, createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';
import type { BroadcastProgress } from './contract';

let h: EngineHarness;
let people: Awaited<ReturnType<typeof createFriend>>[] = [];
/** Tagged vip: A, C, E and the blocked G. */
let vips: typeof people = [];
const actor = { id: null, email: 'tester@kizuna.test', ip: null };

const form = (schedule: BroadcastForm['schedule']): BroadcastForm => ({
  id: null,
  revision: null,
  name: 'VIPセール',
  send: { messages: [{ type: 'text', text: 'VIP限定セールのお知らせ' }], trackLinks: false },
  audience: { type: 'tag', tag: 'vip', has: true },
  // None: the test passes at any hour (quiet hours would hold a send at 23:30 JST).
  quietHours: null,
  schedule,
});

beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: true });
  people = await Promise.all(['A', 'B', 'C', 'D', 'E', 'F'].map((n) => createFriend(h, n)));
  const blocked = await createFriend(h, 'G', { blockedAt: new Date() });
  vips = [people[0]!, people[2]!, people[4]!, blocked];
  await h.tdb.db.insert(friendTags).values(vips.map((f) => ({ friendId: f.id, tag: 'vip' })));
});
afterAll(async () => {
  await h?.close();
});

/** The vips who have not blocked: whom a broadcast or a start reaches. */
const reached = () => vips.filter((f) => !f.blockedAt);
const runsOf = (scenarioId: string) => h.tdb.db.select().from(runs).where(eq(runs.scenarioId, scenarioId));

describe('broadcasts through the engine', () => {
  // First: it skips a day of the time-skipping server's clock, which after child workflows ran (the test below)
  // stays locked to real time in this server.
  it('cancelled before its time: the time comes and nobody is entered', async () => {
    const now = await h.env!.currentTimeMs();
    const at = toLocalIso(now + DAY, 'Asia/Tokyo').slice(0, 16);
    const p = await publishBroadcast(h.deps, form({ mode: 'at', at }), { now, publishedBy: actor.email });
    await h.dispatcher.drain();
    await stopScenario(h.deps, p.id);
    const progress: BroadcastProgress = await h.withWorkers(() => h.client.workflow.getHandle(`broadcast-${p.versionId}`).result());
    expect(progress).toMatchObject({ scanned: 0, matched: 0, started: 0, done: true });
    expect(await runsOf(p.id)).toEqual([]);
  });

  it('sent now: exactly the audience gets it, once, and the figures count them', async () => {
    const now = await h.env!.currentTimeMs();
    const p = await publishBroadcast(h.deps, form({ mode: 'now' }), { now, publishedBy: actor.email });
    expect(p.audience).toBe(3);
    await h.withWorkers(async () => {
      await h.dispatcher.drain();
      const progress: BroadcastProgress = await h.client.workflow.getHandle(`broadcast-${p.versionId}`).result();
      expect(progress).toMatchObject({ matched: 3, started: 3, done: true });
      // Each run to its end (its workflow closed, not only its row written) before the workers stop.
      for (const f of reached()) await h.client.workflow.getHandle(`run-${p.id}-${f.id}`).result();
    });
    for (const f of people) expect(acceptedPushes(h, f.lineUserId)).toHaveLength(vips.includes(f) ? 1 : 0);
    expect((await broadcastFigures(h.tdb.db, [p.id])).get(p.id)).toEqual({
      entered: 3,
      active: 0,
      sent: 3,
      held: 0,
      failed: 0,
      skipped: 0,
    });
  });
});

describe('start a scenario for these friends', () => {
  it('runs it for each friend the filter selects who has not blocked, through the dispatcher', async () => {
    const graph: ScenarioGraphInput = {
      schemaVersion: 1,
      settings: { timeZone: 'Asia/Tokyo', splitSalt: 'bulk-start' },
      nodes: [
        { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
        {
          id: 'hi',
          kind: 'send',
          position: { x: 0, y: 100 },
          data: { trackLinks: false, messages: [{ type: 'text', text: '特別なご案内' }] },
        },
        { id: 'end', kind: 'end', position: { x: 0, y: 200 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hi' },
        { id: 'e2', source: 'hi', sourceHandle: 'next', target: 'end' },
      ],
    };
    const { scenarioId } = await publishGraph(h, graph, 'ご案内', { alongside: true });
    const before = new Map(people.map((f) => [f.id, acceptedPushes(h, f.lineUserId).length]));
    const r = await bulkStartScenario({ db: h.tdb.db, now: () => new Date() }, actor, { filter: { tag: 'vip' }, expected: 4, scenarioId });
    expect(r).toEqual({ friends: 4, queued: 3 });
    await h.withWorkers(async () => {
      await h.dispatcher.drain();
      for (const f of reached()) await h.client.workflow.getHandle(`run-${scenarioId}-${f.id}`).result();
    });
    expect((await runsOf(scenarioId)).map((x) => x.status)).toEqual(['done', 'done', 'done']);
    for (const f of people) {
      expect(acceptedPushes(h, f.lineUserId).length - (before.get(f.id) ?? 0)).toBe(vips.includes(f) ? 1 : 0);
    }
  });
});
