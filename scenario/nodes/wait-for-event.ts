// Wait-for-event node: continue on 'event' when the friend does it, or on 'timeout' ("no purchase within 7 days").
import { z } from 'zod';
import { describeFilters, PropertyFilterSchema } from '../comparison';
import { CONDITION_CODES, checkFilters } from '../condition-checks';
import { DurationWaitSchema, TimeOfDayWaitSchema } from '../primitives';
import { formatLocal } from '../time';
import { defineNode } from './define-node';
import { CLOCK_WAIT_CODES, checkWait, describeWait, waitAlwaysTakesTime, waitUntil } from './wait';

export const EventTimeoutSchema = z.discriminatedUnion('mode', [DurationWaitSchema, TimeOfDayWaitSchema]);
export type EventTimeout = z.infer<typeof EventTimeoutSchema>;

export const WaitForEventDataSchema = z.object({
  eventName: z.string().min(1),
  filter: z.array(PropertyFilterSchema).default([]),
  timeout: EventTimeoutSchema,
});

export const waitForEventNode = defineNode(
  'wait_for_event',
  WaitForEventDataSchema,
)({
  label: { ja: 'イベント待ち', en: 'Wait for event' },
  codes: { condition_value_missing: CONDITION_CODES.condition_value_missing, ...CLOCK_WAIT_CODES },
  outputs: () => ['event', 'timeout'],
  outputLabel: (_d, output, lang) => {
    if (output === 'event') return lang === 'ja' ? '発生した' : 'happened';
    if (output === 'timeout') return lang === 'ja' ? '期限切れ' : 'timed out';
    return output;
  },
  explain(d, taken, lang, ctx) {
    const ja = lang === 'ja';
    if (taken.output === 'event') return ja ? `${d.eventName}が発生` : `${d.eventName} happened`;
    const by = taken.waitUntil === undefined ? '' : formatLocal(taken.waitUntil, ctx.timeZone);
    return ja ? `${by}までに${d.eventName}が発生せず` : `no ${d.eventName} by ${by}`;
  },
  summary(d, lang, ctx) {
    const f = d.filter.length > 0 ? ` (${describeFilters(d.filter)})` : '';
    const limit = describeWait(d.timeout, lang, ctx);
    return lang === 'ja' ? `${d.eventName}${f} を待つ（${limit}）` : `wait for ${d.eventName}${f} (${limit})`;
  },
  defaultData: () => ({ eventName: 'purchase', filter: [], timeout: { mode: 'duration', amount: 7, unit: 'days' } }),
  readsFriend: () => false,
  alwaysWaits: (d) => waitAlwaysTakesTime(d.timeout),
  check: (d, ctx) => [...checkFilters(d.filter, ['filter']), ...checkWait(d.timeout, ctx, ['timeout'])],
  run: (d, ctx) => ({
    type: 'await_event',
    eventName: d.eventName,
    filter: d.filter,
    until: waitUntil(d.timeout, ctx.now, ctx.settings.timeZone),
  }),
});
