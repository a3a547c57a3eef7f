// Which messages belong to each variant of a split: the sends only that variant's friends can reach (what an A/B test on clicks compares).
import { reachableFrom } from './graph';
import { variantOutput } from './nodes/split';
import type { ScenarioGraph } from './schema';

/**
 * For each variant of split `splitId`, the send steps reachable from its output and from no other variant's: where
 * the variants' paths meet again, the steps after are shared and say nothing about which variant did better.
 * Paths are followed without passing through the split itself (a loop back into the test is not the variant's).
 */
export function variantSends(graph: ScenarioGraph, splitId: string): Record<string, string[]> {
  const split = graph.nodes.find((n) => n.id === splitId);
  if (split?.kind !== 'split') return {};
  const adj = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.source === splitId) continue;
    adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
  }
  const reach = split.data.variants.map((v) => {
    const start = graph.edges.find((e) => e.source === splitId && e.sourceHandle === variantOutput(v.id))?.target;
    return start === undefined || start === splitId ? new Set<string>() : reachableFrom([start], adj);
  });
  const sends = new Set(graph.nodes.filter((n) => n.kind === 'send').map((n) => n.id));
  return Object.fromEntries(
    split.data.variants.map((v, i) => {
      const others = reach.filter((_, j) => j !== i);
      const own = [...(reach[i] ?? [])].filter((id) => sends.has(id) && !others.some((o) => o.has(id)));
      return [v.id, own.sort()];
    }),
  );
}
