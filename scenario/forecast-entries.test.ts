// admittedOccurrences(): a trigger's past occurrences counted as entries only where the re-entry rule let one start.
import { describe, expect, it } from 'vitest';
import { admittedOccurrences } from './forecast-entries';

const H = 3_600_000;
const occ = [
  { friendId: 'a', at: 1 * H },
  { friendId: 'a', at: 5 * H }, // while a's first run is still going
  { friendId: 'a', at: 20 * H }, // after it ended
  { friendId: 'b', at: 2 * H },
];
// Runs as the engine records them: each begins at (or just after) the occurrence that started it.
const spans = [
  { friendId: 'a', startedAt: 1 * H, endedAt: 10 * H },
  { friendId: 'a', startedAt: 20 * H, endedAt: null },
  { friendId: 'b', startedAt: 2 * H, endedAt: null },
];

describe('admittedOccurrences', () => {
  it("'always': every occurrence is an entry", () => {
    expect(admittedOccurrences(occ, 'always', spans)).toHaveLength(4);
  });

  it("'after_exit': an occurrence while the friend is still inside starts nothing; the run it started itself does not hold it out", () => {
    expect(admittedOccurrences(occ, 'after_exit', spans).map((o) => o.at)).toEqual([1 * H, 2 * H, 20 * H]);
  });

  it("'once': a friend's first occurrence only, and none for a friend who went through before the window", () => {
    const before = [{ friendId: 'b', startedAt: -100 * H, endedAt: -90 * H }];
    expect(admittedOccurrences(occ, 'once', before)).toEqual([{ friendId: 'a', at: 1 * H }]);
  });

  it('a draft never published (no runs) still counts a friend once under once', () => {
    expect(admittedOccurrences(occ, 'once', [])).toHaveLength(2);
    expect(admittedOccurrences(occ, 'after_exit', [])).toHaveLength(4);
  });
});
