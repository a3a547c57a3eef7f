// A route's report from its visits: visits, friends added, re-follows, blocks within 7 and 30 days and conversions, in
// total and by local day (the account's zone). Pure: the facts and the zone are inputs.
import { localDate } from '@/scenario/time';

export interface VisitFact {
  at: Date;
  outcome: 'added' | 'refollow' | 'existing' | 'not_friend';
  /** The friend's block instant now (null: not blocked, or no friend). */
  blockedAt: Date | null;
  /** The friend's first scenario goal reached in a run started since the visit (db/queries/inflow-routes.ts); null: none. */
  convertedAt: Date | null;
}

export interface RouteFigures {
  visits: number;
  added: number;
  refollows: number;
  blocks7: number;
  blocks30: number;
  /** Friends the route added (or brought back) who then reached a scenario's goal. */
  conversions: number;
}
export interface RouteReport {
  totals: RouteFigures;
  /** Newest day first; days without visits are left out. */
  byDay: (RouteFigures & { day: string })[];
}

const DAY_MS = 86_400_000;
const empty = (): RouteFigures => ({ visits: 0, added: 0, refollows: 0, blocks7: 0, blocks30: 0, conversions: 0 });

/** Blocked within `days` of the visit that made them a friend (a block before the visit is not this route's). */
export function blockedWithin(f: VisitFact, days: number): boolean {
  if (f.outcome !== 'added' && f.outcome !== 'refollow') return false;
  if (!f.blockedAt) return false;
  const after = f.blockedAt.getTime() - f.at.getTime();
  return after >= 0 && after <= days * DAY_MS;
}

/** A friend the visit made (added or re-followed) who reached a scenario goal after it. */
export function convertedAfter(f: VisitFact): boolean {
  if (f.outcome !== 'added' && f.outcome !== 'refollow') return false;
  return f.convertedAt !== null && f.convertedAt.getTime() >= f.at.getTime();
}

export function routeReport(facts: readonly VisitFact[], timeZone: string): RouteReport {
  const totals = empty();
  const days = new Map<string, RouteFigures>();
  for (const f of facts) {
    const d = localDate(f.at.getTime(), timeZone);
    const key = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
    const day = days.get(key) ?? empty();
    days.set(key, day);
    for (const figures of [totals, day]) {
      figures.visits++;
      if (f.outcome === 'added') figures.added++;
      if (f.outcome === 'refollow') figures.refollows++;
      if (blockedWithin(f, 7)) figures.blocks7++;
      if (blockedWithin(f, 30)) figures.blocks30++;
      if (convertedAfter(f)) figures.conversions++;
    }
  }
  const byDay = [...days].map(([day, figures]) => ({ day, ...figures })).sort((a, b) => b.day.localeCompare(a.day));
  return { totals, byDay };
}
