// Runs child processes with prefixed, coloured logs and stops their whole process groups on demand.
import { spawn, type ChildProcess } from 'node:child_process';

const colours = [36, 35, 33, 32, 34, 31];
let next = 0;

export function prefixer(name: string): (line: string) => void {
  const c = colours[next++ % colours.length];
  const tag = `\x1b[${c}m${name.padEnd(9)}|\x1b[0m`;
  return (line) => process.stdout.write(`${tag} ${line}\n`);
}

export interface Service {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function runService(
  name: string,
  cmd: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; cwd: string; log?: (line: string) => void },
): Service {
  const log = opts.log ?? prefixer(name);
  // Own process group, so stopping it takes its children (next dev's workers, tsx's node) along.
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const forward = (b: Buffer) =>
    b
      .toString()
      .split('\n')
      .filter((l) => l.trim())
      .forEach(log);
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
