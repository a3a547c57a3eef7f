// Per-step figures as a table (the same numbers as the canvas and the CSV), in graph order then older versions' steps.
import { count, percent } from '@/lib/analytics/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { AnalyticsView } from '@/lib/ui-types';
import { NODE_LABELS } from '@/scenario/nodes';

export function NodeTable({ view, lang, csvHref }: { view: AnalyticsView; lang: Lang; csvHref: string }) {
  const nodes = view.graph?.nodes ?? [];
  const rows = [
    ...nodes.map((n) => ({ id: n.id, title: n.label ?? NODE_LABELS[n.kind][lang], send: n.kind === 'send' })),
    ...view.otherNodeIds.map((id) => ({ id, title: `(${id})`, send: false })),
  ];
  const c = (n: number) => count(n, lang);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="report-nodes">
      <div className="mb-3 flex items-center justify-between">
        <h2 className="font-semibold">{t(lang, 'analytics.table')}</h2>
        <a href={csvHref} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50" data-testid="analytics-csv">
          {t(lang, 'analytics.csv')}
        </a>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-2">{t(lang, 'analytics.col.step')}</th>
              <th className="py-1 text-right">{t(lang, 'analytics.entered.short')}</th>
              <th className="py-1 text-right">{t(lang, 'analytics.waiting')}</th>
              <th className="py-1 text-right">{t(lang, 'analytics.converted')}</th>
              <th className="py-1 text-right">{t(lang, 'analytics.sent')}</th>
              <th className="py-1 text-right">{t(lang, 'analytics.failed')}</th>
              <th className="py-1 text-right">{t(lang, 'analytics.skipped')}</th>
              <th className="py-1 text-right" title={t(lang, 'analytics.clicks')}>
                {t(lang, 'analytics.clicks.short')}*
              </th>
              <th className="py-1 text-right">{t(lang, 'analytics.blocked.short')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const f = view.figures[r.id];
              const s = f?.sends;
              return (
                <tr key={r.id} className="border-t border-slate-100 tabular-nums">
                  <td className="py-1.5 pr-2">
                    {r.title}{' '}
                    <span className="font-mono text-[11px] text-slate-400" translate="no">
                      {r.id}
                    </span>
                  </td>
                  <td className="py-1.5 text-right">{c(f?.entered ?? 0)}</td>
                  <td className="py-1.5 text-right">{c(f?.waitingNow ?? 0)}</td>
                  <td className="py-1.5 text-right">
                    {f && f.converted !== null ? `${c(f.converted)} (${percent(f.converted, f.entered)})` : '—'}
                  </td>
                  <td className="py-1.5 text-right">{r.send ? c(s?.sent ?? 0) : ''}</td>
                  <td className="py-1.5 text-right">{r.send ? c(s?.failed ?? 0) : ''}</td>
                  <td className="py-1.5 text-right">{r.send ? c(s?.skipped ?? 0) : ''}</td>
                  <td className="py-1.5 text-right">
                    {r.send && s ? `${c(s.uniqueClicks)} (${percent(s.uniqueClicks, s.sentFriends)})` : ''}
                  </td>
                  <td className="py-1.5 text-right">{r.send ? c(s?.blockedAfter ?? 0) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-500">* {t(lang, 'analytics.clicks')}</p>
      <p className="mt-1 text-xs text-slate-500">{t(lang, 'analytics.definitions')}</p>
    </section>
  );
}
