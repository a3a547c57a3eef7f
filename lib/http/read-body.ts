// Request bodies read as streams under a byte cap: a body over the cap is refused (413 `too_large:body`) once the
// running total passes it, so no more than the cap plus one chunk is ever read, and a declared length over it is
// refused without reading at all.
import 'server-only';
import { AppError } from '../errors';
import { jsonProblem, JSON_MAX_DEPTH } from './json-safety';

const MB = 1024 * 1024;

/** The caps per kind of body (docs/security.md, "Limits"). */
export const BODY_LIMITS = {
  /** POST /api/line/webhook: LINE's batches are a few KB. */
  lineWebhook: 1 * MB,
  /** PUT /api/scenarios/{id}/draft: a graph of up to MAX_DRAFT_NODES nodes. */
  scenarioDraft: 2 * MB,
  /** Every other JSON body (events and friends batches of up to 1,000 items included). */
  json: 5 * MB,
  /** A friends CSV (POST /api/friends/import and the import form). */
  csv: 20 * MB,
  /** POST /api/media: a 10 MB image (LINE's limit) as base64 in JSON is 13.4 MB. */
  mediaUpload: 14 * MB,
} as const;

/** How many nodes a scenario draft may hold. */
export const MAX_DRAFT_NODES = 2000;

/** `20 MB` for the caps above, bytes otherwise. */
export function formatBytes(n: number): string {
  return n % MB === 0 ? `${n / MB} MB` : `${n} bytes`;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('too_large:body', `the body is larger than ${formatBytes(maxBytes)}, the limit for this request`);
}

/** The body's bytes, refusing (413) a declared or actual length over `maxBytes`; the stream is cancelled then. */
export async function readCappedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Tells the sender's side (and Next's stream from the socket) that nothing more will be read.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The body as UTF-8 text (a leading BOM dropped, malformed bytes as U+FFFD), under the cap. */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder('utf-8').decode(await readCappedBody(request, maxBytes));
}

/**
 * The body parsed as JSON under the cap, refused as `invalid:json` when it is not JSON, nests deeper than `maxDepth`
 * or holds text PostgreSQL cannot store (NUL, lone surrogates); the message names the limit or the problem.
 */
export async function readJsonBody(request: Request, maxBytes: number = BODY_LIMITS.json, maxDepth = JSON_MAX_DEPTH): Promise<unknown> {
  const text = await readTextBody(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('invalid:json', 'the body is not valid JSON');
  }
  const problem = jsonProblem(value, maxDepth);
  if (problem) throw new AppError('invalid:json', `the body ${problem.message}`, [{ path: problem.path, message: problem.message }]);
  return value;
}
