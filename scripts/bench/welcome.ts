// `npm run bench:welcome`: follow webhooks at steady rates through the real app and the trigger outbox, until the welcome
// push is accepted by the LINE stand-in, next to the shaped baseline started directly at the same rates.
import { createHmac, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { insertVersion } from '../../db/queries/scenario-versions';
import { setLiveVersion } from '../../db/queries/scenarios';
import { runs, scenarios, webhookEvents } from '../../db/schema';
import { buildEvent } from '../../devstack/line-sandbox/webhook-events';
import { startDispatcher } from '../../lib/engine/dispatcher';
import { compile } from '../../scenario/compile';
import { runSearchAttributes } from '../../workflows/contract';
import {
  benchCapacity,
  cleanUp,
  cpuMsPer,
  cpuSampler,
  oneSendGraph,
  pct,
  pool,
  quietTemporalRuntime,
  sleep,
  startBenchServices,
  startBenchWorkers,
  startNextApp,
  type Cpu,
} from './harness';
import { measuredNow, writeBenchResult } from './results';

/** Follows per second, one step each (RATES=5,10,20,30,40), for DURATION seconds per step (default 30). */
const RATES = (process.env.RATES ?? '5,10,20,30,40')
  .split(',')
  .map(Number)
  .filter((r) => r > 0);
const DURATION = Number(process.env.DURATION ?? 30);
/** NEXT=dev runs `next dev` instead of the production build; REUSE_BUILD=1 keeps a build already in .next-bench-welcome. */
const NEXT_MODE = process.env.NEXT === 'dev' ? 'dev' : 'production';
const SEND_RATE = Number(process.env.SEND_RATE ?? 1500);
/** How long a step may take to drain after its last webhook before the bench gives up on it. */
const DRAIN_MS = Number(process.env.DRAIN_SECONDS ?? 180) * 1000;
const P95_GOAL_MS = 2000;
const CHANNEL_SECRET = randomBytes(16).toString('hex');
const ROLES = ['temporal', 'postgres', 'next', 'worker', 'sandbox'];

quietTemporalRuntime();

const userId = (step: number, i: number) => `U${step.toString(16).padStart(2, '0')}${i.toString(16).padStart(30, '0')}`;

/** Fires `count` calls at `rate` per second on a fixed schedule (never waiting for an answer), with each one's planned instant. */
async function steady(count: number, rate: number, call: (i: number, at: number) => Promise<void>) {
  const t0 = Date.now() + 200;
  const calls: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.round(t0 + (i * 1000) / rate);
    const wait = at - Date.now();
    if (wait > 0) await sleep(wait);
    calls.push(call(i, at));
  }
  await Promise.all(calls);
}

async function main() {
  const services = await startBenchServices({ sendRate: SEND_RATE, channelSecret: CHANNEL_SECRET });
  const capacity = benchCapacity();
  const noopAt = new Map<string, number>();
  const workers = await startBenchWorkers(services, { sendRate: SEND_RATE, capacity, onNoop: (id, at) => noopAt.set(id, at) });
  // The worker process's trigger outbox: the app's follow commits a dispatch row; this dispatcher (woken by NOTIFY) starts the run.
  const dispatcher = startDispatcher(workers.engine, { listen: (channel, onNotify) => workers.raw.listen(channel, onNotify) });
  const app = await startNextApp({
    mode: NEXT_MODE,
    distDir: '.next-bench-welcome',
    reuseBuild: process.env.REUSE_BUILD === '1',
    env: {
      DATABASE_URL: services.pgUrl,
      TEMPORAL_ADDRESS: services.temporalAddress,
      TEMPORAL_TASK_QUEUE: workers.taskQueue,
      TEMPORAL_SEND_TASK_QUEUE: workers.engine.sendTaskQueue,
      LINE_API_BASE_URL: services.sandboxUrl,
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'bench',
    },
  });
  const cpu = cpuSampler({ ...services.roles, groups: { ...services.roles.groups, next: app.pgid } });
  const { db } = workers;

  // The welcome scenario, live: friend added → one push.
  const graph = oneSendGraph(false);
  const plan = compile(graph);
  const [s] = await db.insert(scenarios).values({ name: 'bench welcome', draft: graph, status: 'live' }).returning();
  const v = await insertVersion(db, { scenarioId: s!.id, graph, plan, publishedBy: 'bench' });
  await setLiveVersion(db, s!.id, { versionId: v.id, status: 'live' });

  // Every user who will follow is a LINE user the stand-in knows (its profile answers), added without a webhook.
  const steps = RATES.map((rate, step) => ({
    rate,
    users: Array.from({ length: Math.round(rate * DURATION) }, (_, i) => userId(step, i)),
  }));
  await pool(
    steps.flatMap((st) => st.users),
    async (u) => void (await services.admin('POST', '/friends', { userId: u, displayName: 'bench', webhook: false })),
  );

  console.log(
    `Kizuna welcome benchmark: follow webhooks (X-Line-Signature) at ${RATES.join(', ')}/s for ${DURATION} s each → ${NEXT_MODE === 'production' ? 'next start (production build' + (app.buildSecs ? `, built in ${app.buildSecs.toFixed(0)} s` : ', reused') + ')' : 'next dev'} → trigger outbox (dispatcher in the worker process) → Temporal dev server → send worker (≤ ${SEND_RATE}/s) → LINE sandbox; baseline: the shaped baseline started directly at the same rate\n`,
  );

  // One follow through the app first (compiles nothing in production; warms the route and the pools), not timed.
  const follow = async (u: string) => {
    const body = JSON.stringify({ destination: 'Ubench', events: [buildEvent(u, { kind: 'follow', isUnblocked: false }, Date.now())] });
    const signature = createHmac('sha256', CHANNEL_SECRET).update(body).digest('base64');
    const res = await fetch(`${app.url}/api/line/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signature },
      body,
    });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  };
  const warm = 'U' + 'f'.repeat(32);
  await services.admin('POST', '/friends', { userId: warm, displayName: 'bench', webhook: false });
  await follow(warm);
  while ((await services.acceptedPushes()) < 1) await sleep(200);
  await workers.settle();

  const results: {
    rate: number;
    engine: number[];
    baseline: number[];
    answers: number[];
    missing: number;
    cpu: Cpu;
    bcpu: Cpu;
  }[] = [];
  let expected = 1;
  for (const [step, { rate, users }] of steps.entries()) {
    const engine = async () => {
      const sentAt = new Map<string, number>();
      const answers: number[] = [];
      const cpu0 = cpu();
      await steady(users.length, rate, async (i, at) => {
        const u = users[i]!;
        sentAt.set(u, at);
        const t = Date.now();
        await follow(u);
        answers.push(Date.now() - t);
      });
      expected += users.length;
      const deadline = Date.now() + DRAIN_MS;
      while ((await services.acceptedPushes()) < expected && Date.now() < deadline) await sleep(500);
      await workers.settle();
      const c: Cpu = [cpu0, cpu()];
      const arrived = await services.firstArrivals(users);
      const lat = users.flatMap((u) => (arrived.has(u) ? [arrived.get(u)! - sentAt.get(u)!] : []));
      return { lat, answers, missing: users.length - lat.length, c };
    };
    const baseline = async () => {
      const ids = users.map((_, i) => `welcome-base-${step}-${i}`);
      const startedAt = new Map<string, number>();
      const cpu0 = cpu();
      await steady(ids.length, rate, async (i, at) => {
        const id = ids[i]!;
        startedAt.set(id, at);
        await workers.client.workflow.start('benchBaselineOwnQueue', {
          taskQueue: workers.taskQueue,
          workflowId: id,
          args: [id, workers.noopQueue],
          typedSearchAttributes: runSearchAttributes(s!.id, v.id, id),
        });
      });
      const deadline = Date.now() + DRAIN_MS;
      while (ids.some((id) => !noopAt.has(id)) && Date.now() < deadline) await sleep(250);
      await workers.settle();
      return { lat: ids.flatMap((id) => (noopAt.has(id) ? [noopAt.get(id)! - startedAt.get(id)!] : [])), c: [cpu0, cpu()] as Cpu };
    };
    // Alternating which goes first, so neither always meets the fuller store.
    let e: Awaited<ReturnType<typeof engine>>;
    let b: Awaited<ReturnType<typeof baseline>>;
    if (step % 2 === 0) {
      e = await engine();
      b = await baseline();
    } else {
      b = await baseline();
      e = await engine();
    }
    results.push({ rate, engine: e.lat, baseline: b.lat, answers: e.answers, missing: e.missing, cpu: e.c, bcpu: b.c });
    console.log(
      `${rate}/s: welcome p95 ${pct(e.lat, 95)} ms (${e.missing} missing), shaped baseline p95 ${pct(b.lat, 95)} ms (${users.length - b.lat.length} missing)`,
    );
  }

  console.log(
    '\n| follows/s | follows | welcome p50 / p95 / p99 (webhook sent → push accepted) | webhook answer p95 | shaped baseline p50 / p95 / p99 (start → no-op ran) | CPU per follow: ' +
      ROLES.join(' / ') +
      ' | baseline CPU per workflow: temporal / worker |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    const n = r.engine.length + r.missing;
    console.log(
      `| ${r.rate} | ${n}${r.missing ? ` (${r.missing} not welcomed within ${DRAIN_MS / 1000} s)` : ''} | ${pct(r.engine, 50)} / ${pct(r.engine, 95)} / ${pct(r.engine, 99)} ms | ${pct(r.answers, 95)} ms | ${pct(r.baseline, 50)} / ${pct(r.baseline, 95)} / ${pct(r.baseline, 99)} ms | ${ROLES.map((role) => cpuMsPer([r.cpu], role, n).toFixed(1)).join(' / ')} ms | ${['temporal', 'worker'].map((role) => cpuMsPer([r.bcpu], role, n).toFixed(1)).join(' / ')} ms |`,
    );
  }
  const ok = (xs: number[], missing = 0) => missing === 0 && xs.length > 0 && pct(xs, 95) < P95_GOAL_MS;
  const knee = (pick: (r: (typeof results)[number]) => boolean) =>
    results.filter(pick).reduce<number | null>((m, r) => (m === null || r.rate > m ? r.rate : m), null);
  const [kneeEngine, kneeBase] = [knee((r) => ok(r.engine, r.missing)), knee((r) => ok(r.baseline))];
  console.log(
    `\nhighest rate with p95 < 2 s: welcome ${kneeEngine ?? 'none'}/s, shaped baseline ${kneeBase ?? 'none'}/s (of the rates tried: ${RATES.join(', ')}/s)`,
  );

  // Exactly one welcome each: the stand-in's inbox per user, the runs and the webhook events the app stored.
  const all = steps.flatMap((st) => st.users);
  const perUser = ((await services.admin('GET', '/stats')).perUser ?? {}) as Record<string, { delivered: number }>;
  const counts = all.map((u) => perUser[u]?.delivered ?? 0);
  const [runRows] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(runs)
    .where(eq(runs.scenarioId, s!.id));
  const [unprocessed] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookEvents)
    .where(sql`${webhookEvents.processedAt} is null`);
  const once = counts.filter((c) => c === 1).length;
  console.log(
    `exactly one welcome each: ${once === all.length ? 'yes' : 'NO'} (${once} of ${all.length} users got exactly one push; none: ${counts.filter((c) => c === 0).length}, more than one: ${counts.filter((c) => c > 1).length}); runs ${(runRows?.n ?? 0) - 1} for ${all.length} follows; webhook events left unprocessed: ${unprocessed?.n ?? '?'}`,
  );

  // The unit costs `npm run capacity` reads.
  const perFollow = (r: (typeof results)[number], role: string) => Number(cpuMsPer([r.cpu], role, r.engine.length + r.missing).toFixed(1));
  writeBenchResult('welcome', {
    run: {
      measured: measuredNow('bench:welcome', ['RATES', 'DURATION', 'NEXT', 'REUSE_BUILD', 'SEND_RATE', 'DRAIN_SECONDS']),
      rates: Object.fromEntries(
        results.map((r) => [
          String(r.rate),
          {
            follows: r.engine.length + r.missing,
            p95Ms: pct(r.engine, 95),
            baselineP95Ms: pct(r.baseline, 95),
            temporalMsPerFollow: perFollow(r, 'temporal'),
            postgresMsPerFollow: perFollow(r, 'postgres'),
            nextMsPerFollow: perFollow(r, 'next'),
            workerMsPerFollow: perFollow(r, 'worker'),
            sandboxMsPerFollow: perFollow(r, 'sandbox'),
          },
        ]),
      ),
      kneeFollowsPerSecond: kneeEngine,
      baselineKneeFollowsPerSecond: kneeBase,
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
