// Writes one row proving that a workflow's activity reached PostgreSQL (the wiring check).
import { wiringChecks } from '@/db/schema';
import type { ActivityDeps } from '../deps';

export function createRecordWiringCheck({ db }: ActivityDeps) {
  return async function recordWiringCheck(input: { id: string; note: string }): Promise<void> {
    await db.insert(wiringChecks).values(input).onConflictDoNothing();
  };
}
