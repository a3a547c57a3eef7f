// The friends table: who, ids, tags, friend-added time (JST) and block state.
import Link from 'next/link';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { FriendListRow } from '@/lib/ui-types';
import { ListTable } from '../ui/list-table';
import { FriendAvatar } from './friend-avatar';

export function FriendsTable({ lang, rows }: { lang: Lang; rows: FriendListRow[] }) {
  return (
    <ListTable
      headers={[
        t(lang, 'friends.col.name'),
        t(lang, 'friends.col.lineUserId'),
        t(lang, 'friends.col.memberId'),
        t(lang, 'friends.col.tags'),
        t(lang, 'friends.col.added'),
        t(lang, 'friends.col.status'),
      ]}
      empty={t(lang, 'friends.empty')}
      isEmpty={rows.length === 0}
      testId="friends-table"
      headClassName="text-xs uppercase text-slate-500"
    >
      {rows.map((f) => (
        <tr key={f.id} className="border-t border-slate-100 hover:bg-slate-50">
          <td className="px-4 py-2">
            <Link href={`/friends/${f.id}`} className="flex items-center gap-2 font-medium text-line-dark hover:underline">
              <FriendAvatar name={f.displayName} pictureUrl={f.pictureUrl} size={28} />
              {f.displayName || t(lang, 'friends.noName')}
              {f.isTest ? <span className="rounded bg-violet-100 px-1.5 text-xs text-violet-700">{t(lang, 'friends.test')}</span> : null}
            </Link>
          </td>
          <td className="px-4 py-2 font-mono text-xs text-slate-500" title={f.lineUserId}>
            {f.lineUserId.slice(0, 9)}…
          </td>
          <td className="px-4 py-2 font-mono text-xs">{f.memberId ?? '—'}</td>
          <td className="px-4 py-2">
            <div className="flex flex-wrap gap-1">
              {f.tags.map((tag) => (
                <span key={tag} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                  {tag}
                </span>
              ))}
            </div>
          </td>
          <td className="px-4 py-2 text-slate-500">{formatInstant(f.friendAddedAt, lang)}</td>
          <td className="px-4 py-2">
            {f.blockedAt ? (
              <span className="rounded-full bg-rose-100 px-2 py-0.5 text-xs font-medium text-rose-800">
                {t(lang, 'friends.status.blocked')}
              </span>
            ) : (
              <span className="rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800">
                {t(lang, 'friends.status.active')}
              </span>
            )}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
