// Maps a scenario graph to React Flow nodes and edges and back; the graph stays the format, React Flow only draws it.
import type { Edge, Node } from '@xyflow/react';
import { nodeStep, outputLabelOf, outputsOf, type Lang } from '@/scenario/nodes';
import type { NodeDataUnion, NodeKind, ScenarioGraph, ScenarioNode, ScenarioSettings } from '@/scenario/schema';

export type FlowNodeData = { step: NodeDataUnion; label?: string };
export type FlowNode = Node<FlowNodeData, NodeKind>;
export type FlowEdge = Edge & { sourceHandle: string };

const stepOf = (n: ScenarioNode): NodeDataUnion => nodeStep(n.kind, n.data);

export function toFlowNode(n: ScenarioNode): FlowNode {
  return { id: n.id, type: n.kind, position: n.position, data: { step: stepOf(n), ...(n.label === undefined ? {} : { label: n.label }) } };
}

export function graphToFlow(graph: ScenarioGraph): { nodes: FlowNode[]; edges: FlowEdge[]; settings: ScenarioSettings } {
  return {
    nodes: graph.nodes.map(toFlowNode),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target })),
    settings: graph.settings,
  };
}

function toScenarioNode(n: FlowNode): ScenarioNode {
  const position = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
  const label = n.data.label === undefined || n.data.label === '' ? {} : { label: n.data.label };
  return { id: n.id, position, ...label, ...n.data.step } as ScenarioNode;
}

export function flowToGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[], settings: ScenarioSettings): ScenarioGraph {
  return {
    schemaVersion: 1,
    settings,
    nodes: nodes.map(toScenarioNode),
    edges: edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target })),
  };
}

export const outputsOfStep = (step: NodeDataUnion): string[] => outputsOf(step);

/** The words under an output handle: 'rank = gold', 'else', 'A', 'happened', 'timed out'; '' for a plain 'next'. */
export const outputLabel = (step: NodeDataUnion, output: string, lang: Lang): string => outputLabelOf(step, output, lang);

/** A fresh id for a node of `kind`: 'send-1', 'send-2' … never one already used. */
export function nextNodeId(kind: NodeKind, taken: ReadonlySet<string>): string {
  const base = kind.replace(/_/g, '-');
  for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function nextEdgeId(taken: ReadonlySet<string>): string {
  for (let n = taken.size + 1; ; n++) if (!taken.has(`e${n}`)) return `e${n}`;
}
