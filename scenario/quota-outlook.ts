// The forecast against the account's LINE plan: this month's and a full month's messages, and the yen beyond the quota.
import type { Forecast, Range } from './forecast';
import { monthCost, planForQuota, type LinePlan, type LinePlanTable } from './line-plans';
import { atLocalTime, DAY, localDate } from './time';

export type QuotaReadingInput = { type: 'none' | 'limited'; limit: number | null; used: number };

export type MonthOutlook = {
  /** All of the account's messages in the month: the scenario's projection plus the rest of the account's sending. */
  messages: Range;
  /** Yen beyond the free messages, tax excluded, at the expected figure and at the interval's ends. */
  yen: Range;
  /** Messages LINE would refuse (a plan that cannot send beyond its quota), at the expected figure and the ends. */
  refused: Range;
  /** The account's messages without this scenario's projection (what LINE counted so far + the rest at its pace). */
  withoutScenario: number;
  /** What the scenario's projection adds to the yen: the month's yen less the yen the account pays without it. */
  scenarioYen: Range;
};

export type QuotaOutlook = {
  plan: LinePlan;
  pricesAsOf: string;
  /** The quota the comparison uses: LINE's own limit, else the plan's free messages. */
  quota: number;
  used: number;
  /** Of `used`, the messages this scenario itself sent this month (left out of the rest of the account's pace). */
  ownUsed: number;
  /** The calendar month under way: used so far + the rest of the account at its pace + this scenario to the month's end. */
  thisMonth: MonthOutlook & { month: string };
  /** A whole month from now: the account's pace for 30 days + this scenario's 30-day projection. */
  fullMonth: MonthOutlook;
  /** 'over' when the expected figure passes the quota, 'maybe' when only the interval's top does. */
  verdict: 'within' | 'maybe' | 'over';
};

const plus = (r: Range, n: number): Range => ({ expected: r.expected + n, low: r.low + n, high: r.high + n });

function outlook(plan: LinePlan, limit: number | null, scenario: Range, withoutScenario: number): MonthOutlook {
  const at = (n: number) => monthCost(plan, n, limit);
  const messages = plus(scenario, withoutScenario);
  const [e, l, h] = [at(messages.expected), at(messages.low), at(messages.high)];
  const base = at(withoutScenario).yen;
  return {
    messages,
    yen: { expected: e.yen, low: l.yen, high: h.yen },
    refused: { expected: e.refused, low: l.refused, high: h.refused },
    withoutScenario,
    scenarioYen: { expected: e.yen - base, low: l.yen - base, high: h.yen - base },
  };
}

/** The first instant of the calendar month under way at `now` in `timeZone` (LINE's quota is monthly). */
export function monthStartOf(now: number, timeZone: string): number {
  return atLocalTime({ ...localDate(now, timeZone), day: 1 }, '00:00', timeZone);
}

export function quotaOutlook(args: {
  table: LinePlanTable;
  reading: QuotaReadingInput;
  forecast: Forecast;
  now: number;
  timeZone: string;
  /**
   * The messages this scenario sent since the month began (already counted in `reading.used`). The forecast projects the
   * scenario's own sending, so the rest of the account's pace must leave them out, or a live scenario counts twice.
   */
  ownUsedThisMonth?: number;
}): QuotaOutlook {
  const { table, reading, forecast: f, now, timeZone } = args;
  const plan = planForQuota(table, reading);
  const limit = reading.type === 'limited' ? reading.limit : null;
  const quota = limit ?? plan.freeMessages;
  const today = localDate(now, timeZone);
  const monthStart = monthStartOf(now, timeZone);
  const nextMonth = today.month === 12 ? { year: today.year + 1, month: 1, day: 1 } : { year: today.year, month: today.month + 1, day: 1 };
  const monthEnd = atLocalTime(nextMonth, '00:00', timeZone);
  const elapsedDays = Math.max(1, (now - monthStart) / DAY);
  const leftDays = Math.max(0, (monthEnd - now) / DAY);
  // The rest of the account's sending goes on at this month's pace so far; this scenario's own sends are not part of it
  // (its future is the forecast). LINE's count can lag ours, so the difference never goes below zero.
  const ownUsed = Math.min(reading.used, Math.max(0, args.ownUsedThisMonth ?? 0));
  const pace = (reading.used - ownUsed) / elapsedDays;
  const month = `${today.year}-${String(today.month).padStart(2, '0')}`;
  const scenarioThisMonth = f.byMonth.find((m) => m.month === month)?.messages ?? { expected: 0, low: 0, high: 0 };
  // Without the scenario's projection: all LINE counted so far (its past sends are spent either way) + the rest's pace.
  const thisMonth = outlook(plan, limit, scenarioThisMonth, Math.round(reading.used + pace * leftDays));
  const fullMonth = outlook(plan, limit, f.total, Math.round(pace * 30));
  const worst = (m: MonthOutlook) => (m.messages.expected > quota ? 2 : m.messages.high > quota ? 1 : 0);
  const level = Math.max(worst(thisMonth), worst(fullMonth));
  return {
    plan,
    pricesAsOf: table.asOf,
    quota,
    used: reading.used,
    ownUsed,
    thisMonth: { ...thisMonth, month },
    fullMonth,
    verdict: level === 2 ? 'over' : level === 1 ? 'maybe' : 'within',
  };
}
