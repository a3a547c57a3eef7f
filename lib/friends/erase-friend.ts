// Erasure of a friend on request (APPI/GDPR): their runs are terminated first, so no activity of theirs is scheduled
// any more; then one transaction strips every row of personal data (db/queries/erase-friend.ts) and writes the audit
// row; then runs started meanwhile are terminated too and the runs' histories deleted from Temporal. Idempotent:
// erasing again finds nothing of theirs (or sweeps a tombstone once more) and records nothing when nothing changed.
import 'server-only';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '@/db/client';
import {
  NO_ROWS,
  anonymiseFriends,
  deleteMemberLinks,
  isErasedFriend,
  lockFriend,
  scrubFriendRows,
  scrubWebhookEvents,
  stopFriendRuns,
  type ErasedRows,
} from '@/db/queries/erase-friend';
import { findFriendById, findFriendByLineUserId, findFriendByMemberId, type FriendRow } from '@/db/queries/friends';
import { recordAudit, type AuditActor } from '../audit/record';
import { AppError, parseOrThrow } from '../errors';
import { deleteFriendHistories, terminateFriendRuns } from './erase-friend-runs';
import { LineUserIdSchema, MemberIdSchema } from './friend-input';

/** Who to erase, as the API takes it: a LINE user id or a member id (one of them). */
export const EraseRequestSchema = z
  .object({ lineUserId: LineUserIdSchema.optional(), memberId: MemberIdSchema.optional() })
  .strict()
  .refine((r) => (r.lineUserId === undefined) !== (r.memberId === undefined), {
    path: ['lineUserId'],
    message: 'give lineUserId or memberId (one of them) to say which friend to erase',
  })
  .transform((r): { lineUserId: string } | { memberId: string } =>
    r.lineUserId !== undefined ? { lineUserId: r.lineUserId } : { memberId: r.memberId ?? '' },
  );

/** The friend page erases by Kizuna's own id. */
export type EraseRequest = z.infer<typeof EraseRequestSchema> | { friendId: string };

export interface EraseResult {
  /** `erased` now, `already_erased` (asked by the id of a tombstone), or `not_found` (no friend has that key). */
  status: 'erased' | 'already_erased' | 'not_found';
  /** The friend's opaque id (their tombstone's), when one was found. */
  friendId: string | null;
  /** Workflows that were still running and were terminated. */
  terminated: number;
  rows: ErasedRows;
  /** Workflow histories Temporal refused to delete (logged; they expire with the namespace's retention). */
  historiesLeft: number;
}

export interface EraseDeps {
  db: Db;
  temporal: Client;
  now?: () => Date;
}

async function findByKey(db: Db, request: EraseRequest): Promise<FriendRow | null> {
  if ('friendId' in request) return findFriendById(db, request.friendId);
  if ('lineUserId' in request) return findFriendByLineUserId(db, request.lineUserId);
  return findFriendByMemberId(db, request.memberId);
}

/** Deadlocks (a webhook of theirs processed at the same instant) and serialization failures are tried again. */
function isRetryable(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as Error & { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
  }
  return false;
}

async function withRetries<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err;
    }
  }
}

const total = (rows: ErasedRows) => Object.values(rows).reduce((a, b) => a + b, 0);

/**
 * Erases the friend a request names. `detail` goes into the audit row (e.g. `{ via: 'api' }`); the row itself names
 * the friend only by their opaque id and holds row counts, never personal data.
 */
export async function eraseFriend(
  deps: EraseDeps,
  actor: AuditActor,
  request: EraseRequest,
  detail: Record<string, unknown> = {},
): Promise<EraseResult> {
  const now = (deps.now ?? (() => new Date()))();
  const found = await findByKey(deps.db, request);
  let terminated = found ? await terminateFriendRuns(deps, found.id) : 0;

  const outcome = await withRetries(() =>
    deps.db.transaction(async (tx) => {
      const rows: ErasedRows = { ...NO_ROWS };
      // Webhook rows first: a webhook of theirs being processed now holds its row, then waits for the friend's.
      const lineUserId = found && !isErasedFriend(found) ? found.lineUserId : 'lineUserId' in request ? request.lineUserId : null;
      if (lineUserId) rows.webhookEvents = await scrubWebhookEvents(tx, lineUserId, now);
      const friend = found ? await lockFriend(tx, found.id) : null;
      // A member id can move to another LINE account (account linking): erase only the friend that still holds it.
      if (friend && 'memberId' in request && friend.memberId !== request.memberId) {
        throw new AppError('conflict:friend_changed', 'the member id moved to another friend while erasing; try again');
      }
      const memberId = friend?.memberId ?? ('memberId' in request ? request.memberId : null);
      if (memberId) {
        const links = await deleteMemberLinks(tx, memberId);
        rows.linkNonces += links.linkNonces;
        rows.linkConflicts += links.linkConflicts;
      }
      if (friend) {
        const scrubbed = await scrubFriendRows(tx, { friendId: friend.id });
        rows.tags = scrubbed.tags;
        rows.events = scrubbed.events;
        rows.outbox = scrubbed.outbox;
        rows.linkNonces += scrubbed.linkNonces;
        rows.linkConflicts += scrubbed.linkConflicts;
        rows.runs = await stopFriendRuns(tx, friend.id, now);
        rows.friend = await anonymiseFriends(tx, { friendId: friend.id }, now);
      }
      const status: EraseResult['status'] = !friend ? 'not_found' : isErasedFriend(friend) ? 'already_erased' : 'erased';
      if (total(rows) > 0) {
        await recordAudit(tx, actor, {
          action: 'friend_erased',
          object: friend ? { type: 'friend', id: friend.id } : null,
          detail: { ...detail, status, ...rows },
        });
      }
      return { status, friendId: friend?.id ?? null, rows };
    }),
  );

  let historiesLeft = 0;
  if (outcome.friendId) {
    // A trigger that fired between the first termination and the commit may have started a run since.
    terminated += await terminateFriendRuns(deps, outcome.friendId);
    historiesLeft = await deleteFriendHistories(deps.temporal, outcome.friendId);
  }
  return { ...outcome, terminated, historiesLeft };
}

/** The API's and the form's entry: validates the request first (400 naming the problem). */
export function parseEraseRequest(input: unknown): z.infer<typeof EraseRequestSchema> {
  return parseOrThrow(EraseRequestSchema, input);
}
