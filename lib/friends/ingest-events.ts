// POST /api/events: stores up to 1,000 events from the business's systems, once per idempotency key, then tells the engine.
import 'server-only';
import { notifyStoredEvent } from './notify-event';
import { z } from 'zod';
import { insertEventOnce } from '@/db/queries/events';
import { findFriendsByKeys } from '@/db/queries/friends';
import { parseOrThrow, zodIssues, type Issue } from '../errors';
import type { EdgeDeps } from './deps';
import { EVENT_NAME_PATTERN } from './event-name';
import { LineUserIdSchema, MemberIdSchema } from './friend-input';
import { runEngineCalls } from './upsert-friends';

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
  | { index: number; status: 'accepted' | 'duplicate'; eventId?: string }
  | { index: number; status: 'error'; error: { code: string; message: string; issues: Issue[] } };

export async function ingestEvents(deps: Pick<EdgeDeps, 'db' | 'engine'>, body: unknown) {
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
  const calls: (() => Promise<unknown>)[] = [];
  for (const [index, p] of parsed.entries()) {
    const prefix = ['events', index];
    if (!p.success) {
      results.push({
        index,
        status: 'error',
        error: { code: 'invalid:event', message: 'the event is invalid', issues: zodIssues(p.error, prefix) },
      });
      continue;
    }
    const e = p.data;
    const friend = e.lineUserId ? byLine.get(e.lineUserId) : byMember.get(e.memberId ?? '');
    if (!friend) {
      const field = e.lineUserId ? 'lineUserId' : 'memberId';
      results.push({
        index,
        status: 'error',
        error: {
          code: 'not_found:friend',
          message: 'no such friend',
          issues: [{ path: [...prefix, field], message: `no friend with this ${field}` }],
        },
      });
      continue;
    }
    const row = await insertEventOnce(deps.db, {
      friendId: friend.id,
      name: e.name,
      occurredAt: new Date(e.occurredAt),
      properties: e.properties,
      source: 'api',
      // Namespaced so an API key can never collide with the keys the webhook derives from LINE's event ids.
      idempotencyKey: e.idempotencyKey ? `api:${e.idempotencyKey}` : null,
      isTest: e.isTest ?? friend.isTest,
    });
    if (!row) {
      results.push({ index, status: 'duplicate' });
      continue;
    }
    results.push({ index, status: 'accepted', eventId: row.id });
    calls.push(notifyStoredEvent(deps.engine, row));
  }
  const engineErrors = await runEngineCalls(calls);
  const count = (s: EventResult['status']) => results.filter((r) => r.status === s).length;
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    failed: count('error'),
    results,
    ...(engineErrors ? { engineErrors } : {}),
  };
}
