// Formats instants for people: JST (or a scenario's zone) by default, with the zone shown.
import { DateTime } from 'luxon';
import type { Lang } from './i18n/dictionary';

export function formatInstant(at: Date | number, lang: Lang, zone = 'Asia/Tokyo'): string {
  const dt = DateTime.fromMillis(typeof at === 'number' ? at : at.getTime(), { zone });
  const abbr = zone === 'Asia/Tokyo' ? 'JST' : dt.toFormat('ZZZZ');
  return lang === 'ja' ? `${dt.toFormat('yyyy/MM/dd HH:mm')} ${abbr}` : `${dt.toFormat('MMM d, yyyy HH:mm')} ${abbr}`;
}
