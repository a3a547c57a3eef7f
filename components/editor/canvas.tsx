'use client';
// The React Flow canvas: drop from the palette (onto an edge to splice), connect typed outputs, a small collapsible
// minimap the fitted view leaves room for, path highlight.
// Read-only (an operator who may not edit): nodes can be selected to read them, never dragged, connected or dropped.
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Connection,
  type DefaultEdgeOptions,
  type FitViewOptions,
} from '@xyflow/react';
import { Map as MapIcon } from 'lucide-react';
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { NODE_LABELS } from '@/scenario/nodes';
import { isNodeKind } from '@/scenario/schema';
import { edgeAriaLabel, flowAriaLabels } from '@/components/ui/flow-aria';
import { useEditor, useT } from './editor-context';
import type { FlowEdge, FlowNode } from './flow-mapping';
import { DEFAULT_NODE_SIZE } from './layout';
import { editorNodes, nodeTypes } from './nodes/registry';

export const DRAG_MIME = 'application/x-kizuna-node';
const minimapColour = (n: FlowNode) => editorNodes[n.data.step.kind].colours.minimap;
const edgeOptions: DefaultEdgeOptions = { type: 'smoothstep', style: { strokeWidth: 2 } };
const MINIMAP = { width: 168, height: 112 };
/** Every fit (on open, 自動整列, 全体表示) leaves the bottom band free, where the minimap and the zoom controls sit. */
export const FIT_VIEW: FitViewOptions = { maxZoom: 1, padding: { top: '32px', x: '48px', bottom: `${MINIMAP.height + 40}px` } };

/** The edge under a screen point, found the way the user sees it (its wide invisible hit path). */
function edgeAt(x: number, y: number): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const id = el.closest('.react-flow__edge')?.getAttribute('data-id');
    if (id) return id;
  }
  return null;
}

export function Canvas() {
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const highlight = useEditor((s) => s.highlight);
  const dropEdgeId = useEditor((s) => s.dropEdgeId);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const connect = useEditor((s) => s.connect);
  const canConnect = useEditor((s) => s.canConnect);
  const addNode = useEditor((s) => s.addNode);
  const spliceNode = useEditor((s) => s.spliceNode);
  const setDropEdge = useEditor((s) => s.setDropEdge);
  const readOnly = useEditor((s) => s.readOnly);
  const lang = useEditor((s) => s.lang);
  const { screenToFlowPosition } = useReactFlow<FlowNode, FlowEdge>();
  const t = useT();
  const [minimap, setMinimap] = useState(true);
  const ariaLabels = useMemo(() => flowAriaLabels(lang), [lang]);

  // The steps' names as [id, name, id, name …]: unchanged by a selection or a move, so neither rebuilds every edge
  // (new edge objects would re-render all of them on each click).
  const idsAndNames = useEditor(useShallow((s) => s.nodes.flatMap((n) => [n.id, n.data.label ?? NODE_LABELS[n.data.step.kind][s.lang]])));
  const shownEdges = useMemo(() => {
    const names = new Map<string, string>();
    for (let i = 0; i + 1 < idsAndNames.length; i += 2) names.set(idsAndNames[i]!, idsAndNames[i + 1]!);
    const name = (id: string) => names.get(id) ?? '';
    // The ends' ids on the element too: the label is the steps' names, which need not be unique.
    const named = edges.map((e) => ({
      ...e,
      ariaLabel: edgeAriaLabel(lang, name(e.source), name(e.target)),
      domAttributes: { 'data-link': `${e.source}->${e.target}` } as Record<string, string>,
    }));
    if (!highlight && !dropEdgeId) return named;
    return named.map((e) => {
      if (e.id === dropEdgeId) return { ...e, animated: true, style: { stroke: '#06c755', strokeWidth: 4 } };
      if (highlight?.edges.has(e.id)) return { ...e, animated: true, style: { stroke: '#0ea5e9', strokeWidth: 3 } };
      return e;
    });
  }, [edges, idsAndNames, lang, highlight, dropEdgeId]);

  const onDragOver = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setDropEdge(edgeAt(e.clientX, e.clientY));
    },
    [setDropEdge],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      const kind = e.dataTransfer.getData(DRAG_MIME);
      const onEdge = edgeAt(e.clientX, e.clientY);
      setDropEdge(null);
      if (!isNodeKind(kind)) return;
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const at = { x: Math.round(p.x - DEFAULT_NODE_SIZE.width / 2), y: Math.round(p.y - DEFAULT_NODE_SIZE.height / 2) };
      if (!(onEdge && spliceNode(kind, onEdge, at))) addNode(kind, at);
    },
    [addNode, spliceNode, screenToFlowPosition, setDropEdge],
  );

  const onConnect = useCallback((c: Connection) => connect(c), [connect]);

  return (
    <div className="h-full w-full" data-testid="canvas" onDragLeave={() => setDropEdge(null)}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={edgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={canConnect}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        onDragOver={readOnly ? undefined : onDragOver}
        onDrop={readOnly ? undefined : onDrop}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.1}
        onlyRenderVisibleElements
        ariaLabelConfig={ariaLabels}
      >
        <Background gap={16} />
        {minimap && (
          <MiniMap<FlowNode>
            pannable
            zoomable
            nodeColor={minimapColour}
            nodeBorderRadius={4}
            className="!m-3 rounded border border-slate-200 !bg-white/90"
            style={MINIMAP}
          />
        )}
        <Panel position="bottom-right" style={{ bottom: minimap ? MINIMAP.height + 24 : 0 }} className="!m-3">
          <button
            type="button"
            onClick={() => setMinimap((v) => !v)}
            aria-pressed={minimap}
            title={t(minimap ? 'editor.minimap.hide' : 'editor.minimap.show')}
            aria-label={t(minimap ? 'editor.minimap.hide' : 'editor.minimap.show')}
            className={`rounded border p-1 shadow-sm ${minimap ? 'border-slate-200 bg-white text-slate-500' : 'border-line bg-white text-line-dark'}`}
            data-testid="minimap-toggle"
          >
            <MapIcon className="h-4 w-4" aria-hidden />
          </button>
        </Panel>
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
