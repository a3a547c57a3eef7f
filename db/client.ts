// Builds a Drizzle client over postgres.js for a connection string given by the caller.
import { type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { PgDialect } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = ReturnType<typeof createDb>['db'];
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export function createDb(url: string, opts: { max?: number } = {}) {
  const sql = postgres(url, { max: opts.max ?? 10, onnotice: () => {} });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

const dialect = new PgDialect();

/**
 * Runs a hot-path statement as a prepared statement, kept per connection and planned once: one round trip. Drizzle's
 * own queries are unnamed, so postgres.js first asks the server for their parameter types (a round trip more each).
 * Inside a transaction it runs through the transaction's connection as usual. Parameters need explicit casts.
 */
export async function executePrepared<Row extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<Row[]> {
  if (!('$client' in db)) return [...(await db.execute(query))] as unknown as Row[];
  const q = dialect.sqlToQuery(query);
  return (await db.$client.unsafe(q.sql, q.params as never[], { prepare: true })) as unknown as Row[];
}
