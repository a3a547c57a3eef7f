// Builds the inbox's live view: conversations with unread counts and, when one is open, its thread, 対応中 and the
// automated sends it holds (named by scenario and step, like the quiet-hours note).
import 'server-only';
import type { DbOrTx } from '@/db/client';
import { findThread, getChatHoldSetting, listConversations, listRunsWaitingToSend, listThreadMessages } from '@/db/queries/chat';
import { versionGraphs } from '@/db/queries/scenario-versions';
import { editorAttributeDefinitions } from '@/db/queries/scenarios';
import { stepKey, stepNames } from '@/lib/friends/step-names';
import type { Lang } from '@/lib/i18n/dictionary';
import type { InboxSnapshot, ThreadView } from './view-types';

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
      lastDirection: c.lastDirection,
      unread: c.unread,
      handling: c.handling,
      assigneeName: c.assigneeName,
    })),
    thread,
  };
}

async function threadView(db: DbOrTx, friendId: string, lang: Lang): Promise<ThreadView> {
  const [messages, thread, holdsSends] = await Promise.all([
    listThreadMessages(db, friendId),
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
  return {
    friendId,
    messages: messages.map((m) => ({
      id: m.id,
      direction: m.direction,
      messageType: m.messageType,
      text: m.text,
      status: m.status,
      at: m.at.getTime(),
      operatorName: m.operatorName,
    })),
    handling,
    handlingSince: thread?.handlingSince?.getTime() ?? null,
    assigneeId: thread?.assigneeId ?? null,
    holdsSends,
    held,
  };
}
