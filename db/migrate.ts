// Applies the generated migrations in db/migrations to the database at `url` (idempotent), after checking that the
// database's migration history belongs to this chain.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * The journal timestamps (`when`, which drizzle records as `created_at`) of the migrations 0000_init …
 * 0011_rollup_chain_by_friend that 0000_baseline and 0001_live_functions replaced. A database carrying them has the
 * same schema, but drizzle would try to create it again from the baseline.
 */
const REPLACED_CHAIN: ReadonlyMap<number, string> = new Map([
  [1795453197259, '0000_init'],
  [1795456658449, '0001_analytics_indexes'],
  [1795463109734, '0002_analytics_rollup'],
  [1795463123485, '0003_analytics_rollup_triggers'],
  [1795463539764, '0004_outbox_analytics_index'],
  [1795463926207, '0005_node_reach_friend_index'],
  [1795464179305, '0006_analytics_rollup_v2_drop_triggers'],
  [1795464180301, '0007_drop_node_reach'],
  [1795464189736, '0008_node_days'],
  [1795464190476, '0009_node_days_triggers'],
  [1795465110552, '0010_rollup_triggers_static_sql'],
  [1796284202853, '0011_rollup_chain_by_friend'],
]);

/** The database's migration history does not belong to db/migrations; nothing was changed. */
export class MigrationHistoryError extends Error {
  override name = 'MigrationHistoryError';
}

/**
 * Every process migrates at start (app instances, workers, the CLI), so several may start at once on a fresh database:
 * a session-level advisory lock lets one migrate while the others wait, then find nothing left to do. Without it they
 * race on `create schema drizzle` and replay the same migration. The lock goes with the connection if a process dies.
 */
const MIGRATION_LOCK = "hashtextextended('kizuna:migrate', 0)";

export async function migrateDatabase(url: string): Promise<void> {
  // One connection: the lock, the history check and drizzle's transaction all run in the session that holds the lock.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    await checkMigrationHistory(
      sql,
      readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis),
    );
    await migrate(drizzle(sql), { migrationsFolder });
    await sql.unsafe(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  } finally {
    // On an error the lock is released with the session here.
    await sql.end({ timeout: 5 });
  }
}

/**
 * Drizzle applies every migration newer than the last one recorded, so a history from another chain would either be
 * skipped silently or replayed onto existing tables. Recorded migrations up to the newest of this chain must be
 * this chain's; newer ones (a checkout behind the database) are left to drizzle, which skips them as before.
 */
async function checkMigrationHistory(sql: postgres.Sql, chain: readonly number[]): Promise<void> {
  const [table] = await sql<{ exists: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`;
  if (!table?.exists) return;
  const rows = await sql<{ created_at: string }[]>`select created_at from drizzle.__drizzle_migrations order by created_at`;
  const recorded = rows.map((r) => Number(r.created_at));
  const replaced = recorded.filter((when) => REPLACED_CHAIN.has(when));
  if (replaced.length > 0) {
    const last = REPLACED_CHAIN.get(replaced.at(-1) ?? 0);
    throw new MigrationHistoryError(
      `This database was migrated with Kizuna's earlier migration chain (0000_init … ${last}), which 0000_baseline and ` +
        '0001_live_functions replace; it cannot be migrated in place, and nothing was changed. For the dev stack, stop it ' +
        'and run `rm -rf .data` (the next `npm run dev` creates and migrates a new database). Any other database: create ' +
        'an empty one and point DATABASE_URL at it.',
    );
  }
  const newest = Math.max(...chain);
  const unknown = recorded.filter((when) => when <= newest && !chain.includes(when));
  if (unknown.length > 0) {
    throw new MigrationHistoryError(
      `This database records ${unknown.length} migration(s) that db/migrations does not have (created_at ` +
        `${unknown.join(', ')}), so it was not migrated from this chain; nothing was changed. Migrate an empty ` +
        'database instead (for the dev stack: stop it and `rm -rf .data`).',
    );
  }
}
