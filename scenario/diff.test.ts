// diffGraphs: added, removed and changed nodes by id, positions ignored, settings compared key by key.
import { describe, expect, it } from 'vitest';
import { diffGraphs } from './diff';
import { emptyGraph } from './empty';
import { chainOf, end, text, trig } from './fixtures';
import { ScenarioGraphSchema } from './schema';

const live = chainOf([trig(), text('hello', 'こんにちは'), end()]);

describe('diffGraphs', () => {
  it('reports nothing when only positions moved', () => {
    const moved = { ...live, nodes: live.nodes.map((n) => ({ ...n, position: { x: n.position.x + 300, y: 5 } })) };
    expect(diffGraphs(live, moved)).toEqual({ added: [], removed: [], changed: [], settings: [], same: true });
  });

  it('finds added, removed and changed nodes and rewired connections', () => {
    const draft = chainOf([trig(), text('hello', 'こんばんは'), text('extra', '追加'), end('bye')], {
      quietHours: { start: '21:00', end: '09:00' },
    });
    const d = diffGraphs(live, draft);
    expect(d.added.map((n) => n.id)).toEqual(['extra', 'bye']);
    expect(d.removed.map((n) => n.id)).toEqual(['end']);
    expect(d.changed).toEqual([{ id: 'hello', kind: 'send', fields: ['data', 'connections'] }]);
    expect(d.settings).toEqual(['quietHours']);
    expect(d.same).toBe(false);
  });

  it('treats every node as added when nothing is live yet', () => {
    const d = diffGraphs(null, live);
    expect(d.added).toHaveLength(3);
    expect(d.removed).toEqual([]);
  });

  it('notices a label change', () => {
    const draft = { ...live, nodes: live.nodes.map((n) => (n.id === 'hello' ? { ...n, label: 'Day 0' } : n)) };
    expect(diffGraphs(live, draft).changed).toEqual([{ id: 'hello', kind: 'send', label: 'Day 0', fields: ['label'] }]);
  });
});

describe('emptyGraph', () => {
  it('is a schema-valid graph holding one trigger', () => {
    const g = emptyGraph('salt-1');
    expect(ScenarioGraphSchema.parse(g)).toEqual(g);
    expect(g.nodes.map((n) => n.kind)).toEqual(['trigger']);
  });
});
