// A time zone as the reader's language names it (「日本時間」, "Japan Standard Time"), never its IANA id alone.
export function zoneName(zone: string, lang: 'ja' | 'en'): string {
  if (zone === 'UTC') return lang === 'ja' ? '協定世界時（UTC）' : 'Coordinated Universal Time (UTC)';
  const part = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(0)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}
