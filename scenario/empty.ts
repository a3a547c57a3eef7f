// emptyGraph(): a new scenario's draft, holding only a friend-added trigger (the salt is an input: the core draws no randomness).
// New scenarios follow the account's quiet hours (on, 21:00–09:00 JST unless changed on the settings page).
import { defaultNodeData } from './nodes';
import { SCHEMA_VERSION, type ScenarioGraph } from './schema';

export function emptyGraph(splitSalt: string): ScenarioGraph {
  return {
    schemaVersion: SCHEMA_VERSION,
    settings: { timeZone: 'Asia/Tokyo', quietHours: 'account', splitSalt },
    nodes: [{ id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: defaultNodeData('trigger') }],
    edges: [],
  };
}
