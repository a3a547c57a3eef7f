// A message's one line: its text or alt text; a message without text named by its kind in the reader's language.
import { describe, expect, it } from 'vitest';
import { messageKindLabel, messagePreview, messagePreviewIn } from './message-preview';

describe('message previews', () => {
  it('name a message without text by its kind, in Japanese or English', () => {
    expect(messageKindLabel('ja', 'sticker')).toBe('（スタンプ）');
    expect(messageKindLabel('ja', 'image')).toBe('（画像）');
    expect(messageKindLabel('ja', 'location')).toBe('（位置情報）');
    expect(messageKindLabel('en', 'sticker')).toBe('(Sticker)');
    // A type LINE adds later is "a message", never its English name inside Japanese.
    expect(messageKindLabel('ja', 'hologram')).toBe('（メッセージ）');
    expect(messageKindLabel('ja', 'constructor')).toBe('（メッセージ）');
  });

  it('keep a text or an alt text as it is', () => {
    const sticker = { type: 'sticker', packageId: '446', stickerId: '1988' };
    expect(messagePreview(sticker)).toBe('[sticker]');
    expect(messagePreviewIn('ja', sticker)).toBe('（スタンプ）');
    expect(messagePreviewIn('ja', { type: 'text', text: 'こんにちは' })).toBe('こんにちは');
    expect(messagePreviewIn('en', { type: 'flex', altText: 'クーポン', contents: {} })).toBe('クーポン');
  });
});
