'use client';
// One card of a card-type message: image (upload or URL), title, text and up to 3 buttons, with its problems.
import { ArrowLeft, ArrowRight } from 'lucide-react';
import { CARD_LIMITS, type Card, type CardButton } from '@/scenario/cards';
import { useT } from '../editor-context';
import { Field, IssueText, Select, SmallButton, TextInput, inputClass, useIssuesAt } from '../inspector/fields';
import { UploadButton } from './upload-button';

type Props = {
  nodeId: string;
  messageIndex: number;
  index: number;
  count: number;
  card: Card;
  onChange: (c: Card) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
};

export function CardEditor({ nodeId, messageIndex, index, count, card, onChange, onRemove, onMove }: Props) {
  const t = useT();
  const testId = `send-${nodeId}-card-${messageIndex}-${index}`;
  const issues = useIssuesAt(nodeId, ['messages', messageIndex, 'cards', index]);
  const kinds: { value: CardButton['kind']; label: string }[] = [
    { value: 'uri', label: t('cards.button.uri') },
    { value: 'message', label: t('cards.button.message') },
    { value: 'postback', label: t('cards.button.postback') },
  ];
  const setButton = (j: number, b: CardButton) => onChange({ ...card, buttons: card.buttons.map((x, k) => (k === j ? b : x)) });
  return (
    <div className="space-y-1.5 rounded-md border border-slate-200 bg-slate-50/60 p-2" data-testid={testId}>
      <div className="flex items-center gap-1">
        <span className="text-xs font-semibold text-slate-700">{t('cards.card').replace('{n}', String(index + 1))}</span>
        <span className="ml-auto flex gap-1">
          {index > 0 && (
            <SmallButton onClick={() => onMove(-1)}>
              <ArrowLeft className="h-3 w-3" aria-label={t('cards.earlier')} />
            </SmallButton>
          )}
          {index < count - 1 && (
            <SmallButton onClick={() => onMove(1)}>
              <ArrowRight className="h-3 w-3" aria-label={t('cards.later')} />
            </SmallButton>
          )}
          {count > 1 && (
            <SmallButton tone="danger" onClick={onRemove} testId={`${testId}-remove`}>
              <span aria-label={t('cards.remove')}>×</span>
            </SmallButton>
          )}
        </span>
      </div>
      <div className="space-y-1">
        <span className="block text-xs font-medium text-slate-600">{t('cards.image')}</span>
        <UploadButton testId={`${testId}-upload`} onUploaded={(img) => onChange({ ...card, imageUrl: img.previewImageUrl })} />
        <TextInput
          type="url"
          value={card.imageUrl ?? ''}
          placeholder={t('cards.imageUrl')}
          testId={`${testId}-image-url`}
          onChange={(u) => onChange(u === '' ? { title: card.title, text: card.text, buttons: card.buttons } : { ...card, imageUrl: u })}
        />
      </div>
      <Field label={t('cards.title')}>
        <TextInput value={card.title} testId={`${testId}-title`} onChange={(title) => onChange({ ...card, title })} />
      </Field>
      <Field label={t('cards.text')}>
        <textarea
          className={`${inputClass} h-16 resize-y`}
          value={card.text}
          data-testid={`${testId}-text`}
          onChange={(e) => onChange({ ...card, text: e.target.value })}
        />
      </Field>
      <div className="space-y-1">
        <span className="block text-xs font-medium text-slate-600">{t('cards.buttons')}</span>
        {card.buttons.map((b, j) => (
          <div
            key={j}
            className="grid grid-cols-[9.5rem_1fr_auto] gap-1 rounded border border-slate-200 bg-white p-1"
            data-testid={`${testId}-button-${j}`}
          >
            <Select
              value={b.kind}
              options={kinds}
              onChange={(kind) => setButton(j, { ...b, kind })}
              testId={`${testId}-button-${j}-kind`}
            />
            <TextInput
              value={b.label}
              placeholder={t('editor.send.buttonLabel')}
              testId={`${testId}-button-${j}-label`}
              onChange={(label) => setButton(j, { ...b, label })}
            />
            <SmallButton tone="danger" onClick={() => onChange({ ...card, buttons: card.buttons.filter((_, k) => k !== j) })}>
              ×
            </SmallButton>
            <div className="col-span-3">
              <TextInput
                value={b.value}
                placeholder={t(`cards.value.${b.kind}`)}
                testId={`${testId}-button-${j}-value`}
                onChange={(value) => setButton(j, { ...b, value })}
              />
            </div>
          </div>
        ))}
        {card.buttons.length < CARD_LIMITS.buttons && (
          <SmallButton
            onClick={() => onChange({ ...card, buttons: [...card.buttons, { kind: 'uri', label: '', value: 'https://' }] })}
            testId={`${testId}-add-button`}
          >
            + {t('cards.addButton')}
          </SmallButton>
        )}
      </div>
      <IssueText issues={issues} />
    </div>
  );
}
