// Modules marked `import 'server-only'` are the app's alone: no process started outside Next (worker, dev stack,
// scripts, benches, the sandbox, the tests' worker child) may reach one, or it would throw at start-up.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Every entry point that runs under plain Node (tsx), where `server-only` throws. */
const entries = [
  'worker/main.ts',
  'scripts/dev-stack.ts',
  'scripts/seed-demo.ts',
  'scripts/forecast-backtest.ts',
  'scripts/kizuna-cli.ts',
  'scripts/bench/engine.ts',
  'scripts/bench/analytics.ts',
  'scripts/bench/editor.ts',
  'devstack/line-sandbox/main.ts',
  'test/send-worker-main.ts',
];

async function serverOnlyModulesReachedFrom(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    metafile: true,
    alias: { '@': root },
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).filter(
    (file) => /\.tsx?$/.test(file) && /^import 'server-only';/m.test(readFileSync(path.join(root, file), 'utf8')),
  );
}

describe('server-only modules stay in the app', () => {
  it.each(entries)('%s reaches no server-only module', async (entry) => {
    expect(await serverOnlyModulesReachedFrom(entry)).toEqual([]);
  });

  it('the app reaches them (the check sees the marker)', async () => {
    expect(await serverOnlyModulesReachedFrom('app/api/line/webhook/route.ts')).toContain('lib/app-deps.ts');
  });

  it('the forecast route reaches its server-only wrapper, while the backtest script shares only the plain loader', async () => {
    // lib/forecast/load-forecast.ts serves both; only the route's wrapper (LINE's quota, the app's plans) is the app's.
    const reached = await serverOnlyModulesReachedFrom('app/api/scenarios/[id]/forecast/route.ts');
    expect(reached).toContain('lib/forecast/scenario-forecast.ts');
    expect(reached).not.toContain('lib/forecast/load-forecast.ts');
  });
});
