// Typed application errors: a code like `not_found:scenario` maps to an HTTP status and a JSON error body.
import { type z } from 'zod';
import { logError } from './log';

export type AppErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported'
  | 'unprocessable'
  | 'unavailable'
  | 'internal';

const statusByKind: Record<AppErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  // 415: a body in a media type the route does not take (`unsupported:content_type`).
  unsupported: 415,
  // 422: well-formed, but it contradicts what was stored (an idempotency key reused with a different body).
  unprocessable: 422,
  unavailable: 503,
  internal: 500,
};

/** One problem with its place: `path` is the zod path into the request body (array indexes kept as numbers). */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/** `code` is `<kind>` or `<kind>:<subject>`, e.g. `invalid:body`, `not_found:friend`, `conflict:member_id`. */
export type AppErrorCode = AppErrorKind | `${AppErrorKind}:${string}`;

export class AppError extends Error {
  readonly issues: Issue[];
  constructor(
    readonly code: AppErrorCode,
    message: string,
    issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'AppError';
    this.issues = issues;
  }

  get kind(): AppErrorKind {
    return this.code.split(':')[0] as AppErrorKind;
  }

  get status(): number {
    return statusByKind[this.kind];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, issues: this.issues } };
  }
}

/** zod issues as our issues, paths kept (symbols, which zod allows, become strings). */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));
}

/** Parses with a schema or throws `invalid:<what>` naming every problem. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what = 'body'): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError(`invalid:${what}`, `the ${what} is invalid`, zodIssues(r.error));
  return r.data;
}

/** Maps any thrown value to a JSON Response; unknown errors are logged and answered as a bare 500. */
export function toResponse(err: unknown): Response {
  if (err instanceof AppError) return Response.json(err.toJSON(), { status: err.status });
  logError('request failed', err);
  return Response.json({ error: { code: 'internal', message: 'internal error', issues: [] } }, { status: 500 });
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}

/** What a server action returns for a failure: the error body without the HTTP wrapping (unknown errors logged). */
export type ActionError = { code: string; message: string; issues: Issue[] };
export function toActionError(err: unknown): ActionError {
  if (err instanceof AppError) return { code: err.code, message: err.message, issues: err.issues };
  logError('action failed', err);
  return { code: 'internal', message: 'internal error', issues: [] };
}
