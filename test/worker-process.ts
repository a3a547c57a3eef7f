// Runs a send worker as a separate OS process (its own process group), so a test can crash it with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { DEV_PAYLOAD_KEYS } from '../lib/temporal/payload-keys';

/** Passed to the child as one JSON argument: the test's own services, never the developer's environment. */
export const SendWorkerConfig = z.object({
  temporalAddress: z.string().min(1),
  namespace: z.string().default('default'),
  databaseUrl: z.string().startsWith('postgres'),
  lineBaseUrl: z.url(),
  sendTaskQueue: z.string().min(1),
  sendRatePerSecond: z.number().positive().default(1500),
  /** KIZUNA_PAYLOAD_KEYS of the child: the harness's own (by default the dev key). */
  payloadKeys: z.string().default(DEV_PAYLOAD_KEYS),
});
export type SendWorkerConfig = z.input<typeof SendWorkerConfig>;

/** What the child prints on stdout once its worker polls. */
export const READY_LINE = 'send worker ready';

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface WorkerProcess {
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** Sends `signal` to the whole process group and waits for the exit (SIGKILL: a crash, no clean-up runs). */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
  /** The last few kilobytes of stdout and stderr, for failure messages. */
  output(): string;
}

const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(import.meta.dirname, 'send-worker-main.ts');
const live = new Set<WorkerProcess>();
const groups = new Set<number>();
// Last resort when the test process ends without afterAll (a crash): no orphaned worker keeps polling.
process.once('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Starts the child and resolves once it reports its worker polling (or rejects with its output). */
export async function startSendWorkerProcess(config: SendWorkerConfig, opts: { readyTimeoutMs?: number } = {}): Promise<WorkerProcess> {
  const arg = JSON.stringify(SendWorkerConfig.parse(config));
  // `node --import tsx` (not the tsx CLI, which relays to a grandchild); detached: a group of its own to kill.
  const child = spawn(process.execPath, ['--import', 'tsx', entry, arg], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const wp: WorkerProcess = {
    pid: child.pid ?? -1,
    exited,
    output: () => log,
    kill: async (signal = 'SIGKILL') => {
      signalGroup(child, signal);
      return exited;
    },
  };
  live.add(wp);
  if (child.pid !== undefined) groups.add(child.pid);
  void exited.then(() => {
    live.delete(wp);
    if (child.pid !== undefined) groups.delete(child.pid);
  });

  const timeoutMs = opts.readyTimeoutMs ?? 90_000;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`send worker process not ready after ${timeoutMs} ms`)), timeoutMs);
      const onData = () => {
        if (log.includes(READY_LINE)) done(resolve);
      };
      const onExit = (e: Exit) => done(() => reject(new Error(`send worker process exited before it was ready (${JSON.stringify(e)})`)));
      const onError = (err: Error) => done(() => reject(err));
      const done = (then: () => void) => {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.off('error', onError);
        then();
      };
      child.stdout?.on('data', onData);
      child.once('error', onError);
      void exited.then(onExit);
    });
  } catch (err) {
    await wp.kill();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- worker output ---\n${log}`);
  }
  return wp;
}

/** Kills every worker process still running (afterAll: nothing is left behind, even when a test failed). */
export async function killWorkerProcesses(): Promise<void> {
  await Promise.all([...live].map((wp) => wp.kill('SIGKILL')));
}
