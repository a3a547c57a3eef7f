'use client';
// The flex JSON editor for experts: the container's JSON, applied when it parses as a flex container.
import { useState } from 'react';
import { flexToCards } from '@/scenario/cards';
import { FlexContainerSchema } from '@/scenario/flex';
import type { LineMessage } from '@/scenario/schema';
import { useT } from '../editor-context';
import { Field, SmallButton, TextInput, inputClass } from '../inspector/fields';

type FlexMessage = Extract<LineMessage, { type: 'flex' }>;

function parse(text: string): { ok: true; contents: FlexMessage['contents'] } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const r = FlexContainerSchema.safeParse(raw);
  if (r.success) return { ok: true, contents: r.data };
  const first = r.error.issues[0];
  return { ok: false, message: first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid' };
}

export function FlexJson({
  nodeId,
  index,
  m,
  onChange,
  onBack,
}: {
  nodeId: string;
  index: number;
  m: FlexMessage;
  onChange: (m: FlexMessage) => void;
  /** Back to the card builder (offered when the JSON still has the card shape). */
  onBack?: () => void;
}) {
  const t = useT();
  const testId = `send-${nodeId}-flex-${index}`;
  const shown = JSON.stringify(m.contents, null, 2);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const r = parse(text);
    if (!r.ok) return setError(t('flex.invalid').replace('{message}', r.message));
    setError(null);
    onChange({ ...m, contents: r.contents });
  };
  const cards = flexToCards(m) !== null;
  return (
    <div className="space-y-1.5" data-testid={testId}>
      <Field label={t('editor.send.altText')}>
        <TextInput value={m.altText} onChange={(altText) => onChange({ ...m, altText })} />
      </Field>
      <Field label={t('flex.json')}>
        <textarea
          className={`${inputClass} h-48 resize-y font-mono text-[11px]`}
          value={text}
          spellCheck={false}
          translate="no"
          data-testid={`${testId}-json`}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => text !== shown && apply()}
        />
      </Field>
      {error && (
        <p className="text-xs text-rose-700" role="alert">
          {error}
        </p>
      )}
      <div className="flex gap-1">
        <SmallButton onClick={apply} testId={`${testId}-apply`}>
          {t('flex.apply')}
        </SmallButton>
        {onBack && (
          <span className="ml-auto">
            {cards ? (
              <SmallButton onClick={onBack}>{t('cards.builder')}</SmallButton>
            ) : (
              <span className="text-[11px] text-slate-500">{t('flex.notCards')}</span>
            )}
          </span>
        )}
      </div>
    </div>
  );
}
