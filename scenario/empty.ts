// emptyGraph(): a new scenario's draft, holding only a friend-added trigger (the salt is an input: the core draws no randomness).
import { defaultNodeData } from './nodes';
import { SCHEMA_VERSION, type ScenarioGraph } from './schema';

export function emptyGraph(splitSalt: string): ScenarioGraph {
  return {
    schemaVersion: SCHEMA_VERSION,
    settings: { timeZone: 'Asia/Tokyo', splitSalt },
    nodes: [{ id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: defaultNodeData('trigger') }],
    edges: [],
  };
}
