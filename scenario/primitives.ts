// Small schemas shared by the graph format and several node kinds: ids, positions, times of day, zones and clock waits.
import { z } from 'zod';
import { isValidTimeZone } from './time';

export const HHmmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:mm, e.g. 19:00');
export const WeekdaySchema = z.literal([1, 2, 3, 4, 5, 6, 7]);
export const IdSchema = z.string().min(1).max(100);
export const TimeZoneSchema = z.string().refine(isValidTimeZone, 'an IANA time zone such as Asia/Tokyo');
export const PositionSchema = z.object({ x: z.number(), y: z.number() });

/** A wait measured on the clock: used by `wait` and by `wait_for_event`'s timeout. */
export const DurationWaitSchema = z.object({
  mode: z.literal('duration'),
  amount: z.number().int().min(0),
  unit: z.enum(['minutes', 'hours', 'days']),
  /** With unit 'days': land on that local date at HH:mm ("7日後の10:00"). */
  atTime: HHmmSchema.optional(),
});
export const TimeOfDayWaitSchema = z.object({
  mode: z.literal('time_of_day'),
  time: HHmmSchema,
  daysOfWeek: z.array(WeekdaySchema).default([]),
});
