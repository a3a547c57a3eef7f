// How many friends a broadcast's audience holds right now: the friends the broadcast may reach (not blocked, not test
// friends), paged as the broadcast pages them and judged by the core's own evaluate().
import type { DbOrTx } from '@/db/client';
import { reachableSnapshots } from '@/db/queries/audience';
import { evaluate, leaves, type Condition } from '@/scenario/conditions';

const PAGE = 1000;

export async function countAudience(db: DbOrTx, audience: Condition, at: Date, timeZone = 'Asia/Tokyo'): Promise<number> {
  const withEvents = leaves(audience).some((l) => l.leaf.type === 'event_count');
  let count = 0;
  let cursor: string | null = null;
  do {
    const page = await reachableSnapshots(db, { afterId: cursor, limit: PAGE, now: at, withEvents });
    for (const friend of page.snapshots) if (evaluate(audience, { friend, now: at.getTime(), timeZone })) count++;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}
