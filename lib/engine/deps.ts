// What the engine's server-side functions need: the database, a Temporal client and the queue names (given by the
// process's composition root: lib/app-deps.ts in the app, worker/deps.ts in the worker).
import type { Client } from '@temporalio/client';
import type { Db } from '@/db/client';
import type { LineClient } from '../line/client';

export interface EngineDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  sendTaskQueue: string;
  /** The worker's LINE client: the dispatcher answers keyword auto-replies with it (lib/engine/keyword-replies.ts). */
  line?: LineClient;
  /** The friend's signed link to a form, for {{form:<slug>}} in keyword auto-replies (the worker gives it). */
  formUrl?: (args: { friendId: string; slug: string }) => string;
}
