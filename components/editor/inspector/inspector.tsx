'use client';
// The inspector: the selected step's label and its kind's form, its problems, and delete. Read-only, the same form is
// shown inside a disabled fieldset (every input, select and button in it inert) and delete is hidden.
import { NODE_LABELS, nodeStep } from '@/scenario/nodes';
import type { NodeDataUnion, NodeKind, NodeStep } from '@/scenario/schema';
import { useShallow } from 'zustand/react/shallow';
import { useEditor, useT } from '../editor-context';
import { editorNodes } from '../nodes/registry';
import { Field, IssueText, READ_ONLY_FIELDSET, SmallButton, TextInput } from './fields';

/** The selected step's own form, looked up by its kind. */
function KindForm<K extends NodeKind>({ id, step, update }: { id: string; step: NodeStep<K>; update: (s: NodeDataUnion) => void }) {
  const { Form } = editorNodes[step.kind];
  return <Form id={id} data={step.data} onChange={(data) => update(nodeStep(step.kind, data))} />;
}

export function Inspector() {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const selected = useEditor(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const updateStep = useEditor((s) => s.updateStep);
  const setLabel = useEditor((s) => s.setLabel);
  const remove = useEditor((s) => s.deleteSelection);
  const readOnly = useEditor((s) => s.readOnly);
  const node = selected.length === 1 ? selected[0] : undefined;
  const issues = useEditor((s) => (node ? s.issuesByNode.get(node.id) : undefined));
  if (selected.length > 1)
    return <p className="p-4 text-sm text-slate-500">{t('editor.inspector.many').replace('{n}', String(selected.length))}</p>;
  if (!node) return <p className="p-4 text-sm text-slate-500">{t('editor.inspector.none')}</p>;
  const outputProblems = (issues ?? []).filter((i) => !i.path.includes('data'));
  return (
    <fieldset disabled={readOnly} className={`min-w-0 space-y-4 p-4 ${READ_ONLY_FIELDSET}`} data-testid="inspector" data-node={node.id}>
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-bold">{NODE_LABELS[node.data.step.kind][lang]}</h2>
        <code className="text-[10px] text-slate-400" translate="no">
          {node.id}
        </code>
        {!readOnly && (
          <span className="ml-auto">
            <SmallButton tone="danger" onClick={remove} testId="inspector-delete">
              {t('editor.delete')}
            </SmallButton>
          </span>
        )}
      </div>
      <Field label={t('editor.inspector.label')}>
        <TextInput
          value={node.data.label ?? ''}
          placeholder={t('editor.inspector.labelPlaceholder')}
          onChange={(v) => setLabel(node.id, v)}
          testId="inspector-label"
        />
      </Field>
      <KindForm id={node.id} step={node.data.step} update={(s) => updateStep(node.id, s)} />
      <IssueText issues={outputProblems} />
    </fieldset>
  );
}
