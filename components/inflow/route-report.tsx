// A route's report: totals and one row per day (newest first) of visits, friends added, re-follows, early blocks and
// conversions.
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { RouteReport } from '@/lib/ui-types';

const COLUMNS = ['visits', 'added', 'refollows', 'blocks7', 'blocks30', 'conversions'] as const;

export function RouteReportTable({ lang, report }: { lang: Lang; report: RouteReport }) {
  if (report.totals.visits === 0) return <p className="text-sm text-slate-500">{t(lang, 'inflow.report.empty')}</p>;
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="route-report">
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className="px-3 py-2">{t(lang, 'inflow.report.day')}</th>
          {COLUMNS.map((c) => (
            <th key={c} className="px-3 py-2 text-right">
              {t(lang, `inflow.report.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr className="border-t border-slate-200 font-semibold" data-testid="route-report-total">
          <td className="px-3 py-2">{t(lang, 'inflow.report.total')}</td>
          {COLUMNS.map((c) => (
            <td key={c} className="px-3 py-2 text-right" data-testid={`route-total-${c}`}>
              {report.totals[c]}
            </td>
          ))}
        </tr>
        {report.byDay.map((d) => (
          <tr key={d.day} className="border-t border-slate-100">
            <td className="px-3 py-2 font-mono text-xs">{d.day}</td>
            {COLUMNS.map((c) => (
              <td key={c} className="px-3 py-2 text-right">
                {d[c]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
