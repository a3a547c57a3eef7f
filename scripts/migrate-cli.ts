// `kizuna migrate`: applies the migration chain to DATABASE_URL and exits, for deployments that migrate as a release
// step before starting new app and worker processes (they migrate at start as well; the advisory lock makes both safe).
import { migrateDatabase } from '../db/migrate';
import { ConfigError, databaseUrl } from '../lib/env';
import { describeError } from '../lib/log';

const USAGE = `kizuna migrate

Applies every migration in db/migrations/ that DATABASE_URL's database lacks, then exits. Safe to run while app
instances and workers start (they wait for each other through a PostgreSQL advisory lock). Prints JSON; exit status 1
on any problem, naming it without the connection string.`;

export async function runMigrateCli(args: string[], opts: { out?: (line: string) => void; url?: () => string } = {}): Promise<number> {
  const out = opts.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  if (args.includes('--help') || args.includes('-h')) {
    out(USAGE);
    return 0;
  }
  try {
    await migrateDatabase((opts.url ?? databaseUrl)());
    out(JSON.stringify({ ok: true }));
    return 0;
  } catch (err) {
    const error = err instanceof ConfigError ? err.message : describeError(err);
    out(JSON.stringify({ ok: false, error }));
    return 1;
  }
}
