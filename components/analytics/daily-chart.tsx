'use client';
// Daily series (JST) as a line chart: entries, sends, tracked-link clicks, conversions and blocks.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { DayFigures } from '@/lib/ui-types';

const SERIES: { key: keyof Omit<DayFigures, 'day'>; label: MessageKey; colour: string }[] = [
  { key: 'entries', label: 'analytics.series.entries', colour: '#334155' },
  { key: 'sends', label: 'analytics.series.sends', colour: '#059669' },
  { key: 'clicks', label: 'analytics.series.clicks', colour: '#0284c7' },
  { key: 'conversions', label: 'analytics.series.conversions', colour: '#9333ea' },
  { key: 'blocks', label: 'analytics.series.blocks', colour: '#e11d48' },
];

export function DailyChart({ days, lang }: { days: DayFigures[]; lang: Lang }) {
  const data = days.map((d) => ({ ...d, label: d.day.slice(5).replace('-', '/') }));
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="report-series">
      <h2 className="mb-3 font-semibold">{t(lang, 'analytics.series')}</h2>
      <div className="h-72">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 5, right: 20, bottom: 5, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 11 }} allowDecimals={false} />
            <Tooltip />
            {/* Our own legend: recharts' default labels each swatch "<name> legend icon" for screen readers, in English. */}
            <Legend
              content={() => (
                <ul className="flex flex-wrap justify-center gap-3 text-xs text-slate-600">
                  {SERIES.map((s) => (
                    <li key={s.key} className="flex items-center gap-1">
                      <span className="inline-block h-0.5 w-4" style={{ background: s.colour }} aria-hidden />
                      {t(lang, s.label)}
                    </li>
                  ))}
                </ul>
              )}
            />
            {SERIES.map((s) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={t(lang, s.label)}
                stroke={s.colour}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="mt-2 text-xs text-slate-500">{t(lang, 'analytics.clicks')}</p>
    </section>
  );
}
