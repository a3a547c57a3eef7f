// POST /api/events: stores up to 1,000 events from the business's systems, once per idempotency key, each with its dispatch row.
import 'server-only';
import { z } from 'zod';
import { findEventByIdempotencyKey, insertEventOnce } from '@/db/queries/events';
import { findFriendsByKeys } from '@/db/queries/friends';
import { AppError, parseOrThrow, zodIssues, type Issue } from '../errors';
import { jsonDigest } from '../http/json-digest';
import { logError } from '../log';
import type { EdgeDeps } from './deps';
import { EVENT_NAME_PATTERN } from './event-name';
import { LineUserIdSchema, MemberIdSchema } from './friend-input';

export const MAX_EVENT_BATCH = 1000;

export const EventInputSchema = z
  .object({
    lineUserId: LineUserIdSchema.optional(),
    memberId: MemberIdSchema.optional(),
    name: z.string().regex(EVENT_NAME_PATTERN, 'expected an event name such as purchase or cart_abandoned'),
    occurredAt: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant with a zone, e.g. 2025-04-01T19:00:00+09:00' }),
    properties: z.record(z.string(), z.unknown()).default({}),
    /** Same key again = the same event: stored once, the engine told once. */
    idempotencyKey: z.string().min(1).max(200).optional(),
    isTest: z.boolean().optional(),
  })
  .strict()
  .refine((e) => e.lineUserId !== undefined || e.memberId !== undefined, {
    path: ['lineUserId'],
    message: 'give lineUserId or memberId to say whose event it is',
  })
  .refine((e) => JSON.stringify(e.properties).length <= 16_384, {
    path: ['properties'],
    message: 'properties must be under 16 KB as JSON',
  });

const EnvelopeSchema = z.object({ events: z.array(z.unknown()).min(1).max(MAX_EVENT_BATCH) });

export type EventResult =
  | { index: number; status: 'accepted' | 'duplicate'; eventId: string }
  | { index: number; status: 'error'; error: { code: string; message: string; issues: Issue[] } };

export interface IngestOptions {
  /** The calling API key: item idempotency keys are scoped to it. */
  apiKeyId: string;
  /** The request's `Idempotency-Key`: items without a key of their own are keyed by it and their index. */
  requestKey?: string;
}

/**
 * Stores a batch. Items are independent: each valid item is stored with its dispatch row in its own transaction (the
 * worker's dispatcher tells the engine), an invalid one is answered with every problem and its path. A retry with the
 * same key and the same event answers `duplicate` with the first event's id; the same key with a different event is
 * refused (`unprocessable:idempotency_key`). When storing fails midway (the database went away), the items not stored
 * say so and the request still answers: a 500 never hides writes that were made.
 */
export async function ingestEvents(deps: Pick<EdgeDeps, 'db'>, body: unknown, opts: IngestOptions) {
  const { events: items } = parseOrThrow(EnvelopeSchema, body);
  const parsed = items.map((raw) => EventInputSchema.safeParse(raw));
  const ok = parsed.flatMap((p) => (p.success ? [p.data] : []));
  const friends = await findFriendsByKeys(deps.db, {
    lineUserIds: [...new Set(ok.flatMap((e) => (e.lineUserId ? [e.lineUserId] : [])))],
    memberIds: [...new Set(ok.flatMap((e) => (e.memberId ? [e.memberId] : [])))],
  });
  const byLine = new Map(friends.map((f) => [f.lineUserId, f]));
  const byMember = new Map(friends.flatMap((f) => (f.memberId ? [[f.memberId, f] as const] : [])));

  const results: EventResult[] = [];
  let stored = 0;
  let unavailable: unknown = null;
  for (const [index, p] of parsed.entries()) {
    const prefix = ['events', index];
    const fail = (code: string, message: string, issues: Issue[]) =>
      results.push({ index, status: 'error', error: { code, message, issues } });
    if (!p.success) {
      fail('invalid:event', 'the event is invalid', zodIssues(p.error, prefix));
      continue;
    }
    if (unavailable) {
      fail('unavailable', 'not stored: storing an earlier item failed; retry this item with the same idempotency key', []);
      continue;
    }
    const e = p.data;
    const friend = e.lineUserId ? byLine.get(e.lineUserId) : byMember.get(e.memberId ?? '');
    if (!friend) {
      const field = e.lineUserId ? 'lineUserId' : 'memberId';
      fail('not_found:friend', 'no such friend', [{ path: [...prefix, field], message: `no friend with this ${field}` }]);
      continue;
    }
    // Namespaced by the API key, so two systems never collide, nor an API key with the keys the webhook derives.
    const ownKey = e.idempotencyKey ?? (opts.requestKey ? `request:${opts.requestKey}:${index}` : null);
    const key = ownKey ? `api:${opts.apiKeyId}:${ownKey}` : null;
    const hash = jsonDigest(e);
    try {
      const row = await insertEventOnce(deps.db, {
        friendId: friend.id,
        name: e.name,
        occurredAt: new Date(e.occurredAt),
        properties: e.properties,
        source: 'api',
        idempotencyKey: key,
        idempotencyHash: key ? hash : null,
        isTest: e.isTest ?? friend.isTest,
      });
      if (row) {
        stored++;
        results.push({ index, status: 'accepted', eventId: row.id });
        continue;
      }
      const first = key ? await findEventByIdempotencyKey(deps.db, key) : null;
      if (!first) throw new Error('an event with this idempotency key was neither stored nor found');
      if (first.idempotencyHash !== null && first.idempotencyHash !== hash) {
        fail('unprocessable:idempotency_key', 'this idempotency key was used for a different event', [
          { path: [...prefix, 'idempotencyKey'], message: 'already used for a different event; use a new key for a new event' },
        ]);
        continue;
      }
      results.push({ index, status: 'duplicate', eventId: first.id });
    } catch (err) {
      // Nothing stored yet: the request fails as a whole (503) and the client retries it all.
      if (stored === 0) throw new AppError('unavailable', 'the events could not be stored; nothing was stored, retry the request');
      logError('storing an event failed; the rest of the batch is answered as not stored', err);
      unavailable = err;
      fail('unavailable', 'not stored: storing this item failed; retry it with the same idempotency key', []);
    }
  }
  const count = (s: EventResult['status']) => results.filter((r) => r.status === s).length;
  return { accepted: count('accepted'), duplicates: count('duplicate'), failed: count('error'), results };
}
