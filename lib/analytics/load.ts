// Loads what the analytics canvas, the report and the CSV show: the scenario, the graph to draw and every figure.
import { nodeFigures, scenarioGoals, type NodeFigures, type VersionGoal } from '@/db/queries/analytics';
import { analyticsScenario, type AnalyticsScenario } from '@/db/queries/analytics-scenario';
import { dailySeries, scenarioFunnel, type DayFigures, type Funnel } from '@/db/queries/analytics-series';
import type { DbOrTx } from '@/db/client';
import { ScenarioGraphSchema, type ScenarioGraph } from '@/scenario/schema';
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
  splits: SplitResult[] | null;
}

export async function loadAnalytics(db: DbOrTx, scenarioId: string, range: AnalyticsRange): Promise<AnalyticsView | null> {
  const s = await analyticsScenario(db, scenarioId);
  if (!s) return null;
  const chosen = range.versionId ? (s.versions.find((v) => v.id === range.versionId) ?? null) : null;
  const shownRow = chosen ?? s.versions.find((v) => v.id === s.liveVersionId) ?? s.versions[0] ?? null;
  const parsed = shownRow ? ScenarioGraphSchema.safeParse(shownRow.graph) : null;
  const graph = parsed?.success ? parsed.data : null;
  const goals = await scenarioGoals(db, scenarioId);
  const scope = { scenarioId, versionId: chosen?.id ?? null, from: range.from, to: range.to };
  const ids = graph?.nodes.map((n) => n.id) ?? [];
  const figures = await nodeFigures(db, scope, goals, ids);
  const known = new Set(ids);
  return {
    scenario: { id: s.id, name: s.name, status: s.status, liveVersionId: s.liveVersionId },
    versions: s.versions.map((v) => ({ id: v.id, version: v.version })),
    shown: shownRow ? { id: shownRow.id, version: shownRow.version } : null,
    graph,
    goal: graph?.settings.goal ? { eventName: graph.settings.goal.eventName, windowDays: graph.settings.goal.windowDays } : null,
    goals,
    figures: Object.fromEntries(figures),
    otherNodeIds: [...figures.keys()].filter((id) => !known.has(id)).sort(),
    splits: graph ? splitResults(graph, figures) : null,
  };
}

export async function loadReportSeries(db: DbOrTx, view: AnalyticsView, range: AnalyticsRange): Promise<{ funnel: Funnel; days: DayFigures[] }> {
  const scope = { scenarioId: view.scenario.id, versionId: range.versionId && view.shown?.id === range.versionId ? range.versionId : null, from: range.from, to: range.to };
  const [funnel, days] = await Promise.all([scenarioFunnel(db, scope, view.goals), dailySeries(db, scope, view.goals)]);
  return { funnel, days };
}
