// The scenario funnel: entered → sent → clicked → converted, with blocks as the cost, each as a share of "entered".
import { count, percent } from '@/lib/analytics/format';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { Funnel } from '@/lib/ui-types';

export function FunnelChart({ funnel, lang }: { funnel: Funnel; lang: Lang }) {
  const stages: { key: MessageKey; n: number | null; tone: string }[] = [
    { key: 'analytics.funnel.entered', n: funnel.entered, tone: 'bg-slate-700' },
    { key: 'analytics.funnel.sent', n: funnel.sent, tone: 'bg-emerald-600' },
    { key: 'analytics.funnel.clicked', n: funnel.clicked, tone: 'bg-sky-600' },
    { key: 'analytics.funnel.converted', n: funnel.converted, tone: 'bg-line-dark' },
    { key: 'analytics.funnel.blocked', n: funnel.blocked, tone: 'bg-rose-500' },
  ];
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="report-funnel">
      <h2 className="font-semibold">{t(lang, 'analytics.funnel')}</h2>
      <p className="mb-3 mt-1 text-xs text-slate-500">{t(lang, 'analytics.funnel.note')}</p>
      <div className="space-y-2">
        {stages.map((s) => {
          const share = s.n !== null && funnel.entered > 0 ? s.n / funnel.entered : 0;
          return (
            <div key={s.key} className="grid grid-cols-[13rem_1fr_8rem] items-center gap-3 text-sm">
              <div className="text-slate-700">{t(lang, s.key)}</div>
              <div className="h-5 rounded bg-slate-100">
                <div className={`h-5 rounded ${s.tone}`} style={{ width: `${Math.max(share * 100, s.n ? 0.5 : 0)}%` }} />
              </div>
              <div className="text-right tabular-nums">{s.n === null ? '—' : `${count(s.n, lang)} (${percent(s.n, funnel.entered)})`}</div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
