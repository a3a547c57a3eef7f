// Placeholders: parsing, problems, rendering with defaults, and the canvas preview.
import { describe, expect, it } from 'vitest';
import { friendFixture } from './fixtures';
import { parseTemplate, previewTemplate, renderSample, renderTemplate } from './templates';

const vars = {
  friend: friendFixture({ displayName: '花子', attributes: { rank: 'gold', points: 0, flag: false, empty: '' } }),
  event: { itemName: 'スニーカー', price: 9800, tags: ['a'] },
};

describe('renderTemplate', () => {
  it.each([
    ['plain text', 'こんにちは', 'こんにちは'],
    ['display name', '{{friend.displayName}}さん', '花子さん'],
    ['spaces inside braces', '{{ friend.displayName }}さん', '花子さん'],
    ['attribute', 'ランク: {{attr.rank}}', 'ランク: gold'],
    ['zero and false are values', '{{attr.points}}/{{attr.flag}}', '0/false'],
    ['missing with default', '{{attr.city|東京}}', '東京'],
    ['empty string takes the default', '{{attr.empty | なし}}', 'なし'],
    ['missing without default is empty', '[{{attr.city}}]', '[]'],
    ['event property', '{{event.itemName}} ¥{{event.price}}', 'スニーカー ¥9800'],
    ['structured event property as JSON', '{{event.tags}}', '["a"]'],
    ['friend id', '{{friend.id}}', 'friend-1'],
    ['default with a pipe-free URL', '{{event.url|https://shop.example.jp/}}', 'https://shop.example.jp/'],
  ])('%s', (_n, text, out) => expect(renderTemplate(text, vars)).toBe(out));

  it('leaves unknown placeholders as written, and renders no event as missing', () => {
    expect(renderTemplate('{{user.name}}', vars)).toBe('{{user.name}}');
    expect(renderTemplate('{{event.itemName|商品}}', { ...vars, event: null })).toBe('商品');
  });
});

describe('parseTemplate', () => {
  it.each([
    ['{{friend.displayName', 'template_syntax'],
    ['{{friend.displayName {{attr.rank}}', 'template_syntax'],
    ['{{user.name}}', 'template_unknown_placeholder'],
    ['{{friend.email}}', 'template_unknown_placeholder'],
    ['{{attr.}}', 'template_unknown_placeholder'],
    ['{{}}', 'template_unknown_placeholder'],
  ])('%j → %s', (text, code) => expect(parseTemplate(text).problems.map((p) => p.code)).toContain(code));

  it('finds no problem in good text', () => {
    expect(parseTemplate('{{friend.displayName|お客様}}さん {{attr.rank}} {{event.x}} }} {').problems).toEqual([]);
  });
});

describe('samples and previews', () => {
  it('fills defaults or x for validation, and short names for the canvas', () => {
    expect(renderSample('{{friend.displayName|お客様}}さん {{attr.rank}}')).toBe('お客様さん x');
    expect(previewTemplate('{{friend.displayName}}さん、{{attr.rank|一般}}会員')).toBe('［友だちの表示名］さん、［rank］会員');
    expect(previewTemplate('{{attr.rank}} {{event.item}}', 'ja', [{ key: 'rank', label: '会員ランク' }])).toBe(
      '［会員ランク］ ［イベントのitem］',
    );
    expect(previewTemplate('Hi {{friend.displayName}}', 'en')).toBe('Hi [display name]');
  });
});
