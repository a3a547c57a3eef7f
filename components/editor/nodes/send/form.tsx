'use client';
// Message composer: up to 5 LINE messages, placeholders picked from friend fields, a LINE-like preview and a UTF-16 counter.
import { useRef } from 'react';
import { LINE_LIMITS, utf16Length } from '@/scenario/line-limits';
import { renderMessages } from '@/scenario/render';
import { friendFixture } from '@/scenario/fixtures';
import type { LineMessage } from '@/scenario/schema';
import { LineBubble, LineChat } from '@/components/preview/line-bubble';
import { useEditor, useT } from '../../editor-context';
import { Check, Field, IssueText, Select, SmallButton, TextInput, inputClass, useIssuesAt } from '../../inspector/fields';
import type { KindFormProps } from '../types';

type Kind = 'text' | 'image' | 'sticker' | 'template';

function fresh(kind: Kind): LineMessage {
  switch (kind) {
    case 'text':
      return { type: 'text', text: '' };
    case 'image':
      return { type: 'image', originalContentUrl: 'https://', previewImageUrl: 'https://' };
    case 'sticker':
      return { type: 'sticker', packageId: '11537', stickerId: '52002734' };
    case 'template':
      return {
        type: 'template',
        altText: '',
        template: { type: 'buttons', text: '', actions: [{ type: 'uri', label: '', uri: 'https://' }] },
      };
  }
}

function TextComposer({ id, index, text, onChange }: { id: string; index: number; text: string; onChange: (text: string) => void }) {
  const t = useT();
  const ref = useRef<HTMLTextAreaElement>(null);
  const attrs = useEditor((s) => s.attributes);
  const insert = (token: string) => {
    const el = ref.current;
    const at = el ? el.selectionStart : text.length;
    const end = el ? el.selectionEnd : text.length;
    onChange(text.slice(0, at) + token + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };
  const units = utf16Length(text);
  const options = [
    { value: '', label: t('editor.send.insert') },
    { value: '{{friend.displayName|お客様}}', label: t('editor.send.displayName') },
    ...attrs.map((a) => ({ value: `{{attr.${a.key}}}`, label: `${a.label} (attr.${a.key})` })),
  ];
  return (
    <div className="space-y-1">
      <textarea
        ref={ref}
        className={`${inputClass} h-28 resize-y`}
        value={text}
        data-testid={`send-${id}-text-${index}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <div className="flex items-center gap-2">
        <div className="flex-1">
          <Select value="" options={options} onChange={(v) => v && insert(v)} testId={`send-${id}-placeholder-${index}`} />
        </div>
        <span
          className={`text-xs tabular-nums ${units > LINE_LIMITS.textUnits ? 'font-bold text-rose-700' : 'text-slate-500'}`}
          data-testid={`send-${id}-count-${index}`}
          title={t('editor.send.utf16')}
        >
          {units.toLocaleString()} / {LINE_LIMITS.textUnits.toLocaleString()}
        </span>
      </div>
    </div>
  );
}

function MessageFields({ id, index, m, onChange }: { id: string; index: number; m: LineMessage; onChange: (m: LineMessage) => void }) {
  const t = useT();
  switch (m.type) {
    case 'text':
      return <TextComposer id={id} index={index} text={m.text} onChange={(text) => onChange({ ...m, text })} />;
    case 'image':
      return (
        <div className="space-y-1">
          <Field label={t('editor.send.imageUrl')}>
            <TextInput
              type="url"
              value={m.originalContentUrl}
              onChange={(u) =>
                onChange({
                  ...m,
                  originalContentUrl: u,
                  previewImageUrl: m.previewImageUrl === m.originalContentUrl ? u : m.previewImageUrl,
                })
              }
            />
          </Field>
          <Field label={t('editor.send.previewUrl')}>
            <TextInput type="url" value={m.previewImageUrl} onChange={(previewImageUrl) => onChange({ ...m, previewImageUrl })} />
          </Field>
        </div>
      );
    case 'sticker':
      return (
        <div className="grid grid-cols-2 gap-1">
          <Field label={t('editor.send.packageId')}>
            <TextInput value={m.packageId} onChange={(packageId) => onChange({ ...m, packageId })} />
          </Field>
          <Field label={t('editor.send.stickerId')}>
            <TextInput value={m.stickerId} onChange={(stickerId) => onChange({ ...m, stickerId })} />
          </Field>
        </div>
      );
    case 'template': {
      const tp = m.template;
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
                  onChange={(label) =>
                    onChange({ ...m, template: { ...tp, actions: tp.actions.map((x, j) => (j === i ? { ...a, label } : x)) } })
                  }
                />
                <TextInput
                  value={a.uri}
                  onChange={(uri) =>
                    onChange({ ...m, template: { ...tp, actions: tp.actions.map((x, j) => (j === i ? { ...a, uri } : x)) } })
                  }
                />
                <SmallButton
                  tone="danger"
                  onClick={() => onChange({ ...m, template: { ...tp, actions: tp.actions.filter((_, j) => j !== i) } })}
                >
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
            <SmallButton
              onClick={() => onChange({ ...m, template: { ...tp, actions: [...tp.actions, { type: 'uri', label: '', uri: 'https://' }] } })}
            >
              + {t('editor.send.addButton')}
            </SmallButton>
          )}
        </div>
      );
    }
    case 'flex':
      return (
        <pre className="max-h-40 overflow-auto rounded bg-slate-50 p-2 text-[10px]" translate="no">
          {JSON.stringify(m.contents, null, 1)}
        </pre>
      );
  }
}

export function SendForm({ id, data, onChange }: KindFormProps<'send'>) {
  const t = useT();
  const issues = useIssuesAt(id, ['messages']);
  const lang = useEditor((s) => s.lang);
  const sample = renderMessages(data.messages, { friend: friendFixture({ displayName: lang === 'ja' ? '花子' : 'Hanako' }), event: null });
  const set = (i: number, m: LineMessage) => onChange({ ...data, messages: data.messages.map((x, j) => (j === i ? m : x)) });
  const kinds: { value: Kind; label: string }[] = [
    { value: 'text', label: t('editor.send.text') },
    { value: 'image', label: t('editor.send.image') },
    { value: 'sticker', label: t('editor.send.sticker') },
    { value: 'template', label: t('editor.send.buttons') },
  ];
  return (
    <div className="space-y-3">
      {data.messages.map((m, i) => (
        <div key={i} className="space-y-2 rounded-md border border-emerald-200 p-2">
          <div className="flex items-center gap-1">
            <span className="text-xs font-semibold text-emerald-700">
              {t('editor.send.message')} {i + 1}
            </span>
            {m.type !== 'flex' && (
              <div className="ml-auto w-32">
                <Select value={m.type} options={kinds} onChange={(k) => set(i, fresh(k))} />
              </div>
            )}
            <SmallButton tone="danger" onClick={() => onChange({ ...data, messages: data.messages.filter((_, j) => j !== i) })}>
              ×
            </SmallButton>
          </div>
          <MessageFields id={id} index={i} m={m} onChange={(x) => set(i, x)} />
        </div>
      ))}
      {data.messages.length < LINE_LIMITS.messagesPerSend && (
        <SmallButton onClick={() => onChange({ ...data, messages: [...data.messages, fresh('text')] })} testId={`send-${id}-add`}>
          + {t('editor.send.add')}
        </SmallButton>
      )}
      <Check label={t('editor.send.trackLinks')} checked={data.trackLinks} onChange={(trackLinks) => onChange({ ...data, trackLinks })} />
      <IssueText issues={issues} />
      <div>
        <div className="mb-1 text-xs font-medium text-slate-600">{t('editor.send.preview')}</div>
        <LineChat testId={`send-${id}-preview`}>
          {sample.map((m, i) => (
            <LineBubble key={i} message={m} />
          ))}
        </LineChat>
      </div>
    </div>
  );
}
