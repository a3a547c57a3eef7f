// Starts the real Next.js app (next dev) against a test database and the shared Temporal server.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { freePort } from '../devstack/postgres';
import { repoRoot } from '../devstack/paths';
import { runService, waitForHttp, type Service } from '../devstack/services';

export interface TestApp {
  url: string;
  stop(): Promise<void>;
}

export async function startTestApp(opts: { databaseUrl: string; env?: Record<string, string> }): Promise<TestApp> {
  const port = await freePort();
  const quiet = process.env.KIZUNA_TEST_VERBOSE ? undefined : () => {};
  const service: Service = runService('next', path.join(repoRoot, 'node_modules', '.bin', 'next'), ['dev', '-p', String(port)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      NEXT_DIST_DIR: '.next-test',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: opts.databaseUrl,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      APP_BASE_URL: `http://127.0.0.1:${port}`,
      ...opts.env,
    },
    log: quiet,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/sign-in`, 240_000);
  return { url, stop: service.stop };
}

export const artefactsDir = path.join(repoRoot, 'test-results');
export function artefactPath(name: string): string {
  mkdirSync(artefactsDir, { recursive: true });
  return path.join(artefactsDir, name);
}
