// Which of a trigger's past occurrences were entries: the re-entry rule applied to each, judged against the scenario's own
// runs at that moment (an occurrence while the friend was still inside, or after a first run under 'once', starts none).
import { mayEnter } from './entry';
import type { ReEntry } from './schema';

export type Occurrence = { friendId: string; at: number };
export type RunSpan = { friendId: string; startedAt: number; endedAt: number | null };

/**
 * The occurrences that would have started a run, in time order. A run started by the occurrence itself begins at or
 * after it, so only runs begun strictly before count against it; occurrences admitted here count as runs for the later
 * ones of the same friend (a scenario never published has no runs, and so only this).
 */
export function admittedOccurrences(occurrences: readonly Occurrence[], reEntry: ReEntry, spans: readonly RunSpan[]): Occurrence[] {
  if (reEntry === 'always') return [...occurrences];
  const byFriend = new Map<string, RunSpan[]>();
  for (const s of spans) byFriend.set(s.friendId, [...(byFriend.get(s.friendId) ?? []), s]);
  const admitted: Occurrence[] = [];
  const entered = new Set<string>();
  for (const o of [...occurrences].sort((a, b) => a.at - b.at)) {
    const before = (byFriend.get(o.friendId) ?? []).filter((s) => s.startedAt < o.at);
    const active = before.some((s) => s.endedAt === null || s.endedAt > o.at);
    // Under 'after_exit' a friend admitted earlier in the window without a recorded run (a draft) may come back: its
    // path's length is unknown here, so only recorded runs hold it out.
    const previousRuns = before.length + (reEntry === 'once' && entered.has(o.friendId) ? 1 : 0);
    if (!mayEnter(reEntry, { active, previousRuns })) continue;
    admitted.push(o);
    entered.add(o.friendId);
  }
  return admitted;
}
