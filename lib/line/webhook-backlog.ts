// Retries stored webhook events that were never processed (the server stopped after answering LINE, or processing
// failed), oldest first; the webhook route runs it after each delivery, so no extra process is needed.
import 'server-only';
import { listUnprocessedWebhookEvents } from '@/db/queries/webhook-events';
import type { EdgeDeps } from '../friends/deps';
import { processWebhookEvent } from './process-event';

/** Old enough that the request which stored it has certainly finished; young enough to still matter. */
const MIN_AGE_MS = 60_000;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export async function processWebhookBacklog(deps: EdgeDeps, limit = 20): Promise<{ retried: number; failed: number }> {
  const now = deps.now().getTime();
  const ids = await listUnprocessedWebhookEvents(deps.db, { after: new Date(now - MAX_AGE_MS), before: new Date(now - MIN_AGE_MS), limit });
  let failed = 0;
  for (const id of ids) {
    try {
      await processWebhookEvent(deps, id);
    } catch {
      failed += 1;
    }
  }
  return { retried: ids.length, failed };
}
