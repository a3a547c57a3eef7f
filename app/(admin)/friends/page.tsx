// Friends: search by name or ids, filter by tag, attribute and status, paginated; CSV import and export.
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { listAllTags, searchFriends } from '@/db/queries/friends';
import { CsvImportForm } from '@/components/friends/csv-import-form';
import { FriendsFilter } from '@/components/friends/friends-filter';
import { FriendsTable } from '@/components/friends/friends-table';
import { Pagination } from '@/components/friends/pagination';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { FRIENDS_PAGE_SIZE, parseFriendsSearchParams, toFriendSearch } from '@/lib/friends/search-params';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { importCsvAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function FriendsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage('friends:read', '/friends');
  const lang = await currentLang();
  const params = parseFriendsSearchParams(await searchParams);
  const { db } = appDeps();
  const [{ rows, total }, tags, defs] = await Promise.all([
    searchFriends(db, toFriendSearch(params)),
    listAllTags(db),
    listAttributeDefinitions(db),
  ]);
  return (
    <div className="mx-auto max-w-6xl p-8">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">
          {t(lang, 'friends.title')}{' '}
          <span className="ml-2 text-base font-normal text-slate-500" data-testid="friends-total">
            {t(lang, 'friends.count').replace('{n}', total.toLocaleString())}
          </span>
        </h1>
        <div className="flex items-center gap-2">
          <a href="/friends/export" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" download>
            {t(lang, 'friends.export')}
          </a>
          <CsvImportForm lang={lang} importCsvAction={importCsvAction} />
        </div>
      </div>
      <FriendsFilter lang={lang} params={params} tags={tags} defs={defs} />
      <FriendsTable lang={lang} rows={rows} />
      <Pagination lang={lang} params={params} total={total} pageSize={FRIENDS_PAGE_SIZE} />
    </div>
  );
}
