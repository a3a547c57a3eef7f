// Wait-for-event node: continue on 'event' when the friend does it, or on 'timeout' ("no purchase within 7 days").
import { describeFilters } from '../comparison';
import { checkFilters } from '../condition-checks';
import { checkWait, describeWait, waitAlwaysTakesTime, waitUntil } from './wait';
import type { NodeBehaviour } from './types';

export const waitForEventNode: NodeBehaviour<'wait_for_event'> = {
  kind: 'wait_for_event',
  outputs: () => ['event', 'timeout'],
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
};
