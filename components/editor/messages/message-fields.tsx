'use client';
// One message's editor, by kind: text, image (upload or URLs), sticker picker, buttons, card builder, rich-message
// builder, coupon picker or flex JSON.
import { cardsToFlex, flexToCards } from '@/scenario/cards';
import { DEFAULT_RICH_HEIGHT, fitAreas, imagemapToRich, richToImagemap } from '@/scenario/rich-message';
import type { LineMessage } from '@/scenario/schema';
import { ButtonsFields } from './buttons-fields';
import { CouponFields } from './coupon-fields';
import { CardBuilder, EMPTY_CARD } from './card-builder';
import { FlexJson } from './flex-json';
import { ImageFields } from './image-fields';
import { RichBuilder } from './rich-builder';
import { StickerPicker } from './sticker-picker';
import { TextComposer } from './text-composer';
import { useT } from '../editor-context';

export type MessageKind = 'text' | 'image' | 'sticker' | 'template' | 'cards' | 'rich' | 'coupon' | 'flex';

export function kindOf(m: LineMessage): MessageKind {
  if (m.type === 'flex') return flexToCards(m) ? 'cards' : 'flex';
  if (m.type === 'imagemap') return 'rich';
  return m.type;
}

/** A new, empty message of a kind (what the kind menu switches to). */
export function freshMessage(kind: MessageKind): LineMessage {
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
    case 'cards':
      return cardsToFlex({ altText: '', cards: [EMPTY_CARD] });
    case 'rich':
      return richToImagemap({ baseUrl: '', height: DEFAULT_RICH_HEIGHT, altText: '', layout: 'one', areas: fitAreas([], 'one') });
    case 'coupon':
      return { type: 'coupon', couponId: '' };
    case 'flex':
      return {
        type: 'flex',
        altText: '',
        contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'Hello' }] } },
      };
  }
}

export function MessageFields({
  id,
  index,
  m,
  onChange,
}: {
  id: string;
  index: number;
  m: LineMessage;
  onChange: (m: LineMessage) => void;
}) {
  const testId = `send-${id}-msg-${index}`;
  switch (m.type) {
    case 'text':
      return <TextComposer id={id} index={index} text={m.text} onChange={(text) => onChange({ ...m, text })} />;
    case 'image':
      return <ImageFields testId={testId} m={m} onChange={onChange} />;
    case 'sticker':
      return <StickerPicker testId={testId} m={m} onChange={onChange} />;
    case 'template':
      return <ButtonsFields m={m} onChange={onChange} />;
    case 'coupon':
      return <CouponFields testId={testId} m={m} onChange={onChange} />;
    case 'imagemap': {
      const rich = imagemapToRich(m);
      return rich ? <RichBuilder nodeId={id} index={index} rich={rich} onChange={onChange} /> : <RichUnknown />;
    }
    case 'flex': {
      const cards = flexToCards(m);
      return cards ? (
        <CardBuilder nodeId={id} index={index} m={m} cards={cards} onChange={onChange} />
      ) : (
        <FlexJson key={JSON.stringify(m.contents)} nodeId={id} index={index} m={m} onChange={onChange} />
      );
    }
  }
}

function RichUnknown() {
  const t = useT();
  return <p className="text-xs text-slate-600">{t('rich.unknown')}</p>;
}
