// `npm run bench:broadcast`: a segment broadcast with one send to N friends, from its scheduled instant to the last push
// LINE accepted, next to N shaped baselines started by a parent workflow on the same server.
import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { enqueueDispatches } from '../../db/queries/dispatches';
import { insertVersion } from '../../db/queries/scenario-versions';
import { setLiveVersion } from '../../db/queries/scenarios';
import { friends, runSteps, scenarios } from '../../db/schema';
import { startDispatcher } from '../../lib/engine/dispatcher';
import { broadcastInstant } from '../../scenario/broadcast';
import { EVERYONE, broadcastGraph } from '../../scenario/broadcast-draft';
import { compile } from '../../scenario/compile';
import { mostInAnyWindow } from '../../worker/send-slots';
import type { BaselineParentInput } from './baseline-workflows';
import {
  benchCapacity,
  cleanUp,
  cpuMsPer,
  cpuPerFriend,
  cpuSampler,
  pool,
  quietTemporalRuntime,
  sleep,
  startBenchServices,
  startBenchWorkers,
  type Cpu,
} from './harness';
import { measuredNow, writeBenchResult } from './results';

const N = Number(process.env.N ?? 20_000);
/** The configured LINE rate: the send queue's pacer, the baseline's no-op queue and the sandbox's push limit. */
const SEND_RATE = Number(process.env.SEND_RATE ?? 1500);
const LINE_LIMIT = 2000;
/** BASELINE_FIRST=0 runs the broadcast before the baseline (default: baseline first, on the emptier store). */
const BASELINE_FIRST = process.env.BASELINE_FIRST !== '0';
const TIME_ZONE = 'Asia/Tokyo';

quietTemporalRuntime();

async function main() {
  const services = await startBenchServices({ sendRate: SEND_RATE });
  const capacity = benchCapacity();
  const noopAt = new Map<string, number>();
  const workers = await startBenchWorkers(services, { sendRate: SEND_RATE, capacity, onNoop: (id, at) => noopAt.set(id, at) });
  // The worker process's trigger outbox: publishing commits the broadcast's dispatch row, the dispatcher starts its parent.
  const dispatcher = startDispatcher(workers.engine, { listen: (channel, onNotify) => workers.raw.listen(channel, onNotify) });
  const cpu = cpuSampler(services.roles);
  const { db, client } = workers;
  console.log(
    `Kizuna broadcast benchmark: a segment broadcast (everyone, one send) to N=${N} friends; send queue paced at ≤ ${SEND_RATE}/s in any second (LINE's limit ${LINE_LIMIT}/s), sandbox push limit ${SEND_RATE}/s (sliding window); baseline: ${N} shaped baselines started by a parent workflow (no-op queue at ${SEND_RATE}/s); Temporal dev server, embedded PostgreSQL\n`,
  );

  const rows = await db
    .insert(friends)
    .values(Array.from({ length: N }, (_, i) => ({ lineUserId: `U${i.toString(16).padStart(32, '0')}`, displayName: `友だち${i}` })))
    .returning({ id: friends.id, lineUserId: friends.lineUserId });
  await pool(
    rows,
    async (f) => void (await services.admin('POST', '/friends', { userId: f.lineUserId, displayName: 'bench', webhook: false })),
  );

  const baseline = async () => {
    const at = Date.now() + 3000;
    const input: BaselineParentInput = {
      at,
      n: N,
      prefix: 'bparent-',
      activityQueue: workers.noopQueue,
      scenarioId: 'bench-baseline',
      versionId: 'bench-baseline',
    };
    const cpu0 = cpu();
    await client.workflow.start('benchBaselineParent', {
      taskQueue: workers.taskQueue,
      workflowId: 'bench-baseline-parent',
      args: [input],
    });
    while (noopAt.size < N) await sleep(250);
    const last = Math.max(...noopAt.values());
    await workers.settle();
    return { secs: (last - at) / 1000, cpu: [cpu0, cpu()] as Cpu };
  };

  const broadcast = async () => {
    // The send time is a whole minute (as the screen offers it), at least 15 s ahead so publishing is not timed.
    const sendAt = DateTime.now().setZone(TIME_ZONE).plus({ seconds: 15 }).plus({ minutes: 1 }).startOf('minute');
    const graph = broadcastGraph(
      {
        send: { messages: [{ type: 'text', text: '{{friend.displayName}}さん、本日限りのお知らせです' }], trackLinks: false },
        audience: EVERYONE,
        quietHours: undefined,
        sendAt: sendAt.toFormat("yyyy-MM-dd'T'HH:mm"),
      },
      'bench',
      TIME_ZONE,
    );
    const plan = compile(graph);
    const at = broadcastInstant(plan)!;
    // As publishing does: the version, live, and the broadcast's dispatch row in one transaction.
    const [s] = await db.insert(scenarios).values({ name: 'bench broadcast', draft: graph, status: 'draft' }).returning();
    const v = await db.transaction(async (tx) => {
      const version = await insertVersion(tx, { scenarioId: s!.id, graph, plan, publishedBy: 'bench' });
      await setLiveVersion(tx, s!.id, { versionId: version.id, status: 'live' });
      await enqueueDispatches(tx, [{ kind: 'broadcast', scenarioId: s!.id, versionId: version.id }]);
      return version;
    });
    process.stdout.write(`broadcast scheduled for ${sendAt.toISO()} (in ${((at - Date.now()) / 1000).toFixed(0)} s)\n`);
    while (Date.now() < at - 1000) await sleep(250);
    const cpu0 = cpu();
    while ((await services.acceptedPushes()) < N) await sleep(500);
    await workers.settle();
    const c: Cpu = [cpu0, cpu()];
    const arrived = await services.firstArrivals(rows.map((f) => f.lineUserId));
    const times = [...arrived.values()];
    const [stepRows] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(runSteps)
      .where(eq(runSteps.scenarioId, s!.id));
    return { at, times, secs: (Math.max(...times) - at) / 1000, cpu: c, steps: stepRows?.n ?? 0, versionId: v.id };
  };

  let b: Awaited<ReturnType<typeof baseline>>;
  let r: Awaited<ReturnType<typeof broadcast>>;
  if (BASELINE_FIRST) {
    b = await baseline();
    r = await broadcast();
  } else {
    r = await broadcast();
    b = await baseline();
  }

  const f1 = (x: number) => x.toFixed(1);
  const rate = N / r.secs;
  const baseRate = N / b.secs;
  const first = Math.min(...r.times);
  console.log('| run | time from the scheduled instant to the last one | per second |');
  console.log('|---|---|---|');
  console.log(
    `| broadcast (last push accepted) | ${f1(r.secs)} s (first push ${((first - r.at) / 1000).toFixed(2)} s after) | ${f1(rate)} pushes/s |`,
  );
  console.log(`| shaped baselines started by a parent (last no-op ran) | ${f1(b.secs)} s | ${f1(baseRate)} workflows/s |`);
  console.log(
    `\nratio broadcast/baseline: ${(rate / baseRate).toFixed(2)}× (goal ≥ 0.8×; ${BASELINE_FIRST ? 'baseline ran first' : 'broadcast ran first'})`,
  );

  // Pacing: the busiest second as the worker called LINE and as the stand-in accepted, against the configured rate.
  const departed = [...workers.departures.values()].flat();
  const requestLog = (await services.admin('GET', '/requests?limit=10000')).requests as { at: string; endpoint: string }[];
  const stats = (await services.admin('GET', '/stats?perUser=false')) as { totals?: { status429?: number } };
  const logged = requestLog.filter((q) => q.endpoint === 'push').map((q) => Date.parse(q.at));
  console.log(
    `pushes in the busiest one-second window: ${mostInAnyWindow(departed)} as the worker called LINE (${departed.length} calls), ${mostInAnyWindow(r.times)} as the sandbox accepted them${N <= 9000 ? `, ${mostInAnyWindow(logged)} as requests reached it (429s included)` : ''}; configured ${SEND_RATE}/s, LINE's limit ${LINE_LIMIT}/s; achieved ${f1(rate)}/s = ${f1((100 * rate) / SEND_RATE)} % of the configured rate`,
  );
  console.log(`429s answered by the sandbox (limit ${SEND_RATE}/s, sliding window): ${stats.totals?.status429 ?? '?'}`);
  console.log(`pacer ${JSON.stringify(workers.sendPacer.stats())}`);

  console.log(`\nbroadcast: ${cpuPerFriend([r.cpu], N)}\nbaseline:  ${cpuPerFriend([b.cpu], N)}`);
  console.log(
    `PostgreSQL CPU per friend-step: ${cpuMsPer([r.cpu], 'postgres', r.steps).toFixed(2)} ms (${r.steps} run steps written for ${N} friends, ${f1(r.steps / N)} per friend; rollup triggers included)`,
  );
  const perUser = ((await services.admin('GET', '/stats')).perUser ?? {}) as Record<string, { delivered: number }>;
  const once = rows.filter((f) => perUser[f.lineUserId]?.delivered === 1).length;
  console.log(`exactly one push each: ${once === N ? 'yes' : 'NO'} (${once} of ${N})`);
  // The unit costs `npm run capacity` reads.
  const perFriend = (role: string) => Number(cpuMsPer([r.cpu], role, N).toFixed(1));
  writeBenchResult('broadcast', {
    run: {
      measured: measuredNow('bench:broadcast', ['N', 'SEND_RATE', 'BASELINE_FIRST', 'KIZUNA_WORKER_MAX_CACHED_WORKFLOWS']),
      friends: N,
      configuredPushesPerSecond: SEND_RATE,
      pushesPerSecond: Number(f1(rate)),
      baselineWorkflowsPerSecond: Number(f1(baseRate)),
      busiestSecondPushes: mostInAnyWindow(r.times),
      status429: stats.totals?.status429 ?? 0,
      temporalMsPerFriend: perFriend('temporal'),
      workerMsPerFriend: perFriend('worker'),
      postgresMsPerFriend: perFriend('postgres'),
      sandboxMsPerFriend: perFriend('sandbox'),
      postgresMsPerFriendStep: Number(cpuMsPer([r.cpu], 'postgres', r.steps).toFixed(2)),
      runStepsPerFriend: Number((r.steps / N).toFixed(2)),
    },
  });

  await dispatcher.stop();
  await workers.stop();
  await cleanUp();
  services.removeTmp();
}

main().catch(async (err: unknown) => {
  console.error(err);
  await cleanUp();
  process.exit(1);
});
