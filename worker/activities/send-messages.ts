// One send step = one activity: record progress, write the outbox row, push to LINE exactly once.
import { HTTPFetchError } from '@line/bot-sdk';
import { ApplicationFailure } from '@temporalio/activity';
import { and, eq, gte, isNotNull, ne, sql } from 'drizzle-orm';
import { friends, outbox } from '@/db/schema';
import type { Tx } from '@/db/client';
import type { SendInput, SendOutcome } from '@/workflows/run-types';
import type { ActivityDeps } from '../deps';
import { planFor } from '../plan-cache';
import { retryKeyFor } from '../retry-key';
import { rewriteLinks } from '../track-links';
import { fireTagTriggers, writeProgress } from './record-progress';

const DAY = 86_400_000;

type Prepared = { kind: 'done'; outcome: SendOutcome; tags: string[] } | { kind: 'push'; to: string; messages: unknown[]; tags: string[] };

export function createSendMessages(deps: ActivityDeps) {
  return async function sendMessages(input: SendInput): Promise<SendOutcome> {
    const { ctx, send } = input;
    const retryKey = retryKeyFor(send.idempotencyKey);
    const { db } = deps;

    // Read before the transaction: a query on the pool from inside it could wait forever for a connection that
    // other sends' open transactions hold.
    const plan = await planFor(db, ctx.versionId);
    // Progress, guardrails and the outbox row in one transaction; LINE is called after it commits.
    const prepared = await db.transaction(async (tx): Promise<Prepared> => {
      const tags = await writeProgress(tx, input);
      const [existing] = await tx.select().from(outbox).where(eq(outbox.retryKey, retryKey));
      if (existing?.status === 'sent') tags.push(...(await writeContinuation(tx, input)));
      if (existing && existing.status !== 'pending') {
        return { kind: 'done', outcome: { status: existing.status, ...(existing.reason ? { reason: existing.reason } : {}) }, tags };
      }
      const [friend] = await tx.select({ lineUserId: friends.lineUserId, blockedAt: friends.blockedAt }).from(friends).where(eq(friends.id, ctx.friendId));
      const base = {
        runId: ctx.runId,
        scenarioId: ctx.scenarioId,
        versionId: ctx.versionId,
        friendId: ctx.friendId,
        nodeId: send.nodeId,
        visit: send.visit,
        retryKey,
        isTest: ctx.isTest,
      };
      if (!friend || friend.blockedAt) {
        const reason = friend ? 'blocked' : 'friend_deleted';
        await tx.insert(outbox).values({ ...base, status: 'skipped', reason, messages: send.messages }).onConflictDoNothing();
        return { kind: 'done', outcome: { status: 'skipped', reason }, tags };
      }
      if (!existing) {
        const cap = plan?.settings.frequencyCap;
        if (cap && !ctx.isTest) {
          const since = new Date(Date.now() - DAY);
          const recent = await tx
            .select({ n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${outbox.sentAt})` })
            .from(outbox)
            .where(and(eq(outbox.friendId, ctx.friendId), eq(outbox.status, 'sent'), eq(outbox.isTest, false), isNotNull(outbox.sentAt), gte(outbox.sentAt, since), ne(outbox.retryKey, retryKey)));
          const n = recent[0]?.n ?? 0;
          if (n >= cap.maxSends) {
            if (cap.mode === 'skip') {
              await tx.insert(outbox).values({ ...base, status: 'skipped', reason: 'frequency_cap', messages: send.messages }).onConflictDoNothing();
              return { kind: 'done', outcome: { status: 'skipped', reason: 'frequency_cap' }, tags };
            }
            const oldest = recent[0]?.oldest ? new Date(recent[0].oldest).getTime() : Date.now();
            return { kind: 'done', outcome: { status: 'held', until: oldest + DAY + 1000, reason: 'frequency_cap' }, tags };
          }
        }
        const messages =
          send.trackLinks && deps.trackUrl
            ? rewriteLinks(send.messages, (target) =>
                deps.trackUrl!({ runId: ctx.runId, nodeId: send.nodeId, friendId: ctx.friendId, target, isTest: ctx.isTest }),
              )
            : send.messages;
        await tx.insert(outbox).values({ ...base, status: 'pending', messages, attempts: 1 }).onConflictDoNothing();
        return { kind: 'push', to: friend.lineUserId, messages, tags };
      }
      const [row] = await tx
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} + 1` })
        .where(eq(outbox.retryKey, retryKey))
        .returning({ messages: outbox.messages });
      return { kind: 'push', to: friend.lineUserId, messages: row?.messages ?? send.messages, tags };
    });
    await fireTagTriggers(deps, ctx.friendId, prepared.tags);
    if (prepared.kind === 'done') return prepared.outcome;

    if (!deps.line) throw ApplicationFailure.nonRetryable('no LINE client configured on this worker', 'Config');
    try {
      const res = await deps.line.pushMessageWithHttpInfo({ to: prepared.to, messages: prepared.messages as never }, retryKey);
      await markSent(deps, input, retryKey, res.httpResponse.headers.get('x-line-request-id'), res.body.sentMessages.map((m) => m.id));
      return { status: 'sent' };
    } catch (err) {
      if (!(err instanceof HTTPFetchError)) throw err; // network errors and time-outs: retry with the same key
      if (err.status === 409) {
        // LINE already accepted this retry key: the message was sent by an earlier attempt.
        const ids = sentIdsFrom(err.body);
        await markSent(deps, input, retryKey, err.headers.get('x-line-accepted-request-id'), ids);
        return { status: 'sent' };
      }
      if (err.status === 429 || err.status >= 500) throw new Error(`LINE answered ${err.status}: ${err.body.slice(0, 200)}`);
      const reason = `LINE ${err.status}: ${err.body.slice(0, 400)}`;
      await db.update(outbox).set({ status: 'failed', reason }).where(eq(outbox.retryKey, retryKey));
      return { status: 'failed', reason };
    }
  };
}

function sentIdsFrom(body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'sentMessages' in parsed && Array.isArray(parsed.sentMessages)) {
      return parsed.sentMessages.flatMap((m: unknown) => (m && typeof m === 'object' && 'id' in m && typeof m.id === 'string' ? [m.id] : []));
    }
  } catch {
    /* LINE's body is informative only */
  }
  return [];
}

/** Marks the message sent and records what follows the send (the workflow adopts it without another activity). */
async function markSent(deps: ActivityDeps, input: SendInput, retryKey: string, requestId: string | null, ids: string[]) {
  const tags = await deps.db.transaction(async (tx) => {
    await tx.update(outbox).set({ status: 'sent', requestId, sentMessageIds: ids, sentAt: new Date(), reason: null }).where(eq(outbox.retryKey, retryKey));
    return writeContinuation(tx, input);
  });
  await fireTagTriggers(deps, input.ctx.friendId, tags);
}

async function writeContinuation(tx: Tx, input: SendInput): Promise<string[]> {
  if (!input.ifSent) return [];
  return writeProgress(tx, { ctx: input.ctx, records: input.ifSent.records, position: input.ifSent.position });
}
