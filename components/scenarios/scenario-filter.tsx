// The scenario list's search by name (a plain GET form, so a filter is a shareable URL) and its status tabs
// (すべて・下書き・配信中・一時停止・停止・アーカイブ); archived scenarios show only under アーカイブ.
import Link from 'next/link';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { LIST_FILTERS, listHref, type ListFilter, type ListParams } from './list-params';

const label = (lang: Lang, f: ListFilter) => (f === 'archived' ? t(lang, 'scenarios.filter.archived') : t(lang, `status.${f}`));

export function ScenarioFilter({ lang, params }: { lang: Lang; params: ListParams }) {
  const tab = (f: ListFilter | undefined) => {
    const active = params.status === f;
    return (
      <Link
        key={f ?? 'all'}
        href={listHref({ ...params, status: f })}
        aria-current={active ? 'page' : undefined}
        data-testid={`filter-${f ?? 'all'}`}
        className={`rounded-full px-3 py-1 text-sm ${active ? 'bg-line-dark font-semibold text-white' : 'text-slate-600 hover:bg-slate-100'}`}
      >
        {f ? label(lang, f) : t(lang, 'scenarios.filter.all')}
      </Link>
    );
  };
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3">
      <nav className="flex flex-wrap gap-1" aria-label={t(lang, 'scenarios.filter.label')} data-testid="scenario-filter">
        {tab(undefined)}
        {LIST_FILTERS.map(tab)}
      </nav>
      {/* Keyed by the URL: after a tab click the uncontrolled input starts from the new query. */}
      <form key={listHref(params)} method="get" action="/scenarios" role="search" className="ml-auto flex items-center gap-2">
        {params.status ? <input type="hidden" name="status" value={params.status} /> : null}
        <input
          name="q"
          defaultValue={params.q ?? ''}
          placeholder={t(lang, 'scenarios.search')}
          aria-label={t(lang, 'scenarios.search')}
          data-testid="scenario-search"
          className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {t(lang, 'scenarios.searchButton')}
        </button>
      </form>
    </div>
  );
}
