// The scenario an analytics page describes: name, status and its published versions with their graphs.
import { and, desc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { scenarioVersions, scenarios } from '../schema';

export interface AnalyticsScenario {
  id: string;
  name: string;
  status: 'draft' | 'live' | 'paused' | 'stopped';
  liveVersionId: string | null;
  /** Published versions (test versions left out), newest first; graph as stored (parse before use). */
  versions: { id: string; version: number; graph: unknown; publishedAt: Date }[];
}

export async function analyticsScenario(db: DbOrTx, scenarioId: string): Promise<AnalyticsScenario | null> {
  const [s] = await db
    .select({ id: scenarios.id, name: scenarios.name, status: scenarios.status, liveVersionId: scenarios.liveVersionId })
    .from(scenarios)
    .where(eq(scenarios.id, scenarioId));
  if (!s) return null;
  const versions = await db
    .select({
      id: scenarioVersions.id,
      version: scenarioVersions.version,
      graph: scenarioVersions.graph,
      publishedAt: scenarioVersions.publishedAt,
    })
    .from(scenarioVersions)
    .where(and(eq(scenarioVersions.scenarioId, scenarioId), gt(scenarioVersions.version, 0)))
    .orderBy(desc(scenarioVersions.version));
  return { ...s, versions };
}
