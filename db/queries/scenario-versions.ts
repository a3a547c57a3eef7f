// Published (immutable) scenario versions: creating, reading and listing them.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { CompiledPlanSchema, type CompiledPlan } from '@/scenario/compile';
import { ScenarioGraphSchema, type ScenarioGraph } from '@/scenario/schema';
import type { DbOrTx } from '../client';
import { scenarioVersions, scenarios } from '../schema';

export async function loadPlan(db: DbOrTx, versionId: string): Promise<CompiledPlan | null> {
  const [row] = await db.select({ plan: scenarioVersions.plan }).from(scenarioVersions).where(eq(scenarioVersions.id, versionId));
  return row ? CompiledPlanSchema.parse(row.plan) : null;
}

/** The graphs of the given versions (to name the steps a friend's runs and sends refer to), by version id. */
export async function versionGraphs(db: DbOrTx, ids: readonly string[]): Promise<Map<string, ScenarioGraph>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: scenarioVersions.id, graph: scenarioVersions.graph })
    .from(scenarioVersions)
    .where(inArray(scenarioVersions.id, [...new Set(ids)]));
  const out = new Map<string, ScenarioGraph>();
  for (const r of rows) {
    const g = ScenarioGraphSchema.safeParse(r.graph);
    if (g.success) out.set(r.id, g.data);
  }
  return out;
}

export async function insertVersion(
  db: DbOrTx,
  v: { scenarioId: string; graph: unknown; plan: CompiledPlan; publishedBy: string; isTest?: boolean },
): Promise<{ id: string; version: number }> {
  // Test versions (drafts sent to a test friend) take negative numbers and stay out of the history.
  const [agg] = await db
    .select({
      max: sql<number>`coalesce(max(${scenarioVersions.version}) filter (where ${scenarioVersions.version} > 0), 0)::int`,
      min: sql<number>`coalesce(min(${scenarioVersions.version}) filter (where ${scenarioVersions.version} < 0), 0)::int`,
    })
    .from(scenarioVersions)
    .where(eq(scenarioVersions.scenarioId, v.scenarioId));
  const version = v.isTest ? (agg?.min ?? 0) - 1 : (agg?.max ?? 0) + 1;
  const [row] = await db
    .insert(scenarioVersions)
    .values({ scenarioId: v.scenarioId, version, graph: v.graph, plan: v.plan, hash: v.plan.hash, publishedBy: v.publishedBy })
    .returning({ id: scenarioVersions.id, version: scenarioVersions.version });
  if (!row) throw new Error('inserting a scenario version returned nothing');
  return row;
}

export async function listVersions(db: DbOrTx, scenarioId: string) {
  return db
    .select({
      id: scenarioVersions.id,
      version: scenarioVersions.version,
      hash: scenarioVersions.hash,
      publishedBy: scenarioVersions.publishedBy,
      publishedAt: scenarioVersions.publishedAt,
    })
    .from(scenarioVersions)
    .where(and(eq(scenarioVersions.scenarioId, scenarioId), sql`${scenarioVersions.version} > 0`))
    .orderBy(desc(scenarioVersions.version));
}

export interface LiveScenario {
  scenarioId: string;
  versionId: string;
  plan: CompiledPlan;
}

/** Live scenarios with their live plan (for trigger dispatch). */
export async function liveScenarios(db: DbOrTx, ids?: string[]): Promise<LiveScenario[]> {
  const rows = await db
    .select({ scenarioId: scenarios.id, versionId: scenarioVersions.id, plan: scenarioVersions.plan })
    .from(scenarios)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.liveVersionId))
    .where(ids ? and(eq(scenarios.status, 'live'), inArray(scenarios.id, ids)) : eq(scenarios.status, 'live'));
  return rows.map((r) => ({ scenarioId: r.scenarioId, versionId: r.versionId, plan: CompiledPlanSchema.parse(r.plan) }));
}
