// Keyword auto-reply rules (parsed with the core's schema on read and write) and their hits (one per message, idempotent).
import { and, asc, eq, sql } from 'drizzle-orm';
import { KeywordRuleInputSchema, type KeywordRule, type KeywordRuleInput } from '@/scenario/keyword-rules';
import type { DbOrTx } from '../client';
import { keywordRuleHits, keywordRules, type KeywordRuleHitRow, type KeywordRuleRow } from '../schema';

export type StoredKeywordRule = KeywordRule & { updatedAt: Date; updatedBy: string };

function parseRow(r: KeywordRuleRow): StoredKeywordRule | null {
  const parsed = KeywordRuleInputSchema.safeParse({
    name: r.name,
    priority: r.priority,
    active: r.active,
    match: r.match,
    windows: r.windows,
    timeZone: r.timeZone,
    actions: r.actions,
  });
  // A row that no longer parses (an older Kizuna, a pattern RE2 now refuses) is left out rather than breaking the list.
  return parsed.success ? { ...parsed.data, id: r.id, updatedAt: r.updatedAt, updatedBy: r.updatedBy } : null;
}

function columns(input: KeywordRuleInput) {
  const r = KeywordRuleInputSchema.parse(input);
  return {
    name: r.name,
    priority: r.priority,
    active: r.active,
    match: r.match,
    windows: r.windows,
    timeZone: r.timeZone,
    actions: r.actions,
  };
}

export async function listKeywordRules(db: DbOrTx, opts: { activeOnly?: boolean } = {}): Promise<StoredKeywordRule[]> {
  const rows = await db
    .select()
    .from(keywordRules)
    .where(opts.activeOnly ? eq(keywordRules.active, true) : undefined)
    .orderBy(asc(keywordRules.priority), asc(keywordRules.name));
  return rows.flatMap((r) => parseRow(r) ?? []);
}

export async function getKeywordRule(db: DbOrTx, id: string): Promise<StoredKeywordRule | null> {
  const [row] = await db.select().from(keywordRules).where(eq(keywordRules.id, id));
  return row ? parseRow(row) : null;
}

export async function insertKeywordRule(db: DbOrTx, input: KeywordRuleInput, by: string): Promise<string> {
  const [row] = await db
    .insert(keywordRules)
    .values({ ...columns(input), updatedBy: by })
    .returning({ id: keywordRules.id });
  if (!row) throw new Error('keyword rule not inserted');
  return row.id;
}

export async function updateKeywordRule(db: DbOrTx, id: string, input: KeywordRuleInput, by: string): Promise<boolean> {
  const rows = await db
    .update(keywordRules)
    .set({ ...columns(input), updatedBy: by, updatedAt: sql`now()` })
    .where(eq(keywordRules.id, id))
    .returning({ id: keywordRules.id });
  return rows.length > 0;
}

export async function setKeywordRuleActive(db: DbOrTx, id: string, active: boolean, by: string): Promise<boolean> {
  const rows = await db
    .update(keywordRules)
    .set({ active, updatedBy: by, updatedAt: sql`now()` })
    .where(eq(keywordRules.id, id))
    .returning({ id: keywordRules.id });
  return rows.length > 0;
}

export async function deleteKeywordRule(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(keywordRules).where(eq(keywordRules.id, id)).returning({ id: keywordRules.id });
  return rows.length > 0;
}

/** Hits per rule: all time and since `since` (the list's "last 7 days"). */
export async function keywordRuleHitCounts(db: DbOrTx, since: Date): Promise<Map<string, { total: number; recent: number }>> {
  const rows = await db
    .select({
      ruleId: keywordRuleHits.ruleId,
      total: sql<number>`count(*)::int`,
      recent: sql<number>`(count(*) FILTER (WHERE ${keywordRuleHits.firedAt} >= ${since.toISOString()}::timestamptz))::int`,
    })
    .from(keywordRuleHits)
    .groupBy(keywordRuleHits.ruleId);
  return new Map(rows.map((r) => [r.ruleId, { total: r.total, recent: r.recent }]));
}

/** Records that a rule fired on a message: the new hit, or null when this message already fired one (a repeat). */
export async function insertKeywordHit(
  db: DbOrTx,
  hit: { ruleId: string; eventId: string; friendId: string; firedAt: Date; withReply: boolean },
): Promise<KeywordRuleHitRow | null> {
  const [row] = await db
    .insert(keywordRuleHits)
    .values({
      ruleId: hit.ruleId,
      eventId: hit.eventId,
      friendId: hit.friendId,
      firedAt: hit.firedAt,
      replyStatus: hit.withReply ? 'pending' : 'none',
    })
    .onConflictDoNothing({ target: keywordRuleHits.eventId })
    .returning();
  return row ?? null;
}

export async function findKeywordHitByEvent(db: DbOrTx, eventId: string): Promise<KeywordRuleHitRow | null> {
  const [row] = await db.select().from(keywordRuleHits).where(eq(keywordRuleHits.eventId, eventId));
  return row ?? null;
}

export async function settleKeywordReply(
  db: DbOrTx,
  hitId: string,
  outcome: { status: 'sent'; via: 'reply' | 'push' } | { status: 'failed'; error: string },
): Promise<void> {
  await db
    .update(keywordRuleHits)
    .set(
      outcome.status === 'sent'
        ? { replyStatus: 'sent', replyVia: outcome.via, replyError: null }
        : { replyStatus: 'failed', replyError: outcome.error.slice(0, 500) },
    )
    .where(and(eq(keywordRuleHits.id, hitId), eq(keywordRuleHits.replyStatus, 'pending')));
}
