// Node-only half of instrumentation.ts: validates the whole environment when the server starts, then applies the
// database migrations, and exits on a bad environment (naming the variable, never its value) or a failed migration.
import { migrateDatabase } from '@/db/migrate';
import { ConfigError, databaseUrl, env } from './env';
import { logError } from './log';

export function checkEnvironmentOrExit(): void {
  try {
    env();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

/**
 * `next start` migrates as the worker does, so the app can be the first process on a fresh database; several app
 * instances and workers starting at once take turns (db/migrate.ts holds an advisory lock). Idempotent: under
 * `npm run dev` the launcher has already migrated and this finds nothing to do.
 */
export async function migrateOrExit(): Promise<void> {
  try {
    await migrateDatabase(databaseUrl());
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else logError('could not migrate the database at start-up', err);
    process.exit(1);
  }
}
