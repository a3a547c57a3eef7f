'use client';
// The forecast overlay on a canvas step: its expected messages over the next 30 days and their range.
import { TrendingUp } from 'lucide-react';
import type { Lang } from '@/lib/i18n/dictionary';
import { count, fill } from './format';

export function ForecastBadge(props: { nodeId: string; range: { expected: number; low: number; high: number }; lang: Lang }) {
  const { range, lang } = props;
  const text = fill(lang, 'forecast.nodeBadge', {
    expected: count(range.expected, lang),
    low: count(range.low, lang),
    high: count(range.high, lang),
  });
  // Bottom padding: the step's output handle sits half inside its bottom edge, below the figures, never on them.
  return (
    <div
      className="flex items-center gap-1 rounded-b-lg border-t border-violet-100 bg-violet-50 px-3 pb-2.5 pt-1 text-[11px] font-medium text-violet-800"
      data-testid={`forecast-${props.nodeId}`}
      data-expected={Math.round(range.expected)}
    >
      <TrendingUp className="h-3 w-3 shrink-0" aria-hidden />
      <span className="tabular-nums">{text}</span>
    </div>
  );
}
