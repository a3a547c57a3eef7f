// The Japanese and English dictionaries hold the same keys, each with words and the same {placeholders}.
import { describe, expect, it } from 'vitest';
import { keysOf, messageKeys, t } from './dictionary';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionary', () => {
  it('has the same keys in ja and en', () => {
    expect(keysOf('en').sort()).toEqual(keysOf('ja').sort());
    expect(messageKeys.length).toBeGreaterThan(500);
  });

  it('has words for every key in both languages, with the same placeholders', () => {
    for (const key of messageKeys) {
      const ja = t('ja', key);
      const en = t('en', key);
      expect(ja.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(ja), key).toEqual(placeholders(en));
    }
  });

  it('has Japanese in every Japanese entry that is prose', () => {
    // Names LINE's console and Japanese marketers use as they are, the switch to English, and pure "{a} → {b}" patterns.
    const asTheyAre = [
      'lang.switch',
      'settings.line.api',
      'settings.line.webhook',
      'audit.detail.roleChange',
      'linkConflicts.source.api',
      'flow.aria.edgeLabel',
      'inbox.nonText',
      'forecast.rangeShort',
    ];
    const latinOnly = messageKeys.filter((k) => !/[\u3040-\u30ff\u3400-\u9fff]/.test(t('ja', k)) && /[a-z]{4,}/.test(t('ja', k)));
    expect(latinOnly).toEqual(asTheyAre);
  });
});
