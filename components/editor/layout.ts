// Auto-layout with ELK (layered, top to bottom, output ports in handle order): pure sizes in, top-left positions out.
import type { ElkNode } from 'elkjs/lib/elk-api';

/** A step's box and its outputs in handle order (left to right on the canvas), e.g. ['case:1', 'else']. */
export type LayoutNode = { id: string; width: number; height: number; outputs?: readonly string[] };
export type LayoutEdge = { source: string; sourceHandle?: string; target: string };
export type LayoutOptions = { rankSep?: number; nodeSep?: number };

export const DEFAULT_NODE_SIZE = { width: 240, height: 88 };

const inPort = (id: string) => `${id}::in`;
const outPort = (id: string, handle: string) => `${id}::out::${handle}`;

/**
 * ELK's layered algorithm with each output as a port fixed where its handle is drawn (spread evenly along the bottom), so
 * the first output's target is placed left of the second's and edges do not cross; one input port at the top centre.
 */
function toElk(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], opts: LayoutOptions): ElkNode {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children: ElkNode[] = nodes.map((n) => {
    const outputs = n.outputs ?? [];
    return {
      id: n.id,
      width: n.width,
      height: n.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        { id: inPort(n.id), x: n.width / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } },
        ...outputs.map((o, i) => ({
          id: outPort(n.id, o),
          x: ((i + 0.5) / outputs.length) * n.width,
          y: n.height,
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'SOUTH' },
        })),
      ],
    };
  });
  const elkEdges = edges.flatMap((e, i) => {
    const from = byId.get(e.source);
    if (!from || !byId.has(e.target)) return [];
    const handled = e.sourceHandle !== undefined && (from.outputs ?? []).includes(e.sourceHandle);
    return [
      {
        id: `e${i}`,
        sources: [handled && e.sourceHandle !== undefined ? outPort(e.source, e.sourceHandle) : e.source],
        targets: [inPort(e.target)],
      },
    ];
  });
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(opts.rankSep ?? 56),
      'elk.spacing.nodeNode': String(opts.nodeSep ?? 48),
      'elk.spacing.edgeNode': '24',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      'elk.edgeRouting': 'ORTHOGONAL',
    },
    children,
    edges: elkEdges,
  };
}

export async function layoutPositions(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  opts: LayoutOptions = {},
): Promise<Map<string, { x: number; y: number }>> {
  const out = new Map<string, { x: number; y: number }>();
  if (nodes.length === 0) return out;
  // Loaded on first use: ELK is large, and the editor only needs it when 自動整列 is pressed.
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const laid = await new ELK().layout(toElk(nodes, edges, opts));
  for (const c of laid.children ?? []) out.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return out;
}
