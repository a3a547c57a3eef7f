// Quiet hours and 「登録からN日後のHH:mm」 on Temporal's time-skipping server: the engine agrees with the core, the account
// default reaches the published plan, a held send is visible while held, and the hold shifts no later step.
import { and, asc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAccountQuietHours } from '../db/queries/account-settings';
import { nodeFigures } from '../db/queries/analytics';
import { listHeldRuns } from '../db/queries/held-runs';
import { createScenario } from '../db/queries/scenarios';
import { runSteps, runs, scenarioVersions } from '../db/schema';
import { publishScenario } from '../lib/engine/publish';
import { onFriendAdded } from '../lib/engine/triggers';
import { heldSendsOf } from '../lib/timing/held-sends';
import { parsePlan } from '../scenario/compile';
import { chainOf, end, text, trig } from '../scenario/fixtures';
import { isQuietHold } from '../scenario/quiet-hours';
import { WaitingSchema } from '../scenario/run-state';
import { simulate } from '../scenario/simulate';
import { acceptedPushes, createEngineHarness, createFriend, type EngineHarness } from '../test/engine';

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: true });
});
afterAll(async () => {
  await h?.close();
});

const ZONE = 'Asia/Tokyo';
const jst = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE });
const graph = chainOf(
  [
    trig(),
    text('welcome', 'ようこそ'),
    { id: 'day1', kind: 'wait', data: { mode: 'after_entry', days: 1, time: '10:00' } },
    text('m1', '登録の翌日 10:00'),
    { id: 'day3', kind: 'wait', data: { mode: 'after_entry', days: 3, time: '10:00' } },
    text('m3', '登録から3日後 10:00'),
    end(),
  ],
  { quietHours: 'account' },
);

async function waitFor<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await read();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('timing rules on the engine', () => {
  it('a friend added at 23:30 JST: welcome held to the account window’s end, entry-anchored steps at 10:00 on day 1 and 3', async () => {
    // The account default (not the product default) is what publishing pins into the version.
    await saveAccountQuietHours(h.tdb.db, { enabled: true, start: '22:00', end: '08:30' }, 'test');
    const { id: scenarioId } = await createScenario(h.tdb.db, { name: 'timing', graph });
    await publishScenario(h.deps, { scenarioId, publishedBy: 'test' });
    const [version] = await h.tdb.db.select().from(scenarioVersions).where(eq(scenarioVersions.scenarioId, scenarioId));
    const plan = parsePlan(version!.plan);
    expect(plan.settings.quietHours).toEqual({ start: '22:00', end: '08:30' });
    const friend = await createFriend(h, 'よる');

    // Entry pinned to 23:30:00 JST (local time; the date is the test server's next such evening).
    const now = await h.env!.currentTimeMs();
    let entry = jst(now).set({ hour: 23, minute: 30, second: 0, millisecond: 0 });
    if (entry.toMillis() <= now + 1000) entry = entry.plus({ days: 1 });
    await h.env!.sleep(entry.toMillis() - now);

    await h.withWorkers(async () => {
      const { workflowIds } = await onFriendAdded(h.deps, { friendId: friend.id, isUnblocked: false, at: new Date() });
      expect(workflowIds).toHaveLength(1);
      // While held: the run row says so, analytics count it and the sandbox phone can name it.
      const run = await waitFor('the held run row', async () => {
        const [r] = await h.tdb.db.select().from(runs).where(eq(runs.friendId, friend.id));
        return r && isQuietHold(WaitingSchema.nullable().parse(r.waitingFor)) ? r : undefined;
      });
      const release = entry.plus({ days: 1 }).set({ hour: 8, minute: 30 }).toMillis();
      expect(run).toMatchObject({ currentNodeId: 'welcome', status: 'active' });
      expect(run.waitingUntil?.getTime()).toBe(release);
      expect(await listHeldRuns(h.tdb.db, friend.id)).toEqual([expect.objectContaining({ nodeId: 'welcome', until: new Date(release) })]);
      const figures = await nodeFigures(
        h.tdb.db,
        { scenarioId, versionId: null, from: new Date(0), to: new Date(release + 86_400_000) },
        [],
      );
      expect(figures.get('welcome')).toMatchObject({ waitingNow: 1, heldNow: 1 });
      const held = await heldSendsOf(h.tdb.db, friend.lineUserId, 'ja');
      expect(held).toEqual([{ scenarioName: 'timing', step: 'メッセージ配信：ようこそ', until: release }]);
      expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(0);
      await h.client.workflow.getHandle(workflowIds[0]!).result();
    });

    const [run] = await h.tdb.db.select().from(runs).where(eq(runs.friendId, friend.id));
    expect(run).toMatchObject({ status: 'done' });
    const steps = await h.tdb.db
      .select()
      .from(runSteps)
      .where(and(eq(runSteps.runId, run!.id)))
      .orderBy(asc(runSteps.enteredAt), asc(runSteps.nodeId));
    const at = (id: string) => steps.find((s) => s.nodeId === id)!;
    const start = at('trigger').enteredAt.getTime();
    expect(jst(start).toFormat('HH:mm')).toBe('23:30');
    // The welcome went out when the window ended, 08:30 the next morning (a few ms of worker time at most).
    const welcomeLeft = at('welcome').leftAt!.getTime();
    expect(welcomeLeft - entry.plus({ days: 1 }).set({ hour: 8, minute: 30 }).toMillis()).toBeLessThan(60_000);
    // Counted from entry, so the hold moved nothing: 10:00 the next day and 10:00 three days on, to the millisecond.
    expect(at('m1').enteredAt.getTime()).toBe(entry.plus({ days: 1 }).set({ hour: 10, minute: 0 }).toMillis());
    expect(at('m3').enteredAt.getTime()).toBe(entry.plus({ days: 3 }).set({ hour: 10, minute: 0 }).toMillis());
    expect(acceptedPushes(h, friend.lineUserId)).toHaveLength(3);

    // The engine and the core agree on every send's instant.
    const sim = simulate(
      plan,
      {
        id: friend.id,
        lineUserId: friend.lineUserId,
        displayName: 'よる',
        attributes: {},
        tags: [],
        linked: false,
        friendAddedAt: start,
        events: [],
      },
      { start },
    );
    const simSends = sim.entries.filter((e) => e.kind === 'send');
    expect(simSends.map((e) => e.at)).toEqual(['welcome', 'm1', 'm3'].map((id) => at(id).enteredAt.getTime()));
    expect(simSends[0]?.waitUntil).toBe(entry.plus({ days: 1 }).set({ hour: 8, minute: 30 }).toMillis());
    expect(simSends.map((e) => e.sentAt).slice(1)).toEqual(['m1', 'm3'].map((id) => at(id).enteredAt.getTime()));
  });
});
