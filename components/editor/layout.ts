// Auto-layout with dagre, top to bottom: pure (sizes in, top-left positions out), so it is tested without a browser.
import dagre from '@dagrejs/dagre';

export type LayoutNode = { id: string; width: number; height: number };
export type LayoutEdge = { source: string; target: string };
export type LayoutOptions = { rankSep?: number; nodeSep?: number };

export const DEFAULT_NODE_SIZE = { width: 240, height: 88 };

export function layoutPositions(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  opts: LayoutOptions = {},
): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', ranksep: opts.rankSep ?? 56, nodesep: opts.nodeSep ?? 48, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  const ids = new Set(nodes.map((n) => n.id));
  for (const e of edges) if (ids.has(e.source) && ids.has(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const p = g.node(n.id);
    // dagre places centres; React Flow positions are top-left corners.
    out.set(n.id, { x: Math.round(p.x - n.width / 2), y: Math.round(p.y - n.height / 2) });
  }
  return out;
}
