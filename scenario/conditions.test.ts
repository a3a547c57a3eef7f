// Conditions: every predicate and operator, typed comparisons, all/any/not, and their wording.
import { describe, expect, it } from 'vitest';
import type { ComparableValue, ComparisonOp } from './comparison';
import { describeCondition, evaluate, type Condition } from './conditions';
import { friendFixture } from './fixtures';

const now = Date.parse('2025-04-20T12:00:00+09:00');
const day = (s: string) => Date.parse(`${s}T12:00:00+09:00`);
const friend = friendFixture({
  attributes: {
    rank: 'gold',
    points: 1200,
    pointsText: '80',
    vip: true,
    birthday: '1990-06-15',
    city: '東京都渋谷区',
    empty: '',
    nothing: null,
  },
  tags: ['newsletter', 'sneakers'],
  linked: true,
  friendAddedAt: Date.parse('2025-04-01T15:23:00+09:00'),
  events: [
    { name: 'purchase', at: day('2025-03-01'), properties: { total: 3000, category: 'shoes' } },
    { name: 'purchase', at: day('2025-04-15'), properties: { total: 12000, category: 'bags' } },
    { name: 'cart_abandoned', at: day('2025-04-19'), properties: {} },
  ],
});
const ctx = { friend, now, timeZone: 'Asia/Tokyo' };
const attr = (key: string, op: ComparisonOp, value?: ComparableValue): Condition => ({
  type: 'attribute',
  key,
  op,
  ...(value === undefined ? {} : { value }),
});

describe('evaluate', () => {
  it.each<[string, Condition, boolean]>([
    ['string =', attr('rank', 'eq', 'gold'), true],
    ['string ≠', attr('rank', 'neq', 'gold'), false],
    ['missing ≠ is true', attr('shoeSize', 'neq', 25), true],
    ['missing = is false', attr('shoeSize', 'eq', 25), false],
    ['null is missing', attr('nothing', 'exists'), false],
    ['empty string is missing', attr('empty', 'exists'), false],
    ['exists', attr('rank', 'exists'), true],
    ['in', attr('rank', 'in', ['gold', 'platinum']), true],
    ['not in', attr('rank', 'in', ['silver']), false],
    ['contains (string)', attr('city', 'contains', '渋谷'), true],
    ['number >', attr('points', 'gt', 1000), true],
    ['number ≤', attr('points', 'lte', 1000), false],
    ['numeric text compares as a number', attr('pointsText', 'gte', 100), false],
    ['number = from text', attr('pointsText', 'eq', 80), true],
    ['boolean =', attr('vip', 'eq', true), true],
    ['boolean from text', { type: 'attribute', key: 'flag', op: 'eq', value: true }, false],
    ['date <', attr('birthday', 'lt', '2000-01-01'), true],
    ['date =', attr('birthday', 'eq', '1990-06-15'), true],
    ['date >', attr('birthday', 'gt', '1990-06-15'), false],
    ['tag', { type: 'tag', tag: 'sneakers', has: true }, true],
    ['no tag', { type: 'tag', tag: 'vip', has: false }, true],
    ['linked', { type: 'linked', linked: true }, true],
    ['days since added ≥ 19 (calendar days in JST)', { type: 'days_since_added', op: 'gte', days: 19 }, true],
    ['days since added > 19', { type: 'days_since_added', op: 'gt', days: 19 }, false],
    ['purchase count ≥ 2', { type: 'event_count', eventName: 'purchase', filter: [], op: 'gte', count: 2 }, true],
    [
      'no purchase in the last 7 days',
      { type: 'event_count', eventName: 'purchase', filter: [], withinDays: 7, op: 'eq', count: 0 },
      false,
    ],
    ['no purchase in the last 3 days', { type: 'event_count', eventName: 'purchase', filter: [], withinDays: 3, op: 'eq', count: 0 }, true],
    [
      'filtered purchases',
      { type: 'event_count', eventName: 'purchase', filter: [{ property: 'total', op: 'gte', value: 10000 }], op: 'eq', count: 1 },
      true,
    ],
    ['all', { type: 'all', conditions: [{ type: 'linked', linked: true }, attr('rank', 'eq', 'gold')] }, true],
    ['any', { type: 'any', conditions: [{ type: 'linked', linked: false }, attr('rank', 'eq', 'silver')] }, false],
    ['not', { type: 'not', condition: { type: 'tag', tag: 'newsletter', has: true } }, false],
    ['empty all is true', { type: 'all', conditions: [] }, true],
    ['empty any is false', { type: 'any', conditions: [] }, false],
  ])('%s', (_name, c, expected) => expect(evaluate(c, ctx)).toBe(expected));

  it('ignores events after now', () => {
    const c: Condition = { type: 'event_count', eventName: 'cart_abandoned', filter: [], op: 'eq', count: 0 };
    expect(evaluate(c, { ...ctx, now: day('2025-04-18') })).toBe(true);
  });
});

describe('describeCondition', () => {
  it.each<[Condition, string, string]>([
    [attr('rank', 'eq', 'gold'), 'rank = gold', 'rank = gold'],
    [attr('rank', 'in', ['gold', 'platinum']), 'rank in [gold, platinum]', 'rank in [gold, platinum]'],
    [attr('birthday', 'exists'), 'birthday exists', 'birthday が設定済み'],
    [{ type: 'tag', tag: 'VIP', has: true }, 'tag VIP', 'タグ「VIP」あり'],
    [{ type: 'linked', linked: false }, 'LINE ID not linked', 'ID未連携'],
    [{ type: 'days_since_added', op: 'gte', days: 7 }, 'days since added ≥ 7', '友だち追加からの日数 ≥ 7'],
    [
      { type: 'event_count', eventName: 'purchase', filter: [], withinDays: 7, op: 'eq', count: 0 },
      'purchase count in last 7 days = 0',
      '過去7日のpurchase 回数 = 0',
    ],
    [
      {
        type: 'any',
        conditions: [
          { type: 'all', conditions: [{ type: 'linked', linked: true }, attr('points', 'gte', 100)] },
          { type: 'not', condition: { type: 'tag', tag: 'x', has: true } },
        ],
      },
      '(LINE ID linked and points ≥ 100) or not (tag x)',
      '(ID連携済み かつ points ≥ 100) または 「タグ「x」あり」でない',
    ],
  ])('%j', (c, en, ja) => {
    expect(describeCondition(c, 'en')).toBe(en);
    expect(describeCondition(c, 'ja')).toBe(ja);
  });
});
