// Logging without personal data: LINE user ids become short hashes, database errors lose their parameters and details.
import { createHash } from 'node:crypto';

const LINE_USER_ID = /U[0-9a-f]{32}/g;

/** A LINE user id as it may appear in logs: a stable, one-way tag, so one friend's lines can still be followed. */
export function hashLineUserId(userId: string): string {
  return `U#${createHash('sha256').update(userId, 'utf8').digest('hex').slice(0, 12)}`;
}

/** Replaces every LINE user id in a text by its hash. */
export function redact(text: string): string {
  return text.replace(LINE_USER_ID, (id) => hashLineUserId(id));
}

interface QueryErrorShape {
  query: string;
  params: unknown;
  cause?: unknown;
}

function isQueryError(err: unknown): err is QueryErrorShape & Error {
  return err instanceof Error && typeof (err as Partial<QueryErrorShape>).query === 'string' && 'params' in err;
}

/** PostgreSQL's own error, reduced to its code and message (the `detail` names values, e.g. a duplicate key). */
function describePostgres(err: unknown): string | null {
  if (!(err instanceof Error) || err.name !== 'PostgresError') return null;
  const code = (err as Error & { code?: unknown }).code;
  return `PostgresError ${typeof code === 'string' ? code : ''}: ${err.message}`;
}

/** One log-safe line (plus a redacted stack for unexpected errors) describing any thrown value. */
export function describeError(err: unknown): string {
  if (isQueryError(err)) {
    // Drizzle's message and stack repeat every query parameter: rebuild the line from the SQL text alone.
    const sql = err.query.length > 300 ? `${err.query.slice(0, 300)}…` : err.query;
    const cause = describePostgres(err.cause) ?? (err.cause instanceof Error ? redact(err.cause.message) : 'unknown cause');
    return `database query failed (${cause}): ${sql}`;
  }
  const pg = describePostgres(err);
  if (pg) return pg;
  if (err instanceof Error) {
    const cause = err.cause === undefined ? '' : `\ncaused by: ${describeError(err.cause)}`;
    return redact(err.stack ?? `${err.name}: ${err.message}`) + cause;
  }
  return redact(String(err));
}

/** Logs a failure with its context; never prints query parameters or LINE user ids. */
export function logError(context: string, err: unknown): void {
  console.error(`${redact(context)}: ${describeError(err)}`);
}

/** Logs a warning line, with LINE user ids hashed. */
export function logWarning(message: string): void {
  console.warn(redact(message));
}
