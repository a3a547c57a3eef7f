// Friends: search by name or ids, filter by tag, attribute and status, paginated; CSV import (editors) and export
// (owners or the export grant); bulk actions on the filtered list (tag: editors; start a scenario: publishers). A role
// without `friends:read_details` gets display names only, loaded by a query that reads nothing else.
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { searchFriendNames } from '@/db/queries/friend-names';
import { startableScenarios } from '@/db/queries/broadcasts';
import { listAllTags, searchFriends } from '@/db/queries/friends';
import { BulkActions } from '@/components/friends/bulk-actions';
import { CsvImportForm } from '@/components/friends/csv-import-form';
import { FriendNamesTable } from '@/components/friends/friend-names-table';
import { FriendsFilter } from '@/components/friends/friends-filter';
import { FriendsTable } from '@/components/friends/friends-table';
import { Pagination } from '@/components/friends/pagination';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import {
  FRIENDS_PAGE_SIZE,
  pageHref,
  parseFriendsSearchParams,
  toFriendSearch,
  type FriendsSearchParams,
} from '@/lib/friends/search-params';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import type { Operator } from '@/lib/auth/operator';
import { importCsvAction } from './actions';
import { bulkStartScenarioAction, bulkTagAction } from './bulk-actions';
import { LinkConflictsLink } from './link-conflicts/conflicts-link';

export const dynamic = 'force-dynamic';

export default async function FriendsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { operator } = await requirePage('friends:read', '/friends');
  const lang = await currentLang();
  const sp = await searchParams;
  const raw = parseFriendsSearchParams(sp);
  const details = can(operator, 'friends:read_details');
  // Names only: the other filters are dropped, so they can't be used to probe tags, attributes or block state.
  const params: FriendsSearchParams = details ? raw : { ...(raw.q ? { q: raw.q } : {}), page: raw.page };
  const body = details ? await detailedList(lang, params, operator) : await namesList(lang, params);
  return (
    <div className="mx-auto max-w-6xl p-8">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">
          {t(lang, 'friends.title')}{' '}
          <span className="ml-2 text-base font-normal text-slate-500" data-testid="friends-total">
            {t(lang, 'friends.count').replace('{n}', body.total.toLocaleString())}
          </span>
        </h1>
        <div className="flex items-center gap-2">
          {can(operator, 'friends:edit') ? <LinkConflictsLink lang={lang} /> : null}
          {can(operator, 'friends:export') ? (
            <a
              href="/friends/export"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
              download
            >
              {t(lang, 'friends.export')}
            </a>
          ) : null}
          {can(operator, 'friends:edit') ? <CsvImportForm lang={lang} importCsvAction={importCsvAction} /> : null}
        </div>
      </div>
      {sp.erased === '1' ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 p-3 text-sm text-green-800" data-testid="friends-notice">
          {t(lang, 'erasure.done')}
        </p>
      ) : null}
      {details ? null : <p className="mb-3 text-sm text-slate-500">{t(lang, 'friends.namesOnly')}</p>}
      <FriendsFilter lang={lang} params={params} details={body.filters} />
      {body.table}
      <Pagination lang={lang} params={params} total={body.total} pageSize={FRIENDS_PAGE_SIZE} />
    </div>
  );
}

async function detailedList(lang: Lang, params: FriendsSearchParams, operator: Operator) {
  const { db } = appDeps();
  const canStart = can(operator, 'scenarios:publish');
  const [{ rows, total }, tags, defs, scenarios] = await Promise.all([
    searchFriends(db, toFriendSearch(params)),
    listAllTags(db),
    listAttributeDefinitions(db),
    canStart ? startableScenarios(db) : [],
  ]);
  // "These N friends" is the filter, every page of it: the bulk actions get the filter, never the page.
  const { page: _page, ...filter } = params;
  const bulk = (
    <BulkActions
      key={pageHref(params, 1)}
      lang={lang}
      total={total}
      filter={Object.fromEntries(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string'))}
      tags={tags.map((x) => x.tag)}
      scenarios={scenarios}
      tagAction={can(operator, 'friends:edit') ? bulkTagAction : null}
      startAction={canStart ? bulkStartScenarioAction : null}
    />
  );
  return {
    total,
    table: (
      <>
        {bulk}
        <FriendsTable lang={lang} rows={rows} />
      </>
    ),
    filters: { tags, defs },
  };
}

async function namesList(lang: Lang, params: FriendsSearchParams) {
  const { rows, total } = await searchFriendNames(appDeps().db, {
    ...(params.q ? { q: params.q } : {}),
    limit: FRIENDS_PAGE_SIZE,
    offset: (params.page - 1) * FRIENDS_PAGE_SIZE,
  });
  return { total, table: <FriendNamesTable lang={lang} rows={rows} />, filters: null };
}
