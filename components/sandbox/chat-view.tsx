'use client';
// One friend's LINE chat: messages from the account on the left, what the friend did on the right; block, link, type.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { SandboxFriend } from '@/lib/line/sandbox-admin-schema';
import type { ActionResult } from '@/lib/ui-types';
import { MessageBubble } from './message-bubble';
import { quickRepliesOf, type PhoneAction } from './message-actions';
import type { SandboxClient } from './sandbox-client';
import { usePoll } from './use-poll';

/** The server action the page passes in: start LINE's account-link flow for a sandbox friend, answering the URL to open. */
export type AccountLinkUrl = (lineUserId: string) => Promise<ActionResult<{ url: string }>>;

type Mine = { at: number; kind: 'me' | 'system'; text: string; href?: string };

const time = (at: number) => new Date(at).toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });

export function ChatView({
  lang,
  client,
  friend,
  onChanged,
  accountLinkUrlAction,
  held = null,
  richMenu = null,
}: {
  lang: Lang;
  client: SandboxClient;
  friend: SandboxFriend;
  onChanged: () => void;
  accountLinkUrlAction: AccountLinkUrl;
  /** Notes under the last message for what Kizuna holds for this friend (quiet hours). */
  held?: ReactNode;
  /** The friend's rich menu under the input bar, given the chat's tap handler (components/sandbox/rich-menu-panel.tsx). */
  richMenu?: ((onAction: (a: PhoneAction) => void) => ReactNode) | null;
}) {
  const inbox = usePoll(() => client.inbox(friend.userId), 1500, friend.userId);
  // 既読 and the "…" animation: what the bot did with the friend's own messages (POST /v2/bot/chat/markAsRead, loading/start).
  const chat = usePoll(() => client.chat(friend.userId), 1500, friend.userId);
  const readUpTo = Math.max(0, ...(chat.data?.messages ?? []).flatMap((m) => (m.readAt ? [Date.parse(m.at)] : [])));
  const [mine, setMine] = useState<Mine[]>([]);
  const [text, setText] = useState('');
  const [postback, setPostback] = useState('');
  const [error, setError] = useState<string | null>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const blocked = friend.status === 'blocked';

  const note = (kind: Mine['kind'], text: string, href?: string) =>
    setMine((m) => [...m, { at: Date.now(), kind, text, ...(href ? { href } : {}) }]);
  const run = async (fn: () => Promise<{ webhook?: { status: number | null; error?: string } | null }>) => {
    try {
      const r = await fn();
      setError(r.webhook?.error ?? (r.webhook?.status && r.webhook.status >= 300 ? `webhook → ${r.webhook.status}` : null));
      onChanged();
      inbox.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const onAction = (a: PhoneAction) => {
    if (a.kind === 'postback') {
      note('me', a.label);
      void run(() => client.postback(friend.userId, a.data));
    } else if (a.kind === 'message') {
      note('me', a.text);
      void run(() => client.sendText(friend.userId, a.text));
    } else {
      void client.tap(friend.userId, a.uri).then(
        (r) =>
          note(
            'system',
            `${t(lang, 'sandbox.tapped')} ${a.uri} → ${r.status}${r.location ? ` ${r.location}` : ''}`,
            r.location ?? undefined,
          ),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    }
  };

  const received = (inbox.data?.messages ?? []).map((m) => ({
    at: Date.parse(m.receivedAt),
    id: m.messageId,
    message: m.message,
    coupon: m.coupon,
  }));
  const timeline = [...received.map((r) => ({ ...r, kind: 'in' as const })), ...mine.map((m, i) => ({ ...m, id: `mine-${i}` }))].sort(
    (a, b) => a.at - b.at,
  );
  const count = timeline.length;
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [count]);

  return (
    <div
      className="flex h-[640px] w-[360px] flex-col overflow-hidden rounded-[2rem] border-8 border-slate-800 bg-[#8cabd9]"
      data-testid="chat-view"
    >
      <div className="flex items-center justify-between bg-slate-800 px-3 py-2 text-sm text-white">
        <span className="truncate font-medium">{friend.displayName}</span>
        <div className="flex gap-1">
          <button
            type="button"
            onClick={() =>
              void accountLinkUrlAction(friend.userId).then((r) =>
                r.ok ? (note('system', t(lang, 'sandbox.linkIssued'), r.url), window.open(r.url, '_blank')) : setError(r.error.message),
              )
            }
            disabled={blocked}
            className="rounded bg-slate-600 px-2 py-0.5 text-xs disabled:opacity-40"
          >
            {t(lang, 'sandbox.link')}
          </button>
          <button
            type="button"
            onClick={() => void run(() => (blocked ? client.unblock(friend.userId) : client.block(friend.userId)))}
            className="rounded bg-slate-600 px-2 py-0.5 text-xs"
          >
            {blocked ? t(lang, 'sandbox.unblock') : t(lang, 'sandbox.block')}
          </button>
        </div>
      </div>
      <div className="flex flex-1 flex-col gap-2 overflow-y-auto p-3" data-testid="chat-log">
        {blocked ? <p className="rounded bg-slate-700/70 p-2 text-center text-xs text-white">{t(lang, 'sandbox.blockedNote')}</p> : null}
        {timeline.map((e) =>
          e.kind === 'in' ? (
            <div key={e.id} className="flex items-end gap-1">
              <MessageBubble message={e.message} coupon={e.coupon} onAction={onAction} lang={lang} />
              <span className="text-[10px] text-white/80">{time(e.at)}</span>
            </div>
          ) : e.kind === 'me' ? (
            <div key={e.id} className="flex items-end justify-end gap-1">
              <span className="flex flex-col items-end text-[10px] text-white/80">
                {e.at <= readUpTo ? <span data-testid="chat-read">{t(lang, 'sandbox.read')}</span> : null}
                {time(e.at)}
              </span>
              <div className="max-w-[75%] whitespace-pre-wrap break-words rounded-2xl rounded-tr-sm bg-[#85e249] px-3 py-2 text-sm">
                {e.text}
              </div>
            </div>
          ) : (
            <p key={e.id} className="break-all rounded bg-black/20 px-2 py-1 text-center text-[11px] text-white" data-testid="chat-system">
              {e.href ? (
                <a href={e.href} target="_blank" rel="noreferrer" className="underline">
                  {e.text}
                </a>
              ) : (
                e.text
              )}
            </p>
          ),
        )}
        {held}
        {chat.data?.loadingUntil ? (
          <p
            className="w-fit rounded-2xl bg-white px-3 py-1 text-sm text-slate-500"
            data-testid="chat-loading"
            aria-label={t(lang, 'sandbox.loading')}
          >
            …
          </p>
        ) : null}
        <div ref={bottom} />
      </div>
      {/* Quick replies hang under the last message while it is the last thing in the chat; tapping sends the action. */}
      {(() => {
        const last = timeline.at(-1);
        const quick = last?.kind === 'in' && !blocked ? quickRepliesOf(last.message) : [];
        return quick.length > 0 ? (
          <div className="flex gap-1 overflow-x-auto bg-white/90 px-2 py-1.5" data-testid="quick-replies">
            {quick.map((a, i) => (
              <button
                key={i}
                type="button"
                onClick={() => onAction(a)}
                className="shrink-0 rounded-full border border-line px-3 py-1 text-xs text-line"
                data-testid={`quick-reply-${i}`}
              >
                {a.label}
              </button>
            ))}
          </div>
        ) : null;
      })()}
      {error ? <p className="bg-rose-100 px-3 py-1 text-xs text-rose-800">{error}</p> : null}
      <form
        className="flex gap-1 bg-white p-2"
        onSubmit={(e) => {
          e.preventDefault();
          const v = text.trim();
          if (!v) return;
          note('me', v);
          setText('');
          void run(() => client.sendText(friend.userId, v));
        }}
      >
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          disabled={blocked}
          placeholder={t(lang, 'sandbox.typeMessage')}
          className="min-w-0 flex-1 rounded-full bg-slate-100 px-3 py-1.5 text-sm"
        />
        <button type="submit" disabled={blocked} className="rounded-full bg-line px-3 text-sm text-white disabled:opacity-40">
          {t(lang, 'sandbox.send')}
        </button>
      </form>
      <form
        className="flex gap-1 bg-slate-50 px-2 pb-2"
        onSubmit={(e) => {
          e.preventDefault();
          const v = postback.trim();
          if (!v) return;
          note('system', `postback: ${v}`);
          setPostback('');
          void run(() => client.postback(friend.userId, v));
        }}
      >
        <input
          value={postback}
          onChange={(e) => setPostback(e.target.value)}
          disabled={blocked}
          placeholder="action=coupon_used&coupon=A1"
          aria-label={t(lang, 'sandbox.postback')}
          className="min-w-0 flex-1 rounded border border-slate-200 px-2 py-1 font-mono text-xs"
        />
        <button type="submit" disabled={blocked} className="rounded border border-slate-300 px-2 text-xs disabled:opacity-40">
          {t(lang, 'sandbox.postback')}
        </button>
      </form>
      {richMenu && !blocked ? richMenu(onAction) : null}
    </div>
  );
}
