// Card-type messages: cards become a flex carousel LINE accepts, read back exactly, with the builder's and LINE's limits.
import { describe, expect, it } from 'vitest';
import { cardsToFlex, checkCards, flexToCards, type Card, type CardsMessage } from './cards';
import { checkMessage } from './line-limits';
import { renderMessages } from './render';
import { friendFixture } from './fixtures';
import { LineMessageSchema } from './messages';

const sale: Card = {
  imageUrl: 'https://kizuna.example.jp/media/0b6f4c2e-8d1a-4c55-9e0b-3f1f2a7d9c11/preview.jpg',
  title: '春のセール',
  text: '{{friend.displayName|お客様}}さんに20%OFF',
  buttons: [
    { kind: 'uri', label: '詳しく見る', value: 'https://shop.example.jp/sale' },
    { kind: 'message', label: '在庫を聞く', value: '在庫はありますか？' },
    { kind: 'postback', label: 'クーポン', value: 'action=coupon_claimed&coupon=SPRING' },
  ],
};
const plain: Card = { title: '新商品', text: '', buttons: [] };
const message: CardsMessage = { altText: '春のセールのお知らせ', cards: [sale, plain] };

describe('cardsToFlex', () => {
  it('writes a carousel of kilo bubbles: hero image, bold title, text, link buttons', () => {
    const flex = cardsToFlex(message);
    expect(LineMessageSchema.parse(flex)).toEqual(flex);
    expect(flex).toEqual({
      type: 'flex',
      altText: '春のセールのお知らせ',
      contents: {
        type: 'carousel',
        contents: [
          {
            type: 'bubble',
            size: 'kilo',
            hero: { type: 'image', url: sale.imageUrl, size: 'full', aspectRatio: '20:13', aspectMode: 'cover' },
            body: {
              type: 'box',
              layout: 'vertical',
              spacing: 'sm',
              contents: [
                { type: 'text', text: '春のセール', weight: 'bold', size: 'md', wrap: true },
                { type: 'text', text: '{{friend.displayName|お客様}}さんに20%OFF', size: 'sm', color: '#555555', wrap: true },
              ],
            },
            footer: {
              type: 'box',
              layout: 'vertical',
              spacing: 'sm',
              contents: [
                {
                  type: 'button',
                  style: 'link',
                  height: 'sm',
                  action: { type: 'uri', label: '詳しく見る', uri: 'https://shop.example.jp/sale' },
                },
                {
                  type: 'button',
                  style: 'link',
                  height: 'sm',
                  action: { type: 'message', label: '在庫を聞く', text: '在庫はありますか？' },
                },
                {
                  type: 'button',
                  style: 'link',
                  height: 'sm',
                  action: { type: 'postback', label: 'クーポン', data: 'action=coupon_claimed&coupon=SPRING', displayText: 'クーポン' },
                },
              ],
            },
          },
          {
            type: 'bubble',
            size: 'kilo',
            body: {
              type: 'box',
              layout: 'vertical',
              spacing: 'sm',
              contents: [{ type: 'text', text: '新商品', weight: 'bold', size: 'md', wrap: true }],
            },
          },
        ],
      },
    });
  });

  it('is within LINE’s limits once rendered for a friend', () => {
    const [rendered] = renderMessages([cardsToFlex(message)], { friend: friendFixture({ displayName: '花子' }), event: null });
    if (!rendered) throw new Error('nothing rendered');
    expect(checkMessage(rendered)).toEqual([]);
    expect(JSON.stringify(rendered)).toContain('花子さんに20%OFF');
  });
});

describe('flexToCards', () => {
  it('reads back exactly what cardsToFlex wrote, rendered and with links rewritten too', () => {
    expect(flexToCards(cardsToFlex(message))).toEqual(message);
    const tracked = JSON.parse(
      JSON.stringify(cardsToFlex(message)).replace('https://shop.example.jp/sale', 'https://k.example/r/tok'),
    ) as unknown;
    expect(flexToCards(LineMessageSchema.parse(tracked))?.cards[0]?.buttons[0]).toEqual({
      kind: 'uri',
      label: '詳しく見る',
      value: 'https://k.example/r/tok',
    });
  });

  it('leaves any other flex to the JSON editor', () => {
    const changed = cardsToFlex(message);
    if (changed.contents.type !== 'carousel') throw new Error('not a carousel');
    const edited = {
      ...changed,
      contents: { ...changed.contents, contents: [{ ...changed.contents.contents[0], styles: { body: { backgroundColor: '#000000' } } }] },
    };
    expect(flexToCards(LineMessageSchema.parse(edited))).toBeNull();
    expect(flexToCards({ type: 'flex', altText: 'x', contents: { type: 'bubble' } })).toBeNull();
    expect(flexToCards({ type: 'flex', altText: 'x', contents: { type: 'carousel', contents: [] } })).toBeNull();
    expect(flexToCards({ type: 'text', text: 'x' })).toBeNull();
  });
});

describe('checkCards', () => {
  const codes = (cards: Card[]) => checkCards(cards, ['messages', 0]).map((i) => [i.code, i.path.join('/')]);

  it('passes well-formed cards', () => {
    expect(codes([sale, plain])).toEqual([]);
  });

  it('counts 1–10 cards and up to 3 buttons a card', () => {
    expect(codes([])).toEqual([['card_count', 'messages/0/cards']]);
    expect(codes(Array.from({ length: 10 }, () => plain))).toEqual([]);
    expect(codes(Array.from({ length: 11 }, () => plain))).toEqual([['card_count', 'messages/0/cards']]);
    const four = { ...sale, buttons: [...sale.buttons, { kind: 'uri' as const, label: '4', value: 'https://x.example' }] };
    expect(codes([four])).toEqual([['card_buttons_count', 'messages/0/cards/0/buttons']]);
  });

  it('needs a title of at most 40 characters, a text of at most 160, and buttons with a label and a target', () => {
    expect(codes([{ ...plain, title: ' ' }])).toEqual([['card_title_empty', 'messages/0/cards/0/title']]);
    expect(codes([{ ...plain, title: 'あ'.repeat(40), text: 'い'.repeat(160) }])).toEqual([]);
    expect(codes([{ ...plain, title: 'あ'.repeat(41), text: 'い'.repeat(161) }])).toEqual([
      ['card_title_too_long', 'messages/0/cards/0/title'],
      ['card_text_too_long', 'messages/0/cards/0/text'],
    ]);
    expect(codes([plain, { ...plain, buttons: [{ kind: 'message', label: '返信', value: '' }] }])).toEqual([
      ['card_button_empty', 'messages/0/cards/1/buttons/0'],
    ]);
  });

  it('checks button labels against LINE’s 20 characters, and leaves the rest of LINE’s limits to the flex check', () => {
    const long = {
      ...sale,
      imageUrl: 'http://i.example/a.jpg',
      buttons: [{ kind: 'uri' as const, label: 'あ'.repeat(21), value: 'https://x.example' }],
    };
    expect(codes([long])).toEqual([['line_label_too_long', 'messages/0/cards/0/buttons/0/label']]);
    expect(checkMessage(cardsToFlex({ altText: 'x', cards: [long] })).map((i) => i.code)).toEqual(['line_url_invalid']);
  });
});
