// The analytics canvas mapping: stored positions spread, edge widths by flow, labels by output.
import { describe, expect, it } from 'vitest';
import type { NodeFigures } from '@/lib/ui-types';
import { graphOf, end, text, trig } from '@/scenario/fixtures';
import { flowView, outputLabel, SPREAD } from './flow-view';

const g = graphOf(
  [
    trig(),
    {
      id: 'sp',
      kind: 'split',
      data: {
        variants: [
          { id: 'a', label: 'A案', weight: 50 },
          { id: 'b', label: 'B案', weight: 50 },
        ],
      },
    },
    text('ma', 'a'),
    text('mb', 'b'),
    end(),
  ],
  [
    ['trigger', 'next', 'sp'],
    ['sp', 'variant:a', 'ma'],
    ['sp', 'variant:b', 'mb'],
    ['ma', 'next', 'end'],
    ['mb', 'next', 'end'],
  ],
  { goal: { eventName: 'purchase', windowDays: 7, exitOnGoal: false } },
);
const fig = (nodeId: string, entered: number, converted: number, outputs: NodeFigures['outputs'] = {}): NodeFigures => ({
  nodeId,
  entered,
  visits: entered,
  waitingNow: 0,
  heldNow: 0,
  converted,
  outputs,
  sends: null,
});

describe('flowView', () => {
  it('keeps stored positions (spread) and sizes edges by the friends who took them', () => {
    const figures = {
      trigger: fig('trigger', 100, 10, { next: { friends: 100, converted: 10 } }),
      sp: fig('sp', 100, 10, { 'variant:a': { friends: 75, converted: 5 }, 'variant:b': { friends: 25, converted: 5 } }),
      ma: fig('ma', 75, 5),
      mb: fig('mb', 25, 5),
    };
    const v = flowView(g, figures, 'en');
    expect(v.nodes.find((n) => n.id === 'sp')?.position).toEqual({ x: 0, y: 120 * SPREAD.y });
    const width = (id: string) => Number(v.edges.find((e) => e.id === id)?.style?.strokeWidth);
    expect(width('e1')).toBe(10);
    expect(width('e2')).toBeCloseTo(2 + 8 * Math.sqrt(0.75), 9);
    expect(width('e4')).toBe(1.5);
    expect(v.edges.find((e) => e.id === 'e3')?.label).toBe('B案 · 25');
    // mb converts best (20 %), so it gets the darkest border; ma (6.7 %) a lighter one.
    expect(v.nodes.find((n) => n.id === 'mb')?.data.colour).toBe('#15803d');
    expect(v.nodes.find((n) => n.id === 'ma')?.data.colour).toBe('#86efac');
    expect(v.nodes.find((n) => n.id === 'end')?.data.figures).toBeNull();
  });
  it('names outputs in the reader’s language', () => {
    expect(outputLabel('timeout', g, 'x', 'ja')).toBe('タイムアウト');
    expect(outputLabel('variant:a', g, 'sp', 'ja')).toBe('A案');
    expect(outputLabel('case:zz', g, 'trigger', 'en')).toBe('case:zz');
  });
});
