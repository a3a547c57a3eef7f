// The app's composition root for route and action tests that reach no LINE: every LINE address is a closed port, so a
// call that passes a guard stops at validation or an unknown id. Installed where lib/app-deps.ts looks for it.
import { createAppDeps, type AppDeps } from '../lib/app-deps';

type Holder = { kizunaAppDeps?: AppDeps };

export function installOfflineAppDeps(opts: {
  databaseUrl: string;
  temporalAddress: string;
  /** Names the task queues and the LINE credentials, so parallel test files never share them. */
  name: string;
  secret: string;
  appBaseUrl: string;
  devMode: boolean;
}): AppDeps {
  const { name } = opts;
  const deps = createAppDeps({
    databaseUrl: opts.databaseUrl,
    temporal: { address: opts.temporalAddress, namespace: 'default' },
    taskQueue: `${name}-${process.pid}`,
    sendTaskQueue: `${name}-send-${process.pid}`,
    line: { channelAccessToken: `${name}-token`, baseURL: 'http://127.0.0.1:9', channelSecret: `${name}-channel-secret` },
    secret: opts.secret,
    appBaseUrl: opts.appBaseUrl,
    accountLinkDialogUrl: 'http://127.0.0.1:9/dialog/bot/accountLink',
    oidc: null,
    devMode: opts.devMode,
  });
  (globalThis as Holder).kizunaAppDeps = deps;
  return deps;
}

export function uninstallAppDeps(): void {
  delete (globalThis as Holder).kizunaAppDeps;
}
