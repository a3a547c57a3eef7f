'use client';
// The テスト友だち switch on the friend page (roles that edit friends): only test friends may receive テスト配信, and
// their traffic is left out of analytics.
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';

/** The server action the page passes in (it checks `friends:edit` and records the change in the audit log). */
export type SetTestFriend = (friendId: string, isTest: boolean) => Promise<ActionResult>;

export function TestFriendToggle({
  lang,
  friendId,
  isTest,
  setTestFriendAction,
}: {
  lang: Lang;
  friendId: string;
  isTest: boolean;
  setTestFriendAction: SetTestFriend;
}) {
  const [checked, setChecked] = useState(isTest);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="rounded-md bg-violet-50 p-3" data-testid="test-friend-toggle">
      <label className="flex items-center gap-2 text-sm font-medium text-violet-900">
        <input
          type="checkbox"
          checked={checked}
          disabled={pending}
          onChange={(e) => {
            const next = e.target.checked;
            setChecked(next);
            start(async () => {
              const r = await setTestFriendAction(friendId, next);
              if (r.ok) setError(null);
              else {
                setChecked(!next);
                setError(r.error.message);
              }
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
