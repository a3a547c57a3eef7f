// Time-zone maths on epoch milliseconds: times of day, calendar days, yearly dates and quiet hours.
import { DateTime, IANAZone, Zone } from 'luxon';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type DurationUnit = 'minutes' | 'hours' | 'days';
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type LocalDate = { year: number; month: number; day: number };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

// Luxon builds an Intl formatter per check; a zone's validity is fixed for the process, and validate() asks per step.
const zoneValidity = new Map<string, boolean>();
export function isValidTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 1000) zoneValidity.set(zone, valid);
  }
  return valid;
}

export function parseHHmm(hhmm: string): { hour: number; minute: number } {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`not a HH:mm time: ${hhmm}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/**
 * An IANA zone whose UTC offsets are memoised per quarter hour. Every offset and every modern transition
 * falls on a UTC quarter hour, and asking Intl for an offset is by far the costliest step of zone maths.
 */
class CachedZone extends Zone {
  private readonly inner: IANAZone;
  private readonly offsets = new Map<number, number>();
  constructor(readonly zoneName: string) {
    super();
    this.inner = IANAZone.create(zoneName);
  }
  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return this.zoneName;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): boolean {
    return this.inner.isValid;
  }
  override offsetName(ts: number, opts: { format?: 'short' | 'long'; locale?: string }): string | null {
    return this.inner.offsetName(ts, opts);
  }
  override formatOffset(ts: number, format: 'narrow' | 'short' | 'techie'): string {
    return this.inner.formatOffset(ts, format);
  }
  override offset(ts: number): number {
    const key = Math.floor(ts / 900_000);
    let v = this.offsets.get(key);
    if (v === undefined) {
      v = this.inner.offset(ts);
      if (this.offsets.size > 200_000) this.offsets.clear();
      this.offsets.set(key, v);
    }
    return v;
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.zoneName;
  }
}

const zoneCache = new Map<string, Zone>();
function zoneOf(name: string): Zone {
  let z = zoneCache.get(name);
  if (!z) {
    z = new CachedZone(name);
    zoneCache.set(name, z);
  }
  return z;
}

function local(at: number, zone: string): DateTime {
  return DateTime.fromMillis(at, { zone: zoneOf(zone) });
}

/** The instant at HH:mm on a local calendar date. In a DST gap the wall time moves forward (02:30 → 03:30). */
export function atLocalTime(date: LocalDate, hhmm: string, zone: string): number {
  const { hour, minute } = parseHHmm(hhmm);
  return DateTime.fromObject({ ...date, hour, minute, second: 0, millisecond: 0 }, { zone: zoneOf(zone) }).toMillis();
}

export function localDate(at: number, zone: string): LocalDate {
  const d = local(at, zone);
  return { year: d.year, month: d.month, day: d.day };
}

export function addDaysToDate(date: LocalDate, days: number): LocalDate {
  const d = DateTime.fromObject(date, { zone: 'UTC' }).plus({ days });
  return { year: d.year, month: d.month, day: d.day };
}

function weekdayOf(date: LocalDate): number {
  return DateTime.fromObject(date, { zone: 'UTC' }).weekday;
}

/** The first instant at or after `at` whose local time is HH:mm (on one of `daysOfWeek`, if given). */
export function nextTimeOfDay(at: number, hhmm: string, zone: string, daysOfWeek?: readonly Weekday[]): number {
  const today = localDate(at, zone);
  for (let offset = 0; offset <= 8; offset++) {
    const date = addDaysToDate(today, offset);
    if (daysOfWeek && daysOfWeek.length > 0 && !daysOfWeek.some((w) => w === weekdayOf(date))) continue;
    const candidate = atLocalTime(date, hhmm, zone);
    if (candidate >= at) return candidate;
  }
  throw new Error('unreachable: a week always holds the next occurrence');
}

/** Adds a duration: minutes and hours as elapsed time, days as calendar days (wall time kept across DST). */
export function addDuration(at: number, amount: number, unit: DurationUnit, zone: string): number {
  if (unit === 'minutes') return at + amount * MINUTE;
  if (unit === 'hours') return at + amount * HOUR;
  return local(at, zone).plus({ days: amount }).toMillis();
}

/** "N days later at HH:mm": the local date N days on, at HH:mm; never earlier than `at`. */
export function addDaysAt(at: number, days: number, hhmm: string, zone: string): number {
  const target = atLocalTime(addDaysToDate(localDate(at, zone), days), hhmm, zone);
  return target >= at ? target : nextTimeOfDay(at, hhmm, zone);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;
const MONTH_DAY = /^--(\d{2})-(\d{2})$/;

function validDate(year: number, month: number, day: number): boolean {
  return DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).isValid;
}

/** Reads a date attribute: 'YYYY-MM-DD', an ISO date-time, '--MM-DD' (no year), or epoch ms. */
export function parseDateValue(value: unknown, zone: string): { year: number | null; month: number; day: number } | null {
  if (typeof value === 'number' && Number.isFinite(value)) return localDate(value, zone);
  if (typeof value !== 'string') return null;
  const iso = ISO_DATE.exec(value);
  if (iso) {
    if (value.length > 10) {
      const dt = DateTime.fromISO(value, { zone: zoneOf(zone) });
      return dt.isValid ? { year: dt.year, month: dt.month, day: dt.day } : null;
    }
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return validDate(y, m, d) ? { year: y, month: m, day: d } : null;
  }
  const md = MONTH_DAY.exec(value);
  if (md) {
    const [m, d] = [Number(md[1]), Number(md[2])];
    return validDate(2000, m, d) ? { year: null, month: m, day: d } : null;
  }
  return null;
}

/** Whether 'YYYY-MM-DDTHH:mm' names a real local date and time (not 30 February, not a DST gap). */
export function localDateTimeIsValid(text: string, zone: string): boolean {
  const dt = DateTime.fromISO(text, { zone: zoneOf(zone) });
  return dt.isValid && dt.toFormat("yyyy-MM-dd'T'HH:mm") === text;
}

/** A sortable YYYYMMDD number for a full date value, or null. */
export function dateKey(value: unknown, zone: string): number | null {
  const d = parseDateValue(value, zone);
  return d && d.year !== null ? d.year * 10_000 + d.month * 100 + d.day : null;
}

function clampToMonth(year: number, month: number, day: number): LocalDate {
  const last = DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' }).daysInMonth ?? 28;
  return { year, month, day: Math.min(day, last) };
}

/**
 * The next yearly occurrence (at or after `at`) of month/day shifted by `offsetDays`, at HH:mm.
 * 29 February falls on 28 February in common years.
 */
export function nextAnnualDate(at: number, md: { month: number; day: number }, offsetDays: number, hhmm: string, zone: string): number {
  const year = localDate(at, zone).year;
  for (let y = year - 1; y <= year + 2; y++) {
    const candidate = atLocalTime(addDaysToDate(clampToMonth(y, md.month, md.day), offsetDays), hhmm, zone);
    if (candidate >= at) return candidate;
  }
  throw new Error('unreachable: some year within two holds the next occurrence');
}

/** The instant of a one-off date shifted by `offsetDays`, at HH:mm. */
export function dateAt(date: LocalDate, offsetDays: number, hhmm: string, zone: string): number {
  return atLocalTime(addDaysToDate(date, offsetDays), hhmm, zone);
}

function minutesOfDay(at: number, zone: string): number {
  const d = local(at, zone);
  return d.hour * 60 + d.minute;
}

export type QuietHours = { start: string; end: string };

/** Whether `at` falls in [start, end), a window that may cross midnight (21:00–09:00). */
export function inQuietHours(at: number, q: QuietHours, zone: string): boolean {
  const s = parseHHmm(q.start);
  const e = parseHHmm(q.end);
  const start = s.hour * 60 + s.minute;
  const end = e.hour * 60 + e.minute;
  if (start === end) return false;
  const m = minutesOfDay(at, zone);
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** When a send at `at` may go out: `at` itself, or the end of the quiet window it falls in. */
export function quietHoursRelease(at: number, q: QuietHours, zone: string): number {
  return inQuietHours(at, q, zone) ? nextTimeOfDay(at, q.end, zone) : at;
}

/** Calendar days between two instants as seen in `zone` (yesterday 23:00 → today 09:00 is 1). */
export function calendarDaysBetween(from: number, to: number, zone: string): number {
  const a = local(from, zone).startOf('day');
  const b = local(to, zone).startOf('day');
  return Math.round(b.diff(a, 'days').days);
}

/** A readable local time for reasons and timelines: '2025-04-08 10:00 JST'. */
export function formatLocal(at: number, zone: string): string {
  return `${local(at, zone).toFormat('yyyy-MM-dd HH:mm')} ${zoneLabel(zone, at)}`;
}

/** The local time of day, 'HH:mm' (what a hold's end reads as beside its step's date). */
export function formatTimeOfDay(at: number, zone: string): string {
  return local(at, zone).toFormat('HH:mm');
}

/** Local ISO-8601 with offset, as printed in simulate timelines. */
export function toLocalIso(at: number, zone: string): string {
  return local(at, zone).toISO({ suppressMilliseconds: true }) ?? new Date(at).toISOString();
}

export function zoneLabel(zone: string, at = 0): string {
  if (zone === 'Asia/Tokyo') return 'JST';
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const name = local(at, zone).offsetNameShort;
  return name && !name.startsWith('GMT') && !name.startsWith('UTC') ? name : zone;
}

export const WEEKDAY_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const WEEKDAY_JA = ['月', '火', '水', '木', '金', '土', '日'] as const;
