// Friends as a viewer sees them: display names only (no picture, ids, tags, dates or block state), each opening the
// friend's page, which shows no more.
import Link from 'next/link';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { FriendNameRow } from '@/lib/ui-types';
import { ListTable } from '../ui/list-table';
import { FriendAvatar } from './friend-avatar';

export function FriendNamesTable({ lang, rows }: { lang: Lang; rows: FriendNameRow[] }) {
  return (
    <ListTable
      headers={[t(lang, 'friends.col.name')]}
      empty={t(lang, 'friends.empty')}
      isEmpty={rows.length === 0}
      testId="friends-table"
      headClassName="text-xs uppercase text-slate-500"
    >
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
    </ListTable>
  );
}
