'use client';
// The read-only analytics canvas: the shown version's graph at its stored positions, fitted whole on open, with figures on
// every step; a click opens the step's detail.
import { Background, Controls, ReactFlow, ReactFlowProvider, type FitViewOptions } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { flowAriaLabels } from '@/components/ui/flow-aria';
import type { NodeFigures } from '@/lib/ui-types';
import type { ScenarioGraph } from '@/scenario/schema';
import { makeFigureNode } from './figure-node';
import { flowView } from './flow-view';
import { NodeDetail } from './node-detail';
import { RateLegend } from './rate-legend';

/** Opens on the whole scenario, below the rate legend (top left) and clear of the zoom controls (bottom left). */
const FIT_WHOLE: FitViewOptions = { maxZoom: 1, minZoom: 0.2, padding: { top: '88px', x: '40px', bottom: '40px' } };

export function AnalyticsCanvas(props: {
  scenarioId: string;
  graph: ScenarioGraph;
  figures: Record<string, NodeFigures>;
  lang: Lang;
  query: string;
  /** friends:read_details: the step detail lists the friends behind its figures. */
  canSeeFriends: boolean;
}) {
  const { graph, figures, lang } = props;
  const [selected, setSelected] = useState<string | null>(null);
  const view = useMemo(() => flowView(graph, figures, lang), [graph, figures, lang]);
  const nodeTypes = useMemo(() => ({ figure: makeFigureNode(lang) }), [lang]);
  const ariaLabels = useMemo(() => flowAriaLabels(lang), [lang]);
  const nodes = useMemo(() => view.nodes.map((n) => ({ ...n, selected: n.id === selected })), [view, selected]);
  const node = graph.nodes.find((n) => n.id === selected) ?? null;
  return (
    <div className="flex min-h-0 flex-1">
      <div className="relative min-w-0 flex-1" data-testid="analytics-canvas">
        <ReactFlowProvider>
          <ReactFlow
            nodes={nodes}
            edges={view.edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable
            edgesFocusable={false}
            onNodeClick={(_e, n) => setSelected(n.id)}
            onPaneClick={() => setSelected(null)}
            fitView
            fitViewOptions={FIT_WHOLE}
            minZoom={0.2}
            proOptions={{ hideAttribution: true }}
            ariaLabelConfig={ariaLabels}
          >
            <Background gap={24} color="#e2e8f0" />
            <Controls showInteractive={false} />
          </ReactFlow>
        </ReactFlowProvider>
        <div className="pointer-events-none absolute left-3 top-3">
          <RateLegend lang={lang} hasGoal={graph.settings.goal !== undefined} />
        </div>
      </div>
      <aside className="w-96 shrink-0 overflow-y-auto border-l border-slate-200 bg-white" data-testid="analytics-detail">
        {node ? (
          <NodeDetail
            key={node.id}
            scenarioId={props.scenarioId}
            graph={graph}
            nodeId={node.id}
            title={view.nodes.find((n) => n.id === node.id)?.data.title ?? node.id}
            figures={figures[node.id] ?? null}
            lang={lang}
            query={props.query}
            canSeeFriends={props.canSeeFriends}
            onClose={() => setSelected(null)}
          />
        ) : (
          <p className="p-5 text-sm text-slate-500">{t(lang, 'analytics.detail.hint')}</p>
        )}
      </aside>
    </div>
  );
}
