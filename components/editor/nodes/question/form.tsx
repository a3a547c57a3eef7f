'use client';
// Question editor: the question, its choices (quick replies or a buttons template), typed answers, where the answer is saved and how long to wait.
import { LINE_LIMITS } from '@/scenario/line-limits';
import { FREE_TEXT_FORMATS, MAX_CHOICES, MAX_REASKS, QUESTION_DISPLAYS, type QuestionData } from '@/scenario/nodes/question';
import { useEditor, useT } from '../../editor-context';
import { Field, IssueText, NumberInput, Select, SmallButton, TextInput, inputClass, useIssuesAt } from '../../inspector/fields';
import type { KindFormProps } from '../types';
import { WaitFields } from '../wait/form';

type Format = (typeof FREE_TEXT_FORMATS)[number];

export function QuestionForm({ id, data, onChange }: KindFormProps<'question'>) {
  const t = useT();
  const attributes = useEditor((s) => s.attributes);
  const textIssues = useIssuesAt(id, ['text']);
  const choiceIssues = useIssuesAt(id, ['choices']);
  const saveIssues = useIssuesAt(id, ['saveTo']);
  const set = (patch: Partial<QuestionData>) => onChange({ ...data, ...patch });
  const display = data.display ?? 'quick_reply';
  const maxChoices = display === 'buttons' ? LINE_LIMITS.buttonsActions : MAX_CHOICES;
  const add = () => {
    const n = data.choices.length + 1;
    const idFor = [...'abcdefghijklmnopqrstuvwxyz'].find((l) => !data.choices.some((c) => c.id === l)) ?? `c${n}`;
    set({ choices: [...data.choices, { id: idFor, label: `${t('editor.question.choice')} ${n}`, value: '' }] });
  };
  const formats: { value: Format | 'none'; label: string }[] = [
    { value: 'none', label: t('editor.question.freeText.none') },
    ...FREE_TEXT_FORMATS.map((f) => ({ value: f, label: t(`editor.question.format.${f}`) })),
  ];
  const attrOptions = [
    { value: '', label: t('editor.question.saveTo.none') },
    ...attributes.map((a) => ({ value: a.key, label: a.label || a.key })),
  ];
  return (
    <div className="space-y-3">
      <Field label={t('editor.question.text')} issues={textIssues}>
        <textarea
          className={inputClass}
          rows={3}
          value={data.text}
          data-testid={`question-text-${id}`}
          onChange={(e) => set({ text: e.target.value })}
        />
      </Field>
      <Field label={t('editor.question.display')}>
        <Select
          value={display}
          options={QUESTION_DISPLAYS.map((d) => ({ value: d, label: t(`editor.question.display.${d}`) }))}
          testId={`question-${id}-display`}
          onChange={(d) => set({ display: d })}
        />
      </Field>
      <div className="space-y-1">
        <div className="text-xs font-semibold text-slate-600">{t('editor.question.choices')}</div>
        <p className="text-xs text-slate-500">
          {t(display === 'buttons' ? 'editor.question.choices.hintButtons' : 'editor.question.choices.hint')}
        </p>
        {data.choices.map((c, i) => (
          <div key={c.id} className="grid grid-cols-[1fr_1fr_auto] gap-1">
            <TextInput
              value={c.label}
              placeholder={t('editor.question.label')}
              testId={`question-${id}-label-${i}`}
              onChange={(label) => set({ choices: data.choices.map((x, j) => (j === i ? { ...x, label } : x)) })}
            />
            <TextInput
              value={c.value}
              placeholder={t('editor.question.value')}
              onChange={(value) => set({ choices: data.choices.map((x, j) => (j === i ? { ...x, value } : x)) })}
            />
            <SmallButton tone="danger" onClick={() => set({ choices: data.choices.filter((_, j) => j !== i) })}>
              ×
            </SmallButton>
          </div>
        ))}
        {data.choices.length < maxChoices ? (
          <SmallButton onClick={add} testId={`question-${id}-add`}>
            + {t('editor.question.add')}
          </SmallButton>
        ) : null}
        <IssueText issues={choiceIssues} />
      </div>
      <Field label={t('editor.question.freeText')} hint={t('editor.question.freeText.hint')}>
        <Select
          value={data.freeText?.format ?? 'none'}
          options={formats}
          onChange={(f) =>
            set({
              freeText:
                f === 'none'
                  ? null
                  : { format: f, maxReasks: data.freeText?.maxReasks ?? 2, invalidMessage: data.freeText?.invalidMessage ?? '' },
            })
          }
        />
      </Field>
      {data.freeText ? (
        <>
          <Field label={t('editor.question.maxReasks')}>
            <NumberInput
              value={data.freeText.maxReasks}
              min={0}
              max={MAX_REASKS}
              onChange={(maxReasks) =>
                data.freeText &&
                set({ freeText: { ...data.freeText, maxReasks: Math.max(0, Math.min(MAX_REASKS, Math.round(maxReasks))) } })
              }
            />
          </Field>
          <Field label={t('editor.question.invalidMessage')}>
            <TextInput
              value={data.freeText.invalidMessage}
              onChange={(invalidMessage) => data.freeText && set({ freeText: { ...data.freeText, invalidMessage } })}
            />
          </Field>
        </>
      ) : null}
      <Field label={t('editor.question.saveTo')} issues={saveIssues}>
        <Select
          value={data.saveTo?.key ?? ''}
          options={attrOptions}
          testId={`question-${id}-save`}
          onChange={(key) => {
            const def = attributes.find((a) => a.key === key);
            set({ saveTo: def ? { key: def.key, type: def.type, ...(def.options ? { options: def.options } : {}) } : null });
          }}
        />
      </Field>
      <p className="text-xs text-slate-500">{t('editor.question.ackHint')}</p>
      <div className="text-xs font-semibold text-slate-600">{t('editor.question.timeout')}</div>
      <WaitFields id={id} value={data.timeout} onChange={(timeout) => set({ timeout })} base={['timeout']} allowDate={false} />
    </div>
  );
}
