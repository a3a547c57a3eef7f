// Number formatting and colour scales shared by the analytics canvas, report and CSV (pure, client-safe).
import type { Lang } from '@/lib/i18n/dictionary';

/** A rate as a percentage with one decimal ("12.3%"), or "—" when it has no denominator. */
export function percent(numerator: number, denominator: number): string {
  if (!(denominator > 0)) return '—';
  return `${((numerator / denominator) * 100).toFixed(1)}%`;
}

export function percentOf(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Percentage points with a sign ("+10.0 pt"). */
export function points(diff: number): string {
  const v = diff * 100;
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(1)} pt`;
}

export function pValue(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export function count(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US');
}

/** Five steps from grey (no conversions) to LINE green (the scenario's best rate); null rate → grey. */
export const RATE_COLOURS = ['#cbd5e1', '#bbf7d0', '#86efac', '#22c55e', '#15803d'] as const;
export function rateColour(rate: number | null, maxRate: number): string {
  if (rate === null || !(maxRate > 0) || rate <= 0) return RATE_COLOURS[0];
  const i = Math.min(4, 1 + Math.floor((rate / maxRate) * 3.999));
  return RATE_COLOURS[i] ?? RATE_COLOURS[0];
}

/** Edge stroke width in px for a flow, 1.5 (nobody) to 10 (the busiest edge). */
export function flowWidth(flow: number, maxFlow: number): number {
  if (!(maxFlow > 0) || flow <= 0) return 1.5;
  return 2 + 8 * Math.sqrt(flow / maxFlow);
}
