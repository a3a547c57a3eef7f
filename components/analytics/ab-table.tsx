// A/B results per split: the plain verdict first, each variant's (and the control group's) figures, and the statistics one click away.
import { count, percentOf, points, pValue } from '@/lib/analytics/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { SplitResult } from '@/lib/ui-types';
import { AbVerdict, chanceText, metricWord } from './ab-verdict';

type Goal = { eventName: string; windowDays: number } | null;

function Bar({ rate, max }: { rate: number | null; max: number }) {
  const width = rate !== null && max > 0 ? Math.max(1, (rate / max) * 100) : 0;
  return (
    <div className="h-2 w-full rounded bg-slate-100">
      <div className="h-2 rounded bg-fuchsia-500" style={{ width: `${width}%` }} />
    </div>
  );
}

function Figures({ s, lang }: { s: SplitResult; lang: Lang }) {
  const max = Math.max(0, ...s.result.variants.map((v) => v.rate ?? 0), s.holdout?.rate ?? 0);
  const rateHead = t(lang, s.metric === 'clicks' ? 'ab.metric.clicks' : 'ab.metric.goal');
  const h = s.holdout;
  return (
    <table className="w-full text-sm" data-testid="ab-figures">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-1">{t(lang, 'ab.col.variant')}</th>
          <th className="py-1 text-right">{t(lang, 'ab.col.friends')}</th>
          <th className="py-1 text-right">{t(lang, s.metric === 'clicks' ? 'ab.col.clicked' : 'ab.col.converted')}</th>
          <th className="py-1 pl-4">{rateHead}</th>
          <th className="py-1 text-right">{t(lang, 'ab.col.chance')}</th>
        </tr>
      </thead>
      <tbody>
        {s.result.variants.map((v, i) => (
          <tr key={v.id} className="border-t border-slate-100 tabular-nums" data-testid={`ab-row-${v.id}`}>
            <td className="py-1.5 font-medium">{v.label}</td>
            <td className="py-1.5 text-right">{count(v.entered, lang)}</td>
            <td className="py-1.5 text-right">{count(v.converted, lang)}</td>
            <td className="py-1.5 pl-4">
              <div className="grid grid-cols-[4rem_1fr] items-center gap-2">
                <span className="text-right font-semibold">{percentOf(v.rate)}</span>
                <Bar rate={v.rate} max={max} />
              </div>
            </td>
            <td className="py-1.5 text-right">{v.entered > 0 ? chanceText(s.chances[i] ?? 0, lang) : '—'}</td>
          </tr>
        ))}
        {h ? (
          <tr className="border-t border-slate-100 tabular-nums text-slate-600" data-testid="ab-row-holdout">
            <td className="py-1.5">{t(lang, 'ab.holdout')}</td>
            <td className="py-1.5 text-right">{count(h.entered, lang)}</td>
            <td className="py-1.5 text-right">{h.converted === null ? '—' : count(h.converted, lang)}</td>
            <td className="py-1.5 pl-4">
              {h.rate === null ? (
                <span className="text-xs">—</span>
              ) : (
                <div className="grid grid-cols-[4rem_1fr] items-center gap-2">
                  <span className="text-right font-semibold">{percentOf(h.rate)}</span>
                  <Bar rate={h.rate} max={max} />
                </div>
              )}
            </td>
            <td className="py-1.5 text-right">—</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

function Details({ s, lang }: { s: SplitResult; lang: Lang }) {
  const vs = s.result.variants;
  const base = vs[0]?.label ?? '';
  const h = s.holdout?.vsVariants ? s.holdout : null;
  const required = s.required;
  const label = (id: string) => vs.find((v) => v.id === id)?.label ?? id;
  return (
    <details className="mt-3 rounded-md border border-slate-200 px-3 py-2" data-testid="ab-details">
      <summary className="cursor-pointer text-sm font-medium text-slate-700">{t(lang, 'ab.details')}</summary>
      <table className="mt-2 w-full text-xs">
        <thead className="text-left text-slate-500">
          <tr>
            <th className="py-1">{t(lang, 'ab.col.variant')}</th>
            <th className="py-1 text-right">{t(lang, 'ab.details.rate').replace('{metric}', metricWord(s, lang))}</th>
            <th className="py-1 text-right">{t(lang, 'ab.details.diff').replace('{base}', base)}</th>
            <th className="py-1 text-right">{t(lang, 'ab.details.p')}</th>
            {h ? <th className="py-1 text-right">{t(lang, 'ab.details.holdoutDiff')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {vs.map((v, i) => {
            const d = h?.vsVariants?.[i];
            return (
              <tr key={v.id} className="border-t border-slate-100 tabular-nums">
                <td className="py-1">{v.label}</td>
                <td className="py-1 text-right">
                  {percentOf(v.rate)} [{percentOf(v.interval.low)}–{percentOf(v.interval.high)}]
                </td>
                <td className="py-1 text-right">
                  {v.vsControl
                    ? `${points(v.vsControl.difference)} [${points(v.vsControl.interval.low)}, ${points(v.vsControl.interval.high)}]`
                    : '—'}
                </td>
                <td className="py-1 text-right">{v.vsControl ? pValue(v.vsControl.pValue) : '—'}</td>
                {h ? (
                  <td className="py-1 text-right">
                    {d ? `${points(d.difference)} [${points(d.interval.low)}, ${points(d.interval.high)}] · p ${pValue(d.pValue)}` : '—'}
                  </td>
                ) : null}
              </tr>
            );
          })}
          {h?.interval ? (
            <tr className="border-t border-slate-100 tabular-nums">
              <td className="py-1">{t(lang, 'ab.holdout')}</td>
              <td className="py-1 text-right">
                {percentOf(h.rate)} [{percentOf(h.interval.low)}–{percentOf(h.interval.high)}]
              </td>
              <td colSpan={3} />
            </tr>
          ) : null}
        </tbody>
      </table>
      {required ? (
        <p className="mt-2 text-xs leading-5 text-slate-600" data-testid="ab-required">
          {t(lang, 'ab.details.required')
            .replace('{a}', label(required.between[0]))
            .replace('{b}', label(required.between[1]))
            .replace('{n}', count(required.perArm, lang))
            .replace('{alpha}', `${Math.round(required.alpha * 1000) / 10}%`)
            .replace('{min}', count(s.minimums.perVariant, lang))}
        </p>
      ) : null}
      <p className="mt-2 text-xs leading-5 text-slate-500">
        {t(lang, 'ab.details.method')
          .replace('{min}', count(s.minimums.perVariant, lang))
          .replace('{successes}', count(s.minimums.successes, lang))}
      </p>
    </details>
  );
}

export function AbTable(props: {
  splits: SplitResult[] | null;
  lang: Lang;
  titles: Record<string, string>;
  /** The goal of the compared version (for the definition of the conversion rate). */
  goal: Goal;
  /** The page shows all versions: say that each comparison still counts one version only. */
  allVersions: boolean;
}) {
  const { splits, lang, goal } = props;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="report-ab">
      <h2 className="mb-3 font-semibold">{t(lang, 'ab.title')}</h2>
      {!splits || splits.length === 0 ? <p className="text-sm text-slate-500">{t(lang, 'ab.none')}</p> : null}
      {(splits ?? []).map((s) => (
        <article key={s.nodeId} className="mb-6 space-y-3 last:mb-0" data-testid={`ab-split-${s.nodeId}`}>
          <header className="flex flex-wrap items-center gap-2">
            <h3 className="text-sm font-semibold text-slate-800">{props.titles[s.nodeId] ?? s.nodeId}</h3>
            <span className="rounded bg-fuchsia-50 px-1.5 py-0.5 text-xs text-fuchsia-800">{metricWord(s, lang)}</span>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" data-testid="ab-version">
              {t(lang, 'ab.version').replace('{v}', String(s.version))}
            </span>
          </header>
          {props.allVersions ? (
            <p className="text-xs text-slate-500" data-testid="ab-version-note">
              {t(lang, 'ab.version.allNote').replaceAll('{v}', String(s.version))}
            </p>
          ) : null}
          <AbVerdict split={s} lang={lang} />
          <Figures s={s} lang={lang} />
          {s.holdout && s.metric === 'clicks' ? <p className="text-xs text-slate-500">{t(lang, 'ab.holdout.clicksNote')}</p> : null}
          <p className="text-xs text-slate-500">
            {s.metric === 'clicks' || !goal
              ? t(lang, 'ab.basis.clicks')
              : t(lang, 'ab.basis.goal').replace('{event}', goal.eventName).replace('{days}', String(goal.windowDays))}
          </p>
          <Details s={s} lang={lang} />
        </article>
      ))}
    </section>
  );
}
