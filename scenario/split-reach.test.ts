// variantSends(): each variant's own messages, up to where the variants' paths meet again.
import { describe, expect, it } from 'vitest';
import { end, graphOf, text, trig } from './fixtures';
import { variantSends } from './split-reach';

const split = {
  id: 'ab',
  kind: 'split' as const,
  data: {
    variants: [
      { id: 'a', label: 'A', weight: 1 },
      { id: 'b', label: 'B', weight: 1 },
      { id: 'c', label: 'C', weight: 1 },
    ],
  },
};
const wait = { id: 'w', kind: 'wait' as const, data: { mode: 'duration' as const, amount: 1, unit: 'days' as const } };

describe('variantSends', () => {
  it('stops where the variants meet, and ignores a loop back through the split', () => {
    const g = graphOf(
      [trig(), split, text('a1', 'A'), text('a2', 'A2'), text('b1', 'B'), wait, text('shared', 'S'), end()],
      [
        ['trigger', 'next', 'ab'],
        ['ab', 'variant:a', 'a1'],
        ['a1', 'next', 'a2'],
        ['a2', 'next', 'shared'],
        ['ab', 'variant:b', 'b1'],
        ['b1', 'next', 'shared'],
        ['ab', 'variant:c', 'w'],
        ['w', 'next', 'ab'],
        ['shared', 'next', 'end'],
      ],
    );
    expect(variantSends(g, 'ab')).toEqual({ a: ['a1', 'a2'], b: ['b1'], c: [] });
  });

  it('is empty for a step that is not a split', () => {
    expect(variantSends(graphOf([trig(), end()], [['trigger', 'next', 'end']]), 'trigger')).toEqual({});
  });
});
