// What the engine's server-side functions need: the database, a Temporal client and the queue names.
import type { Client } from '@temporalio/client';
import type { Db } from '@/db/client';

export interface EngineDeps {
  db: Db;
  temporal: () => Promise<Client>;
  taskQueue: string;
  sendTaskQueue: string;
}
