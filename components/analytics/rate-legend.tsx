// The canvas legend: what the border colours and the line widths mean.
import { RATE_COLOURS } from '@/lib/analytics/format';
import { t, type Lang } from '@/lib/i18n/dictionary';

export function RateLegend({ lang, hasGoal }: { lang: Lang; hasGoal: boolean }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white/90 px-3 py-2 text-[11px] text-slate-600 shadow-sm">
      {hasGoal ? (
        <div className="flex items-center gap-2">
          <span>{t(lang, 'analytics.legend.cv')}</span>
          <span className="flex items-center gap-0.5">
            <span>0%</span>
            {RATE_COLOURS.map((c) => (
              <span key={c} className="inline-block h-3 w-4 rounded-sm" style={{ background: c }} />
            ))}
            <span>{t(lang, 'analytics.legend.max')}</span>
          </span>
        </div>
      ) : (
        <div>{t(lang, 'analytics.noGoal')}</div>
      )}
      <div className="mt-1">{t(lang, 'analytics.legend.width')}</div>
    </div>
  );
}
