// The process-wide database client for app/ and worker/, built from the environment once.
import { createDb, type Db } from '@/db/client';
import { databaseUrl } from './env';

const globalForDb = globalThis as unknown as { kizunaDb?: Db };

export function db(): Db {
  // Kept on globalThis so Next's hot reload does not open a new pool per edit.
  globalForDb.kizunaDb ??= createDb(databaseUrl()).db;
  return globalForDb.kizunaDb;
}
