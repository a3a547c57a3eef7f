// Builders for tests and benchmarks: chain graphs out of node data, and friends with sensible defaults.
import type { FriendSnapshot } from './friend';
import type { NodeDataUnion, ScenarioGraph, ScenarioSettings } from './schema';

export type StepSpec = NodeDataUnion & { id: string; label?: string };

export function friendFixture(over: Partial<FriendSnapshot> = {}): FriendSnapshot {
  return {
    id: 'friend-1',
    lineUserId: 'U00000000000000000000000000000001',
    displayName: '花子',
    attributes: {},
    tags: [],
    linked: false,
    friendAddedAt: Date.UTC(2025, 3, 1, 6, 23), // 2025-04-01 15:23 JST
    events: [],
    ...over,
  };
}

export const baseSettings: ScenarioSettings = { timeZone: 'Asia/Tokyo', splitSalt: 'test-salt' };

/**
 * A graph from nodes and explicit edges `[source, output, target]`; positions are laid out on a column.
 */
export function graphOf(
  steps: readonly StepSpec[],
  edges: readonly [string, string, string][],
  settings: Partial<ScenarioSettings> = {},
): ScenarioGraph {
  return {
    schemaVersion: 1,
    settings: { ...baseSettings, ...settings },
    nodes: steps.map((s, i) => ({ ...s, position: { x: 0, y: i * 120 } })),
    edges: edges.map(([source, sourceHandle, target], i) => ({ id: `e${i + 1}`, source, sourceHandle, target })),
  };
}

/** A straight line: each step's 'next' output leads to the following step. */
export function chainOf(steps: readonly StepSpec[], settings: Partial<ScenarioSettings> = {}): ScenarioGraph {
  const edges: [string, string, string][] = [];
  for (let i = 0; i + 1 < steps.length; i++) {
    const a = steps[i];
    const b = steps[i + 1];
    if (a && b) edges.push([a.id, 'next', b.id]);
  }
  return graphOf(steps, edges, settings);
}

export const trig = (data: Partial<Extract<NodeDataUnion, { kind: 'trigger' }>['data']> = {}): StepSpec => ({
  id: 'trigger',
  kind: 'trigger',
  data: { trigger: { type: 'friend_added', includeRefollow: false }, entryFilter: null, reEntry: 'once', ...data },
});
export const end = (id = 'end'): StepSpec => ({ id, kind: 'end', data: {} });
export const text = (id: string, t: string): StepSpec => ({
  id,
  kind: 'send',
  data: { messages: [{ type: 'text', text: t }], trackLinks: true },
});
