'use client';
// Action editor: add or remove a tag, or set a friend field to a value of its type.
import type { ActionSpec } from '@/scenario/schema';
import { useEditor, useT } from '../../editor-context';
import { Field, NumberInput, Select, TextInput, useIssuesAt } from '../../inspector/fields';
import type { KindFormProps } from '../types';
import { RichMenuPicker } from '../../inspector/rich-menu-picker';

/** The new action's data when the type changes (a tag is kept between add and remove). */
function defaultActionOf(type: string, a: ActionSpec, firstKey: string): ActionSpec {
  const tag = a.type === 'add_tag' || a.type === 'remove_tag' ? a.tag : '';
  switch (type) {
    case 'set_attribute':
      return { type, key: firstKey, value: '' };
    case 'switch_rich_menu':
      return { type, menuId: '00000000-0000-4000-8000-000000000000', menuName: '' };
    case 'remove_tag':
      return { type, tag };
    default:
      return { type: 'add_tag', tag };
  }
}

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
            { value: 'switch_rich_menu', label: t('editor.action.switchRichMenu') },
          ]}
          onChange={(type) => set(defaultActionOf(type, a, attrs[0]?.key ?? 'rank'))}
        />
      </Field>
      {a.type === 'switch_rich_menu' ? (
        <RichMenuPicker id={id} value={a} onChange={set} />
      ) : a.type !== 'set_attribute' ? (
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
