'use client';
// Every problem validate() finds, each a link that selects and centres its step on the canvas.
import { useReactFlow } from '@xyflow/react';
import { ExternalLink } from 'lucide-react';
import { NODE_LABELS } from '@/scenario/nodes';
import { useEditor, useEditorStore, useT } from './editor-context';

/** Problems the inspector can fix in place: a missing attribute, defined from the step that uses it. */
const DEFINABLE = new Set(['condition_unknown_attribute', 'wait_unknown_attribute']);
/** A missing attribute a message inserts or an action sets: defined in Settings (opened beside the editor). */
const DEFINE_IN_SETTINGS = new Set(['template_unknown_attribute', 'action_unknown_attribute']);

/** The value at an issue's path in the graph (the attribute key an unknown-attribute problem points at). */
function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

export function ProblemList() {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const issues = useEditor((s) => s.issues);
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const select = useEditor((s) => s.select);
  const setDefining = useEditor((s) => s.setDefining);
  const store = useEditorStore();
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
            {node && DEFINABLE.has(i.code) && (
              <button
                type="button"
                data-testid={`problem-${k}-define`}
                className="mb-2 ml-4 text-xs font-medium text-line-dark underline hover:text-slate-900"
                onClick={() => {
                  const key = valueAt(store.getState().graph(), i.path);
                  if (typeof key === 'string') setDefining(key);
                  select([node.id]);
                  void fitView({ nodes: [{ id: node.id }], duration: 300, maxZoom: 1.2 });
                }}
              >
                {t('editor.problems.defineAttr')}
              </button>
            )}
            {DEFINE_IN_SETTINGS.has(i.code) && (
              <a
                href="/settings#attributes"
                target="_blank"
                rel="noopener"
                className="mb-2 ml-4 inline-block text-xs font-medium text-line-dark underline hover:text-slate-900"
                data-testid={`problem-${k}-settings`}
              >
                {t('editor.attr.inSettings')}
                <ExternalLink className="ml-0.5 inline h-3 w-3" aria-hidden />
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
