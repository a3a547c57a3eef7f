// The Next app's composition root: the database pool, Temporal client and LINE client, built once per process and
// handed to every route handler, server action and page as one object.
import 'server-only';
import { Client, Connection } from '@temporalio/client';
import { nextCookies } from 'better-auth/next-js';
import { createDb } from '@/db/client';
import type { EngineDeps } from './engine/deps';
import { createAuth, type Auth, type OidcConfig } from './auth/auth';
import { databaseUrl, env, lineLoginConfig, oidcConfig, payloadKeys, type Env } from './env';
import type { EdgeDeps } from './friends/deps';
import type { LineLoginConfig } from './inflow/line-login';
import { accountLinkDialogUrl } from './line/account-link-url';
import { createLineBlobClient, createLineClient, type LineBlobClient, type LineClient } from './line/client';
import { createRichMenuInsightReader, type RichMenuInsightReader } from './line/rich-menu-insight';
import { temporalConnectionOptions, type TemporalConnectionOptions } from './temporal-connection';
import { clientDataConverter } from './temporal/data-converter';
import { devPayloadKeys, type PayloadKey } from './temporal/payload-keys';

export interface AppDeps extends EdgeDeps, EngineDeps {
  /** The LINE client (EdgeDeps needs it; EngineDeps has it optional, for keyword replies). */
  line: LineClient;
  /** LINE's upload client (rich-menu images). */
  lineBlob: LineBlobClient;
  /** LINE's rich-menu statistics (insight), for the rich-menu report. */
  richMenuInsight: RichMenuInsightReader;
  /** LINE_CHANNEL_SECRET: verifies `x-line-signature` on webhooks. */
  channelSecret: string;
  /** Operator sign-in and sessions (better-auth over the same database). */
  auth: Auth;
  /** Whether OIDC single sign-on is configured (the sign-in page shows its button). */
  ssoEnabled: boolean;
  /** KIZUNA_DEV_MODE: dev-only pages (the sandbox phone) and the dev owner. */
  devMode: boolean;
  /** LINE Login for inflow routes (流入経路); null when the root was built without it (/in/* answers 404). */
  lineLogin: LineLoginConfig | null;
  /** Ends the database pool and the Temporal connection (tests and scripts; the app holds them until it exits). */
  close(): Promise<void>;
}

/** Everything the root is built from: the environment in the app, the test's own services in the harness. */
export interface AppConfig {
  databaseUrl: string;
  temporal: TemporalConnectionOptions & { namespace: string };
  taskQueue: string;
  sendTaskQueue: string;
  line: { channelAccessToken: string; baseURL: string; channelSecret: string };
  secret: string;
  appBaseUrl: string;
  accountLinkDialogUrl: string;
  oidc: OidcConfig | null;
  devMode: boolean;
  /** Null or absent: inflow routes are off (production without a LINE Login channel). */
  lineLogin?: LineLoginConfig | null;
  /** KIZUNA_LIFF_ID: form links open through this LIFF app; absent, the plain /f/{token} link. */
  liffId?: string | null;
  /** KIZUNA_PAYLOAD_KEYS, parsed: the Temporal client encrypts payloads with them (by default the dev key, as in tests). */
  payloadKeys?: readonly PayloadKey[];
}

export function appConfigFromEnv(e: Env): AppConfig {
  return {
    databaseUrl: databaseUrl(),
    temporal: { ...temporalConnectionOptions(e), namespace: e.TEMPORAL_NAMESPACE },
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    sendTaskQueue: e.TEMPORAL_SEND_TASK_QUEUE,
    line: { channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN, baseURL: e.LINE_API_BASE_URL, channelSecret: e.LINE_CHANNEL_SECRET },
    secret: e.KIZUNA_SECRET,
    appBaseUrl: e.APP_BASE_URL,
    accountLinkDialogUrl: accountLinkDialogUrl(e),
    oidc: oidcConfig(e),
    devMode: e.KIZUNA_DEV_MODE,
    lineLogin: lineLoginConfig(e),
    liffId: e.KIZUNA_LIFF_ID ?? null,
    payloadKeys: payloadKeys(e),
  };
}

export function createAppDeps(config: AppConfig): AppDeps {
  const { namespace, ...connectionOptions } = config.temporal;
  const { db, close: closeDb } = createDb(config.databaseUrl);
  // A lazy connection: nothing dials Temporal until a request needs it, and gRPC reconnects after an outage.
  const connection = Connection.lazy(connectionOptions);
  // Run inputs carry the friend's name and attributes: Temporal only ever stores them encrypted.
  const temporal = new Client({ connection, namespace, dataConverter: clientDataConverter(config.payloadKeys ?? devPayloadKeys()) });
  const engineDeps: EngineDeps = { db, temporal, taskQueue: config.taskQueue, sendTaskQueue: config.sendTaskQueue };
  return {
    ...engineDeps,
    line: createLineClient({ channelAccessToken: config.line.channelAccessToken, baseURL: config.line.baseURL }),
    lineBlob: createLineBlobClient({ channelAccessToken: config.line.channelAccessToken, baseURL: config.line.baseURL }),
    richMenuInsight: createRichMenuInsightReader({ channelAccessToken: config.line.channelAccessToken, baseURL: config.line.baseURL }),
    channelSecret: config.line.channelSecret,
    auth: createAuth(db, { appBaseUrl: config.appBaseUrl, secret: config.secret, oidc: config.oidc, plugins: [nextCookies()] }),
    ssoEnabled: config.oidc !== null,
    devMode: config.devMode,
    lineLogin: config.lineLogin ?? null,
    now: () => new Date(),
    secret: config.secret,
    appBaseUrl: config.appBaseUrl,
    liffId: config.liffId ?? null,
    accountLinkDialogUrl: config.accountLinkDialogUrl,
    close: async () => {
      await connection.close();
      await closeDb();
    },
  };
}

const holder = globalThis as unknown as { kizunaAppDeps?: AppDeps };

/** The app's deps, built from the environment on first use. */
export function appDeps(): AppDeps {
  // Kept on globalThis so Next's hot reload does not open a new pool per edit.
  holder.kizunaAppDeps ??= createAppDeps(appConfigFromEnv(env()));
  return holder.kizunaAppDeps;
}
