'use server';
// policy: session, friends:edit (friends:read_details to read, settings:manage for inbox settings), per action
// Server actions of the operator inbox (チャット): answer a friend, mark a thread read, show the typing animation, set
// or clear 対応中, assign an operator (`friends:edit`; reading the inbox needs `friends:read_details`). Every
// operator message and status change is audited (ids and lengths only, never the text).
import { z } from 'zod';
import { saveChatHoldSetting } from '@/db/queries/chat';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { guardedAction } from '@/lib/auth/guard';
import { assignChat, markThreadReadOnLine, ReplyInputSchema, sendOperatorReply, setChatHandling, showTyping } from '@/lib/chat/inbox';
import { parseOrThrow, toActionError, type ActionError } from '@/lib/errors';

export type InboxResult<T = object> = ({ ok: true } & T) | { ok: false; error: ActionError };

async function run<T extends object>(fn: () => Promise<T>): Promise<InboxResult<T>> {
  try {
    return { ok: true, ...(await fn()) };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
}

const FriendIdSchema = z.object({ friendId: z.uuid() });

export const sendChatReplyAction = guardedAction('friends:edit', async (caller, input: unknown) =>
  run(async () => {
    const reply = parseOrThrow(ReplyInputSchema, input);
    const deps = appDeps();
    const r = await sendOperatorReply(deps, caller.operator.id, reply);
    await recordAudit(deps.db, actorOf(caller), {
      action: 'chat_message_sent',
      object: { type: 'friend', id: reply.friendId },
      detail: { messageId: r.messageId, status: r.status, length: reply.text.length },
    });
    return r;
  }),
);

export const markChatReadAction = guardedAction('friends:read_details', async (_caller, input: unknown) =>
  run(async () => {
    const { friendId } = parseOrThrow(FriendIdSchema, input);
    return markThreadReadOnLine(appDeps(), friendId);
  }),
);

export const showTypingAction = guardedAction('friends:edit', async (_caller, input: unknown) =>
  run(async () => {
    const { friendId } = parseOrThrow(FriendIdSchema, input);
    await showTyping(appDeps(), friendId);
    return {};
  }),
);

const HandlingSchema = z.object({ friendId: z.uuid(), on: z.boolean() });

export const setChatHandlingAction = guardedAction('friends:edit', async (caller, input: unknown) =>
  run(async () => {
    const { friendId, on } = parseOrThrow(HandlingSchema, input);
    const deps = appDeps();
    const changed = await setChatHandling(deps, friendId, caller.operator.id, on);
    if (changed) {
      await recordAudit(deps.db, actorOf(caller), {
        action: 'chat_handling_changed',
        object: { type: 'friend', id: friendId },
        detail: { handling: on },
      });
    }
    return { changed };
  }),
);

const AssignSchema = z.object({ friendId: z.uuid(), operatorId: z.string().min(1).max(100).nullable() });

export const assignChatAction = guardedAction('friends:edit', async (caller, input: unknown) =>
  run(async () => {
    const { friendId, operatorId } = parseOrThrow(AssignSchema, input);
    const deps = appDeps();
    await assignChat(deps, friendId, operatorId);
    await recordAudit(deps.db, actorOf(caller), {
      action: 'chat_assigned',
      object: { type: 'friend', id: friendId },
      detail: { assigneeId: operatorId },
    });
    return {};
  }),
);

/** 設定: whether 対応中 holds automated sends (owners: `settings:manage`). */
export const saveChatHoldSettingAction = guardedAction('settings:manage', async (caller, input: unknown) =>
  run(async () => {
    const { on } = parseOrThrow(z.object({ on: z.boolean() }), input);
    const { db } = appDeps();
    await saveChatHoldSetting(db, on, caller.operator.id);
    await recordAudit(db, actorOf(caller), {
      action: 'settings_changed',
      object: { type: 'account', id: 'chat_handling_holds_sends' },
      detail: { chatHandlingHoldsSends: on },
    });
    return {};
  }),
);
