// forecast(): the next N days of a scenario — entries per day from the trigger's observed rate (or a broadcast's audience),
// each sampled friend's path from the simulator, and so messages per day per node, with a bootstrap interval.
import type { CompiledPlan } from './compile';
import { triggerOf } from './entry';
import { centralInterval, createRng, exponential, poisson, type Rng } from './forecast-random';
import type { FriendEvent, FriendSnapshot } from './friend';
import { simulate } from './simulate';
import { DAY, toLocalIso } from './time';

/** How friends enter: at a steady rate seen over the last `windowDays` days, or all at once (a broadcast's audience). */
export type ForecastEntries = { kind: 'rate'; observed: number; windowDays: number } | { kind: 'once'; at: number; count: number };

/** An event the friends send at an observed rate (per friend per day), with property examples to draw from. */
export type EventRate = { name: string; perFriendPerDay: number; examples: Record<string, unknown>[] };

/** A friend already inside (an active run, on its own version's plan): the rest of its path counts too. */
export type InFlightRun = { plan: CompiledPlan; friend: FriendSnapshot; startedAt: number };

export type ForecastInput = {
  plan: CompiledPlan;
  /** The first instant of day 0 (a local midnight, chosen by the caller). */
  start: number;
  days: number;
  entries: ForecastEntries;
  /** Real friends whose attributes, tags and history stand for the entrants (the simulator walks each once). */
  sample: readonly FriendSnapshot[];
  eventRates: readonly EventRate[];
  /** Runs already under way (a sample of them, `inFlightScale` standing for how many each one is). */
  inFlight?: readonly InFlightRun[];
  inFlightScale?: number;
  seed: number;
  /** Bootstrap replicates (default 400) and the interval's coverage (default 0.9). */
  replicates?: number;
  level?: number;
};

/** An expected figure and its interval: what the UI shows, never the single number alone. */
export type Range = { expected: number; low: number; high: number };

export type Forecast = {
  start: number;
  days: number;
  level: number;
  sampleSize: number;
  entriesPerDay: Range;
  /** One per day: its local date and the messages sent that day. */
  perDay: { date: string; messages: Range }[];
  /** Per send node: its messages over the whole window, and per day. */
  perNode: Record<string, { total: Range; perDay: Range[] }>;
  /** The window's messages per calendar month it touches (LINE's quota is monthly). */
  byMonth: { month: string; messages: Range }[];
  total: Range;
};

type Path = { nodeId: string; day: number }[];

/**
 * The sends of one friend entering `plan` at `at`, from the window's start on: its real events up to the start, then
 * events drawn at the observed rates.
 */
function walk(input: ForecastInput, plan: CompiledPlan, friend: FriendSnapshot, at: number, horizon: number, rng: Rng): Path {
  const from = Math.max(at, input.start);
  const events: FriendEvent[] = friend.events.filter((e) => e.at > at && e.at < from);
  for (const r of input.eventRates) {
    if (r.perFriendPerDay <= 0) continue;
    for (let t = from + exponential(rng, r.perFriendPerDay / DAY); t < horizon; t += exponential(rng, r.perFriendPerDay / DAY)) {
      const properties = r.examples.length > 0 ? (r.examples[Math.floor(rng() * r.examples.length)] ?? {}) : {};
      events.push({ name: r.name, at: Math.round(t), properties });
    }
  }
  const trigger = triggerOf(plan)?.trigger;
  // A friend_added entrant is a new friend: its registration is the entry, whatever the sample friend's own date.
  const fresh = trigger?.type === 'friend_added' || trigger?.type === 'route_added';
  const history = friend.events.filter((e) => e.at <= at);
  const snapshot = fresh ? { ...friend, friendAddedAt: at, events: history } : { ...friend, events: history };
  const triggerEvent = trigger?.type === 'event' ? ([...friend.events].reverse().find((e) => e.name === trigger.eventName) ?? null) : null;
  const timeline = simulate(plan, snapshot, {
    start: at,
    events,
    horizon,
    runId: `forecast:${friend.id}`,
    triggerEvent: trigger?.type === 'event' ? { name: trigger.eventName, properties: triggerEvent ? triggerEvent.properties : {} } : null,
  });
  const out: Path = [];
  for (const e of timeline.entries) {
    if (e.sentAt === undefined || e.kind !== 'send' || e.sentAt < input.start) continue;
    out.push({ nodeId: e.nodeId, day: Math.floor((e.sentAt - input.start) / DAY) });
  }
  return out;
}

/** Messages per day per node for the window, as an expected figure and a `level` interval. */
export function forecast(input: ForecastInput): Forecast {
  const { plan, start, days } = input;
  const level = input.level ?? 0.9;
  const B = input.replicates ?? 400;
  const rng = createRng(input.seed);
  const end = start + days * DAY;
  const inFlight = input.inFlight ?? [];
  // The draft's send nodes, then any only older versions still have (friends inside them are pinned to them).
  const sendNodes = [
    ...new Set(
      [plan, ...inFlight.map((r) => r.plan)].flatMap((p) =>
        Object.values(p.nodes)
          .filter((n) => n.kind === 'send')
          .map((n) => n.id),
      ),
    ),
  ];
  const nodeIndex = new Map(sendNodes.map((id, i) => [id, i]));
  const K = sendNodes.length;
  const S = input.sample.length;

  // One walk per sampled friend. For a steady rate: entering on day 0 at a random time of day, so `day` is the offset
  // from the entry's day; a later day's entrants follow the same profile shifted. For a broadcast: entering at its time.
  const once = input.entries.kind === 'once' ? input.entries : null;
  const paths: Path[] = input.sample.map((f) => {
    const at = once ? once.at : start + Math.floor(rng() * DAY);
    return walk(input, plan, f, at, end, rng);
  });
  const flying = inFlight.map((r) => walk(input, r.plan, r.friend, r.startedAt, end, rng));
  const flyScale = input.inFlightScale ?? 1;
  const F = flying.length;
  const onceDay = once ? Math.floor((once.at - start) / DAY) : 0;

  // profile[i][k][o]: friend i's messages at node k on offset day o (o = day after the entry's day, or the absolute day).
  const profile = paths.map((p) => {
    const rows = Array.from({ length: K }, () => new Float64Array(days));
    for (const s of p) {
      const k = nodeIndex.get(s.nodeId);
      const o = once ? s.day - onceDay : s.day;
      if (k !== undefined && o >= 0 && o < days) rows[k]![o]! += 1;
    }
    return rows;
  });

  /** Mean messages per (day, node) given an entry rate (or count) and friend weights (a bootstrap resample). */
  const means = (entries: number, weights: Float64Array, flyWeights: Float64Array): Float64Array[] => {
    const avg = Array.from({ length: K }, () => new Float64Array(days));
    for (let i = 0; i < S; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      for (let k = 0; k < K; k++) {
        const row = profile[i]![k]!;
        for (let o = 0; o < days; o++) if (row[o]) avg[k]![o]! += (w * row[o]!) / S;
      }
    }
    const out = avg.map((row) => {
      const m = new Float64Array(days);
      if (once) {
        for (let o = 0; o < days; o++) if (onceDay + o >= 0 && onceDay + o < days) m[onceDay + o] = entries * row[o]!;
        return m;
      }
      // Entrants of every day e ≤ d contribute their offset (d − e): a running sum of the profile.
      let acc = 0;
      for (let d = 0; d < days; d++) {
        acc += row[d]!;
        m[d] = entries * acc;
      }
      return m;
    });
    for (let j = 0; j < F; j++) {
      const w = flyWeights[j]! * flyScale;
      for (const s of flying[j]!) {
        const k = nodeIndex.get(s.nodeId);
        if (k !== undefined && s.day >= 0 && s.day < days && w > 0) out[k]![s.day]! += w;
      }
    }
    return out;
  };

  const rate = input.entries.kind === 'rate' ? input.entries.observed / input.entries.windowDays : 0;
  const pointEntries = once ? once.count : rate;
  const point = means(pointEntries, new Float64Array(S).fill(1), new Float64Array(F).fill(1));

  // Bootstrap: resample the friends (their paths) and the observed entry count, then draw each day's Poisson outcome.
  const draws = Array.from({ length: K }, () => Array.from({ length: days }, () => new Float64Array(B)));
  const entryDraws: number[] = [];
  for (let b = 0; b < B; b++) {
    const weights = new Float64Array(S);
    for (let i = 0; i < S; i++) weights[Math.floor(rng() * S)]! += 1;
    const flyWeights = new Float64Array(F);
    for (let j = 0; j < F; j++) flyWeights[Math.floor(rng() * F)]! += 1;
    const entries = input.entries.kind === 'rate' ? poisson(rng, input.entries.observed) / input.entries.windowDays : input.entries.count;
    entryDraws.push(input.entries.kind === 'rate' ? poisson(rng, entries) : entries);
    const m = means(entries, weights, flyWeights);
    for (let k = 0; k < K; k++) for (let d = 0; d < days; d++) draws[k]![d]![b] = poisson(rng, m[k]![d]!);
  }

  const range = (expected: number, values: ArrayLike<number>): Range => ({ expected, ...centralInterval(Array.from(values), level) });
  const sumOver = (pick: (k: number, d: number) => boolean) => {
    const v = new Float64Array(B);
    for (let k = 0; k < K; k++) for (let d = 0; d < days; d++) if (pick(k, d)) for (let b = 0; b < B; b++) v[b]! += draws[k]![d]![b]!;
    return v;
  };
  const pointSum = (pick: (k: number, d: number) => boolean) => {
    let s = 0;
    for (let k = 0; k < K; k++) for (let d = 0; d < days; d++) if (pick(k, d)) s += point[k]![d]!;
    return s;
  };

  const perNode: Forecast['perNode'] = {};
  sendNodes.forEach((id, k) => {
    perNode[id] = {
      total: range(
        pointSum((kk) => kk === k),
        sumOver((kk) => kk === k),
      ),
      perDay: Array.from({ length: days }, (_, d) => range(point[k]![d]!, draws[k]![d]!)),
    };
  });
  const zone = plan.settings.timeZone;
  const dates = Array.from({ length: days }, (_, d) => toLocalIso(start + d * DAY + DAY / 2, zone).slice(0, 10));
  const months = [...new Set(dates.map((x) => x.slice(0, 7)))];
  return {
    start,
    days,
    level,
    sampleSize: S,
    entriesPerDay: range(pointEntries, entryDraws),
    perDay: dates.map((date, d) => ({
      date,
      messages: range(
        pointSum((_k, dd) => dd === d),
        sumOver((_k, dd) => dd === d),
      ),
    })),
    perNode,
    byMonth: months.map((month) => ({
      month,
      messages: range(
        pointSum((_k, d) => dates[d]!.startsWith(month)),
        sumOver((_k, d) => dates[d]!.startsWith(month)),
      ),
    })),
    total: range(
      pointSum(() => true),
      sumOver(() => true),
    ),
  };
}
