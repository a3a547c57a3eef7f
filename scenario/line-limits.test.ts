// LINE limits counted as LINE counts them: UTF-16 units for text, grapheme clusters for labels and template text.
import { describe, expect, it } from 'vitest';
import { checkMessage, checkMessages, graphemeLength, utf16Length } from './line-limits';
import type { LineMessage } from './messages';

describe('counting', () => {
  it('counts text in UTF-16 units and labels in grapheme clusters', () => {
    expect(utf16Length('🍎')).toBe(2);
    expect(utf16Length('あいう')).toBe(3);
    expect(graphemeLength('👨‍👩‍👧')).toBe(1);
    expect(graphemeLength('が')).toBe(1);
    expect(graphemeLength('か\u3099')).toBe(1);
  });
});

const codes = (m: LineMessage) => checkMessage(m).map((i) => i.code);
const buttons = (text: string, extra: object = {}, label = 'OK'): LineMessage => ({
  type: 'template',
  altText: 'alt',
  template: { type: 'buttons', text, actions: [{ type: 'message', label, text: 'ok' }], ...extra },
});

describe('limits at the boundary', () => {
  it.each<[string, LineMessage, string[]]>([
    ['text of exactly 5,000 units', { type: 'text', text: 'あ'.repeat(5000) }, []],
    ['text of 5,001 units', { type: 'text', text: 'あ'.repeat(5001) }, ['line_text_too_long']],
    ['2,500 apples are 5,000 units', { type: 'text', text: '🍎'.repeat(2500) }, []],
    ['2,501 apples are 5,002 units', { type: 'text', text: '🍎'.repeat(2501) }, ['line_text_too_long']],
    ['buttons text of 160', buttons('あ'.repeat(160)), []],
    ['buttons text of 161', buttons('あ'.repeat(161)), ['line_buttons_text_too_long']],
    ['buttons text of 60 with a title', buttons('あ'.repeat(60), { title: 't' }), []],
    [
      'buttons text of 61 with an image',
      buttons('あ'.repeat(61), { thumbnailImageUrl: 'https://i.example.jp/a.png' }),
      ['line_buttons_text_too_long'],
    ],
    ['160 family emoji are 160 graphemes', buttons('👨‍👩‍👧'.repeat(160)), []],
    ['label of 20', buttons('x', {}, 'あ'.repeat(20)), []],
    ['label of 21', buttons('x', {}, 'あ'.repeat(21)), ['line_label_too_long']],
    ['altText of 400', { type: 'flex', altText: 'あ'.repeat(400), contents: { type: 'bubble' } }, []],
    ['altText of 401', { type: 'flex', altText: 'あ'.repeat(401), contents: { type: 'bubble' } }, ['line_alt_text_too_long']],
    [
      'image over http',
      { type: 'image', originalContentUrl: 'http://a.jp/a.jpg', previewImageUrl: 'https://a.jp/a.jpg' },
      ['line_url_invalid'],
    ],
    [
      'tel: and line: links are allowed',
      buttons('x', {
        actions: [
          { type: 'uri', label: '電話', uri: 'tel:0312345678' },
          { type: 'uri', label: 'LINE', uri: 'line://ti/p/@shop' },
        ],
      }),
      [],
    ],
    [
      'javascript: links are not',
      buttons('x', { actions: [{ type: 'uri', label: 'x', uri: 'javascript:alert(1)' }] }),
      ['line_url_invalid'],
    ],
    [
      'five buttons',
      buttons('x', { actions: Array.from({ length: 5 }, () => ({ type: 'message', label: 'a', text: 'a' })) }),
      ['line_actions_count'],
    ],
    ['sticker', { type: 'sticker', packageId: '446', stickerId: '1988' }, []],
    [
      'flex image over http',
      { type: 'flex', altText: 'x', contents: { type: 'bubble', hero: { type: 'image', url: 'http://a.jp/a.png' } } },
      ['line_url_invalid'],
    ],
    [
      '12 bubbles',
      {
        type: 'flex',
        altText: 'x',
        contents: { type: 'carousel', contents: Array.from({ length: 12 }, () => ({ type: 'bubble' as const })) },
      },
      [],
    ],
  ])('%s', (_n, m, expected) => expect(codes(m)).toEqual(expected));

  it('allows 1 to 5 messages per send', () => {
    const t: LineMessage = { type: 'text', text: 'x' };
    expect(checkMessages([])).toMatchObject([{ code: 'send_message_count' }]);
    expect(checkMessages([t, t, t, t, t])).toEqual([]);
    expect(checkMessages([t, t, t, t, t, t]).map((i) => i.code)).toEqual(['send_message_count']);
  });
});
