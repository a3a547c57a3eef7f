// Wait node: a duration, until a time of day, N days after entry at HH:mm, or a date held in a friend attribute (birthday ± days).
import { z } from 'zod';
import { AttributeKeySchema } from '../friend';
import { DurationWaitSchema, HHmmSchema, TimeOfDayWaitSchema } from '../primitives';
import {
  addDaysAt,
  addDuration,
  dateAt,
  formatLocal,
  localDate,
  nextAnnualDate,
  nextTimeOfDay,
  parseDateValue,
  WEEKDAY_EN,
  WEEKDAY_JA,
  zoneLabel,
} from '../time';
import { defineNode } from './define-node';
import type { CheckContext, Lang, NodeIssue, RunContext, SummaryContext } from './types';

export const DateAttributeWaitSchema = z.object({
  mode: z.literal('date_attribute'),
  attribute: AttributeKeySchema,
  offsetDays: z.number().int().min(-366).max(366).default(0),
  time: HHmmSchema,
  /** 'yearly' for birthdays and anniversaries; 'once' for a fixed date such as a point expiry. */
  repeat: z.enum(['yearly', 'once']).default('yearly'),
  /** What to do when the friend has no usable date (missing, unreadable, or a one-off date already past). */
  whenMissing: z.enum(['continue', 'end']).default('end'),
});
/**
 * 「登録からN日後のHH:mm」: the local date the friend entered the run, plus `days`, at `time`. Counted from entry, not
 * from the previous step, so a send held through quiet hours never shifts the steps after it (how Lステップ users plan).
 * A time already past when the friend reaches the wait (a held or late step) is due at once.
 */
export const EntryAnchoredWaitSchema = z.object({
  mode: z.literal('after_entry'),
  days: z.number().int().min(0).max(3650),
  time: HHmmSchema,
});
export const WaitDataSchema = z.discriminatedUnion('mode', [
  DurationWaitSchema,
  TimeOfDayWaitSchema,
  EntryAnchoredWaitSchema,
  DateAttributeWaitSchema,
]);
export type WaitData = z.infer<typeof WaitDataSchema>;

/** The codes checkWait() reports for clock waits (also wait_for_event's timeout). */
export const CLOCK_WAIT_CODES = {
  wait_zero: 'A wait of zero length.',
  wait_time_needs_days: 'An "at HH:mm" on a wait not counted in days.',
} as const;

const UNIT = {
  minutes: { ja: '分', en: 'minute' },
  hours: { ja: '時間', en: 'hour' },
  days: { ja: '日', en: 'day' },
};

function days(list: readonly number[], lang: Lang): string {
  const names = lang === 'ja' ? WEEKDAY_JA : WEEKDAY_EN;
  return list.map((d) => names[d - 1] ?? '?').join(lang === 'ja' ? '・' : ', ');
}

/** Wording shared with wait_for_event timeouts: '3日後' / 'after 3 days', '19:00まで' / 'until 19:00 JST'. */
export function describeWait(w: WaitData, lang: Lang, ctx: SummaryContext): string {
  const ja = lang === 'ja';
  const zone = ja ? (ctx.timeZone === 'Asia/Tokyo' ? '' : ` (${ctx.timeZone})`) : ` ${zoneLabel(ctx.timeZone)}`;
  switch (w.mode) {
    case 'duration': {
      const at = w.unit === 'days' && w.atTime ? w.atTime : null;
      if (ja) return at ? (w.amount === 0 ? `${at}${zone}まで` : `${w.amount}日後の${at}${zone}`) : `${w.amount}${UNIT[w.unit].ja}後`;
      const unit = `${w.amount} ${UNIT[w.unit].en}${w.amount === 1 ? '' : 's'}`;
      return at ? (w.amount === 0 ? `until ${at}${zone}` : `after ${unit} at ${at}${zone}`) : `after ${unit}`;
    }
    case 'time_of_day': {
      const on = w.daysOfWeek.length > 0 ? days(w.daysOfWeek, lang) : '';
      if (ja) return `${on ? on + ' ' : ''}${w.time}${zone}まで`;
      return `until ${on ? on + ' ' : ''}${w.time}${zone}`;
    }
    case 'after_entry': {
      if (ja) return w.days === 0 ? `登録当日の${w.time}${zone}` : `登録から${w.days}日後の${w.time}${zone}`;
      if (w.days === 0) return `on the day of entry at ${w.time}${zone}`;
      return `${w.days} day${w.days === 1 ? '' : 's'} after entry at ${w.time}${zone}`;
    }
    case 'date_attribute': {
      const label = ctx.attributes?.find((a) => a.key === w.attribute)?.label ?? w.attribute;
      const off = w.offsetDays;
      if (ja) {
        const shift = off === 0 ? '当日' : off < 0 ? `${-off}日前` : `${off}日後`;
        return `${label}の${shift} ${w.time}${zone}${w.repeat === 'yearly' ? '（毎年）' : ''}`;
      }
      const shift = off === 0 ? '' : off < 0 ? ` −${-off} days` : ` +${off} days`;
      return `${label}${shift} at ${w.time}${zone}${w.repeat === 'yearly' ? ' (yearly)' : ''}`;
    }
  }
}

/** When a duration or time-of-day wait entered at `now` is over. */
export function waitUntil(w: WaitData, now: number, zone: string): number {
  if (w.mode === 'duration') {
    return w.unit === 'days' && w.atTime ? addDaysAt(now, w.amount, w.atTime, zone) : addDuration(now, w.amount, w.unit, zone);
  }
  if (w.mode === 'time_of_day') return nextTimeOfDay(now, w.time, zone, w.daysOfWeek);
  throw new Error('entry and date waits depend on the run; use entryWaitUntil or dateWaitUntil');
}

/** The instant an entry-anchored wait ends: the entry's local date plus `days`, at `time` (DST gaps move forward). */
export function entryWaitUntil(w: Extract<WaitData, { mode: 'after_entry' }>, startedAt: number, zone: string): number {
  return dateAt(localDate(startedAt, zone), w.days, w.time, zone);
}

function dateWaitUntil(w: Extract<WaitData, { mode: 'date_attribute' }>, ctx: RunContext): number | null {
  const zone = ctx.settings.timeZone;
  const date = parseDateValue(ctx.friend.attributes[w.attribute], zone);
  if (!date) return null;
  if (w.repeat === 'yearly') return nextAnnualDate(ctx.now, date, w.offsetDays, w.time, zone);
  if (date.year === null) return null;
  const at = dateAt({ year: date.year, month: date.month, day: date.day }, w.offsetDays, w.time, zone);
  return at >= ctx.now ? at : null;
}

/** Whether a wait always takes time, whenever it is entered (what a cycle needs so it cannot spin). */
export function waitAlwaysTakesTime(w: WaitData): boolean {
  return w.mode === 'duration' && w.amount > 0;
}

export function checkWait(w: WaitData, ctx: CheckContext, path: (string | number)[] = []): NodeIssue[] {
  const issues: NodeIssue[] = [];
  if (w.mode === 'duration' && w.amount === 0 && !(w.unit === 'days' && w.atTime)) {
    issues.push({
      code: 'wait_zero',
      message: 'This wait is 0 long; set a duration above zero (or a time of day).',
      messageJa: '待ち時間が0です。1以上にするか時刻を指定してください。',
      path: [...path, 'amount'],
    });
  }
  if (w.mode === 'duration' && w.atTime && w.unit !== 'days') {
    issues.push({
      code: 'wait_time_needs_days',
      message: 'A time of day ("at 10:00") only goes with a wait counted in days.',
      messageJa: '時刻指定は「日」単位の待機でのみ使えます。',
      path: [...path, 'atTime'],
    });
  }
  if (w.mode === 'date_attribute' && ctx.attributes) {
    const def = ctx.attributes.find((a) => a.key === w.attribute);
    if (!def || def.type !== 'date') {
      issues.push({
        code: def ? 'wait_attribute_not_date' : 'wait_unknown_attribute',
        message: def ? `"${def.label}" is not a date field, so it cannot be waited for.` : `There is no friend field "${w.attribute}".`,
        messageJa: def ? `「${def.label}」は日付ではないため待機に使えません。` : `友だち情報「${w.attribute}」は定義されていません。`,
        path: [...path, 'attribute'],
      });
    }
  }
  return issues;
}

export const waitNode = defineNode(
  'wait',
  WaitDataSchema,
)({
  label: { ja: '待機', en: 'Wait' },
  codes: {
    ...CLOCK_WAIT_CODES,
    wait_unknown_attribute: 'A date wait on an attribute that is not defined.',
    wait_attribute_not_date: 'A date wait on an attribute that is not a date.',
  },
  outputs: () => ['next'],
  summary: describeWait,
  explain(d, taken, lang, ctx) {
    const ja = lang === 'ja';
    if (taken.waitUntil === undefined && d.mode === 'after_entry') {
      // The friend reached it after its time (a held or late step): it is due at once, and later steps keep their times.
      return ja
        ? `${describeWait(d, lang, ctx)}を過ぎているため、すぐに進む`
        : `${describeWait(d, lang, ctx)} has passed, so it carries on at once`;
    }
    if (taken.waitUntil === undefined) {
      // A date wait that found no usable date and is set to carry on.
      return ja ? '日付がないため、待たずに進む' : 'no date to wait for, so it carries on';
    }
    const until = formatLocal(taken.waitUntil, ctx.timeZone);
    return ja ? `${describeWait(d, lang, ctx)}：${until}まで待つ` : `${describeWait(d, lang, ctx)}: waits until ${until}`;
  },
  defaultData: () => ({ mode: 'duration', amount: 1, unit: 'days' }),
  readsFriend: (d) => d.mode === 'date_attribute',
  alwaysWaits: waitAlwaysTakesTime,
  check: (d, ctx) => checkWait(d, ctx),
  run(d, ctx) {
    const zone = ctx.settings.timeZone;
    if (d.mode === 'after_entry') {
      const until = entryWaitUntil(d, ctx.startedAt, zone);
      return { type: 'sleep', until, output: 'next', reason: `${describeWait(d, 'en', { timeZone: zone })} → ${formatLocal(until, zone)}` };
    }
    if (d.mode !== 'date_attribute') {
      const until = waitUntil(d, ctx.now, zone);
      return { type: 'sleep', until, output: 'next', reason: `${describeWait(d, 'en', { timeZone: zone })} → ${formatLocal(until, zone)}` };
    }
    const until = dateWaitUntil(d, ctx);
    if (until === null) {
      const value = ctx.friend.attributes[d.attribute];
      const why =
        value === undefined || value === null ? `${d.attribute} is not set` : `${d.attribute} = ${String(value)} gives no coming date`;
      if (d.whenMissing === 'end') return { type: 'end', reason: 'missing_date', detail: why };
      return { type: 'go', output: 'next', reason: `${why}; continuing` };
    }
    return { type: 'sleep', until, output: 'next', reason: `${describeWait(d, 'en', { timeZone: zone })} → ${formatLocal(until, zone)}` };
  },
});
