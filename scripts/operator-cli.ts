// `npm run kizuna -- operator …`: create an operator (the owner of a scripted install), reset a password, list
// operators. Reads DATABASE_URL, KIZUNA_SECRET and APP_BASE_URL through lib/env.ts and migrates the database first.
import { parseArgs } from 'node:util';
import { createDb, type Db } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { recordAudit } from '../lib/audit/record';
import { createAuth, type Auth } from '../lib/auth/auth';
import { createOperator, generatePassword, listOperators, setOperatorPassword } from '../lib/auth/manage-operators';
import { isRole, ROLES } from '../lib/auth/roles';
import { ConfigError, databaseUrl, env, oidcConfig } from '../lib/env';
import { AppError } from '../lib/errors';

export const OPERATOR_USAGE = `Kizuna operator CLI

  npm run kizuna -- operator create --email EMAIL --role ROLE [--name NAME] [--password-stdin]
  npm run kizuna -- operator reset-password --email EMAIL [--password-stdin]
  npm run kizuna -- operator list

ROLE is one of ${ROLES.join(', ')}. Without --password-stdin a password is generated and printed once.
A reset password signs the operator out everywhere. Needs DATABASE_URL and KIZUNA_SECRET (the app's own) in the
environment; the database is migrated first. Prints JSON on stdout; exit status 1 on any problem.`;

class OperatorCliError extends Error {}

export interface CliIo {
  stdin: AsyncIterable<string | Buffer>;
  /** Prints JSON, or a string (the usage) as it is. */
  print(value: unknown): void;
}

const defaultIo: CliIo = {
  stdin: process.stdin,
  print: (v) => process.stdout.write(`${typeof v === 'string' ? v : JSON.stringify(v, null, 2)}\n`),
};

/** Runs one operator command; answers the exit status. */
export async function runOperatorCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    io.print({ ok: false, error: describe(err) });
    return 1;
  }
}

type Flags = ReturnType<typeof parseFlags>['values'];

async function run(argv: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseFlags(argv);
  const command = positionals[0];
  if (values.help || !command) {
    io.print(OPERATOR_USAGE);
    return values.help ? 0 : 1;
  }
  if (command === 'create') return create(values, io);
  if (command === 'reset-password') return resetPassword(values, io);
  if (command === 'list') return list(io);
  throw new OperatorCliError(`unknown operator command "${command}"\n\n${OPERATOR_USAGE}`);
}

/** The password from stdin, or a generated one that the answer shows (once). */
async function passwordOf(values: Flags, io: CliIo): Promise<{ password: string; shown: object }> {
  if (values['password-stdin']) return { password: await readPassword(io.stdin), shown: {} };
  const password = generatePassword();
  return { password, shown: { password, note: 'generated password, shown only now: store it somewhere safe' } };
}

async function create(values: Flags, io: CliIo): Promise<number> {
  // Flags are checked before the database is touched or a password read.
  const email = required(values.email, '--email');
  const role = required(values.role, '--role');
  if (!isRole(role)) throw new OperatorCliError(`--role must be one of ${ROLES.join(', ')} (got "${role}")`);
  const { password, shown } = await passwordOf(values, io);
  return withDatabase(async (db, auth) => {
    const op = await createOperator(auth, db, { email, name: values.name, role, password });
    await recordAudit(
      db,
      { id: null },
      { action: 'operator_created', object: { type: 'operator', id: op.id }, detail: { via: 'cli', role } },
    );
    io.print({ ok: true, operator: { id: op.id, email: op.email, name: op.name, role: op.role }, ...shown });
    return 0;
  });
}

async function resetPassword(values: Flags, io: CliIo): Promise<number> {
  const email = required(values.email, '--email').toLowerCase();
  const { password, shown } = await passwordOf(values, io);
  return withDatabase(async (db, auth) => {
    const op = (await listOperators(db)).find((o) => o.email === email && !o.disabledAt);
    if (!op) throw new OperatorCliError(`no active operator with email ${email}`);
    await setOperatorPassword(auth, op.id, password);
    // Whoever knew the old password may hold a session made with it: end them all.
    await (await auth.$context).internalAdapter.deleteUserSessions(op.id);
    await recordAudit(
      db,
      { id: null },
      { action: 'operator_password_reset', object: { type: 'operator', id: op.id }, detail: { via: 'cli' } },
    );
    io.print({ ok: true, operator: { id: op.id, email: op.email, role: op.role }, signedOutEverywhere: true, ...shown });
    return 0;
  });
}

async function list(io: CliIo): Promise<number> {
  return withDatabase(async (db) => {
    const rows = await listOperators(db);
    io.print({
      ok: true,
      operators: rows.map((o) => ({
        id: o.id,
        email: o.email,
        name: o.name,
        role: o.role,
        twoFactorEnabled: o.twoFactorEnabled ?? false,
        totpRequired: o.totpRequired,
        canExportFriends: o.canExportFriends,
        createdAt: o.createdAt.toISOString(),
        removedAt: o.disabledAt?.toISOString() ?? null,
      })),
    });
    return 0;
  });
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new OperatorCliError(`${err instanceof Error ? err.message : String(err)}\n\n${OPERATOR_USAGE}`);
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value?.trim()) throw new OperatorCliError(`${flag} is required`);
  return value.trim();
}

/** The whole of stdin, less one trailing newline (`echo secret | …` adds one). */
async function readPassword(stdin: AsyncIterable<string | Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.length === 0) throw new OperatorCliError('--password-stdin: nothing was read from stdin');
  return password;
}

async function withDatabase(fn: (db: Db, auth: Auth) => Promise<number>): Promise<number> {
  const e = env();
  const url = databaseUrl();
  await migrateDatabase(url);
  const { db, close } = createDb(url, { max: 2 });
  try {
    return await fn(db, createAuth(db, { appBaseUrl: e.APP_BASE_URL, secret: e.KIZUNA_SECRET, oidc: oidcConfig(e) }));
  } finally {
    await close();
  }
}

/** A message naming the problem; never the connection string or a password. */
function describe(err: unknown): string {
  if (err instanceof OperatorCliError || err instanceof ConfigError) return err.message;
  if (err instanceof AppError) {
    if (err.code === 'conflict:operator_email')
      return 'an operator with this email already exists (use `operator reset-password` to set a new password)';
    return [err.message, ...err.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`)].join('; ');
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') return `cannot reach the database in DATABASE_URL (${String(code)})`;
  return `failed: ${err instanceof Error ? err.message : String(err)}`;
}
