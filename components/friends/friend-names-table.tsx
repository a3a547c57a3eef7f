// Friends as a viewer sees them: display names only (no picture, ids, tags, dates or block state), each opening the
// friend's page, which shows no more.
import Link from 'next/link';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { FriendNameRow } from '@/lib/ui-types';
import { FriendAvatar } from './friend-avatar';

export function FriendNamesTable({ lang, rows }: { lang: Lang; rows: FriendNameRow[] }) {
  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">{t(lang, 'friends.empty')}</p>
    );
  }
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="friends-table">
      <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="px-4 py-2">{t(lang, 'friends.col.name')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => (
          <tr key={f.id} className="border-t border-slate-100 hover:bg-slate-50">
            <td className="px-4 py-2">
              <Link href={`/friends/${f.id}`} className="flex items-center gap-2 font-medium text-line-dark hover:underline">
                <FriendAvatar name={f.displayName} pictureUrl={null} size={28} />
                {f.displayName || t(lang, 'friends.noName')}
                {f.isTest ? <span className="rounded bg-violet-100 px-1.5 text-xs text-violet-700">{t(lang, 'friends.test')}</span> : null}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
