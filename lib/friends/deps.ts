// What the LINE edge and the friends/events APIs need from outside: database, LINE client, the engine's triggers, clock
// (the app's composition root, lib/app-deps.ts, provides them).
import type { Db } from '@/db/client';
import type { LineClient } from '../line/client';

/** The engine's trigger functions, bound to the same process's deps (engineHooks in lib/engine/triggers.ts). */
export interface EngineHooks {
  friendAdded(a: { friendId: string; isUnblocked: boolean; at: Date }): Promise<unknown>;
  friendBlocked(a: { friendId: string; at: Date }): Promise<unknown>;
  event(a: {
    friendId: string;
    eventId: string;
    name: string;
    occurredAt: Date;
    properties: Record<string, unknown>;
    isTest: boolean;
  }): Promise<unknown>;
  tagAdded(a: { friendId: string; tag: string; at: Date }): Promise<unknown>;
}

export interface EdgeDeps {
  db: Db;
  line: LineClient;
  engine: EngineHooks;
  now: () => Date;
  /** KIZUNA_SECRET: signs tracked links, member-link parameters and account-link state. */
  secret: string;
  /** APP_BASE_URL, for links we hand out. */
  appBaseUrl: string;
  /** Where LINE's account-link dialog lives (access.line.me, or the sandbox in dev). */
  accountLinkDialogUrl: string;
}
