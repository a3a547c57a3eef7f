// CLI for `npm run sandbox`: starts the LINE sandbox from the environment and prints its URL on one line.
import { z } from 'zod';
import { EnvSchema } from '../../lib/env';
import { DEFAULT_LOGIN_CHANNEL } from './line-login';
import { startLineSandbox } from './server';

// The channel secret and token default exactly as the app's do, so webhooks verify and pushes authenticate
// when neither is set.
const Env = EnvSchema.pick({
  LINE_CHANNEL_SECRET: true,
  LINE_CHANNEL_ACCESS_TOKEN: true,
  LINE_LOGIN_CHANNEL_ID: true,
  LINE_LOGIN_CHANNEL_SECRET: true,
}).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  HOST: z.string().default('127.0.0.1'),
  LINE_SANDBOX_WEBHOOK_URL: z.url().optional(),
  LINE_SANDBOX_MONTHLY_QUOTA: z.coerce.number().int().min(0).optional(),
  /** Push rate limit (LINE's is 2,000/s) and how it counts: `token-bucket` (default) or `sliding-window`. */
  LINE_SANDBOX_PUSH_PER_SECOND: z.coerce.number().positive().optional(),
  LINE_SANDBOX_RATE_LIMIT_MODE: z.enum(['token-bucket', 'sliding-window']).optional(),
  /** Another copy of LINE's OpenAPI files (e.g. a newer line/line-openapi checkout); default: devstack/line-sandbox/openapi. */
  LINE_SANDBOX_OPENAPI_DIR: z.string().min(1).optional(),
});

// An empty variable means "unset", as lib/env.ts reads it.
const env = Env.parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== '')));
const sandbox = await startLineSandbox({
  port: env.PORT,
  host: env.HOST,
  channelSecret: env.LINE_CHANNEL_SECRET,
  channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN,
  lineLogin: {
    channelId: env.LINE_LOGIN_CHANNEL_ID ?? DEFAULT_LOGIN_CHANNEL.id,
    channelSecret: env.LINE_LOGIN_CHANNEL_SECRET ?? DEFAULT_LOGIN_CHANNEL.secret,
  },
  ...(env.LINE_SANDBOX_WEBHOOK_URL ? { webhookUrl: env.LINE_SANDBOX_WEBHOOK_URL } : {}),
  ...(env.LINE_SANDBOX_OPENAPI_DIR ? { openApiDir: env.LINE_SANDBOX_OPENAPI_DIR } : {}),
  limits: {
    ...(env.LINE_SANDBOX_MONTHLY_QUOTA !== undefined ? { monthlyQuota: env.LINE_SANDBOX_MONTHLY_QUOTA } : {}),
    ...(env.LINE_SANDBOX_PUSH_PER_SECOND !== undefined ? { pushPerSecond: env.LINE_SANDBOX_PUSH_PER_SECOND } : {}),
    ...(env.LINE_SANDBOX_RATE_LIMIT_MODE ? { rateLimitMode: env.LINE_SANDBOX_RATE_LIMIT_MODE } : {}),
  },
});
console.log(`LINE sandbox listening on ${sandbox.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().finally(() => process.exit(0));
  });
}
