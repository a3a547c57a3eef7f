'use client';
// The React Flow canvas: drop from the palette (onto an edge to splice), connect typed outputs, minimap, path highlight.
// Read-only (an operator who may not edit): nodes can be selected to read them, never dragged, connected or dropped.
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type DefaultEdgeOptions } from '@xyflow/react';
import { useCallback, useMemo, type DragEvent } from 'react';
import { isNodeKind } from '@/scenario/schema';
import { useEditor } from './editor-context';
import type { FlowEdge, FlowNode } from './flow-mapping';
import { DEFAULT_NODE_SIZE } from './layout';
import { editorNodes, nodeTypes } from './nodes/registry';

export const DRAG_MIME = 'application/x-kizuna-node';
const minimapColour = (n: FlowNode) => editorNodes[n.data.step.kind].colours.minimap;
const edgeOptions: DefaultEdgeOptions = { type: 'smoothstep', style: { strokeWidth: 2 } };

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
  const { screenToFlowPosition } = useReactFlow<FlowNode, FlowEdge>();

  const shownEdges = useMemo(() => {
    if (!highlight && !dropEdgeId) return edges;
    return edges.map((e) => {
      if (e.id === dropEdgeId) return { ...e, animated: true, style: { stroke: '#06c755', strokeWidth: 4 } };
      if (highlight?.edges.has(e.id)) return { ...e, animated: true, style: { stroke: '#0ea5e9', strokeWidth: 3 } };
      return e;
    });
  }, [edges, highlight, dropEdgeId]);

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
        fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
        minZoom={0.1}
        onlyRenderVisibleElements
      >
        <Background gap={16} />
        <MiniMap<FlowNode> pannable zoomable nodeColor={minimapColour} nodeBorderRadius={4} className="!bg-white" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
