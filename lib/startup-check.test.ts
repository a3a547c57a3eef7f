// The app refuses to start in production with a dev default: `next start` runs instrumentation.ts's register() before
// the first request, and it exits 1 naming the variable and never printing a value (the worker: worker/main-config.test.ts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_DEFAULTS } from './env';

const root = path.resolve(import.meta.dirname, '..');

const production: Record<string, string> = {
  KIZUNA_ENV: 'production',
  APP_BASE_URL: 'https://kizuna.example.com',
  LINE_CHANNEL_SECRET: 'a-real-channel-secret-not-printed',
  LINE_CHANNEL_ACCESS_TOKEN: 'a-real-access-token-not-printed',
  KIZUNA_SECRET: 'a-real-kizuna-secret-not-printed-0123456789',
  LINE_LOGIN_CHANNEL_ID: '2000000042',
  LINE_LOGIN_CHANNEL_SECRET: 'a-real-login-secret-not-printed',
  KIZUNA_PAYLOAD_KEYS: `prod-1:${Buffer.alloc(32, 7).toString('base64')}`,
  // Nothing listens there: a start that got past the check fails at the migration instead, saying so.
  DATABASE_URL: 'postgres://kizuna:db-password-not-printed@127.0.0.1:1/kizuna',
};

/** What Next does at start-up, in a process of its own: answers the exit status and everything printed. */
function startApp(env: Record<string, string>): { status: number | null; out: string } {
  // No NODE_ENV: KIZUNA_ENV decides.
  const processEnv: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, NEXT_RUNTIME: 'nodejs', ...env };
  const r = spawnSync(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    ['--eval', "import('./instrumentation.ts').then((m) => m.register()).then(() => console.log('STARTED'))"],
    {
      cwd: root,
      env: processEnv as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const secretsOf = (env: Record<string, string>) =>
  Object.entries(env)
    .filter(([name]) => !['KIZUNA_ENV', 'APP_BASE_URL', 'LINE_LOGIN_CHANNEL_ID'].includes(name))
    .map(([, value]) => value);

describe('app start-up in production', () => {
  it.each(Object.keys(DEV_DEFAULTS) as (keyof typeof DEV_DEFAULTS)[])(
    'exits 1 on the dev default of %s, naming it, with no value in the output',
    (name) => {
      const env = { ...production, [name]: DEV_DEFAULTS[name] };
      const { status, out } = startApp(env);
      expect(status).toBe(1);
      expect(out).toContain(`${name}: must be set to a value of your own in production`);
      expect(out).not.toContain('STARTED');
      for (const value of [...secretsOf(env), 'db-password-not-printed']) expect(out).not.toContain(value);
    },
  );

  it('exits 1 on an APP_BASE_URL that is not https, naming it', () => {
    const { status, out } = startApp({ ...production, APP_BASE_URL: 'http://kizuna.example.com' });
    expect(status).toBe(1);
    expect(out).toContain('APP_BASE_URL');
    for (const value of secretsOf(production)) expect(out).not.toContain(value);
  });

  it('(control) gets past the check with its own secrets, and stops only at the unreachable database', () => {
    const { status, out } = startApp(production);
    expect(status).toBe(1);
    expect(out).not.toContain('Invalid configuration');
    expect(out).toContain('could not migrate the database');
    for (const value of [...secretsOf(production), 'db-password-not-printed']) expect(out).not.toContain(value);
  });
});
