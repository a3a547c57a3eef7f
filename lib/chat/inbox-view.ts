// Builds the inbox's live view: conversations with unread counts and, when one is open, its thread, 対応中 and the
// automated sends it holds (named by scenario and step, like the quiet-hours note).
import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  findThread,
  getChatHoldSetting,
  listConversations,
  listRunsWaitingToSend,
  listSentScenarioMessages,
  listThreadMessages,
} from '@/db/queries/chat';
import { versionGraphs } from '@/db/queries/scenario-versions';
import { editorAttributeDefinitions } from '@/db/queries/scenarios';
import { stepKey, stepNames } from '@/lib/friends/step-names';
import { messagePreview } from '@/lib/line/message-preview';
import type { Lang } from '@/lib/i18n/dictionary';
import type { InboxSnapshot, ThreadMessage, ThreadView } from './view-types';

/** How many messages a thread shows: the newest, friend's, operators' and the account's automated ones together. */
const THREAD_LIMIT = 200;

/** A sent LINE message as the thread shows it: its text, a card's alt text, or only its type (an image, a sticker). */
function sentText(message: unknown): { messageType: string; text: string | null } {
  const type = typeof message === 'object' && message !== null && 'type' in message ? String(message.type) : 'text';
  const preview = messagePreview(message);
  return { messageType: type, text: preview === `[${type}]` || preview === '?' ? null : preview };
}

export async function inboxSnapshot(db: DbOrTx, friendId: string | null, lang: Lang): Promise<InboxSnapshot> {
  const [conversations, thread] = await Promise.all([listConversations(db), friendId ? threadView(db, friendId, lang) : null]);
  return {
    conversations: conversations.map((c) => ({
      friendId: c.friendId,
      displayName: c.displayName,
      pictureUrl: c.pictureUrl,
      blocked: c.blocked,
      lastMessageAt: c.lastMessageAt.getTime(),
      lastText: c.lastText,
      lastMessageType: c.lastMessageType,
      lastDirection: c.lastDirection,
      unread: c.unread,
      handling: c.handling,
      assigneeName: c.assigneeName,
    })),
    thread,
  };
}

async function threadView(db: DbOrTx, friendId: string, lang: Lang): Promise<ThreadView> {
  const [chat, sent, thread, holdsSends] = await Promise.all([
    listThreadMessages(db, friendId, THREAD_LIMIT),
    listSentScenarioMessages(db, friendId, THREAD_LIMIT),
    findThread(db, friendId),
    getChatHoldSetting(db),
  ]);
  const handling = thread?.handlingSince != null;
  let held: ThreadView['held'] = [];
  if (handling && holdsSends) {
    const waiting = await listRunsWaitingToSend(db, friendId);
    if (waiting.length > 0) {
      const [graphs, attributes] = await Promise.all([
        versionGraphs(
          db,
          waiting.map((w) => w.versionId),
        ),
        editorAttributeDefinitions(db),
      ]);
      const names = stepNames(graphs, lang, attributes);
      held = waiting.map((w) => ({
        scenarioName: w.scenarioName ?? '',
        step: w.nodeId ? (names[stepKey(w.versionId, w.nodeId)] ?? '') : '',
      }));
    }
  }
  // The scenario sends interleaved with the chat by instant, so the operator reads the conversation as the friend saw it.
  const messages: ThreadMessage[] = [
    ...chat.map((m) => ({
      id: m.id,
      direction: m.direction,
      source: m.source,
      scenarioName: null,
      messageType: m.messageType,
      text: m.text,
      status: m.status,
      at: m.at.getTime(),
      operatorName: m.operatorName,
    })),
    ...sent.flatMap((o) =>
      o.messages.map((message, i) => ({
        id: `${o.id}:${i}`,
        direction: 'out' as const,
        source: 'scenario' as const,
        scenarioName: o.scenarioName ?? '',
        ...sentText(message),
        status: 'sent' as const,
        at: o.sentAt.getTime(),
        operatorName: null,
      })),
    ),
  ]
    .sort((a, b) => a.at - b.at)
    .slice(-THREAD_LIMIT);
  return {
    friendId,
    messages,
    handling,
    handlingSince: thread?.handlingSince?.getTime() ?? null,
    assigneeId: thread?.assigneeId ?? null,
    holdsSends,
    held,
  };
}
