// Header of the analytics and report pages: scenario name, page tabs, and the range / version filter (a plain GET form).
import Link from 'next/link';
import { rangeQuery, type AnalyticsRange } from '@/lib/analytics/range';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { AnalyticsView } from '@/lib/ui-types';

export function AnalyticsHeader(props: { view: AnalyticsView; range: AnalyticsRange; lang: Lang; page: 'analytics' | 'report' }) {
  const { view, range, lang } = props;
  const id = view.scenario.id;
  const q = rangeQuery(range);
  const tab = (href: string, label: string, active: boolean) => (
    <Link
      href={href}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? 'bg-line-dark text-white' : 'text-slate-600 hover:bg-slate-100'}`}
      aria-current={active ? 'page' : undefined}
    >
      {label}
    </Link>
  );
  const goal = view.goal;
  return (
    <header className="border-b border-slate-200 bg-white px-6 py-3">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/scenarios" className="text-sm text-slate-500 hover:underline">
          ← {t(lang, 'analytics.nav.back')}
        </Link>
        <h1 className="text-lg font-bold" data-testid="analytics-title">
          {view.scenario.name}
        </h1>
        {view.shown ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">v{view.shown.version}</span> : null}
        <nav className="ml-auto flex gap-1" aria-label={t(lang, 'analytics.nav.views')}>
          {tab(`/scenarios/${id}`, t(lang, 'analytics.nav.editor'), false)}
          {tab(`/scenarios/${id}/analytics?${q}`, t(lang, 'analytics.nav.analytics'), props.page === 'analytics')}
          {tab(`/scenarios/${id}/report?${q}`, t(lang, 'analytics.nav.report'), props.page === 'report')}
        </nav>
      </div>
      <form method="get" className="mt-2 flex flex-wrap items-end gap-3 text-sm" data-testid="analytics-filter">
        <label className="flex flex-col text-xs text-slate-500">
          {t(lang, 'analytics.filter.from')}
          <input
            type="date"
            name="from"
            defaultValue={range.fromDay}
            className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-900"
          />
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          {t(lang, 'analytics.filter.to')}
          <input
            type="date"
            name="to"
            defaultValue={range.toDay}
            className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-900"
          />
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          {t(lang, 'analytics.filter.version')}
          <select
            name="version"
            defaultValue={range.versionId ?? ''}
            className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-900"
          >
            <option value="">{t(lang, 'analytics.filter.allVersions')}</option>
            {view.versions.map((v) => (
              <option key={v.id} value={v.id}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
          {t(lang, 'analytics.filter.apply')}
        </button>
        <div className="ml-auto text-right text-xs leading-5 text-slate-500">
          <div>
            {goal
              ? t(lang, 'analytics.goal').replace('{event}', goal.eventName).replace('{days}', String(goal.windowDays))
              : t(lang, 'analytics.noGoal')}
          </div>
          <div>{t(lang, 'analytics.range.note')}</div>
          {!range.versionId && view.versions.length > 1 && view.shown ? (
            <div className="max-w-xl text-amber-700" data-testid="all-versions-note">
              {t(lang, 'analytics.allVersions.note').replaceAll('{v}', String(view.shown.version))}
            </div>
          ) : null}
        </div>
      </form>
    </header>
  );
}
