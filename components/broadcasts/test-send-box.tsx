'use client';
// テスト送信: names the test friends it goes to, saves the draft first (a test sends what is saved), then sends.
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionError, ActionResult } from '@/lib/ui-types';
import { broadcastErrorText } from './error-text';

export type TestSendAction = (id: string) => Promise<ActionResult<{ names: string[] }>>;

export function TestSendBox({
  lang,
  testFriends,
  save,
  testSend,
}: {
  lang: Lang;
  testFriends: string[];
  /** Saves the draft and answers its id (null when saving failed; the composer shows why). */
  save: () => Promise<string | null>;
  testSend: TestSendAction;
}) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: true; names: string[] } | { ok: false; error: ActionError } | null>(null);
  const names = (list: string[]) => list.join(lang === 'ja' ? '、' : ', ');
  if (testFriends.length === 0) return <p className="text-sm text-slate-500">{t(lang, 'broadcasts.test.none')}</p>;
  const error = result && !result.ok ? broadcastErrorText(lang, result.error) : null;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500">{t(lang, 'broadcasts.test.help')}</p>
      <p className="text-sm">{t(lang, 'broadcasts.test.to').replace('{names}', names(testFriends))}</p>
      <button
        type="button"
        disabled={pending}
        data-testid="broadcast-test"
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50"
        onClick={() =>
          start(async () => {
            setResult(null);
            const id = await save();
            if (id) setResult(await testSend(id));
          })
        }
      >
        {pending ? t(lang, 'broadcasts.working') : t(lang, 'broadcasts.test.send')}
      </button>
      {result?.ok ? (
        <p role="status" className="text-sm text-green-800" data-testid="broadcast-test-result">
          {t(lang, 'broadcasts.test.sent').replace('{names}', names(result.names))}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-rose-700">
          {error.text}
        </p>
      ) : null}
    </div>
  );
}
