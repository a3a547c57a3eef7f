// Time maths in Asia/Tokyo and America/New_York, including both 2025 DST transitions.
import { describe, expect, it } from 'vitest';
import {
  DAY,
  localDateTimeIsValid,
  HOUR,
  addDaysAt,
  addDuration,
  calendarDaysBetween,
  inQuietHours,
  nextAnnualDate,
  nextTimeOfDay,
  parseDateValue,
  quietHoursRelease,
  zoneLabel,
} from './time';

const JST = 'Asia/Tokyo';
const NY = 'America/New_York';
const iso = (s: string) => Date.parse(s);

describe('nextTimeOfDay', () => {
  it.each([
    ['later today', '2025-04-01T15:23:00+09:00', '19:00', undefined, '2025-04-01T19:00:00+09:00'],
    ['exactly now counts', '2025-04-01T19:00:00+09:00', '19:00', undefined, '2025-04-01T19:00:00+09:00'],
    ['just past → tomorrow', '2025-04-01T19:00:01+09:00', '19:00', undefined, '2025-04-02T19:00:00+09:00'],
    ['after local midnight', '2025-04-01T23:59:00+09:00', '00:00', undefined, '2025-04-02T00:00:00+09:00'],
    ['next Monday (2025-04-01 is a Tuesday)', '2025-04-01T15:23:00+09:00', '10:00', [1], '2025-04-07T10:00:00+09:00'],
    ['today is allowed if still ahead', '2025-04-01T08:00:00+09:00', '10:00', [2, 4], '2025-04-01T10:00:00+09:00'],
    ['Sunday', '2025-04-06T10:00:01+09:00', '10:00', [7], '2025-04-13T10:00:00+09:00'],
  ] as const)('JST: %s', (_name, from, time, days, expected) => {
    expect(nextTimeOfDay(iso(from), time, JST, days)).toBe(iso(expected));
  });

  it.each([
    ['the day before spring-forward → next morning EDT (23 h later)', '2025-03-08T10:00:01-05:00', '10:00', '2025-03-09T10:00:00-04:00'],
    ['a time in the spring gap moves forward to 03:30 EDT', '2025-03-09T00:00:00-05:00', '02:30', '2025-03-09T03:30:00-04:00'],
    ['an ambiguous fall-back time resolves to one instant', '2025-11-02T00:00:00-04:00', '01:30', '2025-11-02T01:30:00-05:00'],
    ['the day after fall-back (25 h later)', '2025-11-01T10:00:01-04:00', '10:00', '2025-11-02T10:00:00-05:00'],
  ] as const)('New York: %s', (_name, from, time, expected) => {
    expect(nextTimeOfDay(iso(from), time, NY)).toBe(iso(expected));
  });
});

describe('addDuration / addDaysAt', () => {
  it('adds calendar days keeping wall time across DST, and hours as elapsed time', () => {
    const before = iso('2025-03-08T10:00:00-05:00');
    expect(addDuration(before, 1, 'days', NY)).toBe(iso('2025-03-09T10:00:00-04:00'));
    expect(addDuration(before, 1, 'days', NY) - before).toBe(23 * HOUR);
    expect(addDuration(before, 24, 'hours', NY)).toBe(iso('2025-03-09T11:00:00-04:00'));
    expect(addDuration(iso('2025-11-01T10:00:00-04:00'), 1, 'days', NY) - iso('2025-11-01T10:00:00-04:00')).toBe(25 * HOUR);
    expect(addDuration(iso('2025-04-01T15:23:00+09:00'), 30, 'minutes', JST)).toBe(iso('2025-04-01T15:53:00+09:00'));
    expect(addDuration(iso('2025-04-01T15:23:00+09:00'), 7, 'days', JST)).toBe(iso('2025-04-08T15:23:00+09:00'));
  });

  it('lands on the local date N days on at HH:mm', () => {
    expect(addDaysAt(iso('2025-04-01T15:23:00+09:00'), 7, '10:00', JST)).toBe(iso('2025-04-08T10:00:00+09:00'));
    expect(addDaysAt(iso('2025-04-01T23:59:00+09:00'), 1, '00:30', JST)).toBe(iso('2025-04-02T00:30:00+09:00'));
    expect(addDaysAt(iso('2025-04-01T15:23:00+09:00'), 0, '10:00', JST)).toBe(iso('2025-04-02T10:00:00+09:00'));
    expect(addDaysAt(iso('2025-03-08T09:00:00-05:00'), 1, '10:00', NY)).toBe(iso('2025-03-09T10:00:00-04:00'));
  });
});

describe('yearly dates', () => {
  it.each([
    ['this year', '2025-04-01T15:23:00+09:00', { month: 6, day: 15 }, 0, '2025-06-15T10:00:00+09:00'],
    ['next year once passed', '2025-06-15T10:00:01+09:00', { month: 6, day: 15 }, 0, '2026-06-15T10:00:00+09:00'],
    ['three days before', '2025-04-01T15:23:00+09:00', { month: 6, day: 15 }, -3, '2025-06-12T10:00:00+09:00'],
    ['offset crossing the year end', '2025-12-01T00:00:00+09:00', { month: 1, day: 2 }, -3, '2025-12-30T10:00:00+09:00'],
    ['29 February in a common year → 28 February', '2025-01-10T00:00:00+09:00', { month: 2, day: 29 }, 0, '2025-02-28T10:00:00+09:00'],
    ['29 February in a leap year', '2027-03-01T00:00:00+09:00', { month: 2, day: 29 }, 0, '2028-02-29T10:00:00+09:00'],
  ] as const)('%s', (_n, from, md, offset, expected) => {
    expect(nextAnnualDate(iso(from), md, offset, '10:00', JST)).toBe(iso(expected));
  });

  it('keeps the local time across DST in New York', () => {
    expect(nextAnnualDate(iso('2025-03-01T00:00:00-05:00'), { month: 3, day: 10 }, 0, '09:00', NY)).toBe(iso('2025-03-10T09:00:00-04:00'));
  });

  it.each([
    ['1990-06-15', { year: 1990, month: 6, day: 15 }],
    ['--06-15', { year: null, month: 6, day: 15 }],
    ['2025-06-15T23:30:00Z', { year: 2025, month: 6, day: 16 }],
    [iso('2025-06-15T23:30:00Z'), { year: 2025, month: 6, day: 16 }],
    ['1990-02-30', null],
    ['June 15', null],
    [true, null],
  ] as const)('reads the date value %s', (value, expected) => {
    expect(parseDateValue(value, JST)).toEqual(expected);
  });
});

describe('quiet hours', () => {
  const q = { start: '21:00', end: '09:00' };
  it.each([
    ['2025-04-01T20:59:00+09:00', false],
    ['2025-04-01T21:00:00+09:00', true],
    ['2025-04-01T23:30:00+09:00', true],
    ['2025-04-02T08:59:00+09:00', true],
    ['2025-04-02T09:00:00+09:00', false],
  ])('21:00–09:00 JST at %s → %s', (at, quiet) => {
    expect(inQuietHours(iso(at), q, JST)).toBe(quiet);
  });

  it('releases at the end of the window, same night or next morning', () => {
    expect(quietHoursRelease(iso('2025-04-01T23:30:00+09:00'), q, JST)).toBe(iso('2025-04-02T09:00:00+09:00'));
    expect(quietHoursRelease(iso('2025-04-02T02:00:00+09:00'), q, JST)).toBe(iso('2025-04-02T09:00:00+09:00'));
    expect(quietHoursRelease(iso('2025-04-02T12:00:00+09:00'), q, JST)).toBe(iso('2025-04-02T12:00:00+09:00'));
    expect(quietHoursRelease(iso('2025-04-02T12:30:00+09:00'), { start: '12:00', end: '13:00' }, JST)).toBe(
      iso('2025-04-02T13:00:00+09:00'),
    );
    expect(inQuietHours(iso('2025-04-02T12:30:00+09:00'), { start: '10:00', end: '10:00' }, JST)).toBe(false);
  });

  it('uses local wall time across the New York spring-forward night', () => {
    // 22:00 EST on 8 March; the window ends at 09:00 EDT, 10 hours later rather than 11.
    const at = iso('2025-03-08T22:00:00-05:00');
    expect(quietHoursRelease(at, q, NY)).toBe(iso('2025-03-09T09:00:00-04:00'));
    expect(quietHoursRelease(at, q, NY) - at).toBe(10 * HOUR);
  });
});

describe('localDateTimeIsValid', () => {
  it.each([
    ['2025-05-10T10:00', JST, true],
    ['2025-02-30T10:00', JST, false],
    ['2025-03-09T02:30', NY, false],
    ['2025-03-09T02:30', JST, true],
    ['2025-11-02T01:30', NY, true],
  ])('%s in %s → %s', (text, zone, ok) => expect(localDateTimeIsValid(text, zone)).toBe(ok));
});

describe('calendar days and labels', () => {
  it('counts local calendar days', () => {
    expect(calendarDaysBetween(iso('2025-04-01T23:00:00+09:00'), iso('2025-04-02T09:00:00+09:00'), JST)).toBe(1);
    expect(calendarDaysBetween(iso('2025-04-01T01:00:00+09:00'), iso('2025-04-01T23:00:00+09:00'), JST)).toBe(0);
    expect(calendarDaysBetween(iso('2025-03-08T12:00:00-05:00'), iso('2025-03-15T12:00:00-04:00'), NY)).toBe(7);
    expect(calendarDaysBetween(0, 7 * DAY, 'UTC')).toBe(7);
  });
  it('names zones', () => {
    expect(zoneLabel(JST)).toBe('JST');
    expect(zoneLabel('UTC')).toBe('UTC');
    expect(zoneLabel(NY, iso('2025-07-01T00:00:00Z'))).toMatch(/EDT|America\/New_York/);
  });
});
