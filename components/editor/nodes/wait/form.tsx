'use client';
// Wait editor: "N minutes/hours/days later (at HH:mm)", "until HH:mm on these weekdays", "N days after entry at HH:mm",
// or "on the friend's date ± days".
import type { EventTimeout, WaitData } from '@/scenario/schema';
import { WEEKDAY_EN, WEEKDAY_JA } from '@/scenario/time';
import { useMemo } from 'react';
import { useEditor, useT } from '../../editor-context';
import { UndefinedAttribute } from '../../inspector/define-attribute';
import { Check, Field, NumberInput, Select, TextInput, useIssuesAt } from '../../inspector/fields';
import type { KindFormProps } from '../types';

type Mode = WaitData['mode'];

function defaults(mode: Mode, dateKey: string): WaitData {
  switch (mode) {
    case 'duration':
      return { mode, amount: 1, unit: 'days' };
    case 'time_of_day':
      return { mode, time: '10:00', daysOfWeek: [] };
    case 'after_entry':
      return { mode, days: 1, time: '10:00' };
    case 'date_attribute':
      return { mode, attribute: dateKey, offsetDays: 0, time: '10:00', repeat: 'yearly', whenMissing: 'end' };
  }
}

/** Fields for a wait or a wait-for-event timeout (`allowDate` false there: a timeout cannot hang on a friend's date). */
export function WaitFields<W extends WaitData | EventTimeout>({
  id,
  value,
  onChange,
  base,
  allowDate,
}: {
  id: string;
  value: W;
  onChange: (w: W) => void;
  base: (string | number)[];
  allowDate: boolean;
}) {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const attributes = useEditor((s) => s.attributes);
  const dates = useMemo(() => attributes.filter((a) => a.type === 'date'), [attributes]);
  const issues = useIssuesAt(id, base);
  const modes: { value: Mode; label: string }[] = [
    { value: 'duration', label: t('editor.wait.duration') },
    { value: 'time_of_day', label: t('editor.wait.timeOfDay') },
    // A timeout counts from the wait itself: entry-anchored and date waits only exist as wait steps.
    ...(allowDate
      ? [
          { value: 'after_entry' as const, label: t('timing.wait.afterEntry') },
          { value: 'date_attribute' as const, label: t('editor.wait.dateAttribute') },
        ]
      : []),
  ];
  // A narrowing helper: every change keeps the value's own type.
  const set = (w: WaitData) => onChange(w as W);
  const weekdays = lang === 'ja' ? WEEKDAY_JA : WEEKDAY_EN;
  return (
    <div className="space-y-3">
      <Field label={t('editor.wait.mode')}>
        <Select
          value={value.mode}
          options={modes}
          testId={`wait-mode-${id}`}
          onChange={(m) => set(defaults(m, dates[0]?.key ?? 'birthday'))}
        />
      </Field>
      {value.mode === 'duration' && (
        <>
          <div className="grid grid-cols-2 gap-2">
            <Field label={t('editor.wait.amount')}>
              <NumberInput value={value.amount} min={0} testId={`wait-amount-${id}`} onChange={(amount) => set({ ...value, amount })} />
            </Field>
            <Field label={t('editor.wait.unit')}>
              <Select
                value={value.unit}
                testId={`wait-unit-${id}`}
                options={[
                  { value: 'minutes', label: t('editor.wait.minutes') },
                  { value: 'hours', label: t('editor.wait.hours') },
                  { value: 'days', label: t('editor.wait.days') },
                ]}
                onChange={(unit) => set(unit === 'days' ? { ...value, unit } : { mode: 'duration', amount: value.amount, unit })}
              />
            </Field>
          </div>
          {value.unit === 'days' && (
            <div className="space-y-1">
              <Check
                label={t('editor.wait.atTime')}
                checked={value.atTime !== undefined}
                testId={`wait-attime-on-${id}`}
                onChange={(on) => set(on ? { ...value, atTime: '10:00' } : { mode: 'duration', amount: value.amount, unit: value.unit })}
              />
              {value.atTime !== undefined && (
                <TextInput type="time" value={value.atTime} testId={`wait-attime-${id}`} onChange={(atTime) => set({ ...value, atTime })} />
              )}
            </div>
          )}
        </>
      )}
      {value.mode === 'time_of_day' && (
        <>
          <Field label={t('editor.wait.time')}>
            <TextInput type="time" value={value.time} onChange={(time) => set({ ...value, time })} />
          </Field>
          <Field label={t('editor.wait.weekdays')} hint={t('editor.wait.weekdaysHint')}>
            <div className="flex flex-wrap gap-1">
              {([1, 2, 3, 4, 5, 6, 7] as const).map((d) => {
                const on = value.daysOfWeek.includes(d);
                return (
                  <button
                    key={d}
                    type="button"
                    onClick={() =>
                      set({ ...value, daysOfWeek: on ? value.daysOfWeek.filter((x) => x !== d) : [...value.daysOfWeek, d].sort() })
                    }
                    className={`h-7 w-8 rounded border text-xs ${on ? 'border-line bg-line text-white' : 'border-slate-300 bg-white'}`}
                  >
                    {weekdays[d - 1]}
                  </button>
                );
              })}
            </div>
          </Field>
        </>
      )}
      {value.mode === 'after_entry' && (
        <>
          <div className="grid grid-cols-2 gap-2">
            <Field label={t('timing.wait.afterEntryDays')}>
              <NumberInput value={value.days} min={0} max={3650} testId={`wait-days-${id}`} onChange={(days) => set({ ...value, days })} />
            </Field>
            <Field label={t('editor.wait.time')}>
              <TextInput type="time" value={value.time} testId={`wait-time-${id}`} onChange={(time) => set({ ...value, time })} />
            </Field>
          </div>
          <p className="text-xs text-slate-500">{t('timing.wait.afterEntryHint')}</p>
        </>
      )}
      {value.mode === 'date_attribute' && (
        <>
          <Field label={t('editor.wait.attribute')}>
            <Select
              value={value.attribute}
              options={[...new Set([value.attribute, ...dates.map((a) => a.key)])].map((k) => ({
                value: k,
                label: dates.find((a) => a.key === k)?.label ?? k,
              }))}
              onChange={(attribute) => set({ ...value, attribute })}
            />
          </Field>
          {!attributes.some((a) => a.key === value.attribute) && (
            <UndefinedAttribute attrKey={value.attribute} fixedType="date" testId={`wait-${id}`} />
          )}
          <div className="grid grid-cols-2 gap-2">
            <Field label={t('editor.wait.offsetDays')}>
              <NumberInput value={value.offsetDays} min={-366} max={366} onChange={(offsetDays) => set({ ...value, offsetDays })} />
            </Field>
            <Field label={t('editor.wait.time')}>
              <TextInput type="time" value={value.time} onChange={(time) => set({ ...value, time })} />
            </Field>
          </div>
          <Field label={t('editor.wait.repeat')}>
            <Select
              value={value.repeat}
              options={[
                { value: 'yearly', label: t('editor.wait.yearly') },
                { value: 'once', label: t('editor.wait.once') },
              ]}
              onChange={(repeat) => set({ ...value, repeat })}
            />
          </Field>
          <Field label={t('editor.wait.whenMissing')}>
            <Select
              value={value.whenMissing}
              options={[
                { value: 'end', label: t('editor.wait.missingEnd') },
                { value: 'continue', label: t('editor.wait.missingContinue') },
              ]}
              onChange={(whenMissing) => set({ ...value, whenMissing })}
            />
          </Field>
        </>
      )}
      <IssueList issues={issues} />
    </div>
  );
}

function IssueList({ issues }: { issues: ReturnType<typeof useIssuesAt> }) {
  const lang = useEditor((s) => s.lang);
  return issues.length === 0 ? null : (
    <ul className="text-xs text-rose-700">
      {issues.map((i, k) => (
        <li key={k}>{lang === 'ja' ? (i.messageJa ?? i.message) : i.message}</li>
      ))}
    </ul>
  );
}

export function WaitForm({ id, data, onChange }: KindFormProps<'wait'>) {
  return <WaitFields id={id} value={data} onChange={onChange} base={[]} allowDate />;
}
