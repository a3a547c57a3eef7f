// Steps with history that the shown version no longer has (removed or renamed in a later publish), with their main figures.
import { count, percent } from '@/lib/analytics/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { AnalyticsView } from '@/lib/ui-types';

export function OtherNodes({ view, lang }: { view: AnalyticsView; lang: Lang }) {
  if (view.otherNodeIds.length === 0) return null;
  return (
    <div className="border-t border-slate-200 bg-white px-6 py-2 text-xs text-slate-600" data-testid="analytics-other-nodes">
      <span className="font-medium">{t(lang, 'analytics.otherNodes')}: </span>
      {view.otherNodeIds.map((id) => {
        const f = view.figures[id];
        return (
          <span key={id} className="mr-4 font-mono" translate="no">
            {id} · {t(lang, 'analytics.entered.short')} {count(f?.entered ?? 0, lang)}
            {f && f.converted !== null ? ` · CV ${percent(f.converted, f.entered)}` : ''}
          </span>
        );
      })}
    </div>
  );
}
