import { describe, expect, it } from 'vitest';
import { broadcastInstant, inAudience } from './broadcast';
import { compile } from './compile';
import type { ScenarioGraphInput } from './schema';

const graph: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'b' },
  nodes: [
    {
      id: 'trigger',
      kind: 'trigger',
      position: { x: 0, y: 0 },
      data: {
        trigger: { type: 'segment_broadcast', sendAt: '2026-12-01T19:00', audience: { type: 'tag', tag: 'vip', has: true } },
        reEntry: 'once',
      },
    },
    { id: 'end', kind: 'end', position: { x: 0, y: 100 }, data: {} },
  ],
  edges: [{ id: 'e', source: 'trigger', sourceHandle: 'next', target: 'end' }],
};

describe('segment broadcast', () => {
  const plan = compile(graph);
  it('sends at the local time in the scenario zone', () => {
    expect(new Date(broadcastInstant(plan)!).toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });
  it('evaluates the audience against a friend', () => {
    const friend = {
      id: 'f',
      lineUserId: 'U1',
      displayName: 'x',
      attributes: {},
      tags: ['vip'],
      linked: false,
      friendAddedAt: 0,
      events: [],
    };
    expect(inAudience(plan, friend, 0)).toBe(true);
    expect(inAudience(plan, { ...friend, tags: [] }, 0)).toBe(false);
  });
});
