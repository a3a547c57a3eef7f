'use client';
// Every problem validate() finds, each a link that selects and centres its step on the canvas.
import { useReactFlow } from '@xyflow/react';
import { NODE_LABELS } from '@/scenario/nodes';
import { useEditor, useT } from './editor-context';

export function ProblemList() {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const issues = useEditor((s) => s.issues);
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const select = useEditor((s) => s.select);
  const { fitView } = useReactFlow();
  if (issues.length === 0)
    return (
      <p className="p-4 text-sm text-emerald-700" data-testid="problems-none">
        ✓ {t('editor.problems.none')}
      </p>
    );
  return (
    <ul className="divide-y divide-slate-100" data-testid="problem-list">
      {issues.map((i, k) => {
        const nodeId = i.nodeId ?? edges.find((e) => e.id === i.edgeId)?.source;
        const node = nodes.find((n) => n.id === nodeId);
        const where = node ? (node.data.label ?? NODE_LABELS[node.data.step.kind][lang]) : t('editor.problems.scenario');
        return (
          <li key={k}>
            <button
              type="button"
              data-testid={`problem-${k}`}
              data-node={nodeId ?? ''}
              className="w-full px-4 py-2 text-left hover:bg-rose-50"
              onClick={() => {
                if (!node) return;
                select([node.id]);
                void fitView({ nodes: [{ id: node.id }], duration: 300, maxZoom: 1.2 });
              }}
            >
              <span className="block text-xs font-semibold text-rose-700">{where}</span>
              <span className="block text-sm text-slate-700">{lang === 'ja' ? (i.messageJa ?? i.message) : i.message}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
