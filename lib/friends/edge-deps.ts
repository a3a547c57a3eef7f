// Builds EdgeDeps for the running app from the environment: the real database, LINE client and engine triggers.
import { engineDeps, onEvent, onFriendAdded, onFriendBlocked, onTagAdded } from '../engine/triggers';
import { db } from '../db';
import { env } from '../env';
import { lineClient } from '../line/client';
import { accountLinkDialogUrl } from '../line/account-link-url';
import type { EdgeDeps, EngineHooks } from './deps';

export function engineHooks(): EngineHooks {
  return {
    friendAdded: (a) => onFriendAdded(engineDeps(), a),
    friendBlocked: (a) => onFriendBlocked(engineDeps(), a),
    event: (a) => onEvent(engineDeps(), a),
    tagAdded: (a) => onTagAdded(engineDeps(), a),
  };
}

export function edgeDeps(): EdgeDeps {
  const e = env();
  return {
    db: db(),
    line: lineClient(),
    engine: engineHooks(),
    now: () => new Date(),
    secret: e.KIZUNA_SECRET,
    appBaseUrl: e.APP_BASE_URL,
    accountLinkDialogUrl: accountLinkDialogUrl(e),
  };
}
