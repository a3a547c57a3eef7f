// graphContentHash: a content hash that moves exactly when diffGraphs sees a change (positions and edge ids do not count).
import { describe, expect, it } from 'vitest';
import { draftDiffersFromLive, graphContentHash } from './content-hash';
import { diffGraphs } from './diff';
import { chainOf, end, text, trig } from './fixtures';

const v1 = chainOf([trig(), text('hello', 'こんにちは'), text('follow', '3日後です'), end()]);
const v2 = chainOf([trig(), text('hello', 'こんばんは'), text('coupon', 'クーポンです'), end()]);

describe('graphContentHash', () => {
  const variants = {
    moved: { ...v1, nodes: v1.nodes.map((n) => ({ ...n, position: { x: 7, y: 9 } })) },
    reordered: { ...v1, nodes: [...v1.nodes].reverse(), edges: [...v1.edges].reverse().map((e, i) => ({ ...e, id: `x${i}` })) },
    emptyLabel: { ...v1, nodes: v1.nodes.map((n) => (n.id === 'end' ? { ...n, label: '' } : n)) },
    labelled: { ...v1, nodes: v1.nodes.map((n) => (n.id === 'end' ? { ...n, label: 'おわり' } : n)) },
    quiet: { ...v1, settings: { ...v1.settings, quietHours: 'account' as const } },
    rewired: { ...v1, edges: v1.edges.map((e) => (e.source === 'hello' ? { ...e, target: 'end' } : e)) },
    v2,
  };

  it.each(Object.entries(variants))('%s: the hash differs exactly when diffGraphs sees a change', (_name, g) => {
    expect(graphContentHash(g) !== graphContentHash(v1)).toBe(!diffGraphs(v1, g).same);
  });

  it('says a draft differs from live only when something is live and the content differs', () => {
    expect(draftDiffersFromLive(v1, null)).toBe(false);
    expect(draftDiffersFromLive(variants.moved, v1)).toBe(false);
    expect(draftDiffersFromLive(v2, v1)).toBe(true);
    expect(graphContentHash(v1)).toMatch(/^[0-9a-f]{64}$/);
  });
});
