'use client';
// A text message: the textarea, a placeholder picker inserting friend fields at the caret, and LINE's UTF-16 count.
import { useRef } from 'react';
import { LINE_LIMITS, utf16Length } from '@/scenario/line-limits';
import { useEditor, useT } from '../editor-context';
import { Select, inputClass } from '../inspector/fields';

export function TextComposer({ id, index, text, onChange }: { id: string; index: number; text: string; onChange: (text: string) => void }) {
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
