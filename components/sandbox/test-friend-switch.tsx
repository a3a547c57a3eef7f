'use client';
// Marks the phone's friend as a test friend (テスト友だち), so テスト配信 may target it. The sandbox knows LINE user
// ids only: the Kizuna friend is looked up first (retried for a moment, as the follow webhook may still be on its way).
import { useEffect, useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';

/** Server actions the page passes in: the friend behind a LINE user id, and the friends page's test-friend action. */
export type SandboxFriendLookup = (lineUserId: string) => Promise<ActionResult<{ friendId: string; isTest: boolean }>>;
export type SetTestFriend = (friendId: string, isTest: boolean) => Promise<ActionResult>;

const RETRIES = 10;

export function TestFriendSwitch({
  lang,
  lineUserId,
  sandboxFriendAction,
  setTestFriendAction,
}: {
  lang: Lang;
  lineUserId: string;
  sandboxFriendAction: SandboxFriendLookup;
  setTestFriendAction: SetTestFriend;
}) {
  const [friend, setFriend] = useState<{ friendId: string; isTest: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async (attempt: number) => {
      const r = await sandboxFriendAction(lineUserId);
      if (stop) return;
      if (r.ok) return setFriend({ friendId: r.friendId, isTest: r.isTest });
      if (r.error.code === 'not_found:friend' && attempt < RETRIES) timer = setTimeout(() => void look(attempt + 1), 1500);
      else setError(r.error.code === 'not_found:friend' ? t(lang, 'sandbox.notInKizuna') : r.error.message);
    };
    void look(1);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [lineUserId, sandboxFriendAction, lang]);

  return (
    <div className="mt-4 rounded-md bg-violet-50 p-3 text-sm" data-testid="sandbox-test-friend">
      <label className="flex items-center gap-2 font-medium text-violet-900">
        <input
          type="checkbox"
          checked={friend?.isTest ?? false}
          disabled={!friend || pending}
          onChange={(e) => {
            if (!friend) return;
            const next = e.target.checked;
            start(async () => {
              const r = await setTestFriendAction(friend.friendId, next);
              if (r.ok) {
                setFriend({ ...friend, isTest: next });
                setError(null);
              } else setError(r.error.message);
            });
          }}
        />
        {t(lang, 'friend.testFriend')}
      </label>
      <p className="mt-1 text-xs text-violet-800/80">{t(lang, 'friend.testFriendHelp')}</p>
      {error ? <p className="mt-1 text-xs text-rose-700">{error}</p> : null}
    </div>
  );
}
