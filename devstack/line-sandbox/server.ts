// Starts the LINE sandbox: LINE's Messaging API at the root, the simulated phone and admin API under /__sandbox/.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson } from './http-util';
import { newUserId } from './ids';
import { createLineLogin, DEFAULT_LOGIN_CHANNEL, LOGIN_PREFIX, type LineLoginHandler } from './line-login';
import { bundledOpenApiDir, loadLineValidator } from './openapi-validator';
import { createPhone, type Phone } from './phone';
import { createRateLimiter, type RateLimits } from './rate-limiter';
import { handleAdmin } from './routes-admin';
import { handleMessaging } from './routes-messaging';
import { handleRichMenuImage } from './rich-menus';
import { createState, statsSnapshot, type RequestRecord, type SandboxState } from './state';

export type LineSandboxOptions = {
  /** 0 picks a free port. Default 0. */
  port?: number;
  host?: string;
  /** Where phone actions POST webhooks; can be changed later through POST /__sandbox/config. */
  webhookUrl?: string;
  /** Signs webhooks (x-line-signature). */
  channelSecret?: string;
  /** When set, requests must carry exactly `Authorization: Bearer <token>`; otherwise any bearer token passes. */
  channelAccessToken?: string;
  /** Rate limits (changeable later through POST /__sandbox/config) and the monthly quota. */
  limits?: Partial<RateLimits> & { monthlyQuota?: number };
  /** Directory holding messaging-api.yml and webhook.yml; defaults to the copy beside this file. */
  openApiDir?: string;
  /** Accept pushes to well-formed user ids the sandbox has never seen (LINE answers 400 "Failed to send messages"). */
  acceptUnknownUsers?: boolean;
  /** The `destination` of webhooks. */
  botUserId?: string;
  /** How many requests the log keeps (invalid ones are kept in a log of their own of the same size). */
  requestLogLimit?: number;
  /** The LINE Login channel the stand-in under /__login knows (default: the app's dev defaults). */
  lineLogin?: { channelId: string; channelSecret: string };
  /** Clock and randomness, injectable for tests. */
  now?: () => number;
  random?: () => number;
};

export type LineSandbox = {
  url: string;
  port: number;
  state: SandboxState;
  phone: Phone;
  /** Requests that broke LINE's contract (schema, JSON, headers, credentials, unknown paths). */
  invalidRequests(): RequestRecord[];
  stats(): ReturnType<typeof statsSnapshot>;
  close(): Promise<void>;
};

export const DEFAULT_CHANNEL_SECRET = 'line-sandbox-channel-secret';

export async function startLineSandbox(opts: LineSandboxOptions = {}): Promise<LineSandbox> {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const validator = loadLineValidator(opts.openApiDir ?? bundledOpenApiDir);
  // The message schemas compiled now (~125 ms, once per process), not on the first push: LINE has no cold start, and a
  // first push that compiled them would hold the next ones back and let them in together, past a tight rate limit.
  for (const schema of ['PushMessageRequest', 'MulticastRequest'] as const) validator.messaging(schema, {});
  const state = createState(
    {
      webhookUrl: opts.webhookUrl ?? null,
      channelSecret: opts.channelSecret ?? DEFAULT_CHANNEL_SECRET,
      channelAccessToken: opts.channelAccessToken ?? null,
      botUserId: opts.botUserId ?? newUserId(),
      monthlyQuota: opts.limits?.monthlyQuota ?? null,
      acceptUnknownUsers: opts.acceptUnknownUsers ?? false,
      requestLogLimit: opts.requestLogLimit ?? 10_000,
    },
    now,
  );
  const limiter = createRateLimiter(opts.limits ?? {}, now);
  const phone = createPhone(state, validator, now);

  // The LINE Login stand-in needs its issuer (this server's URL), known once it listens.
  let login: LineLoginHandler | null = null;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    void (async () => {
      if (login && (await login(req, res, url))) return;
      if (handleRichMenuImage(req, res, url, state.richMenus)) return;
      if (await handleAdmin(req, res, url, { state, phone, limiter, now })) return;
      if (await handleMessaging(req, res, url, { state, validator, limiter, now, random })) return;
      sendJson(res, 404, { message: 'Not found' });
    })().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: `LINE sandbox failure: ${String(err)}` });
      else res.destroy();
    });
  });
  // Connections stay open between requests, as LINE's API keeps them (close() closes idle ones). A short timeout made
  // undici (Node's fetch, used by @line/bot-sdk) give up every socket after one answer: a new connection per push.
  server.keepAliveTimeout = 60_000;

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('LINE sandbox: no TCP address');
  const port = (address satisfies AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  login = await createLineLogin(state, phone, {
    issuer: `http://${urlHost}:${port}${LOGIN_PREFIX}`,
    channelId: opts.lineLogin?.channelId ?? DEFAULT_LOGIN_CHANNEL.id,
    channelSecret: opts.lineLogin?.channelSecret ?? DEFAULT_LOGIN_CHANNEL.secret,
  });

  return {
    url: `http://${urlHost}:${port}`,
    port,
    state,
    phone,
    invalidRequests: () => [...state.invalidRequests],
    stats: () => statsSnapshot(state, now()),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
