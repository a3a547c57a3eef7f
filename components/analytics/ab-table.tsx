// A/B results per split: each variant's rate with its 95 % interval, the difference from the control, the p-value and an honest verdict.
import { count, percentOf, points, pValue } from '@/lib/analytics/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { SplitResult } from '@/lib/ui-types';

function Verdict({ split, lang }: { split: SplitResult; lang: Lang }) {
  const v = split.result.verdict;
  if (v.kind === 'too_early') {
    const why = v.reasons
      .map((r) => t(lang, r === 'few_friends' ? 'analytics.ab.fewFriends' : 'analytics.ab.fewConversions'))
      .join(lang === 'ja' ? '。' : '; ');
    return (
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="ab-too-early">
        ⚠ <strong>{t(lang, 'analytics.ab.tooEarly')}</strong>: {why}
      </p>
    );
  }
  if (v.kind === 'winner') {
    const w = split.result.variants.find((x) => x.id === v.variantId);
    return (
      <p className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="ab-winner">
        ✓ <strong>{t(lang, 'analytics.ab.winner')}</strong>: {w?.label ?? v.variantId}
      </p>
    );
  }
  return <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{t(lang, 'analytics.ab.noDiff')}</p>;
}

export function AbTable({ splits, lang, titles }: { splits: SplitResult[] | null; lang: Lang; titles: Record<string, string> }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="report-ab">
      <h2 className="mb-3 font-semibold">{t(lang, 'analytics.ab')}</h2>
      {splits === null ? <p className="text-sm text-slate-500">{t(lang, 'analytics.ab.noGoal')}</p> : null}
      {splits !== null && splits.length === 0 ? <p className="text-sm text-slate-500">{t(lang, 'analytics.ab.none')}</p> : null}
      {(splits ?? []).map((s) => (
        <div key={s.nodeId} className="mb-5 last:mb-0">
          <h3 className="mb-2 text-sm font-medium text-slate-700">{titles[s.nodeId] ?? s.nodeId}</h3>
          <table className="mb-2 w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-1">{t(lang, 'analytics.ab.variant')}</th>
                <th className="py-1 text-right">{t(lang, 'analytics.entered.short')}</th>
                <th className="py-1 text-right">{t(lang, 'analytics.converted')}</th>
                <th className="py-1 text-right">{t(lang, 'analytics.ab.rate')}</th>
                <th className="py-1 text-right">{t(lang, 'analytics.ab.diff')}</th>
                <th className="py-1 text-right">{t(lang, 'analytics.ab.p')}</th>
              </tr>
            </thead>
            <tbody>
              {s.result.variants.map((v, i) => (
                <tr key={v.id} className="border-t border-slate-100 tabular-nums">
                  <td className="py-1.5">
                    {v.label}
                    {i === 0 ? <span className="ml-1 text-xs text-slate-400">({t(lang, 'analytics.ab.control')})</span> : null}
                  </td>
                  <td className="py-1.5 text-right">{count(v.entered, lang)}</td>
                  <td className="py-1.5 text-right">{count(v.converted, lang)}</td>
                  <td className="py-1.5 text-right">
                    {percentOf(v.rate)}{' '}
                    <span className="text-xs text-slate-500">
                      [{percentOf(v.interval.low)}–{percentOf(v.interval.high)}]
                    </span>
                  </td>
                  <td className="py-1.5 text-right">
                    {v.vsControl ? (
                      <>
                        {points(v.vsControl.difference)}{' '}
                        <span className="text-xs text-slate-500">
                          [{points(v.vsControl.interval.low)}, {points(v.vsControl.interval.high)}]
                        </span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="py-1.5 text-right">{v.vsControl ? pValue(v.vsControl.pValue) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Verdict split={s} lang={lang} />
        </div>
      ))}
      <p className="mt-3 text-xs leading-5 text-slate-500">{t(lang, 'analytics.ab.method')}</p>
    </section>
  );
}
