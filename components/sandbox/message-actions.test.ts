// The phone view finds every pressable action in a message and every URL in a text.
import { describe, expect, it } from 'vitest';
import { actionsOf, linkify } from './message-actions';

describe('actionsOf', () => {
  it('finds template and flex actions in order', () => {
    const buttons = {
      type: 'template',
      altText: 'クーポン',
      template: {
        type: 'buttons',
        text: '使いますか？',
        actions: [
          { type: 'postback', label: '使う', data: 'action=coupon_used&c=1' },
          { type: 'uri', label: '詳しく', uri: 'https://k.example/r/abc' },
        ],
      },
    };
    expect(actionsOf(buttons)).toEqual([
      { kind: 'postback', label: '使う', data: 'action=coupon_used&c=1' },
      { kind: 'uri', label: '詳しく', uri: 'https://k.example/r/abc' },
    ]);
    const flex = {
      type: 'flex',
      altText: 'x',
      contents: {
        type: 'bubble',
        footer: { type: 'box', contents: [{ type: 'button', action: { type: 'message', label: 'はい', text: 'はい' } }] },
      },
    };
    expect(actionsOf(flex)).toEqual([{ kind: 'message', label: 'はい', text: 'はい' }]);
  });
});

describe('linkify', () => {
  it('splits URLs out of text', () => {
    expect(linkify('見てね https://k.example/r/x。')).toEqual([
      { text: '見てね ' },
      { text: 'https://k.example/r/x', url: 'https://k.example/r/x' },
      { text: '。' },
    ]);
    expect(linkify('no links')).toEqual([{ text: 'no links' }]);
  });
});
