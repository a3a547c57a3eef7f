'use client';
// The inbox's live part: conversations (unread counts), the open thread, the composer (templates insertable) and the
// 対応中 / assignment controls. Polls GET /api/inbox every few seconds, so new messages show without a reload; opening
// a thread (and each new message while it is open) marks it read, on LINE too.
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { FriendAvatar } from '@/components/friends/friend-avatar';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { messageKindLabel } from '@/lib/line/message-preview';
import type { InboxSnapshot, ThreadMessage } from '@/lib/ui-types';

type Result = { ok: true } | { ok: false; error: { code?: string; message: string } };

/** A failure in the operator's language: errors they can act on have their own words, others LINE's or the server's. */
function errorText(lang: Lang, error: { code?: string; message: string }): string {
  if (error.code === 'not_found:operator') return t(lang, 'inbox.error.unknownOperator');
  if (error.code === 'invalid:too_long') return t(lang, 'inbox.error.tooLong');
  return t(lang, 'inbox.error').replace('{message}', error.message);
}

export interface InboxActions {
  sendChatReplyAction: (input: unknown) => Promise<Result>;
  markChatReadAction: (input: unknown) => Promise<Result>;
  showTypingAction: (input: unknown) => Promise<Result>;
  setChatHandlingAction: (input: unknown) => Promise<Result>;
  assignChatAction: (input: unknown) => Promise<Result>;
}

export const POLL_MS = 2000;

export function InboxLive({
  lang,
  initial,
  friendId,
  canReply,
  templates,
  operators,
  actions,
  side,
}: {
  lang: Lang;
  initial: InboxSnapshot;
  friendId: string | null;
  canReply: boolean;
  templates: { id: string; name: string; text: string }[];
  operators: { id: string; name: string }[];
  actions: Partial<InboxActions> & Pick<InboxActions, 'markChatReadAction'>;
  side: React.ReactNode;
}) {
  const [snap, setSnap] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const res = await fetch(`/api/inbox${friendId ? `?friend=${friendId}` : ''}`, { cache: 'no-store' });
    if (res.ok) setSnap((await res.json()) as InboxSnapshot);
  }, [friendId]);

  useEffect(() => {
    setSnap(initial);
  }, [initial]);
  useEffect(() => {
    const timer = setInterval(() => void refresh().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  // Read on open, and again whenever a new message from the friend arrives while the thread is open.
  const lastIn = [...(snap.thread?.messages ?? [])].reverse().find((m) => m.direction === 'in')?.id ?? null;
  const { markChatReadAction } = actions;
  useEffect(() => {
    if (!friendId) return;
    void markChatReadAction({ friendId }).then(() => refresh());
  }, [friendId, lastIn, markChatReadAction, refresh]);

  const act = async (fn: () => Promise<Result>) => {
    const r = await fn();
    setError(r.ok ? null : errorText(lang, r.error));
    await refresh();
  };

  const thread = snap.thread;
  const current = snap.conversations.find((c) => c.friendId === friendId);
  return (
    <div className="grid h-[calc(100vh-2rem)] grid-cols-[18rem_1fr_20rem] gap-0 border-t border-slate-200" data-testid="inbox">
      <ul className="overflow-y-auto border-r border-slate-200 bg-white" data-testid="inbox-conversations">
        {snap.conversations.length === 0 ? <li className="p-4 text-sm text-slate-500">{t(lang, 'inbox.empty')}</li> : null}
        {snap.conversations.map((c) => (
          <li key={c.friendId}>
            <Link
              href={`/inbox?friend=${c.friendId}`}
              data-testid="inbox-conversation"
              className={`flex gap-3 border-b border-slate-100 px-3 py-2.5 hover:bg-slate-50 ${c.friendId === friendId ? 'bg-line/10' : ''}`}
            >
              <FriendAvatar name={c.displayName} pictureUrl={c.pictureUrl} size={36} />
              <div className="min-w-0 flex-1">
                <div className="flex items-baseline justify-between gap-2">
                  <span className="truncate text-sm font-medium">{c.displayName || '—'}</span>
                  <span className="shrink-0 text-[10px] text-slate-400">{formatInstant(c.lastMessageAt, lang)}</span>
                </div>
                <div className="flex items-center gap-1.5">
                  <span className="truncate text-xs text-slate-500">
                    {c.lastDirection === 'out' ? `${t(lang, 'inbox.you')}: ` : ''}
                    {c.lastText ?? (c.lastMessageType && c.lastMessageType !== 'text' ? messageKindLabel(lang, c.lastMessageType) : '')}
                  </span>
                  {c.handling ? (
                    <span className="shrink-0 rounded bg-amber-100 px-1 text-[10px] text-amber-800">{t(lang, 'inbox.handling')}</span>
                  ) : null}
                  {c.unread > 0 ? (
                    <span
                      className="ml-auto shrink-0 rounded-full bg-line px-1.5 text-[10px] font-bold text-white"
                      data-testid="inbox-unread"
                      title={t(lang, 'inbox.unread').replace('{n}', String(c.unread))}
                    >
                      {c.unread}
                    </span>
                  ) : null}
                </div>
              </div>
            </Link>
          </li>
        ))}
      </ul>
      <section className="flex min-w-0 flex-col bg-slate-50">
        {!friendId || !thread ? (
          <p className="p-6 text-sm text-slate-500">{t(lang, 'inbox.pick')}</p>
        ) : (
          <>
            <ThreadHeader
              lang={lang}
              snapThread={thread}
              name={current?.displayName ?? ''}
              canReply={canReply}
              operators={operators}
              onHandling={(on) => actions.setChatHandlingAction && act(() => actions.setChatHandlingAction!({ friendId, on }))}
              onAssign={(operatorId) => actions.assignChatAction && act(() => actions.assignChatAction!({ friendId, operatorId }))}
            />
            <Messages lang={lang} messages={thread.messages} />
            {error ? (
              <p className="px-4 text-xs text-rose-700" role="alert">
                {error}
              </p>
            ) : null}
            <Composer
              lang={lang}
              friendId={friendId}
              disabledReason={!canReply ? t(lang, 'inbox.compose.noRights') : current?.blocked ? t(lang, 'inbox.compose.blocked') : null}
              templates={templates}
              actions={actions}
              onSent={(r) => act(async () => r)}
            />
          </>
        )}
      </section>
      <aside className="overflow-y-auto border-l border-slate-200 bg-white p-4 text-sm">{side}</aside>
    </div>
  );
}

function ThreadHeader({
  lang,
  snapThread,
  name,
  canReply,
  operators,
  onHandling,
  onAssign,
}: {
  lang: Lang;
  snapThread: NonNullable<InboxSnapshot['thread']>;
  name: string;
  canReply: boolean;
  operators: { id: string; name: string }[];
  onHandling: (on: boolean) => unknown;
  onAssign: (operatorId: string | null) => unknown;
}) {
  const [pending, start] = useTransition();
  const { handling, handlingSince, holdsSends, held, assigneeId } = snapThread;
  return (
    <div className="border-b border-slate-200 bg-white px-4 py-2">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="font-semibold">{name || '—'}</h2>
        {handling ? (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800" data-testid="inbox-handling-badge">
            {t(lang, 'inbox.handling')}
          </span>
        ) : null}
        <label className="ml-auto flex items-center gap-1 text-xs text-slate-600">
          {t(lang, 'inbox.assignee')}
          <select
            className="rounded border border-slate-300 px-1 py-0.5 text-xs"
            value={assigneeId ?? ''}
            disabled={!canReply || pending}
            data-testid="inbox-assignee"
            onChange={(e) => start(async () => void (await onAssign(e.target.value || null)))}
          >
            <option value="">{t(lang, 'inbox.assignee.none')}</option>
            {operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        {canReply ? (
          <button
            type="button"
            disabled={pending}
            data-testid="inbox-handling-toggle"
            className={`rounded-md px-3 py-1 text-xs font-medium ${handling ? 'border border-amber-400 text-amber-800' : 'bg-amber-500 text-white'}`}
            onClick={() => start(async () => void (await onHandling(!handling)))}
          >
            {handling ? t(lang, 'inbox.handling.end') : t(lang, 'inbox.handling.start')}
          </button>
        ) : null}
      </div>
      {handling ? (
        <div className="mt-2 rounded-md bg-amber-50 p-2 text-xs text-amber-900" data-testid="inbox-handling-note">
          <p>
            {t(lang, 'inbox.handling.on').replace('{since}', handlingSince ? formatInstant(handlingSince, lang) : '')}{' '}
            {holdsSends ? t(lang, 'inbox.handling.holds') : t(lang, 'inbox.handling.noHold')}
          </p>
          {held.length > 0 ? (
            <div className="mt-1" data-testid="inbox-held">
              <span className="font-medium">{t(lang, 'inbox.handling.held')}</span>
              <ul className="list-disc pl-5">
                {held.map((h, i) => (
                  <li key={i}>
                    {h.scenarioName} · {h.step}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Who sent an outgoing message: the operator by name, a scenario by its name, or the keyword auto-reply. */
function senderName(lang: Lang, m: ThreadMessage): string {
  if (m.source === 'scenario') return t(lang, 'inbox.from.scenario').replace('{name}', m.scenarioName ?? '');
  if (m.source === 'auto_reply') return t(lang, 'inbox.from.autoReply');
  return m.operatorName ?? t(lang, 'inbox.operator');
}

function Messages({ lang, messages }: { lang: Lang; messages: ThreadMessage[] }) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces: newer browsers return a promise from scrollIntoView, and an effect may return only a clean-up function.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);
  return (
    <div className="flex-1 space-y-2 overflow-y-auto p-4" data-testid="inbox-thread">
      {messages.map((m) => (
        <div key={m.id} className={`flex ${m.direction === 'out' ? 'justify-end' : 'justify-start'}`}>
          <div className="max-w-[70%]">
            <div
              data-testid={m.direction === 'out' ? 'inbox-message-out' : 'inbox-message-in'}
              data-source={m.source}
              className={`whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-sm ${
                m.direction === 'in'
                  ? 'border border-slate-200 bg-white text-slate-800'
                  : m.source === 'operator'
                    ? 'bg-line text-white'
                    : 'border border-sky-200 bg-sky-50 text-slate-800'
              }`}
            >
              {m.text ?? (m.messageType === 'text' ? t(lang, 'inbox.pruned') : messageKindLabel(lang, m.messageType))}
            </div>
            <div className={`mt-0.5 text-[10px] text-slate-400 ${m.direction === 'out' ? 'text-right' : ''}`}>
              {m.direction === 'out' ? `${senderName(lang, m)} · ` : ''}
              {formatInstant(m.at, lang)}
              {m.status === 'pending' ? ` · ${t(lang, 'inbox.status.pending')}` : ''}
              {m.status === 'failed' ? <span className="text-rose-600"> · {t(lang, 'inbox.status.failed')}</span> : null}
            </div>
          </div>
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}

function Composer({
  lang,
  friendId,
  disabledReason,
  templates,
  actions,
  onSent,
}: {
  lang: Lang;
  friendId: string;
  disabledReason: string | null;
  templates: { id: string; name: string; text: string }[];
  actions: Partial<InboxActions>;
  onSent: (r: Result) => unknown;
}) {
  const [text, setText] = useState('');
  // One retry key per message being written: a double submit or a retry after a lost answer sends it once.
  const [retryKey, setRetryKey] = useState(() => crypto.randomUUID());
  const [pending, start] = useTransition();
  const lastTyping = useRef(0);
  if (disabledReason) return <p className="border-t border-slate-200 bg-white p-3 text-xs text-slate-500">{disabledReason}</p>;
  const send = () =>
    start(async () => {
      if (!actions.sendChatReplyAction || text.trim() === '') return;
      const r = await actions.sendChatReplyAction({ friendId, text, retryKey });
      if (r.ok) {
        setText('');
        setRetryKey(crypto.randomUUID());
      }
      await onSent(r);
    });
  const typing = () => {
    // LINE's "…" on the friend's phone while the operator writes: at most once every 15 s.
    const now = Date.now();
    if (!actions.showTypingAction || now - lastTyping.current < 15_000) return;
    lastTyping.current = now;
    void actions.showTypingAction({ friendId }).catch(() => undefined);
  };
  return (
    <div className="border-t border-slate-200 bg-white p-3">
      {templates.length > 0 ? (
        <select
          className="mb-2 rounded border border-slate-300 px-1 py-0.5 text-xs"
          value=""
          data-testid="inbox-template"
          aria-label={t(lang, 'inbox.compose.template')}
          onChange={(e) => {
            const tpl = templates.find((x) => x.id === e.target.value);
            if (tpl) setText((prev) => (prev ? `${prev}\n${tpl.text}` : tpl.text));
          }}
        >
          <option value="">{t(lang, 'inbox.compose.template')}</option>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      ) : null}
      <div className="flex gap-2">
        <textarea
          className="min-h-[3.5rem] flex-1 resize-y rounded-md border border-slate-300 p-2 text-sm"
          value={text}
          maxLength={5000}
          placeholder={t(lang, 'inbox.compose.placeholder')}
          data-testid="inbox-compose"
          onChange={(e) => {
            setText(e.target.value);
            typing();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              send();
            }
          }}
        />
        <button
          type="button"
          disabled={pending || text.trim() === ''}
          data-testid="inbox-send"
          className="self-end rounded-md bg-line px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
          onClick={send}
        >
          {pending ? t(lang, 'inbox.compose.sending') : t(lang, 'inbox.compose.send')}
        </button>
      </div>
    </div>
  );
}
