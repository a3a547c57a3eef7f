// The forecast's backtest: for each scenario, the forecast made from the data up to `days` ago (with the version live
// then), against what it actually sent since; printed by `npm run forecast:backtest` and quoted in docs/forecast.md.
import { sql } from 'drizzle-orm';
import { executePrepared, type DbOrTx } from '@/db/client';
import { sentPerNodeDay, versionLiveAt } from '@/db/queries/forecast';
import { parsePlan } from '@/scenario/compile';
import { triggerOf } from '@/scenario/entry';
import { DAY } from '@/scenario/time';
import { loadForecast } from './load-forecast';

export type BacktestRow = {
  name: string;
  trigger: string;
  actual: number;
  expected: number;
  low: number;
  high: number;
  /** (expected − actual) / actual; null when nothing was sent. */
  error: number | null;
  inRange: boolean;
  /** Share of days whose actual count fell in that day's interval. */
  daysInRange: number;
  skipped?: string;
};

export type Backtest = {
  now: number;
  cutoff: number;
  days: number;
  level: number;
  rows: BacktestRow[];
  /** Σ|expected − actual| / Σ actual over the scenarios forecast. */
  weightedError: number | null;
};

export async function backtest(db: DbOrTx, opts: { now: Date; days?: number; namePrefix?: string }): Promise<Backtest> {
  const days = opts.days ?? 30;
  const cutoff = new Date(opts.now.getTime() - days * DAY);
  const scenarios = await executePrepared<{ id: string; name: string }>(
    db,
    sql`SELECT id, name FROM scenarios WHERE name LIKE ${`${opts.namePrefix ?? ''}%`} AND archived_at IS NULL ORDER BY name`,
  );
  const rows: BacktestRow[] = [];
  let level = 0.9;
  for (const s of scenarios) {
    const version = await versionLiveAt(db, s.id, cutoff);
    const sent = await sentPerNodeDay(db, s.id, { since: cutoff, until: opts.now });
    const actualDays = new Array<number>(days).fill(0);
    for (const x of sent) if (x.day >= 0 && x.day < days) actualDays[x.day]! += x.n;
    const actual = actualDays.reduce((a, b) => a + b, 0);
    const base = { name: s.name, actual, expected: 0, low: 0, high: 0, error: null, inRange: false, daysInRange: 0 };
    if (!version) {
      rows.push({ ...base, trigger: '—', skipped: 'not published by the cutoff' });
      continue;
    }
    const plan = parsePlan(version.plan);
    const trigger = triggerOf(plan)?.trigger.type ?? '—';
    if (trigger === 'segment_broadcast') {
      // A broadcast's forecast is its audience on its date; the demo re-dates its broadcast to 10 days ago, away from
      // the date in its graph, so there is nothing honest to compare.
      rows.push({ ...base, trigger, skipped: 'broadcast (one date, not a rate)' });
      continue;
    }
    const { forecast } = await loadForecast(db, { plan, scenarioId: s.id, now: cutoff, days });
    level = forecast.level;
    const inside = forecast.perDay.filter((d, i) => actualDays[i]! >= d.messages.low && actualDays[i]! <= d.messages.high).length;
    rows.push({
      ...base,
      trigger,
      expected: forecast.total.expected,
      low: forecast.total.low,
      high: forecast.total.high,
      error: actual > 0 ? (forecast.total.expected - actual) / actual : null,
      inRange: actual >= forecast.total.low && actual <= forecast.total.high,
      daysInRange: inside / days,
    });
  }
  const done = rows.filter((r) => !r.skipped);
  const sumActual = done.reduce((a, r) => a + r.actual, 0);
  const sumAbs = done.reduce((a, r) => a + Math.abs(r.expected - r.actual), 0);
  return { now: opts.now.getTime(), cutoff: cutoff.getTime(), days, level, rows, weightedError: sumActual > 0 ? sumAbs / sumActual : null };
}

const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** The backtest as a Markdown table (the command's output and the docs' figures). */
export function formatBacktest(b: Backtest): string {
  const lines = [
    `Forecast backtest: forecast made at ${new Date(b.cutoff).toISOString()} from the data before it, vs the messages sent in the ${b.days} days after (to ${new Date(b.now).toISOString()}); interval ${Math.round(b.level * 100)}%.`,
    '',
    '| scenario | trigger | sent | forecast (expected) | interval | error | sent within interval | days within their interval |',
    '|---|---|---:|---:|---|---:|---|---:|',
  ];
  for (const r of b.rows) {
    if (r.skipped) lines.push(`| ${r.name} | ${r.trigger} | ${int(r.actual)} | — | — | — | skipped: ${r.skipped} | — |`);
    else
      lines.push(
        `| ${r.name} | ${r.trigger} | ${int(r.actual)} | ${int(r.expected)} | ${int(r.low)}–${int(r.high)} | ${pct(r.error)} | ${r.inRange ? 'yes' : 'no'} | ${(r.daysInRange * 100).toFixed(0)}% |`,
      );
  }
  lines.push(
    '',
    `Weighted absolute error over the scenarios forecast: ${b.weightedError === null ? '—' : `${(b.weightedError * 100).toFixed(1)}%`}`,
  );
  return lines.join('\n');
}
