'use client';
// A/B split editor: variants with weights, an optional control group that gets nothing, and what the report judges the winner by.
import { HOLDOUT_MAX_PERCENT, splitMetric, type SplitMetric } from '@/scenario/nodes/split';
import { entryShares } from '@/scenario/split';
import { useEditor, useT } from '../../editor-context';
import { Field, IssueText, NumberInput, Select, SmallButton, TextInput, useIssuesAt } from '../../inspector/fields';
import type { KindFormProps } from '../types';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function SplitForm({ id, data, onChange }: KindFormProps<'split'>) {
  const t = useT();
  const hasGoal = useEditor((s) => s.settings.goal !== undefined);
  const issues = useIssuesAt(id, ['variants']);
  const holdoutIssues = useIssuesAt(id, ['holdoutPercent']);
  const metricIssues = useIssuesAt(id, ['metric']);
  const shares = entryShares(data.variants, data.holdoutPercent);
  const add = () => {
    const letter = [...LETTERS].find((l) => !data.variants.some((v) => v.id === l)) ?? String(data.variants.length + 1);
    onChange({ ...data, variants: [...data.variants, { id: letter, label: letter.toUpperCase(), weight: 50 }] });
  };
  const effective = t(splitMetric({ metric: 'auto' }, hasGoal) === 'goal' ? 'editor.split.metric.goal' : 'editor.split.metric.clicks');
  const metricOptions: { value: SplitMetric; label: string }[] = [
    { value: 'auto', label: t('editor.split.metric.auto').replace('{metric}', effective) },
    { value: 'clicks', label: t('editor.split.metric.clicks') },
    { value: 'goal', label: t('editor.split.metric.goal') },
  ];
  return (
    <div className="space-y-3">
      <div className="space-y-2">
        <p className="text-xs text-slate-500">{t('editor.split.help')}</p>
        <div className="grid grid-cols-[1fr_5rem_3rem_auto] items-center gap-1 text-xs text-slate-500">
          <span>{t('editor.split.label')}</span>
          <span>{t('editor.split.weight')}</span>
          <span>%</span>
          <span />
          {data.variants.map((v, i) => (
            <div key={v.id} className="contents">
              <TextInput
                value={v.label}
                onChange={(label) => onChange({ ...data, variants: data.variants.map((x, j) => (j === i ? { ...x, label } : x)) })}
              />
              <NumberInput
                value={v.weight}
                min={0}
                testId={`split-${id}-weight-${v.id}`}
                onChange={(weight) => onChange({ ...data, variants: data.variants.map((x, j) => (j === i ? { ...x, weight } : x)) })}
              />
              <span className="text-right tabular-nums text-slate-700">{shares.variants[i] ?? 0}%</span>
              <SmallButton tone="danger" onClick={() => onChange({ ...data, variants: data.variants.filter((_, j) => j !== i) })}>
                ×
              </SmallButton>
            </div>
          ))}
          {shares.holdout > 0 ? (
            <div className="contents text-slate-500" data-testid={`split-${id}-holdout-row`}>
              <span className="px-2 py-1">{t('editor.split.holdoutRow')}</span>
              <span />
              <span className="text-right tabular-nums">{shares.holdout}%</span>
              <span />
            </div>
          ) : null}
        </div>
        <div className="flex h-2 overflow-hidden rounded bg-slate-100">
          {data.variants.map((v, i) => (
            <div
              key={v.id}
              style={{ width: `${shares.variants[i] ?? 0}%` }}
              className={i % 2 === 0 ? 'bg-fuchsia-500' : 'bg-fuchsia-300'}
            />
          ))}
          {shares.holdout > 0 ? <div style={{ width: `${shares.holdout}%` }} className="bg-slate-400" /> : null}
        </div>
        <SmallButton onClick={add}>+ {t('editor.split.add')}</SmallButton>
        <IssueText issues={issues} />
      </div>
      <Field label={t('editor.split.holdout')} issues={holdoutIssues} hint={t('editor.split.holdout.hint')}>
        <div className="flex items-center gap-2">
          <div className="w-24">
            <NumberInput
              value={data.holdoutPercent ?? 0}
              min={0}
              max={HOLDOUT_MAX_PERCENT}
              testId={`split-${id}-holdout`}
              onChange={(holdoutPercent) => onChange({ ...data, holdoutPercent })}
            />
          </div>
          <span className="text-sm text-slate-700">%</span>
        </div>
      </Field>
      <Field label={t('editor.split.metric')} issues={metricIssues} hint={t('editor.split.metric.hint')}>
        <Select
          value={data.metric ?? 'auto'}
          options={metricOptions}
          testId={`split-${id}-metric`}
          onChange={(metric) => onChange({ ...data, metric })}
        />
      </Field>
    </div>
  );
}
