'use client';
// A/B split editor: variants with weights, shown as the share of friends each gets.
import { sharePercent } from '@/scenario/split';
import { useT } from '../../editor-context';
import { IssueText, NumberInput, SmallButton, TextInput, useIssuesAt } from '../../inspector/fields';
import type { KindFormProps } from '../types';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function SplitForm({ id, data, onChange }: KindFormProps<'split'>) {
  const t = useT();
  const issues = useIssuesAt(id, ['variants']);
  const shares = sharePercent(data.variants);
  const add = () => {
    const letter = [...LETTERS].find((l) => !data.variants.some((v) => v.id === l)) ?? String(data.variants.length + 1);
    onChange({ variants: [...data.variants, { id: letter, label: letter.toUpperCase(), weight: 50 }] });
  };
  return (
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
              onChange={(label) => onChange({ variants: data.variants.map((x, j) => (j === i ? { ...x, label } : x)) })}
            />
            <NumberInput
              value={v.weight}
              min={0}
              testId={`split-${id}-weight-${v.id}`}
              onChange={(weight) => onChange({ variants: data.variants.map((x, j) => (j === i ? { ...x, weight } : x)) })}
            />
            <span className="text-right tabular-nums text-slate-700">{shares[i] ?? 0}%</span>
            <SmallButton tone="danger" onClick={() => onChange({ variants: data.variants.filter((_, j) => j !== i) })}>
              ×
            </SmallButton>
          </div>
        ))}
      </div>
      <div className="flex h-2 overflow-hidden rounded bg-slate-100">
        {data.variants.map((v, i) => (
          <div key={v.id} style={{ width: `${shares[i] ?? 0}%` }} className={i % 2 === 0 ? 'bg-fuchsia-500' : 'bg-fuchsia-300'} />
        ))}
      </div>
      <SmallButton onClick={add}>+ {t('editor.split.add')}</SmallButton>
      <IssueText issues={issues} />
    </div>
  );
}
