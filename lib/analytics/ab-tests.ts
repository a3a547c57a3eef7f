// Pure glue from a graph's split nodes and the per-node figures to one A/B comparison per split.
import type { NodeFigures } from '@/db/queries/analytics';
import { variantOutput } from '@/scenario/nodes';
import type { ScenarioGraph } from '@/scenario/schema';
import { compareVariants, type AbResult } from './ab-stats';

export interface SplitResult {
  nodeId: string;
  label: string | null;
  result: AbResult;
}

/** One result per split node of `graph`, in graph order; null when the scope has no goal (nothing to compare). */
export function splitResults(graph: ScenarioGraph, figures: ReadonlyMap<string, NodeFigures>): SplitResult[] | null {
  const out: SplitResult[] = [];
  for (const n of graph.nodes) {
    if (n.kind !== 'split') continue;
    const f = figures.get(n.id);
    if (f && f.converted === null) return null;
    const counts = n.data.variants.map((v) => {
      const o = f?.outputs[variantOutput(v.id)];
      return { id: v.id, label: v.label, entered: o?.friends ?? 0, converted: o?.converted ?? 0 };
    });
    out.push({ nodeId: n.id, label: n.label ?? null, result: compareVariants(counts) });
  }
  return out;
}
