// The operator inbox's queries: store received and sent messages, list conversations with unread counts, read a
// thread, mark it read (handing back LINE's markAsRead token), and the 対応中 status and assignment of a thread.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { ACCOUNT_SETTINGS_ID, accountSettings, chatMessages, chatThreads, operators, outbox, runs, scenarios } from '../schema';

export type ChatMessageRow = typeof chatMessages.$inferSelect;
export type ChatThreadRow = typeof chatThreads.$inferSelect;

/** Moves the thread's last-message instant forward (creating the thread on its first message). */
async function touchThread(db: DbOrTx, friendId: string, at: Date): Promise<void> {
  await db
    .insert(chatThreads)
    .values({ friendId, lastMessageAt: at })
    .onConflictDoUpdate({
      target: chatThreads.friendId,
      set: { lastMessageAt: sql`greatest(${chatThreads.lastMessageAt}, excluded.last_message_at)` },
    });
}

/** A message the friend sent (from the webhook); a redelivered event writes nothing twice. */
export async function recordInboundMessage(
  db: DbOrTx,
  m: { friendId: string; webhookEventId: string; messageType: string; text: string | null; markAsReadToken: string | null; at: Date },
): Promise<void> {
  const [row] = await db
    .insert(chatMessages)
    .values({
      friendId: m.friendId,
      direction: 'in',
      messageType: m.messageType,
      text: m.text,
      idempotencyKey: `line:${m.webhookEventId}`,
      markAsReadToken: m.markAsReadToken,
      status: 'received',
      at: m.at,
    })
    .onConflictDoNothing({ target: chatMessages.idempotencyKey })
    .returning({ id: chatMessages.id });
  if (row) await touchThread(db, m.friendId, m.at);
}

/** An operator's answer, written pending before LINE is called; null when this retry key was already written. */
export async function insertOutboundMessage(
  db: DbOrTx,
  m: { friendId: string; text: string; retryKey: string; operatorId: string; at: Date },
): Promise<ChatMessageRow | null> {
  const [row] = await db
    .insert(chatMessages)
    .values({
      friendId: m.friendId,
      direction: 'out',
      messageType: 'text',
      text: m.text,
      idempotencyKey: `out:${m.retryKey}`,
      retryKey: m.retryKey,
      operatorId: m.operatorId,
      status: 'pending',
      at: m.at,
    })
    .onConflictDoNothing({ target: chatMessages.idempotencyKey })
    .returning();
  if (row) await touchThread(db, m.friendId, m.at);
  return row ?? null;
}

/** The idempotency-key prefix of an auto-reply's messages (operators' are `out:`, the friend's `line:`). */
const AUTO_REPLY_KEY = 'auto:';

/**
 * What the account answered on its own (a keyword auto-reply), one row per LINE message, so the thread shows it beside
 * the friend's message. `key` is the reply's own key (the hit id): a repeated dispatch writes nothing twice.
 */
export async function recordAutoReply(
  db: DbOrTx,
  m: { friendId: string; key: string; messages: { messageType: string; text: string | null }[]; at: Date },
): Promise<void> {
  if (m.messages.length === 0) return;
  const rows = await db
    .insert(chatMessages)
    .values(
      m.messages.map((x, i) => ({
        friendId: m.friendId,
        direction: 'out' as const,
        messageType: x.messageType,
        text: x.text,
        idempotencyKey: `${AUTO_REPLY_KEY}${m.key}:${i}`,
        status: 'sent' as const,
        at: m.at,
      })),
    )
    .onConflictDoNothing({ target: chatMessages.idempotencyKey })
    .returning({ id: chatMessages.id });
  if (rows.length > 0) await touchThread(db, m.friendId, m.at);
}

export async function findOutboundByRetryKey(db: DbOrTx, retryKey: string): Promise<ChatMessageRow | null> {
  const [row] = await db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.idempotencyKey, `out:${retryKey}`));
  return row ?? null;
}

export async function settleOutboundMessage(db: DbOrTx, id: string, s: { status: 'sent' } | { status: 'failed'; failure: string }) {
  await db
    .update(chatMessages)
    .set({ status: s.status, failure: s.status === 'failed' ? s.failure.slice(0, 500) : null })
    .where(eq(chatMessages.id, id));
}

export interface ConversationView {
  friendId: string;
  displayName: string;
  pictureUrl: string | null;
  blocked: boolean;
  lastMessageAt: Date;
  lastText: string | null;
  lastMessageType: string | null;
  lastDirection: 'in' | 'out' | null;
  unread: number;
  handling: boolean;
  assigneeId: string | null;
  assigneeName: string | null;
}

/** Conversations, most recent message first, each with its unread count and its latest message. */
export async function listConversations(db: DbOrTx, limit = 100): Promise<ConversationView[]> {
  const rows = await db.execute(sql`
    SELECT t.friend_id, f.display_name, f.picture_url, f.blocked_at IS NOT NULL AS blocked, t.last_message_at,
      t.handling_since IS NOT NULL AS handling, t.assignee_id, o.name AS assignee_name,
      (SELECT count(*)::int FROM chat_messages m WHERE m.friend_id = t.friend_id AND m.direction = 'in'
        AND (t.read_at IS NULL OR m.at > t.read_at)) AS unread,
      last.text AS last_text, last.message_type AS last_message_type, last.direction AS last_direction
    FROM chat_threads t
    JOIN friends f ON f.id = t.friend_id
    LEFT JOIN operators o ON o.id = t.assignee_id
    LEFT JOIN LATERAL (SELECT text, message_type, direction FROM chat_messages m WHERE m.friend_id = t.friend_id ORDER BY at DESC LIMIT 1) last ON true
    ORDER BY t.last_message_at DESC
    LIMIT ${limit}`);
  return rows.map((r) => ({
    friendId: String(r.friend_id),
    displayName: String(r.display_name ?? ''),
    pictureUrl: r.picture_url === null ? null : String(r.picture_url),
    blocked: Boolean(r.blocked),
    lastMessageAt: new Date(String(r.last_message_at)),
    lastText: r.last_text === null ? null : String(r.last_text),
    lastMessageType: r.last_message_type === null || r.last_message_type === undefined ? null : String(r.last_message_type),
    lastDirection: r.last_direction === 'in' || r.last_direction === 'out' ? r.last_direction : null,
    unread: Number(r.unread ?? 0),
    handling: Boolean(r.handling),
    assigneeId: r.assignee_id === null ? null : String(r.assignee_id),
    assigneeName: r.assignee_name === null ? null : String(r.assignee_name),
  }));
}

/** The thread's latest messages, oldest first, with who wrote each (the friend, an operator by name, or an auto-reply). */
export async function listThreadMessages(db: DbOrTx, friendId: string, limit = 200) {
  const rows = await db
    .select({
      id: chatMessages.id,
      direction: chatMessages.direction,
      messageType: chatMessages.messageType,
      text: chatMessages.text,
      status: chatMessages.status,
      at: chatMessages.at,
      operatorName: operators.name,
      idempotencyKey: chatMessages.idempotencyKey,
    })
    .from(chatMessages)
    .leftJoin(operators, eq(operators.id, chatMessages.operatorId))
    .where(eq(chatMessages.friendId, friendId))
    .orderBy(desc(chatMessages.at))
    .limit(limit);
  return rows.reverse().map(({ idempotencyKey, ...m }) => ({
    ...m,
    source:
      m.direction === 'in'
        ? ('friend' as const)
        : idempotencyKey.startsWith(AUTO_REPLY_KEY)
          ? ('auto_reply' as const)
          : ('operator' as const),
  }));
}

/** The scenario sends LINE took for the friend (test runs left out), newest `limit`, oldest first, with the scenario's name. */
export async function listSentScenarioMessages(db: DbOrTx, friendId: string, limit = 200) {
  const rows = await db
    .select({ id: outbox.id, messages: outbox.messages, sentAt: outbox.sentAt, scenarioName: scenarios.name })
    .from(outbox)
    .leftJoin(scenarios, eq(scenarios.id, outbox.scenarioId))
    .where(and(eq(outbox.friendId, friendId), eq(outbox.status, 'sent'), eq(outbox.isTest, false), sql`${outbox.sentAt} IS NOT NULL`))
    .orderBy(desc(outbox.sentAt))
    .limit(limit);
  return rows.reverse().flatMap((r) => (r.sentAt ? [{ ...r, sentAt: r.sentAt }] : []));
}

/** Whether `operatorId` names an operator who may be assigned a conversation (one that exists and is not disabled). */
export async function isAssignableOperator(db: DbOrTx, operatorId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: operators.id })
    .from(operators)
    .where(and(eq(operators.id, operatorId), sql`${operators.disabledAt} IS NULL`));
  return row !== undefined;
}

export async function findThread(db: DbOrTx, friendId: string): Promise<ChatThreadRow | null> {
  const [row] = await db.select().from(chatThreads).where(eq(chatThreads.friendId, friendId));
  return row ?? null;
}

/**
 * Marks the thread read up to `at` and takes the newest unused markAsRead token (LINE marks everything up to that
 * message read); the tokens are cleared so each is used once. Returns null when nothing is left to mark on LINE.
 */
export async function markThreadRead(db: DbOrTx, friendId: string, at: Date): Promise<string | null> {
  await db
    .update(chatThreads)
    .set({ readAt: sql`greatest(${chatThreads.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(eq(chatThreads.friendId, friendId));
  // RETURNING shows the row after the update: the tokens are read from the locked rows before they are cleared.
  const tokens = await db.execute<{ token: string; at: string }>(sql`
    WITH old AS (
      SELECT id, mark_as_read_token AS token, at FROM chat_messages
      WHERE friend_id = ${friendId}::uuid AND mark_as_read_token IS NOT NULL FOR UPDATE),
    cleared AS (UPDATE chat_messages m SET mark_as_read_token = NULL FROM old WHERE m.id = old.id RETURNING old.token, old.at)
    SELECT token, at FROM cleared ORDER BY at DESC LIMIT 1`);
  return tokens[0]?.token ?? null;
}

/** Sets or clears 対応中; returns whether it changed (a repeated click changes nothing). */
export async function setHandling(db: DbOrTx, friendId: string, operatorId: string | null, at: Date): Promise<boolean> {
  await db.insert(chatThreads).values({ friendId, lastMessageAt: at }).onConflictDoNothing();
  const changed = await db
    .update(chatThreads)
    .set(operatorId ? { handlingSince: at, handlingBy: operatorId } : { handlingSince: null, handlingBy: null })
    .where(
      and(
        eq(chatThreads.friendId, friendId),
        operatorId ? sql`${chatThreads.handlingSince} IS NULL` : sql`${chatThreads.handlingSince} IS NOT NULL`,
      ),
    )
    .returning({ friendId: chatThreads.friendId });
  return changed.length > 0;
}

export async function setAssignee(db: DbOrTx, friendId: string, operatorId: string | null, at: Date): Promise<void> {
  await db
    .insert(chatThreads)
    .values({ friendId, lastMessageAt: at, assigneeId: operatorId })
    .onConflictDoUpdate({ target: chatThreads.friendId, set: { assigneeId: operatorId } });
}

/** Whether the friend's automated sends wait now: 対応中 is set and the account's setting lets it hold sends. */
export async function chatHoldsSends(db: DbOrTx, friendId: string): Promise<boolean> {
  const rows = await db.execute(sql`
    SELECT 1 FROM chat_threads t
    WHERE t.friend_id = ${friendId}::uuid AND t.handling_since IS NOT NULL
      AND coalesce((SELECT chat_handling_holds_sends FROM account_settings WHERE id = ${ACCOUNT_SETTINGS_ID}), true)`);
  return rows.length > 0;
}

export async function getChatHoldSetting(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ on: accountSettings.chatHandlingHoldsSends })
    .from(accountSettings)
    .where(eq(accountSettings.id, ACCOUNT_SETTINGS_ID));
  return row?.on ?? true;
}

export async function saveChatHoldSetting(db: DbOrTx, on: boolean, updatedBy: string): Promise<void> {
  const values = { chatHandlingHoldsSends: on, updatedBy, updatedAt: new Date() };
  await db
    .insert(accountSettings)
    .values({ id: ACCOUNT_SETTINGS_ID, ...values })
    .onConflictDoUpdate({ target: accountSettings.id, set: values });
}

/** The friend's runs waiting at a send step (what 対応中 holds while it is set). */
export async function listRunsWaitingToSend(db: DbOrTx, friendId: string) {
  return db
    .select({ runId: runs.id, scenarioName: scenarios.name, versionId: runs.versionId, nodeId: runs.currentNodeId })
    .from(runs)
    .leftJoin(scenarios, eq(scenarios.id, runs.scenarioId))
    .where(and(eq(runs.friendId, friendId), eq(runs.status, 'active'), eq(runs.isTest, false), sql`${runs.waitingFor}->>'kind' = 'send'`))
    .orderBy(asc(runs.startedAt));
}
