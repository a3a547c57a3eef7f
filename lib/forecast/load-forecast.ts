// Builds the core forecast's input from history as of an instant (the trigger's last 30 days, a sample of friends, event
// rates, runs under way) and runs it. Shared by the editor's forecast route and the backtest.
import type { DbOrTx } from '@/db/client';
import {
  eventCountIn,
  eventsIn,
  friendsAddedIn,
  reachableCount,
  runSpans,
  runsUnderWay,
  sampleReachable,
  snapshotsAsOf,
  taggedIn,
  versionPlans,
  type Window,
} from '@/db/queries/forecast';
import { broadcastInstant } from '@/scenario/broadcast';
import { matchesFilters } from '@/scenario/comparison';
import { parsePlan, type CompiledPlan } from '@/scenario/compile';
import { evaluate } from '@/scenario/conditions';
import { triggerOf } from '@/scenario/entry';
import { admittedOccurrences, type Occurrence } from '@/scenario/forecast-entries';
import { forecast, type EventRate, type Forecast, type ForecastEntries, type InFlightRun } from '@/scenario/forecast';
import { createRng } from '@/scenario/forecast-random';
import { textMatches } from '@/scenario/keyword-rules';
import { DAY } from '@/scenario/time';

export const WINDOW_DAYS = 30;
const SAMPLE = 300;
const IN_FLIGHT_SAMPLE = 1000;
const AUDIENCE_SAMPLE = 3000;

export type ForecastOptions = {
  plan: CompiledPlan;
  /** The scenario whose runs under way count too (null for a scenario never published). */
  scenarioId: string | null;
  now: Date;
  days?: number;
  seed?: number;
};

/** Every `eventName` the plan refers to (waits for events, event conditions, the goal): the events worth drawing. */
function eventNamesOf(plan: CompiledPlan): string[] {
  const names = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'eventName' && typeof x === 'string') names.add(x);
        else visit(x);
      }
    }
  };
  visit(plan.nodes);
  visit(plan.settings);
  return [...names];
}

function pick<T>(xs: readonly T[], n: number, seed: number): T[] {
  if (xs.length <= n) return [...xs];
  const rng = createRng(seed);
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/** How friends enter and who stands for them, from the trigger's occurrences in the window. */
async function entriesOf(db: DbOrTx, plan: CompiledPlan, scenarioId: string | null, w: Window, start: number, days: number, seed: number) {
  const t = triggerOf(plan);
  const zone = plan.settings.timeZone;
  const rate = (observed: number): ForecastEntries => ({ kind: 'rate', observed, windowDays: WINDOW_DAYS });
  const fromOccurrences = (friendIds: string[]) => {
    const distinct = [...new Set(friendIds)];
    // A friend enters once under 'once': repeated occurrences are not more entries.
    return { entries: rate(t?.reEntry === 'once' ? distinct.length : friendIds.length), ids: distinct };
  };
  /**
   * Occurrences with their instants: only those the re-entry rule lets in count (a friend still inside, or already
   * through once, starts no run), judged against the scenario's own runs; `scale` stands for occurrences not read.
   */
  const admitted = async (occ: Occurrence[], scale = 1) => {
    const spans =
      scenarioId && t && t.reEntry !== 'always'
        ? await runSpans(
            db,
            scenarioId,
            occ.map((o) => o.friendId),
            w.until,
          )
        : [];
    const entered = admittedOccurrences(occ, t?.reEntry ?? 'always', spans);
    return { entries: rate(entered.length * scale), ids: [...new Set(entered.map((o) => o.friendId))] };
  };
  /** An event's occurrences that fire the trigger (all of them counted, not only the ones read). */
  const eventEntries = async (name: string, fires: (p: Record<string, unknown>) => boolean) => {
    const [evs, total] = await Promise.all([eventsIn(db, name, w), eventCountIn(db, name, w)]);
    return admitted(
      evs.filter((e) => fires(e.properties)),
      evs.length > 0 ? Math.max(1, total / evs.length) : 1,
    );
  };
  if (!t) return { entries: rate(0), ids: [] as string[] };
  const spec = t.trigger;
  switch (spec.type) {
    case 'friend_added':
      return fromOccurrences(await friendsAddedIn(db, w));
    case 'route_added':
      return fromOccurrences(await friendsAddedIn(db, w, spec.routeCode));
    case 'tag_added':
      return admitted(await taggedIn(db, spec.tag, w));
    case 'event':
      return eventEntries(spec.eventName, (p) => matchesFilters(p, spec.filter, zone));
    case 'message_received':
      return eventEntries('line_message', (p) => p.messageType === 'text' && typeof p.text === 'string' && textMatches(spec.match, p.text));
    case 'segment_broadcast': {
      const at = broadcastInstant(plan);
      if (at === null || at < start || at >= start + days * DAY) return { entries: rate(0), ids: [] };
      // The audience as it is now: a sample of the reachable friends, scaled to them all.
      const when = new Date(start);
      const [total, ids] = await Promise.all([reachableCount(db, when), sampleReachable(db, when, AUDIENCE_SAMPLE, String(seed))]);
      const snaps = await snapshotsAsOf(db, ids, when);
      const inside = snaps.filter((f) => evaluate(spec.audience, { friend: f, now: at, timeZone: zone }));
      const count = snaps.length === 0 ? 0 : Math.round((inside.length / snaps.length) * total);
      return { entries: { kind: 'once', at, count } as ForecastEntries, ids: inside.map((f) => f.id) };
    }
  }
}

async function eventRatesOf(db: DbOrTx, plan: CompiledPlan, w: Window): Promise<EventRate[]> {
  const names = eventNamesOf(plan);
  if (names.length === 0) return [];
  const friends = Math.max(1, await reachableCount(db, w.until));
  return Promise.all(
    names.map(async (name) => {
      // The rate from every occurrence (a busy event can pass what eventsIn reads); examples from those read.
      const [evs, total] = await Promise.all([eventsIn(db, name, w), eventCountIn(db, name, w)]);
      return {
        name,
        perFriendPerDay: total / friends / WINDOW_DAYS,
        examples: evs.slice(-20).map((e) => e.properties),
      };
    }),
  );
}

async function inFlightOf(db: DbOrTx, scenarioId: string | null, now: Date) {
  if (!scenarioId) return { runs: [] as InFlightRun[], scale: 1, total: 0 };
  const { total, runs } = await runsUnderWay(db, scenarioId, now, IN_FLIGHT_SAMPLE);
  const [plans, snaps] = await Promise.all([
    versionPlans(db, [...new Set(runs.map((r) => r.versionId))]),
    snapshotsAsOf(
      db,
      runs.map((r) => r.friendId),
      now,
    ),
  ]);
  const parsed = new Map([...plans].map(([id, p]) => [id, parsePlan(p)]));
  const byId = new Map(snaps.map((f) => [f.id, f]));
  const out: InFlightRun[] = [];
  for (const r of runs) {
    const plan = parsed.get(r.versionId);
    const friend = byId.get(r.friendId);
    if (plan && friend) out.push({ plan, friend, startedAt: r.startedAt });
  }
  return { runs: out, scale: out.length === 0 ? 1 : total / out.length, total };
}

export type ForecastBasis = { observedEntries: number; windowDays: number; inFlight: number; eventRates: EventRate[] };

/** The forecast for `plan` from history up to `now`: the next `days` days from `now`. */
export async function loadForecast(db: DbOrTx, opts: ForecastOptions): Promise<{ forecast: Forecast; basis: ForecastBasis }> {
  const days = opts.days ?? 30;
  const seed = opts.seed ?? 20261205;
  const start = opts.now.getTime();
  const w: Window = { since: new Date(start - WINDOW_DAYS * DAY), until: opts.now };
  const [{ entries, ids }, eventRates, flying] = await Promise.all([
    entriesOf(db, opts.plan, opts.scenarioId, w, start, days, seed),
    eventRatesOf(db, opts.plan, w),
    inFlightOf(db, opts.scenarioId, opts.now),
  ]);
  // Nobody entered lately: any reachable friends stand for the entrants (the paths still matter if some come).
  const sampleIds = ids.length > 0 ? pick(ids, SAMPLE, seed) : await sampleReachable(db, opts.now, SAMPLE, String(seed));
  const sample = await snapshotsAsOf(db, sampleIds, opts.now);
  const result = forecast({
    plan: opts.plan,
    start,
    days,
    entries,
    sample,
    eventRates,
    inFlight: flying.runs,
    inFlightScale: flying.scale,
    seed,
  });
  return {
    forecast: result,
    basis: {
      observedEntries: entries.kind === 'rate' ? entries.observed : entries.count,
      windowDays: WINDOW_DAYS,
      inFlight: flying.total,
      eventRates,
    },
  };
}
