// Names the steps a friend's runs and sends point at (「メッセージ配信：…」 or the step's own label), from the versions'
// graphs: a friend page never shows a step id.
import { NODE_LABELS, summaryOf, type Lang } from '@/scenario/nodes';
import type { AttributeDefinition, ScenarioGraph } from '@/scenario/schema';

/** `${versionId}:${nodeId}` → the step's name in the reader's language. */
export type StepNames = Record<string, string>;

export const stepKey = (versionId: string, nodeId: string): string => `${versionId}:${nodeId}`;

export function stepNames(graphs: ReadonlyMap<string, ScenarioGraph>, lang: Lang, attributes: readonly AttributeDefinition[]): StepNames {
  const out: StepNames = {};
  for (const [versionId, g] of graphs) {
    const ctx = { timeZone: g.settings.timeZone, attributes };
    for (const n of g.nodes) {
      const kind = NODE_LABELS[n.kind][lang];
      out[stepKey(versionId, n.id)] = n.label ?? `${kind}${lang === 'ja' ? '：' : ': '}${summaryOf(n, lang, ctx)}`;
    }
  }
  return out;
}
