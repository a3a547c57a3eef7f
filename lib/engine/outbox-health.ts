// When the trigger outbox counts as behind: a dead letter, or a fact waiting longer than a healthy dispatcher ever lets it.
import type { DispatchBacklog } from '@/db/queries/dispatches';

/** A healthy dispatcher hands a fact to Temporal within seconds; a minute means Temporal or the worker is away. */
export const OUTBOX_LAG_LIMIT_SECONDS = 60;

export function outboxHealthy(b: DispatchBacklog): boolean {
  return b.dead === 0 && b.oldestPendingSeconds <= OUTBOX_LAG_LIMIT_SECONDS;
}
