// The production path, run for real: `next build` and the worker build, then `next start` and the compiled worker with
// KIZUNA_ENV=production against an external PostgreSQL and a separately started Temporal server set up with the
// README's own commands, devDependencies made unloadable, and the LINE sandbox standing in for LINE.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { startLineSandbox, type LineSandbox } from '../devstack/line-sandbox/server';
import { repoRoot } from '../devstack/paths';
import { freePort } from '../devstack/postgres';
import { runService, waitForHttp, type Service } from '../devstack/services';
import { ensureTemporalBinary, searchAttributes, waitForTemporal } from '../devstack/temporal';

const run = promisify(execFile);

/** Runs a build command in the repo; a failure carries the end of its output. */
async function command(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(cmd, args, { cwd: repoRoot, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const output = (key: string) => (err instanceof Error && key in err ? String(Reflect.get(err, key)) : '');
    const tail = `${output('stdout')}\n${output('stderr')}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed:\n${tail}`);
  }
}

/** The machine's own PostgreSQL (not the embedded one of the other tests): production runs on an external server. */
export const SMOKE_POSTGRES = process.env.KIZUNA_SMOKE_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
/** Production requires https; the processes are reached over plain http as a TLS-terminating reverse proxy reaches them. */
export const PUBLIC_URL = 'https://kizuna.test';

export interface ProductionStack {
  appUrl: string;
  sandbox: LineSandbox;
  /** The owner the compiled CLI created while the app and the worker started, and the CLI's answer. */
  owner: { email: string; password: string; created: unknown };
  /** Runs the compiled CLI (dist/worker/kizuna-cli.js) with the production environment; answers its parsed stdout. */
  cli(args: string[], stdin?: string): Promise<unknown>;
  /** Every devDependency the production processes tried to load (each was refused as absent). */
  devPackagesTried(): string[];
  /** Seconds each phase took, for the report. */
  timings: Record<string, number>;
  stop(): Promise<void>;
}

/** The last lines of a process's output, kept for the error when it fails. */
function recorder(name: string): { log: (line: string) => void; tail: () => string } {
  const lines: string[] = [];
  return {
    log: (line) => {
      lines.push(line);
      if (lines.length > 40) lines.shift();
      if (process.env.KIZUNA_TEST_VERBOSE) console.log(`${name} | ${line}`);
    },
    tail: () => `${name}:\n${lines.join('\n')}`,
  };
}

async function timed<T>(timings: Record<string, number>, name: string, f: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await f();
  timings[name] = Math.round((performance.now() - started) / 100) / 10;
  return result;
}

/** Fails with a clear message when the external PostgreSQL is not there; creates a database of this run. */
async function createSmokeDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgres(`${SMOKE_POSTGRES}/postgres`, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch (err) {
    await admin.end({ timeout: 1 });
    throw new Error(
      `the production smoke test needs a PostgreSQL ≥ 15 at ${SMOKE_POSTGRES} (user postgres, no password; or set ` +
        `KIZUNA_SMOKE_POSTGRES_URL): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const name = `kizuna_smoke_${randomBytes(5).toString('hex')}`;
  await admin.unsafe(`create database "${name}"`);
  return {
    url: `${SMOKE_POSTGRES}/${name}`,
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** The README's `temporal operator search-attribute create …` lines, which must cover every attribute runs carry. */
export function readmeSearchAttributeCommands(): string[] {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const lines = readme.split('\n').filter((l) => l.startsWith('temporal operator search-attribute create '));
  const named = lines.map((l) => `${/--name (\S+)/.exec(l)?.[1] ?? '?'}=${/--type (\S+)/.exec(l)?.[1] ?? '?'}`);
  if ([...named].sort().join() !== [...searchAttributes].sort().join()) {
    throw new Error(`README.md registers ${named.join(', ') || 'no search attributes'}; runs carry ${searchAttributes.join(', ')}`);
  }
  return lines;
}

/** A Temporal dev server with nothing registered, then the README's commands run as written against it. */
async function startBareTemporal(): Promise<{ address: string; service: Service; tail: () => string }> {
  const bin = ensureTemporalBinary('temporal');
  const address = `127.0.0.1:${await freePort()}`;
  const rec = recorder('temporal');
  const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', address.split(':')[1] ?? '', '--log-level', 'warn'];
  const service = runService('temporal', bin, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production' },
    log: rec.log,
  });
  try {
    await waitForTemporal(address, 60_000);
    const env = {
      PATH: `${path.dirname(bin)}:${process.env.PATH ?? ''}`,
      NODE_ENV: 'production' as const,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: 'default',
    };
    for (const line of readmeSearchAttributeCommands()) await run('sh', ['-c', line], { env });
  } catch (err) {
    await service.stop();
    throw err;
  }
  return { address, service, tail: rec.tail };
}

/** Resolves when a process prints `marker`, rejects when it exits first. */
function printed(service: Service, marker: string, timeoutMs: number, tail: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${marker}" within ${timeoutMs / 1000} s\n${tail()}`)), timeoutMs);
    const watch = (b: Buffer) => {
      if (b.toString().includes(marker)) {
        clearTimeout(timer);
        resolve();
      }
    };
    service.child.stdout?.on('data', watch);
    service.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${service.name} exited (code ${code}) before "${marker}"\n${tail()}`));
    });
  });
}

function exitedEarly(service: Service, tail: () => string): Promise<never> {
  return new Promise((_, reject) =>
    service.child.once('exit', (code) => reject(new Error(`${service.name} exited (code ${code})\n${tail()}`))),
  );
}

export async function startProductionStack(): Promise<ProductionStack> {
  const timings: Record<string, number> = {};
  const id = randomBytes(4).toString('hex');
  // Build output of this run only (git-ignored `.next-*`), so parallel runs and `npm run dev` never share it.
  const distDir = `.next-smoke-${id}`;
  const workerDir = `.next-smoke-${id}-worker`;
  // Inside the worker's build folder (written only once the processes run), so nothing is left outside ignored paths.
  const devLog = path.join(repoRoot, workerDir, 'dev-packages.log');
  const cleanups: (() => Promise<void> | void)[] = [
    () => {
      for (const p of [distDir, workerDir, `${distDir}.tsconfig.json`]) rmSync(path.join(repoRoot, p), { recursive: true, force: true });
    },
  ];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  try {
    const secrets = {
      LINE_CHANNEL_SECRET: randomBytes(16).toString('hex'),
      LINE_CHANNEL_ACCESS_TOKEN: randomBytes(24).toString('base64url'),
      KIZUNA_SECRET: randomBytes(24).toString('base64url'),
      LINE_LOGIN_CHANNEL_ID: '2000000001',
      LINE_LOGIN_CHANNEL_SECRET: randomBytes(16).toString('hex'),
      KIZUNA_PAYLOAD_KEYS: `smoke-${id}:${randomBytes(32).toString('base64')}`,
    };
    // Each piece registers its own cleanup as it comes up; the run waits for all of them before giving up on one.
    const up = <T>(p: Promise<T>, cleanup: (v: T) => () => Promise<void>) =>
      p.then((v) => {
        cleanups.push(cleanup(v));
        return v;
      });
    const dbUp = up(createSmokeDatabase(), (d) => d.drop);
    const temporalUp = up(timed(timings, 'temporal + README search attributes', startBareTemporal), (t) => t.service.stop);
    const sandboxUp = up(
      startLineSandbox({ channelSecret: secrets.LINE_CHANNEL_SECRET, channelAccessToken: secrets.LINE_CHANNEL_ACCESS_TOKEN }),
      (s) => s.close,
    );
    // `npm run build`: its two halves at once, each into this run's folder.
    const builds = [
      timed(timings, 'next build', () =>
        command(path.join(repoRoot, 'node_modules', '.bin', 'next'), ['build'], {
          ...process.env,
          NODE_ENV: 'production',
          NEXT_DIST_DIR: distDir,
          NEXT_TELEMETRY_DISABLED: '1',
          APP_BASE_URL: PUBLIC_URL,
        }),
      ),
      timed(timings, 'worker build', () => command('npm', ['run', '--silent', 'build:worker', '--', '--out-dir', workerDir], process.env)),
    ];
    const failed = (await Promise.allSettled([dbUp, temporalUp, sandboxUp, ...builds])).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [db, temporal, sandbox] = await Promise.all([dbUp, temporalUp, sandboxUp]);

    const appPort = await freePort();
    const appUrl = `http://127.0.0.1:${appPort}`;
    sandbox.state.config.webhookUrl = `${appUrl}/api/line/webhook`;
    // Only what production sets: no inherited DATABASE_URL, KIZUNA_DEV_MODE or NODE_ENV=test.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'production',
      KIZUNA_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: distDir,
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      LINE_API_BASE_URL: sandbox.url,
      APP_BASE_URL: PUBLIC_URL,
      ...secrets,
      NODE_OPTIONS: `--import=${path.join(repoRoot, 'test', 'absent-dev-packages.mjs')}`,
      KIZUNA_DEV_PACKAGES_LOG: devLog,
    };
    const cli = async (args: string[], stdin?: string): Promise<unknown> => {
      const child = spawn(process.execPath, [path.join(repoRoot, workerDir, 'kizuna-cli.js'), ...args], { cwd: repoRoot, env });
      let out = '';
      let err = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      child.stdin.end(stdin ?? '');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (code !== 0) throw new Error(`kizuna-cli ${args.join(' ')} exited ${code}: ${out}${err}`);
      return JSON.parse(out) as unknown;
    };

    // The app and the worker start at once on the empty database: both migrate at start, one waits for the other.
    const appLog = recorder('app');
    const app = runService(
      'app',
      path.join(repoRoot, 'node_modules', '.bin', 'next'),
      ['start', '-p', String(appPort), '-H', '127.0.0.1'],
      {
        cwd: repoRoot,
        env,
        log: appLog.log,
      },
    );
    cleanups.push(app.stop);
    const workerLog = recorder('worker');
    const worker = runService('worker', process.execPath, ['--enable-source-maps', path.join(workerDir, 'main.js')], {
      cwd: repoRoot,
      env,
      log: workerLog.log,
    });
    cleanups.push(worker.stop);
    // …and so does the CLI creating the owner, the third process migrating the same fresh database.
    const owner = { email: `owner-${id}@kizuna.test`, password: randomBytes(18).toString('base64url') };
    const [, , created] = await timed(timings, 'app, worker and CLI start', () =>
      Promise.all([
        Promise.race([waitForHttp(`${appUrl}/api/health`, 120_000), exitedEarly(app, appLog.tail)]),
        printed(worker, 'worker polling', 120_000, workerLog.tail),
        cli(['operator', 'create', '--email', owner.email, '--role', 'owner', '--password-stdin'], owner.password),
      ]),
    );
    return {
      appUrl,
      sandbox,
      owner: { ...owner, created },
      cli,
      devPackagesTried: () => {
        try {
          return readFileSync(devLog, 'utf8').split('\n').filter(Boolean);
        } catch {
          return [];
        }
      },
      timings,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
