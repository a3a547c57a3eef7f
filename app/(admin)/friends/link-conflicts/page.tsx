// Member-id link conflicts (operators with friends:edit): friends who tried to link a member id another friend holds.
// Nothing moved when that happened; here an operator keeps the id with its holder or moves it to the claimant.
import Link from 'next/link';
import { listOpenLinkConflicts, type OpenLinkConflict } from '@/db/queries/link-conflicts';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { formatInstant } from '@/lib/format';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { resolveLinkConflictAction } from './actions';

export const dynamic = 'force-dynamic';

const NOTICES: Record<string, MessageKey> = {
  kept_holder: 'linkConflicts.done.kept_holder',
  moved_to_claimant: 'linkConflicts.done.moved_to_claimant',
};
const ERRORS: Record<string, MessageKey> = { already: 'linkConflicts.error.already', invalid: 'linkConflicts.error.invalid' };
const pick = (map: Record<string, MessageKey>, v: unknown): MessageKey | null =>
  typeof v === 'string' && Object.hasOwn(map, v) ? (map[v] ?? null) : null;

export default async function LinkConflictsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePage('friends:edit', '/friends/link-conflicts');
  const lang = await currentLang();
  const sp = await searchParams;
  const conflicts = await listOpenLinkConflicts(appDeps().db);
  const notice = pick(NOTICES, sp.done);
  const error = pick(ERRORS, sp.error);
  return (
    <div className="mx-auto max-w-6xl p-8" data-testid="link-conflicts-page">
      <p className="mb-2 text-sm">
        <Link href="/friends" className="text-slate-500 hover:underline">
          ← {t(lang, 'friends.title')}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">{t(lang, 'linkConflicts.title')}</h1>
      <p className="mb-4 text-sm text-slate-500">{t(lang, 'linkConflicts.help')}</p>
      {notice ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 p-3 text-sm text-green-800">
          {t(lang, notice)}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mb-4 rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {t(lang, error)}
        </p>
      ) : null}
      {conflicts.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {t(lang, 'linkConflicts.empty')}
        </p>
      ) : (
        <ConflictsTable lang={lang} conflicts={conflicts} />
      )}
    </div>
  );
}

function ConflictsTable({ lang, conflicts }: { lang: Lang; conflicts: OpenLinkConflict[] }) {
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="link-conflicts-table">
      <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">{t(lang, 'linkConflicts.col.createdAt')}</th>
          <th className="px-4 py-2">{t(lang, 'linkConflicts.col.memberId')}</th>
          <th className="px-4 py-2">{t(lang, 'linkConflicts.col.holder')}</th>
          <th className="px-4 py-2">{t(lang, 'linkConflicts.col.claimant')}</th>
          <th className="px-4 py-2">{t(lang, 'linkConflicts.col.source')}</th>
          <th className="px-4 py-2">{t(lang, 'linkConflicts.col.decision')}</th>
        </tr>
      </thead>
      <tbody>
        {conflicts.map((c) => (
          <tr key={c.id} className="border-t border-slate-100 align-top" data-testid="link-conflict">
            <td className="whitespace-nowrap px-4 py-2 text-slate-500">{formatInstant(c.createdAt, lang)}</td>
            <td className="px-4 py-2 font-mono">{c.memberId}</td>
            <td className="px-4 py-2">
              <FriendLink lang={lang} friend={c.holder} />
              {c.currentHolder?.id === c.holder.id ? null : (
                <div className="text-xs text-amber-700">
                  {c.currentHolder
                    ? t(lang, 'linkConflicts.nowHeldBy').replace('{name}', c.currentHolder.displayName || t(lang, 'friends.noName'))
                    : t(lang, 'linkConflicts.nowUnheld')}
                </div>
              )}
            </td>
            <td className="px-4 py-2">
              <FriendLink lang={lang} friend={c.claimant} />
            </td>
            <td className="px-4 py-2 text-slate-500">{t(lang, `linkConflicts.source.${c.source}`)}</td>
            <td className="px-4 py-2">
              <form action={resolveLinkConflictAction} className="flex flex-col gap-1">
                <input type="hidden" name="id" value={c.id} />
                <button
                  type="submit"
                  name="resolution"
                  value="kept_holder"
                  className="rounded-md border border-slate-300 bg-white px-3 py-1 text-left hover:bg-slate-50"
                >
                  {t(lang, 'linkConflicts.keep')}
                </button>
                <button
                  type="submit"
                  name="resolution"
                  value="moved_to_claimant"
                  className="rounded-md border border-amber-300 bg-amber-50 px-3 py-1 text-left hover:bg-amber-100"
                >
                  {t(lang, 'linkConflicts.move')}
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FriendLink({ lang, friend }: { lang: Lang; friend: { id: string; displayName: string } }) {
  return (
    <Link href={`/friends/${friend.id}`} className="font-medium text-line-dark hover:underline">
      {friend.displayName || t(lang, 'friends.noName')}
    </Link>
  );
}
