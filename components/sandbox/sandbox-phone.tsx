'use client';
// The sandbox phone: friends on the left (add, pick; mark the chosen one as a test friend), the chosen friend's LINE
// chat on the right.
import { useMemo, useState } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { SandboxFriend } from '@/lib/line/sandbox-admin-schema';
import { ChatView, type AccountLinkUrl } from './chat-view';
import { RichMenuPanel } from './rich-menu-panel';
import { HeldNote, type HeldSendsLookup } from './held-note';
import { createSandboxClient } from './sandbox-client';
import { TestFriendSwitch, type SandboxFriendLookup, type SetTestFriend } from './test-friend-switch';
import { usePoll } from './use-poll';

export function SandboxPhone({
  lang,
  sandboxUrl,
  accountLinkUrlAction,
  sandboxFriendAction,
  heldSendsAction,
  setTestFriendAction,
}: {
  lang: Lang;
  sandboxUrl: string;
  accountLinkUrlAction: AccountLinkUrl;
  sandboxFriendAction: SandboxFriendLookup;
  heldSendsAction: HeldSendsLookup;
  /** Absent for a role that may not edit friends: no test-friend switch then. */
  setTestFriendAction?: SetTestFriend;
}) {
  const client = useMemo(() => createSandboxClient(sandboxUrl), [sandboxUrl]);
  const friends = usePoll(() => client.friends(), 3000, sandboxUrl);
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list: SandboxFriend[] = friends.data?.friends ?? [];
  const current = list.find((f) => f.userId === selected) ?? null;

  const add = async () => {
    setBusy(true);
    try {
      const r = await client.addFriend(name.trim());
      setName('');
      setError(r.webhook?.error ?? null);
      if (r.friend) setSelected(r.friend.userId);
      friends.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex gap-6" data-testid="sandbox-phone">
      <div className="w-72 shrink-0">
        <form
          className="mb-3 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void add();
          }}
        >
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={20}
            placeholder={t(lang, 'sandbox.namePlaceholder')}
            aria-label={t(lang, 'sandbox.name')}
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
          <button
            type="submit"
            disabled={busy}
            className="rounded-md bg-line px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          >
            {t(lang, 'sandbox.addFriend')}
          </button>
        </form>
        {error || friends.error ? <p className="mb-2 text-xs text-rose-700">{error ?? friends.error}</p> : null}
        <ul className="flex flex-col gap-1" data-testid="sandbox-friends">
          {list.length === 0 ? <li className="text-sm text-slate-400">{t(lang, 'sandbox.noFriends')}</li> : null}
          {list.map((f) => (
            <li key={f.userId}>
              <button
                type="button"
                onClick={() => setSelected(f.userId)}
                className={`flex w-full items-center justify-between rounded-md px-3 py-2 text-left text-sm ${f.userId === selected ? 'bg-line/15' : 'hover:bg-slate-100'}`}
              >
                <span className="truncate font-medium">{f.displayName}</span>
                <span className="ml-2 shrink-0 text-xs text-slate-500">
                  {f.status === 'blocked' ? t(lang, 'friends.status.blocked') : f.inboxCount > 0 ? `✉ ${f.inboxCount}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {current && setTestFriendAction ? (
          <TestFriendSwitch
            key={current.userId}
            lang={lang}
            lineUserId={current.userId}
            sandboxFriendAction={sandboxFriendAction}
            setTestFriendAction={setTestFriendAction}
          />
        ) : null}
      </div>
      {current ? (
        <ChatView
          key={current.userId}
          lang={lang}
          client={client}
          friend={current}
          onChanged={friends.refresh}
          accountLinkUrlAction={accountLinkUrlAction}
          held={<HeldNote lang={lang} lineUserId={current.userId} heldSendsAction={heldSendsAction} />}
          richMenu={(onAction) => <RichMenuPanel sandboxUrl={sandboxUrl} userId={current.userId} lang={lang} onAction={onAction} />}
        />
      ) : (
        <div className="flex h-[640px] w-[360px] items-center justify-center rounded-[2rem] border-8 border-slate-800 bg-slate-100 p-6 text-center text-sm text-slate-500">
          {t(lang, 'sandbox.pick')}
        </div>
      )}
    </div>
  );
}
