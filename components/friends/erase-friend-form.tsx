// 友だちを消去 on the friend page (owners): a plain form (no JavaScript needed) behind a <details>, confirmed by typing
// 削除 or "erase"; the server action checks the word again and says why when nothing was erased.
import { t, type Lang } from '@/lib/i18n/dictionary';

/** The server action the page passes in (it checks `friends:erase`, erases, and redirects). */
export type EraseFriend = (form: FormData) => Promise<void>;

export function EraseFriendForm({
  lang,
  friendId,
  problem,
  eraseFriendAction,
}: {
  lang: Lang;
  friendId: string;
  /** Set when the last attempt erased nothing: the word did not match, or the erasure failed (with its code). */
  problem: { kind: 'mismatch' } | { kind: 'failed'; code: string } | null;
  eraseFriendAction: EraseFriend;
}) {
  return (
    <details id="erase" open={problem !== null} className="mt-6 rounded-lg border border-rose-200 bg-white p-4" data-testid="erase-friend">
      <summary className="cursor-pointer font-semibold text-rose-800">{t(lang, 'erasure.title')}</summary>
      <p className="mt-3 text-sm text-slate-600">{t(lang, 'erasure.help')}</p>
      {problem ? (
        <p role="alert" className="mt-3 rounded-md bg-rose-50 p-2 text-sm text-rose-800">
          {problem.kind === 'mismatch' ? t(lang, 'erasure.mismatch') : t(lang, 'erasure.failed').replace('{code}', problem.code)}
        </p>
      ) : null}
      <form action={eraseFriendAction} className="mt-3 flex flex-wrap items-end gap-3">
        <input type="hidden" name="friendId" value={friendId} />
        <label className="text-sm">
          <span className="mb-1 block text-slate-700">{t(lang, 'erasure.confirmLabel')}</span>
          <input
            name="confirm"
            required
            autoComplete="off"
            pattern="\s*(削除|[Ee][Rr][Aa][Ss][Ee])\s*"
            className="w-40 rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        <button type="submit" className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-800">
          {t(lang, 'erasure.submit')}
        </button>
      </form>
    </details>
  );
}
