// migrateDatabase on real databases: an empty one gets the baseline and the live functions; one migrated with the
// replaced chain, or from another chain, is refused before anything changes.
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { createEmptyTestDatabase, type EmptyTestDatabase } from '../test/db';
import { MigrationHistoryError, migrateDatabase, migrationsFolder } from './migrate';

/** The bookkeeping rows (hash prefix, created_at) migrations 0000_init … 0011_rollup_chain_by_friend left. */
const REPLACED_CHAIN_ROWS: ReadonlyArray<readonly [string, number]> = [
  ['40c1d6d3d014', 1795453197259],
  ['9ca10722733e', 1795456658449],
  ['4772ba78ba61', 1795463109734],
  ['468c97c1ead8', 1795463123485],
  ['dfc287e3dee3', 1795463539764],
  ['f2281bd54029', 1795463926207],
  ['6b0186ede7cf', 1795464179305],
  ['05d55ce09685', 1795464180301],
  ['e96af785f657', 1795464189736],
  ['0731bb6e9599', 1795464190476],
  ['4590b8b703c2', 1795465110552],
  ['60ff5c4f17c6', 1796284202853],
];

const databases: EmptyTestDatabase[] = [];
async function emptyDatabase(): Promise<EmptyTestDatabase> {
  const d = await createEmptyTestDatabase();
  databases.push(d);
  return d;
}
afterAll(async () => {
  for (const d of databases) await d.drop();
});

async function withSql<T>(url: string, f: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await f(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

const recorded = (url: string) =>
  withSql(url, async (sql) =>
    (await sql<{ hash: string; created_at: string }[]>`select hash, created_at from drizzle.__drizzle_migrations order by id`).map((r) => [
      r.hash,
      Number(r.created_at),
    ]),
  );
const publicTables = (url: string) =>
  withSql(url, async (sql) =>
    (await sql<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public' order by 1`).map((r) => r.tablename),
  );

/** A database as the replaced chain left it: its bookkeeping rows (and a table, as a stand-in for its schema). */
async function seedHistory(url: string, rows: ReadonlyArray<readonly [string, number]>): Promise<void> {
  await withSql(url, async (sql) => {
    await sql`create schema drizzle`;
    await sql`create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`;
    for (const [hash, createdAt] of rows)
      await sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${hash}, ${createdAt})`;
    await sql`create table friends (id uuid primary key)`;
  });
}

describe('migrateDatabase', () => {
  const chain = readMigrationFiles({ migrationsFolder });

  it('migrates an empty database with the whole chain, and a second run changes nothing', async () => {
    const d = await emptyDatabase();
    await migrateDatabase(d.url);
    await migrateDatabase(d.url);
    expect(chain.map((m) => m.folderMillis)).toEqual([...chain.map((m) => m.folderMillis)].sort((a, b) => a - b));
    expect(await recorded(d.url)).toEqual(chain.map((m) => [m.hash, m.folderMillis]));
    const triggers = await withSql(
      d.url,
      (sql) => sql<{ tgname: string }[]>`select tgname from pg_trigger where not tgisinternal order by 1`,
    );
    expect(triggers.map((t) => t.tgname)).toEqual([
      'audit_log_append_only',
      'events_goal_delete',
      'events_goal_insert',
      'events_goal_update',
      'node_days_sum_delete',
      'node_days_sum_insert',
      'node_days_sum_update',
      'run_steps_days_delete',
      'run_steps_days_insert',
      'run_steps_days_update',
    ]);
  });

  it('three processes starting at once on a fresh database all migrate it, and the chain is applied once', async () => {
    const d = await emptyDatabase();
    // An app instance, a worker and the CLI starting together: one migrates, the others wait for it and find it done.
    const results = await Promise.allSettled([migrateDatabase(d.url), migrateDatabase(d.url), migrateDatabase(d.url)]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(await recorded(d.url)).toEqual(chain.map((m) => [m.hash, m.folderMillis]));
    expect(await publicTables(d.url)).toContain('friends');
  });

  it('refuses a database migrated with the replaced chain, telling the developer to rm -rf .data, and changes nothing', async () => {
    const d = await emptyDatabase();
    await seedHistory(d.url, REPLACED_CHAIN_ROWS);
    const err = await migrateDatabase(d.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationHistoryError);
    expect((err as Error).message).toMatch(/earlier migration chain \(0000_init … 0011_rollup_chain_by_friend\)/);
    expect((err as Error).message).toContain('rm -rf .data');
    expect(await recorded(d.url)).toEqual(REPLACED_CHAIN_ROWS);
    expect(await publicTables(d.url)).toEqual(['friends']);
  });

  it('refuses a database part-way through the replaced chain', async () => {
    const d = await emptyDatabase();
    await seedHistory(d.url, REPLACED_CHAIN_ROWS.slice(0, 9));
    await expect(migrateDatabase(d.url)).rejects.toThrow(/0000_init … 0008_node_days\).*rm -rf \.data/s);
  });

  it('refuses a history from another chain, and leaves migrations newer than this chain to drizzle', async () => {
    const d = await emptyDatabase();
    const baseline = chain[0];
    if (!baseline) throw new Error('no baseline in db/migrations');
    await seedHistory(d.url, [['somewhere-else', baseline.folderMillis - 1]]);
    await expect(migrateDatabase(d.url)).rejects.toThrow(MigrationHistoryError);
    expect(await publicTables(d.url)).toEqual(['friends']);

    const ahead = await emptyDatabase();
    await migrateDatabase(ahead.url);
    const later = Math.max(...chain.map((m) => m.folderMillis)) + 1;
    await withSql(
      ahead.url,
      (sql) => sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('a later checkout', ${later})`,
    );
    await expect(migrateDatabase(ahead.url)).resolves.toBeUndefined();
  });
});
