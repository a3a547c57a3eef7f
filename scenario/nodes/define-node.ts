// defineNode(): turns a kind's spec into its registry entry, adding the graph-node and plan-node schemas built from its data.
import { z } from 'zod';
import { IdSchema, PositionSchema } from '../primitives';
import type { NodeParts } from './types';

/** The kind-independent fields of a node in the graph. */
export const nodeEnvelope = { id: IdSchema, position: PositionSchema, label: z.string().max(100).optional() };
/** A plan node's resolved outputs: output name → target node id. */
export const PlanLinksSchema = z.record(z.string(), IdSchema);

/**
 * `defineNode(kind, dataSchema)({ label, codes, outputs, summary, … })`. In two calls so that TypeScript knows the data
 * type before it reads the parts (a default such as `{ mode: 'duration' }` keeps its literal type). The graph-node and
 * plan-node schemas are built here, where the kind is still a literal type: the registry lists them with Object.values
 * and TypeScript keeps each kind paired with its own data.
 */
export function defineNode<const K extends string, S extends z.ZodType>(kind: K, schema: S) {
  return <C extends string>(parts: NodeParts<S, C>) => ({
    kind,
    schema,
    ...parts,
    /** `{ id, position, label?, kind, data }` as stored in a scenario graph. */
    nodeSchema: z.object({ ...nodeEnvelope, kind: z.literal(kind), data: schema }),
    /** `{ id, kind, data, next }` as stored in a compiled plan. */
    planNodeSchema: z.object({ id: IdSchema, kind: z.literal(kind), data: schema, next: PlanLinksSchema }),
  });
}
