// The stable codes validate() can report, each with what it means (for docs, the editor and API clients).
import { NODE_VALIDATION_CODES, type NodeValidationCode } from './nodes';

/** Codes about the graph as a whole; each node kind declares its own in its slice (scenario/nodes/<kind>.ts). */
export const GRAPH_VALIDATION_CODES = {
  schema_invalid: 'A value has the wrong shape (the zod path says where).',
  schema_version: 'The graph was written for another schemaVersion.',
  quiet_hours_empty: 'Quiet hours start and end at the same minute.',
  duplicate_node_id: 'Two nodes share an id.',
  duplicate_edge_id: 'Two edges share an id.',
  trigger_missing: 'No trigger node.',
  trigger_multiple: 'More than one trigger node.',
  edge_unknown_source: 'An edge starts at a node that does not exist.',
  edge_unknown_target: 'An edge ends at a node that does not exist.',
  edge_into_trigger: 'An edge leads into the trigger.',
  edge_unknown_output: 'An edge leaves from an output its node does not have.',
  output_connected_twice: 'One output has two edges.',
  output_unconnected: 'An output has no edge.',
  node_unreachable: 'No path from the trigger reaches the node.',
  cycle_without_wait: 'A loop with no wait that always takes time (it would spin).',
} as const;

export type ValidationCode = keyof typeof GRAPH_VALIDATION_CODES | NodeValidationCode;
export const VALIDATION_CODES: Readonly<Record<ValidationCode, string>> = { ...GRAPH_VALIDATION_CODES, ...NODE_VALIDATION_CODES };
