// The shared send schedule on real PostgreSQL: concurrent workers get blocks that follow one another, never overlap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../client';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { bookSendSlots } from './send-pacer';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.drop();
});

describe('bookSendSlots', () => {
  it('starts an idle schedule now and chains concurrent bookings from several pools back to back', async () => {
    // Four "workers", each with its own pool, book at the same moment.
    const pools = Array.from({ length: 4 }, () => createDb(tdb.url, { max: 3 }));
    try {
      const interval = 52.5;
      const first = await bookSendSlots(tdb.db, { key: 'q1', count: 2, intervalMs: interval, horizonMs: 60_000 });
      expect(first).not.toBeNull();
      // Idle: the block starts at PostgreSQL's now (to within the statement's own few microseconds).
      expect(Math.abs(first!.startMs - first!.dbNowMs)).toBeLessThan(5);
      const counts = Array.from({ length: 24 }, (_, i) => 1 + (i % 3));
      const blocks = await Promise.all(
        counts.map((count, i) =>
          bookSendSlots(pools[i % pools.length]!.db, { key: 'q1', count, intervalMs: interval, horizonMs: 60_000 }).then((b) => ({
            count,
            start: b!.startMs,
          })),
        ),
      );
      blocks.sort((a, b) => a.start - b.start);
      let expected = first!.startMs + 2 * interval;
      for (const b of blocks) {
        expect(b.start).toBeCloseTo(expected, 2);
        expected = b.start + b.count * interval;
      }
      // Another queue has a schedule of its own.
      const other = await bookSendSlots(tdb.db, { key: 'q2', count: 1, intervalMs: interval, horizonMs: 60_000 });
      expect(Math.abs(other!.startMs - other!.dbNowMs)).toBeLessThan(5);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });

  it('books nothing when the schedule is already booked further ahead than the horizon', async () => {
    const ahead = await bookSendSlots(tdb.db, { key: 'q3', count: 10, intervalMs: 1000, horizonMs: 60_000 });
    expect(ahead).not.toBeNull();
    expect(await bookSendSlots(tdb.db, { key: 'q3', count: 1, intervalMs: 1000, horizonMs: 5_000 })).toBeNull();
    const next = await bookSendSlots(tdb.db, { key: 'q3', count: 1, intervalMs: 1000, horizonMs: 60_000 });
    // The refused booking took nothing: the next block starts where the first ended.
    expect(next!.startMs).toBeCloseTo(ahead!.startMs + 10_000, 2);
  });
});
