// Published plans never change, so each worker keeps the ones it has read.
import type { Db } from '@/db/client';
import { loadPlan } from '@/db/queries/scenario-versions';
import type { CompiledPlan } from '@/scenario/compile';

const cache = new Map<string, CompiledPlan>();

export async function planFor(db: Db, versionId: string): Promise<CompiledPlan | null> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const plan = await loadPlan(db, versionId);
  if (plan) cache.set(versionId, plan);
  return plan;
}
