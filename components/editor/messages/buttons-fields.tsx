'use client';
// A buttons template message: notification text, title, body and up to 4 link buttons.
import { LINE_LIMITS } from '@/scenario/line-limits';
import type { LineMessage } from '@/scenario/schema';
import { useT } from '../editor-context';
import { Field, SmallButton, TextInput } from '../inspector/fields';

type TemplateMessage = Extract<LineMessage, { type: 'template' }>;

export function ButtonsFields({ m, onChange }: { m: TemplateMessage; onChange: (m: TemplateMessage) => void }) {
  const t = useT();
  const tp = m.template;
  const setActions = (actions: typeof tp.actions) => onChange({ ...m, template: { ...tp, actions } });
  return (
    <div className="space-y-1">
      <Field label={t('editor.send.altText')}>
        <TextInput value={m.altText} onChange={(altText) => onChange({ ...m, altText })} />
      </Field>
      <Field label={t('editor.send.title')}>
        <TextInput value={tp.title ?? ''} onChange={(title) => onChange({ ...m, template: { ...tp, title } })} />
      </Field>
      <Field label={t('editor.send.body')}>
        <TextInput value={tp.text} onChange={(text) => onChange({ ...m, template: { ...tp, text } })} />
      </Field>
      {tp.actions.map((a, i) =>
        a.type === 'uri' ? (
          <div key={i} className="grid grid-cols-[1fr_1.5fr_auto] gap-1">
            <TextInput
              value={a.label ?? ''}
              placeholder={t('editor.send.buttonLabel')}
              onChange={(label) => setActions(tp.actions.map((x, j) => (j === i ? { ...a, label } : x)))}
            />
            <TextInput value={a.uri} onChange={(uri) => setActions(tp.actions.map((x, j) => (j === i ? { ...a, uri } : x)))} />
            <SmallButton tone="danger" onClick={() => setActions(tp.actions.filter((_, j) => j !== i))}>
              ×
            </SmallButton>
          </div>
        ) : (
          <div key={i} className="text-xs text-slate-500">
            {a.label ?? a.type}
          </div>
        ),
      )}
      {tp.actions.length < LINE_LIMITS.buttonsActions && (
        <SmallButton onClick={() => setActions([...tp.actions, { type: 'uri', label: '', uri: 'https://' }])}>
          + {t('editor.send.addButton')}
        </SmallButton>
      )}
    </div>
  );
}
