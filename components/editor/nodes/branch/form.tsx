'use client';
// Branch editor: ordered cases, each a label and a condition; friends matching none go to "else".
import { ArrowDown, ArrowUp } from 'lucide-react';
import type { NodeData } from '@/scenario/schema';
import { useT } from '../../editor-context';
import { ConditionBuilder } from '../../inspector/condition-builder';
import { Field, IssueText, SmallButton, TextInput, useIssuesAt } from '../../inspector/fields';
import type { KindFormProps } from '../types';

type Data = NodeData<'branch'>;

const freshId = (cases: Data['cases']) => {
  for (let n = cases.length + 1; ; n++) if (!cases.some((c) => c.id === String(n))) return String(n);
};

export function BranchForm({ id, data, onChange }: KindFormProps<'branch'>) {
  const t = useT();
  const issues = useIssuesAt(id, ['cases']);
  const set = (i: number, c: Data['cases'][number]) => onChange({ cases: data.cases.map((x, j) => (j === i ? c : x)) });
  const move = (i: number, by: number) => {
    const cases = [...data.cases];
    const [c] = cases.splice(i, 1);
    if (c) cases.splice(i + by, 0, c);
    onChange({ cases });
  };
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500">{t('editor.branch.help')}</p>
      {data.cases.map((c, i) => (
        <div key={c.id} className="space-y-2 rounded-md border border-violet-200 p-2">
          <div className="flex items-center gap-1">
            <span className="text-xs font-semibold text-violet-700">
              {t('editor.branch.case')} {i + 1}
            </span>
            <span className="ml-auto flex gap-1">
              {i > 0 && (
                <SmallButton onClick={() => move(i, -1)}>
                  <ArrowUp className="h-3 w-3" aria-label={t('editor.branch.up')} />
                </SmallButton>
              )}
              {i < data.cases.length - 1 && (
                <SmallButton onClick={() => move(i, 1)}>
                  <ArrowDown className="h-3 w-3" aria-label={t('editor.branch.down')} />
                </SmallButton>
              )}
              <SmallButton tone="danger" onClick={() => onChange({ cases: data.cases.filter((_, j) => j !== i) })}>
                {t('editor.remove')}
              </SmallButton>
            </span>
          </div>
          <Field label={t('editor.branch.label')}>
            <TextInput
              value={c.label ?? ''}
              placeholder={t('editor.branch.labelPlaceholder')}
              onChange={(label) => {
                const { label: _l, ...rest } = c;
                set(i, label ? { ...rest, label } : rest);
              }}
            />
          </Field>
          <ConditionBuilder value={c.condition} onChange={(condition) => set(i, { ...c, condition })} testId={`branch-${id}-case-${i}`} />
        </div>
      ))}
      <SmallButton
        onClick={() => onChange({ cases: [...data.cases, { id: freshId(data.cases), condition: { type: 'tag', tag: '', has: true } }] })}
        testId={`branch-${id}-add`}
      >
        + {t('editor.branch.addCase')}
      </SmallButton>
      <p className="text-xs text-slate-500">{t('editor.branch.else')}</p>
      <IssueText issues={issues} />
    </div>
  );
}
