'use client';
// The 30-day forecast as a chart: the expected messages per day as a line, the interval as a band around it.
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ForecastView } from '@/lib/forecast/view';
import type { Lang } from '@/lib/i18n/dictionary';
import { count, fill } from './format';

export function ForecastChart({ forecast, lang }: { forecast: ForecastView['forecast']; lang: Lang }) {
  const data = forecast.perDay.map((d) => ({
    label: d.date.slice(5).replace('-', '/'),
    expected: Math.round(d.messages.expected),
    range: [d.messages.low, d.messages.high],
  }));
  const level = Math.round(forecast.level * 100);
  return (
    <figure className="space-y-1" data-testid="forecast-chart">
      <figcaption className="text-xs font-semibold text-slate-600">{fill(lang, 'forecast.chart', { level })}</figcaption>
      <div className="h-48">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 5, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 10 }} allowDecimals={false} />
            <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => count(Number(x), lang)).join('–') : count(Number(v), lang))} />
            <Area
              dataKey="range"
              name={fill(lang, 'forecast.chart.range', {})}
              stroke="none"
              fill="#c4b5fd"
              fillOpacity={0.5}
              isAnimationActive={false}
            />
            <Line
              dataKey="expected"
              name={fill(lang, 'forecast.chart.expected', {})}
              stroke="#6d28d9"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
