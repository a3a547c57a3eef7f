// What activities need from the outside world, passed in so tests give real test services.
import type { messagingApi } from '@line/bot-sdk';
import type { Db } from '@/db/client';
import type { LineMessage } from '@/scenario/messages';

export interface ActivityDeps {
  db: Db;
  /** The LINE Messaging API client (the sandbox in dev and tests, LINE in production). */
  line?: messagingApi.MessagingApiClient;
  /** Rewrites a URL of a sent message into a tracked /r/{token} link. */
  trackUrl?: (args: { runId: string; nodeId: string; friendId: string; target: string; isTest: boolean }) => string;
  /** Starts runs for scenarios triggered by a tag a run just added (tag_added triggers). */
  onTagAdded?: (args: { friendId: string; tag: string; at: Date }) => Promise<void>;
  /** Benchmarks only: told when the baseline's no-op activity ran. */
  onBenchNoop?: (id: string, at: number) => void;
}

export type { LineMessage };
