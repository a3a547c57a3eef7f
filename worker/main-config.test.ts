// The worker refuses to start in production with a dev default, naming the variable and never printing a value.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('worker start-up in production', () => {
  it('exits 1 naming each dev default, with no value in the output, before touching any service', () => {
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // No NODE_ENV: the worker is often started without one; KIZUNA_ENV decides.
      KIZUNA_ENV: 'production',
      APP_BASE_URL: 'https://kizuna.example.com',
      LINE_CHANNEL_SECRET: 'kizuna-dev-secret',
      LINE_CHANNEL_ACCESS_TOKEN: 'a-real-token-that-must-not-be-printed',
      DATABASE_URL: 'postgres://kizuna:db-password-not-printed@127.0.0.1:1/kizuna',
    };
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['worker/main.ts'], {
      cwd: root,
      env: env as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status).toBe(1);
    expect(out).toContain('LINE_CHANNEL_SECRET');
    expect(out).toContain('KIZUNA_SECRET');
    expect(out).not.toContain('LINE_CHANNEL_ACCESS_TOKEN');
    expect(out).not.toContain('a-real-token-that-must-not-be-printed');
    expect(out).not.toContain('db-password-not-printed');
    expect(out).not.toContain('kizuna-dev-secret');
  });
});
