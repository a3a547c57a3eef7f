'use client';
// The inspector: the selected step's label and its kind's form, its problems, and delete.
import { NODE_LABELS } from '@/scenario/nodes';
import type { NodeDataUnion } from '@/scenario/schema';
import { useShallow } from 'zustand/react/shallow';
import { useEditor, useT } from '../editor-context';
import { ActionForm } from './action-form';
import { BranchForm } from './branch-form';
import { Field, IssueText, SmallButton, TextInput } from './fields';
import { SendForm } from './send-form';
import { SplitForm } from './split-form';
import { TriggerForm } from './trigger-form';
import { WaitForEventForm } from './wait-for-event-form';
import { WaitForm } from './wait-form';

function KindForm({ id, step, update }: { id: string; step: NodeDataUnion; update: (s: NodeDataUnion) => void }) {
  const t = useT();
  switch (step.kind) {
    case 'trigger':
      return <TriggerForm id={id} data={step.data} onChange={(data) => update({ kind: 'trigger', data })} />;
    case 'wait':
      return <WaitForm id={id} data={step.data} onChange={(data) => update({ kind: 'wait', data })} />;
    case 'wait_for_event':
      return <WaitForEventForm id={id} data={step.data} onChange={(data) => update({ kind: 'wait_for_event', data })} />;
    case 'branch':
      return <BranchForm id={id} data={step.data} onChange={(data) => update({ kind: 'branch', data })} />;
    case 'split':
      return <SplitForm id={id} data={step.data} onChange={(data) => update({ kind: 'split', data })} />;
    case 'send':
      return <SendForm id={id} data={step.data} onChange={(data) => update({ kind: 'send', data })} />;
    case 'action':
      return <ActionForm id={id} data={step.data} onChange={(data) => update({ kind: 'action', data })} />;
    case 'end':
      return <p className="text-sm text-slate-500">{t('editor.end.help')}</p>;
  }
}

export function Inspector() {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const selected = useEditor(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const updateStep = useEditor((s) => s.updateStep);
  const setLabel = useEditor((s) => s.setLabel);
  const remove = useEditor((s) => s.deleteSelection);
  const node = selected.length === 1 ? selected[0] : undefined;
  const issues = useEditor((s) => (node ? s.issuesByNode.get(node.id) : undefined));
  if (selected.length > 1) return <p className="p-4 text-sm text-slate-500">{t('editor.inspector.many').replace('{n}', String(selected.length))}</p>;
  if (!node) return <p className="p-4 text-sm text-slate-500">{t('editor.inspector.none')}</p>;
  const outputProblems = (issues ?? []).filter((i) => !i.path.includes('data'));
  return (
    <div className="space-y-4 p-4" data-testid="inspector" data-node={node.id}>
      <div className="flex items-center gap-2">
        <h2 className="text-sm font-bold">{NODE_LABELS[node.data.step.kind][lang]}</h2>
        <code className="text-[10px] text-slate-400">{node.id}</code>
        <span className="ml-auto">
          <SmallButton tone="danger" onClick={remove} testId="inspector-delete">
            {t('editor.delete')}
          </SmallButton>
        </span>
      </div>
      <Field label={t('editor.inspector.label')}>
        <TextInput value={node.data.label ?? ''} placeholder={t('editor.inspector.labelPlaceholder')} onChange={(v) => setLabel(node.id, v)} testId="inspector-label" />
      </Field>
      <KindForm id={node.id} step={node.data.step} update={(s) => updateStep(node.id, s)} />
      <IssueText issues={outputProblems} />
    </div>
  );
}
