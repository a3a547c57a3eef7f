// Whether a tapped question button (postback `kz=q&r=<run>&n=<node>&v=<visit>`) is the friend's current question.
import { sql } from 'drizzle-orm';
import { executePrepared, type DbOrTx } from '../client';

export type QuestionButton = { runId: string; nodeId: string; visit: string };

/**
 * Null when run `runId` belongs to this friend and waits for the answer to that node's visit; else why the button is
 * stale (`another_friend`, `not_asked`). An unknown run (erased, or a forged id) counts as not asked.
 */
export async function staleQuestionButton(db: DbOrTx, friendId: string, b: QuestionButton): Promise<'another_friend' | 'not_asked' | null> {
  const [r] = await executePrepared<{ friend_id: string; current: boolean }>(
    db,
    sql`SELECT friend_id::text AS friend_id,
      (status = 'active' AND current_node_id = ${b.nodeId} AND waiting_for->>'kind' IN ('answer', 'send')
        AND waiting_for->>'visit' = ${b.visit}::text) AS current
    FROM runs WHERE id = ${b.runId}::text`,
  );
  if (!r) return 'not_asked';
  if (r.friend_id !== friendId) return 'another_friend';
  return r.current ? null : 'not_asked';
}
