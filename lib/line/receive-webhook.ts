// Receives a LINE webhook request: checks the signature over the raw body, then stores each event once.
import 'server-only';
import { insertNewWebhookEvents } from '@/db/queries/webhook-events';
import type { Db } from '@/db/client';
import { AppError, parseOrThrow } from '../errors';
import { isValidLineSignature } from './signature';
import { WebhookBodySchema } from './webhook-schema';

/**
 * Returns the ids of events never seen before, to process after answering; redelivered events are dropped.
 * Throws `unauthorized:signature` (nothing stored) or `invalid:body`.
 */
export async function receiveWebhook(
  deps: { db: Db; channelSecret: string },
  rawBody: Buffer,
  signature: string | null,
): Promise<{ newEventIds: string[]; received: number }> {
  if (!isValidLineSignature(rawBody, signature, deps.channelSecret)) {
    throw new AppError('unauthorized:signature', 'missing or invalid x-line-signature');
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('invalid:body', 'the body is not JSON');
  }
  const body = parseOrThrow(WebhookBodySchema, json);
  const newEventIds = await insertNewWebhookEvents(
    deps.db,
    body.events.map((e) => ({ webhookEventId: e.webhookEventId, type: e.type, payload: e })),
  );
  return { newEventIds, received: body.events.length };
}
