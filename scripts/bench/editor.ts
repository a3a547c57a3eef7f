// Benchmark of the scenario editor: opens a 300-node scenario and an empty one (the baseline) in headless chromium,
// printing time until every node is drawn, click-to-inspector latency and frame times while panning, on a production
// build (next build + next start) and on next dev (BUILDS=production,development by default).
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { Page } from 'playwright-core';
import { layoutPositions } from '../../components/editor/layout';
import { createDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { scenarios } from '../../db/schema';
import { dataDir, repoRoot } from '../../devstack/paths';
import { freePort, startEmbeddedPostgres } from '../../devstack/postgres';
import { runService, waitForHttp } from '../../devstack/services';
import { emptyGraph } from '../../scenario/empty';
import { defaultNodeData, outputsOf } from '../../scenario/nodes';
import type { NodeKind, ScenarioGraph, ScenarioNode } from '../../scenario/schema';
import { launchBrowser } from '../../test/browser';
import { browserCookie, signInOverHttp, testAuth, TEST_PASSWORD } from '../../test/operators';
import { createOperator } from '../../lib/auth/manage-operators';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZE = 300;

/** A tree of `size` steps grown breadth-first from a trigger (sends, waits, branches, splits, actions), closed with ends. */
export async function benchGraph(size: number): Promise<ScenarioGraph> {
  const cycle: NodeKind[] = ['send', 'wait', 'branch', 'send', 'wait_for_event', 'action', 'split', 'send', 'wait'];
  const nodes: ScenarioNode[] = [{ id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: defaultNodeData('trigger') }];
  const edges: ScenarioGraph['edges'] = [];
  const open: [string, string][] = [['trigger', 'next']];
  for (let i = 1; i < size && open.length > 0; i++) {
    const [source, sourceHandle] = open.shift() ?? ['trigger', 'next'];
    const kind: NodeKind = size - i <= open.length + 1 ? 'end' : (cycle[i % cycle.length] ?? 'send');
    const node = { id: `n${i}`, kind, position: { x: 0, y: 0 }, data: defaultNodeData(kind) } as ScenarioNode;
    nodes.push(node);
    edges.push({ id: `e${i}`, source, sourceHandle, target: node.id });
    for (const o of outputsOf(node)) open.push([node.id, o]);
  }
  const pos = await layoutPositions(
    nodes.map((n) => ({ id: n.id, width: 240, height: 90, outputs: outputsOf(n) })),
    edges,
  );
  return { ...emptyGraph('bench'), nodes: nodes.map((n) => ({ ...n, position: pos.get(n.id) ?? n.position })), edges };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const r1 = (x: number) => Math.round(x * 10) / 10;

async function measure(page: Page, url: string, _expected: number) {
  await page.goto(url, { waitUntil: 'commit' });
  // Ready: the view has been fitted and every node drawn in it is measured (React Flow shows a node once it knows its
  // size, and draws only the nodes in view), stable over two frames.
  const drawn = `(() => {
    const t = document.querySelector('.react-flow__viewport')?.style.transform;
    const ns = [...document.querySelectorAll('.react-flow__node')];
    const ok = ns.length > 0 && ns.every((e) => getComputedStyle(e).visibility === 'visible');
    return ok && t && t !== 'translate(0px, 0px) scale(1)' ? ns.length : 0;
  })()`;
  let onScreen = 0;
  let readyMs = 0;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    await page.waitForFunction(drawn, undefined, { timeout: 120_000, polling: 'raf' });
    const [n, at] = await page.evaluate<[number, number]>(`[${drawn}, performance.now()]`);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    if (n > 0 && n === (await page.evaluate<number>(drawn))) {
      onScreen = n;
      readyMs = at;
      break;
    }
  }
  if (onScreen === 0) throw new Error(`the editor never settled on ${url}`);
  // In-page code goes in as strings: tsx's helper names (__name) do not exist inside the page.
  // Interactive: a click on a step shows its form in the inspector.
  const clickMs = await page.evaluate<number>(`(async () => {
    const node = document.querySelector('[data-testid="node-trigger"]');
    const t0 = performance.now();
    for (const type of ['mousedown', 'mouseup', 'click']) node?.dispatchEvent(new MouseEvent(type, { bubbles: true }));
    while (!document.querySelector('[data-testid="inspector"]')) await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  })()`);
  // Panning: drag the empty pane for 90 frames and record the time between frames.
  const spot = await page.evaluate<{ x: number; y: number } | null>(`(() => {
    const r = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    if (!r) return null;
    for (let y = r.top + 20; y < r.bottom - 20; y += 15)
      for (let x = r.left + 20; x < r.right - 200; x += 15) if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
    return null;
  })()`);
  if (!spot) throw new Error('no empty spot on the canvas to pan from');
  await page.evaluate(`(() => {
    window.frames_ = [];
    window.stop_ = false;
    let last = performance.now();
    const tick = (t) => {
      window.frames_.push(t - last);
      last = t;
      if (!window.stop_) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(spot.x, spot.y);
  await page.mouse.down();
  for (let i = 0; i < 90; i++) {
    await page.mouse.move(spot.x + Math.sin(i / 10) * 150, spot.y + i * 2);
    await page.evaluate('new Promise((r) => requestAnimationFrame(r))');
  }
  await page.mouse.up();
  const frames = await page.evaluate<number[]>('(() => { window.stop_ = true; return window.frames_.slice(2); })()');
  return {
    readyMs,
    onScreen,
    clickMs,
    frameMean: frames.reduce((a, b) => a + b, 0) / frames.length,
    frameP95: pct(frames, 0.95),
    frameMax: Math.max(...frames),
  };
}

async function main() {
  const dir = path.join(dataDir, 'bench-postgres');
  const pg = await startEmbeddedPostgres({ dir, database: 'postgres' });
  const admin = postgres(`${pg.serverUrl}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe('drop database if exists kizuna_bench_editor with (force)');
  await admin.unsafe('create database kizuna_bench_editor');
  const url = `${pg.serverUrl}/kizuna_bench_editor`;
  await migrateDatabase(url);
  const { db, close } = createDb(url);
  const big = await benchGraph(SIZE);
  const [empty] = await db
    .insert(scenarios)
    .values({ name: 'bench: empty', draft: emptyGraph('bench') })
    .returning({ id: scenarios.id });
  const [large] = await db
    .insert(scenarios)
    .values({ name: `bench: ${SIZE} steps`, draft: big })
    .returning({ id: scenarios.id });
  const modes = (process.env.BUILDS ?? 'production,development')
    .split(',')
    .filter((m): m is Mode => m === 'production' || m === 'development');
  await createOperator(testAuth(db), db, { email: 'bench@kizuna.test', role: 'owner', password: TEST_PASSWORD });
  const browser = await launchBrowser();
  const tables: { mode: Mode; rows: Record<string, string | number>[] }[] = [];
  try {
    for (const mode of modes) {
      const app = await startNext(mode, url);
      try {
        tables.push({ mode, rows: await measureCases(browser, app.base, [empty?.id ?? '', large?.id ?? ''], big) });
      } finally {
        await app.stop();
      }
    }
    for (const { mode, rows } of tables) {
      process.stdout.write(
        `Editor benchmark (${mode === 'production' ? 'production build: next build + next start' : 'development build: next dev'}, headless chromium, median of ${RUNS} runs after a warm-up)\n`,
      );
      console.table(rows);
    }
  } finally {
    await browser.close();
    await close();
    await admin.unsafe('drop database if exists kizuna_bench_editor with (force)');
    await admin.end({ timeout: 5 });
    await pg.stop();
  }
}

type Mode = 'production' | 'development';

/** The app on a free port: `next build` + `next start` (development checks kept, so the bench needs no secrets), or `next dev`. */
async function startNext(mode: Mode, databaseUrl: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const distDir = mode === 'production' ? '.next-bench-prod' : '.next-bench';
  const nextBin = path.join(repoRoot, 'node_modules', '.bin', 'next');
  const env = {
    ...process.env,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    APP_BASE_URL: base,
    KIZUNA_ENV: 'development' as const,
  };
  if (mode === 'production') {
    process.stdout.write('next build (production) …\n');
    await new Promise<void>((resolve, reject) => {
      execFile(nextBin, ['build'], { cwd: repoRoot, env: { ...env, NODE_ENV: 'production' }, maxBuffer: 64 << 20 }, (err, _out, errOut) =>
        err ? reject(new Error(`next build failed: ${errOut.slice(-2000)}`)) : resolve(),
      );
    });
  }
  const next = runService(
    'next',
    nextBin,
    mode === 'production' ? ['start', '-p', String(port), '-H', '127.0.0.1'] : ['dev', '-p', String(port)],
    {
      cwd: repoRoot,
      env: { ...env, NODE_ENV: mode },
      log: () => {},
    },
  );
  await waitForHttp(`${base}/sign-in`, 240_000);
  return {
    base,
    stop: async () => {
      await next.stop();
      rmSync(path.join(repoRoot, distDir, 'trace'), { force: true });
      if (mode === 'production') {
        rmSync(path.join(repoRoot, distDir), { recursive: true, force: true });
        rmSync(path.join(repoRoot, `${distDir}.tsconfig.json`), { force: true });
      }
    },
  };
}

async function measureCases(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  base: string,
  [emptyId, largeId]: [string, string],
  big: ScenarioGraph,
): Promise<Record<string, string | number>[]> {
  // Every page needs an operator: an owner signed in through the app's own endpoint, its cookie in the context.
  const cookie = await signInOverHttp(base, 'bench@kizuna.test');
  // The production build's CSP forbids string evaluation; the bench's probes are its own, not the page's.
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, bypassCSP: true });
  await context.addCookies([browserCookie(base, cookie)]);
  const cases = [
    { name: 'baseline: empty scenario (1 step)', url: `${base}/scenarios/${emptyId}`, nodes: 1 },
    { name: `${SIZE}-step scenario (${big.edges.length} connections)`, url: `${base}/scenarios/${largeId}`, nodes: big.nodes.length },
  ];
  // Warm up: next dev compiles the page on first request; that is not the editor's cost.
  for (const c of cases) {
    const p = await context.newPage();
    await measure(p, c.url, c.nodes);
    await p.close();
  }
  const rows = [];
  for (const c of cases) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const p = await context.newPage();
      runs.push(await measure(p, c.url, c.nodes));
      await p.close();
    }
    rows.push({
      case: c.name,
      'nodes drawn': median(runs.map((x) => x.onScreen)),
      'ready ms': r1(median(runs.map((x) => x.readyMs))),
      'click→inspector ms': r1(median(runs.map((x) => x.clickMs))),
      'pan frame mean ms': r1(median(runs.map((x) => x.frameMean))),
      'pan frame p95 ms': r1(median(runs.map((x) => x.frameP95))),
      'pan frame max ms': r1(median(runs.map((x) => x.frameMax))),
    });
  }
  await context.close();
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
