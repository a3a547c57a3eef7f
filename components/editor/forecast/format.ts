// Figures of the forecast as the editor shows them: whole numbers with the language's separators, ranges as low–high.
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';

export const count = (n: number, lang: Lang) => Math.round(n).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US');

/** `key`'s text with each {name} replaced. */
export function fill(lang: Lang, key: MessageKey, values: Record<string, string | number>): string {
  return Object.entries(values).reduce((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), t(lang, key));
}

export function rangeText(lang: Lang, r: { expected: number; low: number; high: number }): string {
  return fill(lang, 'forecast.range', { low: count(r.low, lang), high: count(r.high, lang), expected: count(r.expected, lang) });
}
