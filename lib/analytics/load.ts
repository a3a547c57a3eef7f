// Loads what the analytics canvas, the report and the CSV show: the scenario, the graph to draw and every figure.
import { nodeFigures, scenarioGoals, type NodeFigures, type VersionGoal } from '@/db/queries/analytics';
import { splitArmFigures } from '@/db/queries/analytics-ab';
import { analyticsScenario, type AnalyticsScenario } from '@/db/queries/analytics-scenario';
import { nodeFriends, type NodeFriend, type NodeFriendKind } from '@/db/queries/analytics-friends';
import { dailySeries, scenarioFunnel, type DayFigures, type Funnel } from '@/db/queries/analytics-series';
import type { DbOrTx } from '@/db/client';
import { ScenarioGraphSchema, type ScenarioGraph } from '@/scenario/schema';
import { HOLDOUT_OUTPUT, variantOutput } from '@/scenario/nodes/split';
import { variantSends } from '@/scenario/split-reach';
import { splitResults, type SplitResult } from './ab-tests';
import type { AnalyticsRange } from './range';

export interface AnalyticsView {
  scenario: Omit<AnalyticsScenario, 'versions'>;
  versions: { id: string; version: number }[];
  /** The version whose graph is drawn: the chosen one, else the live one, else the newest. */
  shown: { id: string; version: number } | null;
  graph: ScenarioGraph | null;
  goal: { eventName: string; windowDays: number } | null;
  goals: VersionGoal[];
  figures: Record<string, NodeFigures>;
  /** Nodes with history that the drawn graph no longer has (from older versions). */
  otherNodeIds: string[];
  /** One A/B comparison per split of the drawn graph, counting only the friends of its version (`shown`); null without a graph. */
  splits: SplitResult[] | null;
}

export async function loadAnalytics(db: DbOrTx, scenarioId: string, range: AnalyticsRange): Promise<AnalyticsView | null> {
  const s = await analyticsScenario(db, scenarioId);
  if (!s) return null;
  const chosen = range.versionId ? (s.versions.find((v) => v.id === range.versionId) ?? null) : null;
  const shownRow = chosen ?? s.versions.find((v) => v.id === s.liveVersionId) ?? s.versions[0] ?? null;
  const parsed = shownRow ? ScenarioGraphSchema.safeParse(shownRow.graph) : null;
  // Steps in reading order (top to bottom, then left to right), as the table and the CSV list them.
  const graph = parsed?.success
    ? { ...parsed.data, nodes: [...parsed.data.nodes].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x) }
    : null;
  const goals = await scenarioGoals(db, scenarioId);
  const scope = { scenarioId, versionId: chosen?.id ?? null, from: range.from, to: range.to };
  const ids = graph?.nodes.map((n) => n.id) ?? [];
  const figures = await nodeFigures(db, scope, goals, ids);
  const known = new Set(ids);
  const splits =
    graph && shownRow
      ? await loadSplits(db, { scenarioId, versionId: shownRow.id, from: range.from, to: range.to }, graph, shownRow.version)
      : null;
  return {
    scenario: { id: s.id, name: s.name, status: s.status, liveVersionId: s.liveVersionId },
    versions: s.versions.map((v) => ({ id: v.id, version: v.version })),
    shown: shownRow ? { id: shownRow.id, version: shownRow.version } : null,
    graph,
    goal: graph?.settings.goal ? { eventName: graph.settings.goal.eventName, windowDays: graph.settings.goal.windowDays } : null,
    goals,
    figures: Object.fromEntries(figures),
    otherNodeIds: [...figures.keys()].filter((id) => !known.has(id)).sort(),
    splits,
  };
}

/**
 * The A/B comparisons of one version's graph, from that version's friends only: even when the page shows all versions,
 * a comparison never adds up friends who ran different variants, messages or goals.
 */
async function loadSplits(
  db: DbOrTx,
  scope: { scenarioId: string; versionId: string; from: Date; to: Date },
  graph: ScenarioGraph,
  version: number,
): Promise<SplitResult[]> {
  const queries = graph.nodes.flatMap((n) => {
    if (n.kind !== 'split') return [];
    const own = variantSends(graph, n.id);
    const sendsByOutput = Object.fromEntries(n.data.variants.map((v) => [variantOutput(v.id), own[v.id] ?? []]));
    return [{ nodeId: n.id, sendsByOutput: { ...sendsByOutput, [HOLDOUT_OUTPUT]: [] } }];
  });
  if (queries.length === 0) return [];
  return splitResults(graph, version, await splitArmFigures(db, scope, queries));
}

/** The report: the view plus the cohort funnel and the daily series, for the same scope. */
export async function loadReport(
  db: DbOrTx,
  scenarioId: string,
  range: AnalyticsRange,
): Promise<{ view: AnalyticsView; funnel: Funnel; days: DayFigures[] } | null> {
  const view = await loadAnalytics(db, scenarioId, range);
  if (!view) return null;
  const versionId = range.versionId && view.shown?.id === range.versionId ? range.versionId : null;
  const scope = { scenarioId, versionId, from: range.from, to: range.to };
  const [funnel, days] = await Promise.all([scenarioFunnel(db, scope, view.goals), dailySeries(db, scope, view.goals)]);
  return { view, funnel, days };
}

export async function loadNodeFriends(
  db: DbOrTx,
  scenarioId: string,
  range: AnalyticsRange,
  nodeId: string,
  kind: NodeFriendKind,
): Promise<NodeFriend[]> {
  const goals = await scenarioGoals(db, scenarioId);
  return nodeFriends(db, { scenarioId, versionId: range.versionId, from: range.from, to: range.to }, goals, nodeId, kind);
}
