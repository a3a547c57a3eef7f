// The engine call for an event row just stored: runs waiting for it are signalled and matching triggers start.
import type { EventRow } from '@/db/queries/events';
import type { EngineHooks } from './deps';

/** Deferred until the storing transaction committed, so the engine only ever hears of facts that are kept. */
export function notifyStoredEvent(engine: EngineHooks, row: EventRow): () => Promise<unknown> {
  return () =>
    engine.event({
      friendId: row.friendId,
      eventId: row.id,
      name: row.name,
      occurredAt: row.occurredAt,
      properties: row.properties,
      isTest: row.isTest,
    });
}
