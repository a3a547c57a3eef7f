// Named queries for managing scenarios (archive, delete, a version to compare or restore, the list's draft-vs-live marker).
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { DraftGraphSchema } from '@/scenario/draft';
import type { ScenarioGraph } from '@/scenario/schema';
import type { DbOrTx } from '../client';
import { scenarioVersions, scenarios } from '../schema';
import type { ScenarioRow } from './scenarios';

/** The scenario's row, held until the transaction ends (archive, delete and restore decide on what they read here). */
export async function lockScenarioRow(tx: DbOrTx, id: string): Promise<ScenarioRow | null> {
  const [row] = await tx.select().from(scenarios).where(eq(scenarios.id, id)).for('update');
  return row ?? null;
}

export async function setArchivedAt(tx: DbOrTx, id: string, at: Date | null): Promise<void> {
  await tx.update(scenarios).set({ archivedAt: at, updatedAt: new Date() }).where(eq(scenarios.id, id));
}

/** How many versions were ever published (test versions, numbered below zero, do not count). */
export async function countPublishedVersions(db: DbOrTx, scenarioId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(scenarioVersions)
    .where(and(eq(scenarioVersions.scenarioId, scenarioId), gt(scenarioVersions.version, 0)));
  return row?.n ?? 0;
}

/** Deletes the scenario; its test versions and finished test runs go with it (foreign keys cascade). */
export async function deleteScenarioRow(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(scenarios).where(eq(scenarios.id, id));
}

export interface StoredVersion {
  id: string;
  version: number;
  hash: string;
  publishedBy: string;
  publishedAt: Date;
  /** null when the stored graph no longer reads as one (never expected: versions are immutable). */
  graph: ScenarioGraph | null;
}

/** One published version of a scenario by its number (v1, v2 …). */
export async function findVersion(db: DbOrTx, scenarioId: string, version: number): Promise<StoredVersion | null> {
  if (!Number.isInteger(version) || version < 1) return null;
  const [row] = await db
    .select()
    .from(scenarioVersions)
    .where(and(eq(scenarioVersions.scenarioId, scenarioId), eq(scenarioVersions.version, version)));
  if (!row) return null;
  const graph = DraftGraphSchema.safeParse(row.graph);
  return {
    id: row.id,
    version: row.version,
    hash: row.hash,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt,
    graph: graph.success ? graph.data : null,
  };
}

/** Each scenario's draft and live graph (either null when it does not read as a graph), for the draft-vs-live marker. */
export async function draftAndLiveGraphs(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, { draft: ScenarioGraph | null; live: ScenarioGraph | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: scenarios.id, draft: scenarios.draft, live: scenarioVersions.graph })
    .from(scenarios)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.liveVersionId))
    .where(inArray(scenarios.id, [...ids]));
  const graph = (v: unknown) => {
    const r = DraftGraphSchema.safeParse(v);
    return r.success ? r.data : null;
  };
  return new Map(rows.map((r) => [r.id, { draft: graph(r.draft), live: graph(r.live) }]));
}
