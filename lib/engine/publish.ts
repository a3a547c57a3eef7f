// Publishing: validate + compile the draft on the server, store an immutable version (and its broadcast's dispatch row).
import 'server-only';
import { enqueueDispatches } from '@/db/queries/dispatches';
import { insertVersion } from '@/db/queries/scenario-versions';
import { lockScenario, setLiveVersion } from '@/db/queries/scenarios';
import { broadcastInstant } from '@/scenario/broadcast';
import { listCoupons } from '../coupons/coupons';
import { compileDraft } from './compile-draft';
import type { EngineDeps } from './deps';

/** With `deps.line`, a draft that sends coupons is checked against the account's coupons (closed or unknown: invalid). */
export async function publishScenario(deps: Pick<EngineDeps, 'db' | 'line'>, args: { scenarioId: string; publishedBy: string }) {
  const line = deps.line;
  const loadCoupons = line ? () => listCoupons(line) : undefined;
  const published = await deps.db.transaction(async (tx) => {
    // Serialise publishes of one scenario (version numbers are per scenario), and read the draft (and whether the
    // scenario was archived meanwhile) under the lock.
    await lockScenario(tx, args.scenarioId);
    const { row, plan } = await compileDraft(tx, args.scenarioId, loadCoupons);
    const v = await insertVersion(tx, { scenarioId: row.id, graph: row.draft, plan, publishedBy: args.publishedBy });
    await setLiveVersion(tx, row.id, { versionId: v.id, status: row.status === 'paused' ? 'paused' : 'live' });
    // A broadcast is scheduled by the dispatcher from a row committed with the version: never lost to a Temporal outage.
    if (broadcastInstant(plan) !== null) await enqueueDispatches(tx, [{ kind: 'broadcast', scenarioId: row.id, versionId: v.id }]);
    return { versionId: v.id, version: v.version, hash: plan.hash };
  });
  return published;
}
