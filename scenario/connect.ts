// connectionProblem(): whether the editor may draw an edge, judged by the same rules as validate() (React Flow's isValidConnection).
import { cyclicComponents } from './graph';
import { alwaysWaits, outputsOf } from './nodes';
import type { ScenarioEdge, ScenarioNode } from './schema';

export type Connection = { source: string; sourceHandle: string | null; target: string };
export type ConnectionProblem = { code: string; message: string; messageJa: string };

/** Null when `c` may be added to the graph; otherwise why not. Takes drafts, so nodes are read as they are. */
export function connectionProblem(
  graph: { nodes: readonly ScenarioNode[]; edges: readonly ScenarioEdge[] },
  c: Connection,
): ConnectionProblem | null {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const source = byId.get(c.source);
  const target = byId.get(c.target);
  if (!source || !target)
    return {
      code: 'edge_unknown_target',
      message: 'Both ends must be steps.',
      messageJa: '接続元と接続先はステップである必要があります。',
    };
  if (target.kind === 'trigger')
    return { code: 'edge_into_trigger', message: 'Nothing can lead back into the trigger.', messageJa: 'トリガーへは接続できません。' };
  const handle = c.sourceHandle ?? 'next';
  if (!outputsOf(source).includes(handle))
    return { code: 'edge_unknown_output', message: `This step has no output "${handle}".`, messageJa: `出力「${handle}」はありません。` };
  if (graph.edges.some((e) => e.source === c.source && e.sourceHandle === handle)) {
    return {
      code: 'output_connected_twice',
      message: 'This output is already connected; a friend can only go one way.',
      messageJa: 'この出力はすでに接続されています。',
    };
  }
  // Would the new edge close a loop with no step that always takes time?
  const adj = new Map<string, string[]>();
  const waits = (id: string) => {
    const n = byId.get(id);
    return n !== undefined && alwaysWaits(n);
  };
  for (const e of [...graph.edges, { source: c.source, target: c.target }]) {
    if (waits(e.source) || waits(e.target)) continue;
    adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
  }
  if (cyclicComponents([...adj.keys()], adj).some((comp) => comp.includes(c.source) && comp.includes(c.target))) {
    return {
      code: 'cycle_without_wait',
      message: 'This would make a loop without a wait; friends would go round it forever.',
      messageJa: '待機のないループになります。',
    };
  }
  return null;
}
