// Maps a published graph and its figures to read-only React Flow nodes and edges (stored positions, widths by flow, colour by conversion).
import type { Edge, Node } from '@xyflow/react';
import { flowWidth, rateColour } from '@/lib/analytics/format';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { NodeFigures } from '@/lib/ui-types';
import { NODE_LABELS, outputLabelOf, summaryOf } from '@/scenario/nodes';
import { edgeAriaLabel } from '@/components/ui/flow-aria';
import type { NodeKind, ScenarioGraph } from '@/scenario/schema';

export type FigureNodeData = {
  nodeId: string;
  kind: NodeKind;
  title: string;
  summary: string;
  figures: NodeFigures | null;
  hasGoal: boolean;
  colour: string;
  rate: number | null;
};
export type FigureNode = Node<FigureNodeData, 'figure'>;

/** Room for the figures: stored positions are spread by these factors (the editor's nodes are smaller). */
export const SPREAD = { x: 1.35, y: 1.45 };
export const NODE_WIDTH = 230;

export function conversionRate(f: NodeFigures | null | undefined): number | null {
  if (!f || f.converted === null || f.entered === 0) return null;
  return f.converted / f.entered;
}

export function flowView(graph: ScenarioGraph, figures: Record<string, NodeFigures>, lang: Lang): { nodes: FigureNode[]; edges: Edge[] } {
  const hasGoal = graph.settings.goal !== undefined;
  const rates = graph.nodes.map((n) => conversionRate(figures[n.id]) ?? 0);
  const maxRate = Math.max(0, ...rates);
  const nodes: FigureNode[] = graph.nodes.map((n) => {
    const f = figures[n.id] ?? null;
    const rate = conversionRate(f);
    return {
      id: n.id,
      type: 'figure',
      position: { x: n.position.x * SPREAD.x, y: n.position.y * SPREAD.y },
      draggable: false,
      connectable: false,
      data: {
        nodeId: n.id,
        kind: n.kind,
        title: n.label ?? NODE_LABELS[n.kind][lang],
        summary: summaryOf(n, lang, { timeZone: graph.settings.timeZone }),
        figures: f,
        hasGoal,
        colour: hasGoal ? rateColour(rate, maxRate) : '#cbd5e1',
        rate,
      },
    };
  });
  const flowOf = (source: string, handle: string) => figures[source]?.outputs[handle]?.friends ?? 0;
  const maxFlow = Math.max(0, ...graph.edges.map((e) => flowOf(e.source, e.sourceHandle)));
  const edges: Edge[] = graph.edges.map((e) => {
    const flow = flowOf(e.source, e.sourceHandle);
    const handle = e.sourceHandle === 'next' ? '' : `${outputLabel(e.sourceHandle, graph, e.source, lang)} · `;
    const title = (id: string) => nodes.find((x) => x.id === id)?.data.title ?? '';
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      ariaLabel: edgeAriaLabel(lang, title(e.source), title(e.target)),
      type: 'smoothstep',
      label: `${handle}${flow.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US')}`,
      labelStyle: { fontSize: 11, fill: '#334155' },
      labelBgStyle: { fill: '#f8fafc' },
      style: { strokeWidth: flowWidth(flow, maxFlow), stroke: flow > 0 ? '#059669' : '#cbd5e1' },
      data: { flow },
    };
  });
  return { nodes, edges };
}

/** A readable name for an output: the case or variant label, else the output in the reader's language. */
export function outputLabel(output: string, graph: ScenarioGraph, nodeId: string, lang: Lang): string {
  const n = graph.nodes.find((x) => x.id === nodeId);
  const [kind, id] = output.split(':');
  if (n?.kind === 'split' && kind === 'variant') return n.data.variants.find((v) => v.id === id)?.label ?? output;
  if (n?.kind === 'branch' && kind === 'case') return outputLabelOf(n, output, lang);
  const keys: Record<string, MessageKey> = {
    next: 'analytics.output.next',
    else: 'analytics.output.else',
    event: 'analytics.output.event',
    timeout: 'analytics.output.timeout',
  };
  const key = keys[output];
  return key ? t(lang, key) : output;
}
