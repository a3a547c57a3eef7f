// Card-type messages (カードタイプメッセージ): 1–10 cards of image, title, text and buttons, stored as a flex carousel.
// The flex is the message (the engine sends it as any flex); the builder reads it back only when it is exactly what
// cardsToFlex writes, so a hand-edited flex is never half-understood.
import { z } from 'zod';
import type { FlexBubble, FlexComponent, LineAction } from './flex';
import { graphemeLength, LINE_LIMITS, type LimitIssue } from './line-limits';
import type { LineMessage } from './messages';

export const CardButtonSchema = z.object({
  /** uri: opens a link (tracked when the send tracks links); message: the friend says `value`; postback: sends `value` as data. */
  kind: z.enum(['uri', 'message', 'postback']),
  label: z.string(),
  value: z.string(),
});
export type CardButton = z.infer<typeof CardButtonSchema>;

export const CardSchema = z.object({
  imageUrl: z.string().optional(),
  title: z.string(),
  text: z.string(),
  buttons: z.array(CardButtonSchema),
});
export type Card = z.infer<typeof CardSchema>;
export type CardsMessage = { altText: string; cards: Card[] };

export const CARD_LIMITS = { cards: 10, buttons: 3, title: 40, text: 160 } as const;

export const CARD_CODES = {
  card_count: 'A card-type message with no card or more than 10.',
  card_title_empty: 'A card without a title.',
  card_title_too_long: 'A card title over 40 characters.',
  card_text_too_long: 'A card text over 160 characters.',
  card_buttons_count: 'A card with more than 3 buttons.',
  card_button_empty: 'A card button without a label or without its link, reply text or data.',
} as const;

function action(b: CardButton): LineAction {
  switch (b.kind) {
    case 'uri':
      return { type: 'uri', label: b.label, uri: b.value };
    case 'message':
      return { type: 'message', label: b.label, text: b.value };
    case 'postback':
      return { type: 'postback', label: b.label, data: b.value, displayText: b.label };
  }
}

function cardToBubble(c: Card): FlexBubble {
  const texts: FlexComponent[] = [{ type: 'text', text: c.title, weight: 'bold', size: 'md', wrap: true }];
  if (c.text !== '') texts.push({ type: 'text', text: c.text, size: 'sm', color: '#555555', wrap: true });
  return {
    type: 'bubble',
    size: 'kilo',
    ...(c.imageUrl ? { hero: { type: 'image', url: c.imageUrl, size: 'full', aspectRatio: '20:13', aspectMode: 'cover' } } : {}),
    body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: texts },
    ...(c.buttons.length > 0
      ? {
          footer: {
            type: 'box',
            layout: 'vertical',
            spacing: 'sm',
            contents: c.buttons.map((b) => ({ type: 'button', style: 'link', height: 'sm', action: action(b) })),
          },
        }
      : {}),
  };
}

export function cardsToFlex({ altText, cards }: CardsMessage): Extract<LineMessage, { type: 'flex' }> {
  return { type: 'flex', altText, contents: { type: 'carousel', contents: cards.map(cardToBubble) } };
}

const obj = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function buttonOf(component: unknown): CardButton | null {
  const a = obj(obj(component)?.action);
  const label = str(a?.label) ?? '';
  if (a?.type === 'uri') return { kind: 'uri', label, value: str(a.uri) ?? '' };
  if (a?.type === 'message') return { kind: 'message', label, value: str(a.text) ?? '' };
  if (a?.type === 'postback') return { kind: 'postback', label, value: str(a.data) ?? '' };
  return null;
}

function bubbleToCard(v: unknown): Card | null {
  const b = obj(v);
  const texts = obj(b?.body)?.contents;
  if (!b || !Array.isArray(texts)) return null;
  const footer = obj(b.footer)?.contents;
  const buttons = Array.isArray(footer) ? footer.map(buttonOf) : [];
  if (buttons.some((x) => x === null)) return null;
  const imageUrl = str(obj(b.hero)?.url);
  return {
    ...(imageUrl ? { imageUrl } : {}),
    title: str(obj(texts[0])?.text) ?? '',
    text: str(obj(texts[1])?.text) ?? '',
    buttons: buttons.filter((x) => x !== null),
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const oa = obj(a);
  const ob = obj(b);
  if (oa && ob) {
    const ka = Object.keys(oa).filter((k) => oa[k] !== undefined);
    const kb = Object.keys(ob).filter((k) => ob[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson(oa[k], ob[k]));
  }
  return a === b;
}

/** The cards of a flex message the builder wrote (sent ones included: their links rewritten, their shape the same), else null. */
export function flexToCards(m: LineMessage): CardsMessage | null {
  if (m.type !== 'flex' || m.contents.type !== 'carousel') return null;
  const cards = m.contents.contents.map(bubbleToCard);
  if (cards.length === 0 || cards.some((c) => c === null)) return null;
  const parsed = { altText: m.altText, cards: cards.filter((c) => c !== null) };
  return sameJson(cardsToFlex(parsed), m) ? parsed : null;
}

const TARGET_WORDS: Record<CardButton['kind'], [string, string]> = {
  uri: ['link', 'リンク先'],
  message: ['reply text', '返信テキスト'],
  postback: ['data', 'データ'],
};

const issue = (code: keyof typeof CARD_CODES, message: string, messageJa: string, path: (string | number)[]): LimitIssue => ({
  code,
  message,
  messageJa,
  path,
});

/** The builder's rules (LINE's own limits are checked on the flex it makes), with paths under `path` + cards/i. */
export function checkCards(cards: readonly Card[], path: (string | number)[] = []): LimitIssue[] {
  const out: LimitIssue[] = [];
  if (cards.length < 1 || cards.length > CARD_LIMITS.cards)
    out.push(
      issue('card_count', `A card-type message holds 1 to ${CARD_LIMITS.cards} cards.`, `カードは1〜${CARD_LIMITS.cards}枚です。`, [
        ...path,
        'cards',
      ]),
    );
  cards.forEach((c, i) => {
    const at = [...path, 'cards', i];
    const n = i + 1;
    if (c.title.trim() === '')
      out.push(issue('card_title_empty', `Card ${n} has no title.`, `${n}枚目のカードにタイトルがありません。`, [...at, 'title']));
    else if (graphemeLength(c.title) > CARD_LIMITS.title)
      out.push(
        issue(
          'card_title_too_long',
          `Card ${n}'s title is over ${CARD_LIMITS.title} characters.`,
          `${n}枚目のタイトルが${CARD_LIMITS.title}文字を超えています。`,
          [...at, 'title'],
        ),
      );
    if (graphemeLength(c.text) > CARD_LIMITS.text)
      out.push(
        issue(
          'card_text_too_long',
          `Card ${n}'s text is over ${CARD_LIMITS.text} characters.`,
          `${n}枚目の本文が${CARD_LIMITS.text}文字を超えています。`,
          [...at, 'text'],
        ),
      );
    if (c.buttons.length > CARD_LIMITS.buttons)
      out.push(
        issue(
          'card_buttons_count',
          `Card ${n} has more than ${CARD_LIMITS.buttons} buttons.`,
          `${n}枚目のボタンは${CARD_LIMITS.buttons}個までです。`,
          [...at, 'buttons'],
        ),
      );
    c.buttons.forEach((b, j) => {
      const where = [...at, 'buttons', j];
      if (b.label.trim() === '' || b.value.trim() === '') {
        const [en, ja] = TARGET_WORDS[b.kind];
        out.push(
          issue(
            'card_button_empty',
            `Card ${n}, button ${j + 1}: a label and a ${en} are needed.`,
            `${n}枚目のボタン${j + 1}：ラベルと${ja}が必要です。`,
            where,
          ),
        );
      } else if (graphemeLength(b.label) > LINE_LIMITS.actionLabel) {
        // LINE's label limit for actions; the flex check does not look at labels.
        out.push({
          code: 'line_label_too_long',
          message: `Card ${n}, button ${j + 1}: the label is over ${LINE_LIMITS.actionLabel} characters.`,
          messageJa: `${n}枚目のボタン${j + 1}のラベルが${LINE_LIMITS.actionLabel}文字を超えています。`,
          path: [...where, 'label'],
        });
      }
    });
  });
  return out;
}
