// チャット (the operator inbox): conversations by last message with unread counts, the open thread with the friend's
// profile, tags, attributes and scenario positions beside it, answering, 対応中 and assignment. Reading needs
// `friends:read_details` (messages are personal data); answering and the status need `friends:edit`.
import { z } from 'zod';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { findFriendById, listFriendRuns, listFriendTags } from '@/db/queries/friends';
import { listMessageTemplates } from '@/db/queries/message-templates';
import { versionGraphs } from '@/db/queries/scenario-versions';
import { editorAttributeDefinitions } from '@/db/queries/scenarios';
import { FriendSidePanel } from '@/components/inbox/friend-side-panel';
import { InboxLive } from '@/components/inbox/inbox-live';
import { appDeps } from '@/lib/app-deps';
import { listOperators } from '@/lib/auth/manage-operators';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { fillForFriend } from '@/lib/chat/inbox';
import { inboxSnapshot } from '@/lib/chat/inbox-view';
import { stepKey, stepNames } from '@/lib/friends/step-names';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { assignChatAction, markChatReadAction, sendChatReplyAction, setChatHandlingAction, showTypingAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { operator } = await requirePage('friends:read_details', '/inbox');
  const sp = await searchParams;
  const raw = Array.isArray(sp.friend) ? sp.friend[0] : sp.friend;
  const friendId = raw && z.uuid().safeParse(raw).success ? raw : null;
  const lang = await currentLang();
  const { db } = appDeps();
  const canReply = can(operator, 'friends:edit');
  const [initial, templates, operators, side] = await Promise.all([
    inboxSnapshot(db, friendId, lang),
    canReply ? listMessageTemplates(db) : [],
    listOperators(db),
    friendId ? sidePanel(lang, friendId) : null,
  ]);
  // Templates as the open friend will read them ({{friend.displayName}} filled); form links are signed when sent.
  const templateTexts = await Promise.all(
    templates.flatMap((tpl) => {
      const text = tpl.messages.flatMap((m) => (m.type === 'text' ? [m.text] : [])).join('\n');
      if (!text) return [];
      return [
        (async () => ({
          id: tpl.id,
          name: tpl.name,
          text: friendId ? await fillForFriend({ db, now: () => new Date() }, friendId, text) : text,
        }))(),
      ];
    }),
  );
  return (
    <div className="flex h-full flex-col">
      <div className="px-6 pb-2 pt-4">
        <h1 className="text-xl font-bold">{t(lang, 'inbox.title')}</h1>
        <p className="text-xs text-slate-500">{t(lang, 'inbox.help')}</p>
      </div>
      <InboxLive
        lang={lang}
        initial={initial}
        friendId={friendId}
        canReply={canReply}
        templates={templateTexts}
        operators={operators.filter((o) => !o.disabledAt).map((o) => ({ id: o.id, name: o.name }))}
        actions={
          canReply
            ? { sendChatReplyAction, markChatReadAction, showTypingAction, setChatHandlingAction, assignChatAction }
            : { markChatReadAction }
        }
        side={side}
      />
    </div>
  );
}

async function sidePanel(lang: Lang, friendId: string) {
  const { db } = appDeps();
  const friend = await findFriendById(db, friendId);
  if (!friend) return null;
  const [tags, defs, runs] = await Promise.all([listFriendTags(db, friendId), listAttributeDefinitions(db), listFriendRuns(db, friendId)]);
  const active = runs.filter((r) => r.status === 'active' && !r.isTest);
  const graphs = await versionGraphs(
    db,
    active.map((r) => r.versionId),
  );
  const names = stepNames(graphs, lang, await editorAttributeDefinitions(db));
  return (
    <FriendSidePanel
      lang={lang}
      friend={friend}
      tags={tags}
      defs={defs}
      positions={active.map((r) => ({
        runId: r.id,
        scenarioName: r.scenarioName ?? '',
        step: r.currentNodeId ? (names[stepKey(r.versionId, r.currentNodeId)] ?? '') : '',
      }))}
    />
  );
}
