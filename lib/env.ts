// The only reader of process.env: every setting parsed through one zod schema, with clear errors.
import { z } from 'zod';
import { LinePlanTableSchema } from '../scenario/line-plans';
import { DEV_PAYLOAD_KEYS, holdsDevPayloadKey, parsePayloadKeys, type PayloadKey } from './temporal/payload-keys';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const hostPort = z.string().regex(/^[A-Za-z0-9.\-_\[\]:]+:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:7233');

/** The dev defaults: fine on a laptop, refused in production (anyone who read this file could forge with them). */
export const DEV_DEFAULTS = {
  LINE_CHANNEL_ACCESS_TOKEN: 'kizuna-dev-token',
  LINE_CHANNEL_SECRET: 'kizuna-dev-secret',
  KIZUNA_SECRET: 'kizuna-dev-secret-change-me',
  LINE_LOGIN_CHANNEL_ID: '1000000001',
  LINE_LOGIN_CHANNEL_SECRET: 'kizuna-dev-login-secret',
  KIZUNA_PAYLOAD_KEYS: DEV_PAYLOAD_KEYS,
} as const;

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** `production` turns on the production checks for the app and the worker alike (NODE_ENV alone is not enough). */
  KIZUNA_ENV: z.enum(['development', 'production']).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection string')
    .optional(),
  TEMPORAL_ADDRESS: hostPort.optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('kizuna'),
  TEMPORAL_SEND_TASK_QUEUE: z.string().min(1).default('kizuna-send'),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_TLS: bool,
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  LINE_CHANNEL_ACCESS_TOKEN: z.string().min(1).default(DEV_DEFAULTS.LINE_CHANNEL_ACCESS_TOKEN),
  LINE_CHANNEL_SECRET: z.string().min(1).default(DEV_DEFAULTS.LINE_CHANNEL_SECRET),
  LINE_API_BASE_URL: z.url('expected a URL such as https://api.line.me').default('https://api.line.me'),
  LINE_SEND_RATE_PER_SECOND: z.coerce
    .number({ error: 'expected a number of messages per second' })
    .positive('expected a positive number')
    .default(1500),
  LINE_SANDBOX_URL: z.url('expected a URL').optional(),
  /** LINE's account-link dialog; by default access.line.me, or the stand-in's own when LINE_API_BASE_URL points elsewhere. */
  LINE_ACCOUNT_LINK_DIALOG_URL: z.url('expected a URL').optional(),
  /**
   * The LINE Login channel of inflow routes (流入経路), linked to the Messaging API channel for bot_prompt. Both or
   * neither: unset, development uses the sandbox's dev channel and production runs without inflow routes.
   */
  LINE_LOGIN_CHANNEL_ID: z.string().min(1).optional(),
  LINE_LOGIN_CHANNEL_SECRET: z.string().min(1).optional(),
  /** LINE Login's OpenID issuer; by default https://access.line.me, or the stand-in's when LINE_API_BASE_URL points elsewhere. */
  LINE_LOGIN_ISSUER: z.url('expected a URL such as https://access.line.me').optional(),
  APP_BASE_URL: z.url('expected a URL such as https://kizuna.example.com').default('http://localhost:3000'),
  KIZUNA_SECRET: z.string().min(16, 'expected at least 16 characters').default(DEV_DEFAULTS.KIZUNA_SECRET),
  KIZUNA_DEV_MODE: bool,
  /** Keys of the Temporal payload codec: `keyId:base64-of-32-bytes`, comma-separated, the first encrypts, all decrypt. */
  KIZUNA_PAYLOAD_KEYS: z
    .string()
    .superRefine((text, ctx) => {
      const parsed = parsePayloadKeys(text);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
    })
    .default(DEV_DEFAULTS.KIZUNA_PAYLOAD_KEYS),
  /** The bearer token of `kizuna codec-server` (the Temporal UI's codec endpoint); a flag may give it instead. */
  KIZUNA_CODEC_SERVER_TOKEN: z.string().min(32, 'expected at least 32 characters').optional(),
  /** Single sign-on for operators (optional): an OpenID Connect issuer and this app's client there. */
  KIZUNA_OIDC_ISSUER: z.url('expected the issuer URL, e.g. https://login.example.com').optional(),
  KIZUNA_OIDC_CLIENT_ID: z.string().min(1).optional(),
  KIZUNA_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Account linking with the shop's login (docs/line-edge.md): its page, and the key its assertions are signed with. */
  KIZUNA_SHOP_LINK_URL: z.url({ protocol: /^https?$/, error: "expected the http(s) URL of the shop's member login" }).optional(),
  KIZUNA_SHOP_LINK_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  /**
   * A LIFF app (LINE Login channel) whose endpoint URL is `${APP_BASE_URL}/f/liff`: form links in messages then open as
   * `https://liff.line.me/{id}?t=<signed token>` inside LINE. Unset: the plain signed `/f/{token}` link.
   */
  KIZUNA_LIFF_ID: z
    .string()
    .regex(/^\d+-[A-Za-z0-9]+$/, 'expected a LIFF ID such as 1234567890-AbcdEfgh (LINE Developers console, LIFF tab)')
    .optional(),
  /** Days webhook payloads and message texts are kept before the daily retention job prunes them (docs/security.md). */
  KIZUNA_RETENTION_DAYS: z.coerce
    .number({ error: 'expected a number of days' })
    .int('expected a whole number of days')
    .min(1, 'expected at least 1 day')
    .max(3650, 'expected at most 3650 days')
    .default(30),
  /** The worker's capacity (BENCHMARKS.md, "Worker capacity"): its PostgreSQL pool, shared by activities and the dispatcher. */
  KIZUNA_WORKER_DB_POOL: z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .min(4, 'expected at least 4')
    .max(200, 'expected at most 200')
    .default(20),
  /** Activities run at once on the main queue (bookkeeping: each holds one pooled connection at a time); default: the pool. */
  KIZUNA_WORKER_ACTIVITY_SLOTS: z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .max(1000, 'expected at most 1000')
    .optional(),
  /** Sends run at once (they mostly wait for LINE and their pacer slot, holding no connection); default: twice the pool. */
  KIZUNA_WORKER_SEND_SLOTS: z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .max(2000, 'expected at most 2000')
    .optional(),
  /** Workflows kept in the worker's memory between their tasks (a parked friend's run is replayed from history when evicted). */
  KIZUNA_WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .min(0, 'expected at least 0')
    .max(100000, 'expected at most 100000')
    .default(2000),
  /** The LINE plans' quotas and prices (JSON, the shape of DEFAULT_LINE_PLANS in scenario/line-plans.ts); default: LINE Japan's published plans. */
  KIZUNA_LINE_PLANS: z
    .string()
    .transform((text, ctx) => {
      try {
        const parsed = LinePlanTableSchema.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: 'custom', message: `expected a plan table: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected JSON' });
      }
      return z.NEVER;
    })
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    // The variable and the rule, never the value: it may be a secret or a password inside a connection string.
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = result.data;
  const oidcSet = [env.KIZUNA_OIDC_ISSUER, env.KIZUNA_OIDC_CLIENT_ID, env.KIZUNA_OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    throw new ConfigError([
      'KIZUNA_OIDC_ISSUER, KIZUNA_OIDC_CLIENT_ID, KIZUNA_OIDC_CLIENT_SECRET: set all three for single sign-on, or none',
    ]);
  }
  if (Boolean(env.LINE_LOGIN_CHANNEL_ID) !== Boolean(env.LINE_LOGIN_CHANNEL_SECRET)) {
    const [missing, given] = env.LINE_LOGIN_CHANNEL_ID
      ? ['LINE_LOGIN_CHANNEL_SECRET', 'LINE_LOGIN_CHANNEL_ID']
      : ['LINE_LOGIN_CHANNEL_ID', 'LINE_LOGIN_CHANNEL_SECRET'];
    throw new ConfigError([`${missing}: not set; inflow routes need it with ${given} (or set neither to run without them)`]);
  }
  if (Boolean(env.KIZUNA_SHOP_LINK_URL) !== Boolean(env.KIZUNA_SHOP_LINK_SECRET)) {
    throw new ConfigError(['KIZUNA_SHOP_LINK_URL, KIZUNA_SHOP_LINK_SECRET: set both for account linking through the shop, or neither']);
  }
  if (isProduction(env)) {
    const problems = productionProblems(env);
    if (problems.length > 0) throw new ConfigError(problems);
  }
  return env;
}

/** Production when KIZUNA_ENV says so, or when it is unset and NODE_ENV is production (`next start`). */
export function isProduction(e: Pick<Env, 'KIZUNA_ENV' | 'NODE_ENV'>): boolean {
  return e.KIZUNA_ENV === 'production' || (e.KIZUNA_ENV === undefined && e.NODE_ENV === 'production');
}

function productionProblems(e: Env): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(DEV_DEFAULTS) as (keyof typeof DEV_DEFAULTS)[]) {
    if (e[name] === DEV_DEFAULTS[name])
      problems.push(`${name}: must be set to a value of your own in production (the dev default is public)`);
  }
  if (!e.APP_BASE_URL.startsWith('https://'))
    problems.push('APP_BASE_URL: must be an https:// URL in production (LINE and browsers reach the app there)');
  if (e.KIZUNA_PAYLOAD_KEYS !== DEV_DEFAULTS.KIZUNA_PAYLOAD_KEYS && holdsDevPayloadKey(payloadKeys(e)))
    problems.push('KIZUNA_PAYLOAD_KEYS: must not list the dev key in production (it is public)');
  if (e.KIZUNA_SHOP_LINK_URL && !e.KIZUNA_SHOP_LINK_URL.startsWith('https://'))
    problems.push('KIZUNA_SHOP_LINK_URL: must be an https:// URL in production (the member signs in there)');
  if (e.KIZUNA_SHOP_LINK_SECRET && e.KIZUNA_SHOP_LINK_SECRET === e.KIZUNA_SECRET)
    problems.push('KIZUNA_SHOP_LINK_SECRET: must not be KIZUNA_SECRET (the shop holds it)');
  if (e.KIZUNA_DEV_MODE) problems.push('KIZUNA_DEV_MODE: must be off in production (it opens the sandbox phone)');
  return problems;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The database URL, which the launcher always provides (embedded PostgreSQL when none is configured). */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new ConfigError(['DATABASE_URL: not set; start Kizuna with `npm run dev`, which provides one']);
  return url;
}

/** The payload codec's keys (validated by the schema), the current one first. */
export function payloadKeys(e: Pick<Env, 'KIZUNA_PAYLOAD_KEYS'>): PayloadKey[] {
  const parsed = parsePayloadKeys(e.KIZUNA_PAYLOAD_KEYS);
  if (!parsed.ok) throw new ConfigError([`KIZUNA_PAYLOAD_KEYS: ${parsed.problem}`]);
  return parsed.keys;
}

/** The OIDC single sign-on settings, when all three variables are set. */
export function oidcConfig(e: Env): { issuer: string; clientId: string; clientSecret: string } | null {
  if (!e.KIZUNA_OIDC_ISSUER || !e.KIZUNA_OIDC_CLIENT_ID || !e.KIZUNA_OIDC_CLIENT_SECRET) return null;
  return { issuer: e.KIZUNA_OIDC_ISSUER, clientId: e.KIZUNA_OIDC_CLIENT_ID, clientSecret: e.KIZUNA_OIDC_CLIENT_SECRET };
}

/**
 * LINE Login for inflow routes: the issuer (discovery at its /.well-known/openid-configuration) and the channel. Null in
 * production without a channel: inflow routes are then off (/routes says so, /in/* answers 503); development falls back
 * to the sandbox's dev channel.
 */
export function lineLoginConfig(
  e: Pick<
    Env,
    'LINE_API_BASE_URL' | 'LINE_LOGIN_ISSUER' | 'LINE_LOGIN_CHANNEL_ID' | 'LINE_LOGIN_CHANNEL_SECRET' | 'KIZUNA_ENV' | 'NODE_ENV'
  >,
): { issuer: string; channelId: string; channelSecret: string } | null {
  const api = new URL(e.LINE_API_BASE_URL);
  const issuer = e.LINE_LOGIN_ISSUER ?? (api.hostname === 'api.line.me' ? 'https://access.line.me' : `${api.origin}/__login`);
  if (e.LINE_LOGIN_CHANNEL_ID && e.LINE_LOGIN_CHANNEL_SECRET) {
    return { issuer, channelId: e.LINE_LOGIN_CHANNEL_ID, channelSecret: e.LINE_LOGIN_CHANNEL_SECRET };
  }
  if (isProduction(e)) return null;
  return { issuer, channelId: DEV_DEFAULTS.LINE_LOGIN_CHANNEL_ID, channelSecret: DEV_DEFAULTS.LINE_LOGIN_CHANNEL_SECRET };
}

/** Account linking through the shop's login, when both variables are set. */
export function shopLinkConfig(e: Pick<Env, 'KIZUNA_SHOP_LINK_URL' | 'KIZUNA_SHOP_LINK_SECRET'>): { url: string; secret: string } | null {
  if (!e.KIZUNA_SHOP_LINK_URL || !e.KIZUNA_SHOP_LINK_SECRET) return null;
  return { url: e.KIZUNA_SHOP_LINK_URL, secret: e.KIZUNA_SHOP_LINK_SECRET };
}
