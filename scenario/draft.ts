// DraftGraphSchema: a draft has a graph's shape but may break its value rules mid-edit (an empty tag); validate() reports those.
import { z } from 'zod';
import { EdgeSchema, NODE_KINDS, PositionSchema, SCHEMA_VERSION, type ScenarioGraph } from './schema';

const LooseDraftSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  settings: z.looseObject({ timeZone: z.string(), splitSalt: z.string() }),
  nodes: z.array(
    z.looseObject({
      id: z.string().min(1),
      kind: z.enum(NODE_KINDS),
      position: PositionSchema,
      data: z.record(z.string(), z.unknown()),
      label: z.string().optional(),
    }),
  ),
  edges: z.array(EdgeSchema),
});

/** Checks the structure the editor relies on (ids, kinds, positions, edges); the values inside are validate()'s business. */
export const DraftGraphSchema = z.custom<ScenarioGraph>((v) => LooseDraftSchema.safeParse(v).success, {
  message: 'a draft must be a scenario graph: schemaVersion 1, settings, nodes with id/kind/position/data, edges',
});
