// Previous / next page links keeping the current filters.
import Link from 'next/link';
import { pageHref, type FriendsSearchParams } from '@/lib/friends/search-params';
import { t, type Lang } from '@/lib/i18n/dictionary';

export function Pagination({
  lang,
  params,
  total,
  pageSize,
}: {
  lang: Lang;
  params: FriendsSearchParams;
  total: number;
  pageSize: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = 'rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50';
  return (
    <nav className="mt-4 flex items-center justify-center gap-3 text-sm" aria-label={t(lang, 'common.pagination')}>
      {params.page > 1 ? (
        <Link href={pageHref(params, params.page - 1)} className={link}>
          {t(lang, 'friends.prev')}
        </Link>
      ) : null}
      <span className="text-slate-500">
        {params.page} / {pages}
      </span>
      {params.page < pages ? (
        <Link href={pageHref(params, params.page + 1)} className={link}>
          {t(lang, 'friends.next')}
        </Link>
      ) : null}
    </nav>
  );
}
