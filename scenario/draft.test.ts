// DraftGraphSchema accepts graphs mid-edit (value rules broken) but refuses what is not a graph at all.
import { describe, expect, it } from 'vitest';
import { DraftGraphSchema } from './draft';
import { emptyGraph } from './empty';

describe('DraftGraphSchema', () => {
  it('accepts a draft whose values break the rules (validate reports those)', () => {
    const g = emptyGraph('s');
    const broken = {
      ...g,
      nodes: [...g.nodes, { id: 'a', kind: 'action', position: { x: 0, y: 0 }, data: { action: { type: 'add_tag', tag: '' } } }],
    };
    expect(DraftGraphSchema.safeParse(broken).success).toBe(true);
  });
  it('refuses what is not a graph', () => {
    expect(DraftGraphSchema.safeParse({}).success).toBe(false);
    expect(
      DraftGraphSchema.safeParse({ ...emptyGraph('s'), nodes: [{ id: 'x', kind: 'teleport', position: { x: 0, y: 0 }, data: {} }] })
        .success,
    ).toBe(false);
  });
});
