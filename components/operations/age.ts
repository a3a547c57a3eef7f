// How long ago, in words, for the operations page (seconds, minutes or hours).
import { t, type Lang } from '@/lib/i18n/dictionary';

export function ageInWords(lang: Lang, seconds: number): string {
  if (seconds < 120) return t(lang, 'operations.seconds').replace('{n}', String(seconds));
  if (seconds < 7200) return t(lang, 'operations.minutes').replace('{n}', String(Math.floor(seconds / 60)));
  return t(lang, 'operations.hours').replace('{n}', String(Math.floor(seconds / 3600)));
}
