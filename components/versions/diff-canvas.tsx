'use client';
// One side of the version compare: a version's graph on a read-only canvas, its steps drawn as the editor draws them,
// each added, removed or changed step ringed in its colour and tagged (unchanged steps a little faded).
import { Background, Controls, ReactFlow, ReactFlowProvider, type NodeProps, type NodeTypes } from '@xyflow/react';
import { createContext, memo, useContext, useMemo, useState, type ComponentType } from 'react';
import { EditorProvider, useEditor } from '@/components/editor/editor-context';
import type { FlowNode } from '@/components/editor/flow-mapping';
import { nodeTypes as editorNodeTypes } from '@/components/editor/nodes/registry';
import { createEditorStore } from '@/components/editor/store';
import { edgeAriaLabel, flowAriaLabels } from '@/components/ui/flow-aria';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { NODE_LABELS } from '@/scenario/nodes';
import type { ScenarioGraph } from '@/scenario/schema';
import type { NodeMark } from '@/scenario/version-compare';

const MarkContext = createContext<Readonly<Record<string, NodeMark>>>({});

export const MARK_STYLE: Record<NodeMark, { ring: string; tag: string }> = {
  added: { ring: 'outline-emerald-500', tag: 'bg-emerald-600' },
  removed: { ring: 'outline-rose-500', tag: 'bg-rose-600' },
  changed: { ring: 'outline-violet-500', tag: 'bg-violet-600' },
};

function marked(Node: ComponentType<NodeProps<FlowNode>>) {
  return memo(function MarkedNode(props: NodeProps<FlowNode>) {
    const mark = useContext(MarkContext)[props.id];
    const lang = useEditor((s) => s.lang);
    if (!mark) {
      return (
        <div className="opacity-70" data-mark="same">
          <Node {...props} />
        </div>
      );
    }
    return (
      <div className={`relative rounded-lg outline outline-4 outline-offset-2 ${MARK_STYLE[mark].ring}`} data-mark={mark}>
        <span
          className={`absolute -top-3 right-2 z-10 rounded-full px-2 text-[11px] font-bold leading-5 text-white ${MARK_STYLE[mark].tag}`}
        >
          {t(lang, `versions.legend.${mark}`)}
        </span>
        <Node {...props} />
      </div>
    );
  });
}

/** The editor's node components, each wrapped with its mark; built once so React Flow never sees new node types. */
const markedNodeTypes: NodeTypes = Object.fromEntries(
  Object.entries(editorNodeTypes).map(([kind, Node]) => [kind, marked(Node as ComponentType<NodeProps<FlowNode>>)]),
);
const FIT = { maxZoom: 0.9, padding: 0.12 };

function Flow({ lang }: { lang: Lang }) {
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const ariaLabels = useMemo(() => flowAriaLabels(lang), [lang]);
  const shownEdges = useMemo(() => {
    const name = (id: string) => {
      const n = nodes.find((x) => x.id === id);
      return n ? (n.data.label ?? NODE_LABELS[n.data.step.kind][lang]) : '';
    };
    return edges.map((e) => ({ ...e, type: 'smoothstep', ariaLabel: edgeAriaLabel(lang, name(e.source), name(e.target)) }));
  }, [nodes, edges, lang]);
  return (
    <ReactFlow<FlowNode>
      nodes={nodes}
      edges={shownEdges}
      nodeTypes={markedNodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      fitView
      fitViewOptions={FIT}
      minZoom={0.1}
      ariaLabelConfig={ariaLabels}
    >
      <Background gap={16} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

export function DiffCanvas({
  graph,
  marks,
  lang,
  testId,
}: {
  graph: ScenarioGraph;
  marks: Record<string, NodeMark>;
  lang: Lang;
  testId: string;
}) {
  // A read-only store per canvas: the editor's nodes read their look from it. A published version's problems are not
  // this view's subject (attribute definitions may have changed since), so none are shown.
  const [store] = useState(() => {
    const s = createEditorStore({ graph, revision: 0, name: '', lang, readOnly: true });
    s.setState({ issues: [], issuesByNode: new Map() });
    return s;
  });
  return (
    <div className="h-full w-full" data-testid={testId}>
      <EditorProvider value={store}>
        <MarkContext.Provider value={marks}>
          <ReactFlowProvider>
            <Flow lang={lang} />
          </ReactFlowProvider>
        </MarkContext.Provider>
      </EditorProvider>
    </div>
  );
}
