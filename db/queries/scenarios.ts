// Named queries over scenarios, each taking the database (or a transaction) first.
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { outbox, runs, scenarioVersions, scenarios } from '../schema';

export interface ScenarioListRow {
  id: string;
  name: string;
  status: 'draft' | 'live' | 'paused' | 'stopped';
  liveVersion: number | null;
  activeRuns: number;
  sendsToday: number;
  updatedAt: Date;
}

export async function listScenarios(db: DbOrTx, opts: { sendsSince: Date }): Promise<ScenarioListRow[]> {
  const active = db
    .select({ scenarioId: runs.scenarioId, n: sql<number>`count(*)::int`.as('active_n') })
    .from(runs)
    .where(and(eq(runs.status, 'active'), eq(runs.isTest, false)))
    .groupBy(runs.scenarioId)
    .as('active');
  const sends = db
    .select({ scenarioId: outbox.scenarioId, n: sql<number>`count(*)::int`.as('sends_n') })
    .from(outbox)
    .where(and(eq(outbox.status, 'sent'), eq(outbox.isTest, false), gte(outbox.sentAt, opts.sendsSince)))
    .groupBy(outbox.scenarioId)
    .as('sends');
  return db
    .select({
      id: scenarios.id,
      name: scenarios.name,
      status: scenarios.status,
      liveVersion: scenarioVersions.version,
      activeRuns: sql<number>`coalesce(${active.n}, 0)`,
      sendsToday: sql<number>`coalesce(${sends.n}, 0)`,
      updatedAt: scenarios.updatedAt,
    })
    .from(scenarios)
    .leftJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.liveVersionId))
    .leftJoin(active, eq(active.scenarioId, scenarios.id))
    .leftJoin(sends, eq(sends.scenarioId, scenarios.id))
    .orderBy(desc(scenarios.updatedAt));
}
