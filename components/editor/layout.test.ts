// layoutPositions: ranks follow the edges top to bottom, siblings sit side by side, nothing overlaps.
import { describe, expect, it } from 'vitest';
import { layoutPositions } from './layout';

const box = (id: string) => ({ id, width: 200, height: 80 });

describe('layoutPositions', () => {
  it('stacks a chain from top to bottom', () => {
    const p = layoutPositions(
      [box('a'), box('b'), box('c')],
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
      ],
    );
    const [a, b, c] = ['a', 'b', 'c'].map((id) => p.get(id)!);
    expect(a!.y).toBeLessThan(b!.y);
    expect(b!.y).toBeLessThan(c!.y);
    expect(a!.x).toBe(b!.x);
  });

  it('puts the targets of a branch on one rank without overlap', () => {
    const p = layoutPositions(
      [box('br'), box('yes'), box('no')],
      [
        { source: 'br', target: 'yes' },
        { source: 'br', target: 'no' },
      ],
    );
    const yes = p.get('yes')!;
    const no = p.get('no')!;
    expect(yes.y).toBe(no.y);
    expect(Math.abs(yes.x - no.x)).toBeGreaterThanOrEqual(200);
  });

  it('ignores edges to unknown nodes and lays out 300 nodes quickly', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => box(`n${i}`));
    const edges = nodes.slice(1).map((n, i) => ({ source: `n${Math.floor(i / 2)}`, target: n.id }));
    const t0 = performance.now();
    const p = layoutPositions(nodes, [...edges, { source: 'n0', target: 'ghost' }]);
    expect(p.size).toBe(300);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
