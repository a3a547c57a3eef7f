// The benches' unit costs for `npm run capacity`: each bench merges its groups of figures into bench-results/<bench>.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_RESULT_SCHEMAS, unitCostsFile, type BenchName, type Measured } from '../capacity/unit-costs';

/** When, on what and by which command this run measured: the variables the bench reads that were set, then the script. */
export function measuredNow(script: string, knobs: string[]): Measured {
  const set = knobs.filter((k) => process.env[k] !== undefined).map((k) => `${k}=${process.env[k]}`);
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return {
    date: new Date().toISOString().slice(0, 10),
    machine: `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} at the end`,
    command: [...set, `npm run ${script}`].join(' '),
  };
}

/**
 * Replaces the given groups of bench-results/<name>.json, keeping the others (a partial run, e.g. ACTIONS_ONLY=1, updates
 * its own group only), and checks the result against the file's schema. BENCH_RESULTS=0 skips it (exploratory runs).
 */
export function writeBenchResult(name: BenchName, groups: Record<string, unknown>): void {
  if (process.env.BENCH_RESULTS === '0') return;
  const file = unitCostsFile(name);
  const before: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const merged = { ...(typeof before === 'object' && before !== null ? before : {}), ...groups };
  const parsed = BENCH_RESULT_SCHEMAS[name].safeParse(merged);
  if (!parsed.success) {
    console.error(`bench-results/${name}.json not written: ${parsed.error.message}`);
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(parsed.data, null, 2)}\n`);
  console.log(`unit costs written to bench-results/${name}.json (npm run capacity reads them)`);
}
