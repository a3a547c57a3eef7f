// Attribute values against typed definitions, from JSON and from CSV cells; postback data parsing.
import { describe, expect, it } from 'vitest';
import { parsePostbackData } from '../line/postback';
import { AttributeDefinitionInputSchema, checkAttributes, coerceCsvCell, type AttributeDef } from './attributes';
import { escapeCell, unescapeCell } from './csv-cells';

const defs = new Map<string, AttributeDef>([
  ['rank', { key: 'rank', label: 'ランク', type: 'enum', options: ['gold', 'silver'] }],
  ['points', { key: 'points', label: 'ポイント', type: 'number', options: null }],
  ['vip', { key: 'vip', label: 'VIP', type: 'boolean', options: null }],
  ['birthday', { key: 'birthday', label: '誕生日', type: 'date', options: null }],
  ['store', { key: 'store', label: '店舗', type: 'string', options: null }],
]);
const def = (k: string) => defs.get(k) as AttributeDef;

describe('checkAttributes', () => {
  it('accepts typed values and null, and names each wrong or unknown key', () => {
    const ok = checkAttributes(defs, { rank: 'gold', points: 120, vip: false, birthday: '1990-02-28', store: '渋谷', points2: 1 }, [
      'friends',
      0,
      'attributes',
    ]);
    expect(ok.values).toEqual({ rank: 'gold', points: 120, vip: false, birthday: '1990-02-28', store: '渋谷' });
    expect(ok.issues).toEqual([{ path: ['friends', 0, 'attributes', 'points2'], message: expect.stringContaining('no attribute') }]);
    const bad = checkAttributes(defs, { rank: 'bronze', points: '120', vip: 'yes', birthday: '1990-02-30' }, ['attributes']);
    expect(bad.issues.map((i) => i.path)).toEqual([
      ['attributes', 'rank'],
      ['attributes', 'points'],
      ['attributes', 'vip'],
      ['attributes', 'birthday'],
    ]);
    expect(checkAttributes(defs, { rank: null }, []).values).toEqual({ rank: null });
  });
});

describe('coerceCsvCell', () => {
  it('reads text as the attribute type; empty means unchanged', () => {
    expect(coerceCsvCell(def('points'), ' 1200 ')).toEqual({ ok: true, value: 1200 });
    expect(coerceCsvCell(def('points'), '12a')).toMatchObject({ ok: false });
    expect(coerceCsvCell(def('vip'), 'TRUE')).toEqual({ ok: true, value: true });
    expect(coerceCsvCell(def('vip'), '0')).toEqual({ ok: true, value: false });
    expect(coerceCsvCell(def('birthday'), '2000/01/31')).toEqual({ ok: true, value: '2000-01-31' });
    expect(coerceCsvCell(def('rank'), 'platinum')).toMatchObject({ ok: false });
    expect(coerceCsvCell(def('store'), '')).toBeUndefined();
  });
});

describe('attribute definitions', () => {
  it('enums need unique options; other types take none', () => {
    expect(AttributeDefinitionInputSchema.safeParse({ key: 'rank', label: 'ランク', type: 'enum', options: [] }).success).toBe(false);
    expect(AttributeDefinitionInputSchema.safeParse({ key: 'rank', label: 'ランク', type: 'enum', options: ['a', 'a'] }).success).toBe(
      false,
    );
    expect(AttributeDefinitionInputSchema.safeParse({ key: 'n', label: 'N', type: 'number', options: ['x'] }).success).toBe(false);
    expect(AttributeDefinitionInputSchema.safeParse({ key: '1bad', label: 'x', type: 'string' }).success).toBe(false);
  });
});

describe('CSV cells', () => {
  it('escapes spreadsheet formulas and reads them back', () => {
    expect(escapeCell('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(escapeCell('-5')).toBe('-5');
    expect(escapeCell('山田')).toBe('山田');
    expect(unescapeCell(escapeCell('@home'))).toBe('@home');
    expect(unescapeCell("'quoted")).toBe("'quoted");
  });
});

describe('parsePostbackData', () => {
  it('splits query-string data and names an event after `action`', () => {
    expect(parsePostbackData('action=coupon_used&coupon=A1')).toEqual({
      fields: { action: 'coupon_used', coupon: 'A1' },
      action: 'coupon_used',
    });
    expect(parsePostbackData('answer=yes')).toEqual({ fields: { answer: 'yes' }, action: null });
    expect(parsePostbackData('yes please')).toEqual({ fields: {}, action: null });
    expect(parsePostbackData('action=<script>')).toMatchObject({ action: null });
  });
});
