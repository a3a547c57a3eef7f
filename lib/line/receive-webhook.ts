// Receives a LINE webhook request: checks the signature over the raw body, then stores each event once, on its own:
// an event that fails validation is stored as an error record (without its payload) and the others go on.
import 'server-only';
import { insertNewWebhookEvents, type NewWebhookEvent } from '@/db/queries/webhook-events';
import type { Db } from '@/db/client';
import { AppError, parseOrThrow } from '../errors';
import { jsonDigest } from '../http/json-digest';
import { jsonProblem, JSON_MAX_DEPTH } from '../http/json-safety';
import { isValidLineSignature } from './signature';
import { WebhookEnvelopeSchema, WebhookEventBaseSchema } from './webhook-schema';

/** Ids and types as LINE writes them; anything else in those fields is not used as a key or a label. */
const USABLE_ID = /^[0-9A-Za-z_-]{1,128}$/;
const USABLE_TYPE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Keys shown in an error's path: LINE's field names and indexes, never arbitrary text. */
const SHOWN_KEY = /^[A-Za-z0-9_]{1,64}$/;

type Received = { ok: true; row: NewWebhookEvent } | { ok: false; row: NewWebhookEvent };

const field = (raw: unknown, key: string): unknown =>
  raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>)[key] : undefined;

function showPath(path: readonly PropertyKey[]): string {
  return path.map((k) => (typeof k === 'number' || (typeof k === 'string' && SHOWN_KEY.test(k)) ? String(k) : '…')).join('.') || '(event)';
}

/**
 * The event as a row to store. A refused one keeps LINE's id when usable; otherwise its id is a hash of the event
 * (without `deliveryContext`, which changes on redelivery), so a redelivery is still recognised and dropped.
 */
function receiveEvent(raw: unknown, at: Date): Received {
  // Checked before zod or anything else recurses into it: depth, and text PostgreSQL's jsonb refuses.
  const problem = jsonProblem(raw, JSON_MAX_DEPTH);
  let error: string | null = null;
  if (problem) {
    error = `refused event: ${problem.path.length > 0 ? `${showPath(problem.path)}: ` : ''}it ${problem.message}`;
  } else {
    const parsed = WebhookEventBaseSchema.safeParse(raw);
    if (parsed.success) {
      return { ok: true, row: { webhookEventId: parsed.data.webhookEventId, type: parsed.data.type, payload: parsed.data } };
    }
    // The rule and the place, never the offending value (a crafted user id, say).
    error = `refused event: ${parsed.error.issues.map((i) => `${showPath(i.path)}: ${i.message}`).join('; ')}`;
  }
  const id = field(raw, 'webhookEventId');
  const type = field(raw, 'type');
  return {
    ok: false,
    row: {
      webhookEventId: typeof id === 'string' && USABLE_ID.test(id) ? id : `refused-${jsonDigest(raw, ['deliveryContext'])}`,
      type: typeof type === 'string' && USABLE_TYPE.test(type) ? type : 'unknown',
      payload: { refused: true },
      refused: { at, error },
    },
  };
}

/**
 * Returns the ids of valid events never seen before, to process after answering, and of refused events newly recorded;
 * redelivered events are dropped. Throws `unauthorized:signature` (nothing stored) or `invalid:body` (the body is not a
 * webhook envelope at all); a bad event inside a good envelope never fails the request.
 */
export async function receiveWebhook(
  deps: { db: Db; channelSecret: string; now?: () => Date },
  rawBody: Buffer,
  signature: string | null,
): Promise<{ newEventIds: string[]; refusedEventIds: string[]; received: number }> {
  if (!isValidLineSignature(rawBody, signature, deps.channelSecret)) {
    throw new AppError('unauthorized:signature', 'missing or invalid x-line-signature');
  }
  let json: unknown;
  try {
    // V8 parses without recursing, so even a body nested 500,000 deep parses; each event's depth is checked next.
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('invalid:body', 'the body is not JSON');
  }
  const body = parseOrThrow(WebhookEnvelopeSchema, json);
  const at = (deps.now ?? (() => new Date()))();
  const received = body.events.map((e) => receiveEvent(e, at));
  const inserted = new Set(
    await insertNewWebhookEvents(
      deps.db,
      received.map((r) => r.row),
    ),
  );
  const idsOf = (ok: boolean) => received.filter((r) => r.ok === ok && inserted.has(r.row.webhookEventId)).map((r) => r.row.webhookEventId);
  return { newEventIds: idsOf(true), refusedEventIds: idsOf(false), received: body.events.length };
}
