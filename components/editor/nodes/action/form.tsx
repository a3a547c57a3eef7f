'use client';
// Action editor: add or remove a tag, or set a friend field to a value of its type.
import type { ActionSpec } from '@/scenario/schema';
import { useEditor, useT } from '../../editor-context';
import { Field, NumberInput, Select, TextInput, useIssuesAt } from '../../inspector/fields';
import type { KindFormProps } from '../types';

export function ActionForm({ id, data, onChange }: KindFormProps<'action'>) {
  const t = useT();
  const attrs = useEditor((s) => s.attributes);
  const a = data.action;
  const set = (action: ActionSpec) => onChange({ action });
  const issues = useIssuesAt(id, ['action']);
  return (
    <div className="space-y-3">
      <Field label={t('editor.action.type')}>
        <Select
          value={a.type}
          options={[
            { value: 'add_tag', label: t('editor.action.addTag') },
            { value: 'remove_tag', label: t('editor.action.removeTag') },
            { value: 'set_attribute', label: t('editor.action.setAttribute') },
          ]}
          onChange={(type) =>
            set(
              type === 'set_attribute'
                ? { type, key: attrs[0]?.key ?? 'rank', value: '' }
                : { type, tag: a.type === 'set_attribute' ? '' : a.tag },
            )
          }
        />
      </Field>
      {a.type !== 'set_attribute' ? (
        <Field label={t('editor.action.tag')} issues={issues}>
          <TextInput value={a.tag} onChange={(tag) => set({ ...a, tag })} testId={`action-tag-${id}`} />
        </Field>
      ) : (
        <>
          <Field label={t('editor.action.field')}>
            <Select
              value={a.key}
              options={[...new Set([a.key, ...attrs.map((x) => x.key)])].map((k) => ({
                value: k,
                label: attrs.find((x) => x.key === k)?.label ?? k,
              }))}
              onChange={(key) => set({ ...a, key })}
            />
          </Field>
          <Field label={t('editor.action.value')} issues={issues}>
            {attrs.find((x) => x.key === a.key)?.type === 'number' ? (
              <NumberInput value={typeof a.value === 'number' ? a.value : 0} onChange={(value) => set({ ...a, value })} />
            ) : (
              <TextInput value={a.value === null ? '' : String(a.value)} onChange={(value) => set({ ...a, value })} />
            )}
          </Field>
        </>
      )}
    </div>
  );
}
