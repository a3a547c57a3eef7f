// `npm run kizuna -- operator …` as a scripted install runs it: a real child process against a test database, then a
// real sign-in with the password it printed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { operatorFromHeaders } from '@/lib/auth/operator';
import type { Auth } from '@/lib/auth/auth';
import { createTestDatabase, type TestDatabase } from '@/test/db';
import { testAuth } from '@/test/operators';

const root = path.resolve(import.meta.dirname, '..');
const APP_BASE_URL = 'http://kizuna.test';
const SECRET = 'cli-test-kizuna-secret-0123456789';

let tdb: TestDatabase;
let auth: Auth;

beforeAll(async () => {
  tdb = await createTestDatabase();
  auth = testAuth(tdb.db, { appBaseUrl: APP_BASE_URL, secret: SECRET });
});
afterAll(async () => tdb.drop());

interface Run {
  code: number | null;
  out: {
    ok: boolean;
    error?: string;
    password?: string;
    operator?: { id: string; email: string; role: string };
    operators?: { email: string; role: string }[];
  };
}

function cli(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/kizuna-cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: tdb.url, KIZUNA_SECRET: SECRET, APP_BASE_URL, KIZUNA_ENV: 'development', ...opts.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(opts.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, out: JSON.parse(stdout) as Run['out'] });
      } catch {
        reject(new Error(`not JSON on stdout (exit ${code}): ${stdout}\n${stderr}`));
      }
    });
  });
}

async function signInCookie(email: string, password: string): Promise<string | null> {
  const res = await auth.api.signInEmail({ body: { email, password }, asResponse: true }).catch(() => null);
  if (!res?.ok) return null;
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .join('; ');
}

describe('kizuna operator CLI', () => {
  it('creates an owner with a generated password, printed once, that signs in; the audit row names the CLI and no password', async () => {
    const r = await cli(['operator', 'create', '--email', 'Owner@Example.test', '--role', 'owner', '--name', 'First Owner']);
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({ ok: true, operator: { email: 'owner@example.test', role: 'owner' } });
    const password = r.out.password ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);

    const cookie = await signInCookie('owner@example.test', password);
    expect(cookie).not.toBeNull();
    expect(await operatorFromHeaders(auth, tdb.db, new Headers({ cookie: cookie ?? '' }))).toMatchObject({
      role: 'owner',
      name: 'First Owner',
    });

    const rows = await tdb.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'operator_created'), isNull(auditLog.actorId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ objectType: 'operator', objectId: r.out.operator?.id, detail: { via: 'cli', role: 'owner' } });
    expect(JSON.stringify(rows[0])).not.toContain(password);
  });

  it('takes the password from stdin and then prints none; a reset signs the operator out and only the new password works', async () => {
    const created = await cli(['operator', 'create', '--email', 'editor@example.test', '--role', 'editor', '--password-stdin'], {
      stdin: 'my-own-password-123\n',
    });
    expect(created.code).toBe(0);
    expect(created.out).not.toHaveProperty('password');
    const cookie = await signInCookie('editor@example.test', 'my-own-password-123');
    expect(cookie).not.toBeNull();

    const reset = await cli(['operator', 'reset-password', '--email', 'editor@example.test']);
    expect(reset.code).toBe(0);
    expect(await operatorFromHeaders(auth, tdb.db, new Headers({ cookie: cookie ?? '' }))).toBeNull();
    expect(await signInCookie('editor@example.test', 'my-own-password-123')).toBeNull();
    expect(await signInCookie('editor@example.test', reset.out.password ?? '')).not.toBeNull();

    const list = await cli(['operator', 'list']);
    expect(list.code).toBe(0);
    expect(list.out.operators?.map((o) => [o.email, o.role])).toEqual([
      ['owner@example.test', 'owner'],
      ['editor@example.test', 'editor'],
    ]);
  });

  it('refuses with a message naming the problem and exit status 1', async () => {
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [['operator', 'create', '--email', 'owner@example.test', '--role', 'owner'], /already exists/],
      [['operator', 'create', '--email', 'x@example.test', '--role', 'boss'], /--role must be one of owner, publisher/],
      [['operator', 'create', '--role', 'owner'], /--email is required/],
      [['operator', 'create', '--email', 'not-an-email', '--role', 'viewer'], /email/],
      [['operator', 'reset-password', '--email', 'nobody@example.test'], /no active operator/],
      [['operator', 'list'], /DATABASE_URL/, { DATABASE_URL: '' }],
      [['operator', 'frobnicate'], /unknown operator command/],
    ];
    for (const [args, message, env] of cases) {
      const r = await cli(args, { env });
      expect({ args, code: r.code, ok: r.out.ok }).toEqual({ args, code: 1, ok: false });
      expect(r.out.error).toMatch(message);
    }
    const short = await cli(['operator', 'create', '--email', 'y@example.test', '--role', 'viewer', '--password-stdin'], {
      stdin: 'short',
    });
    expect(short.code).toBe(1);
    expect(short.out.error).toMatch(/12 characters/);
  });
});
