'use client';
// Card-type message builder (カードタイプメッセージ): cards edited as fields, written as validated flex on every change;
// experts can switch to the flex JSON and back while it keeps the card shape.
import { useState } from 'react';
import { CARD_LIMITS, cardsToFlex, type Card, type CardsMessage } from '@/scenario/cards';
import type { LineMessage } from '@/scenario/schema';
import { useT } from '../editor-context';
import { Field, SmallButton, TextInput } from '../inspector/fields';
import { CardEditor } from './card-editor';
import { FlexJson } from './flex-json';

type FlexMessage = Extract<LineMessage, { type: 'flex' }>;

export const EMPTY_CARD: Card = { title: '', text: '', buttons: [] };

export function CardBuilder({
  nodeId,
  index,
  m,
  cards,
  onChange,
}: {
  nodeId: string;
  index: number;
  m: FlexMessage;
  cards: CardsMessage;
  onChange: (m: FlexMessage) => void;
}) {
  const t = useT();
  const [json, setJson] = useState(false);
  if (json) return <FlexJson nodeId={nodeId} index={index} m={m} onChange={onChange} onBack={() => setJson(false)} />;
  const testId = `send-${nodeId}-cards-${index}`;
  const set = (next: CardsMessage) => onChange(cardsToFlex(next));
  const setCard = (i: number, c: Card) => {
    const first = cards.cards[0];
    // The notification text follows the first card's title until the marketer writes one of their own.
    const follows = i === 0 && first !== undefined && (cards.altText === '' || cards.altText === first.title);
    set({ altText: follows ? c.title : cards.altText, cards: cards.cards.map((x, j) => (j === i ? c : x)) });
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...cards.cards];
    const [c] = next.splice(i, 1);
    if (c) next.splice(i + by, 0, c);
    set({ ...cards, cards: next });
  };
  return (
    <div className="space-y-2" data-testid={testId}>
      <p className="text-[11px] text-slate-500">{t('cards.hint')}</p>
      <Field label={t('editor.send.altText')}>
        <TextInput value={cards.altText} testId={`${testId}-alt`} onChange={(altText) => set({ ...cards, altText })} />
      </Field>
      {cards.cards.map((c, i) => (
        <CardEditor
          key={i}
          nodeId={nodeId}
          messageIndex={index}
          index={i}
          count={cards.cards.length}
          card={c}
          onChange={(x) => setCard(i, x)}
          onRemove={() => set({ ...cards, cards: cards.cards.filter((_, j) => j !== i) })}
          onMove={(by) => move(i, by)}
        />
      ))}
      <div className="flex gap-1">
        {cards.cards.length < CARD_LIMITS.cards && (
          <SmallButton onClick={() => set({ ...cards, cards: [...cards.cards, EMPTY_CARD] })} testId={`${testId}-add`}>
            + {t('cards.add')} ({cards.cards.length}/{CARD_LIMITS.cards})
          </SmallButton>
        )}
        <span className="ml-auto">
          <SmallButton onClick={() => setJson(true)} testId={`${testId}-json`}>
            {'{ }'} {t('cards.json')}
          </SmallButton>
        </span>
      </div>
    </div>
  );
}
