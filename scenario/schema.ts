// The scenario graph format (schemaVersion 1): settings, nodes discriminated by kind, edges between named outputs.
import { z } from 'zod';
import { nodeSchemas } from './nodes';
import { IdSchema, TimeZoneSchema } from './primitives';
import { QuietHoursSettingSchema, QuietWindowSchema } from './quiet-hours';

export {
  AttributeDefinitionSchema,
  FriendEventSchema,
  FriendSnapshotSchema,
  type AttributeDefinition,
  type AttributeValue,
  type FriendEvent,
  type FriendSnapshot,
} from './friend';
export { ConditionSchema, type Condition } from './conditions';
export { LineMessageSchema, type LineMessage } from './messages';
export type { PropertyFilter } from './comparison';
export { DurationWaitSchema, HHmmSchema, IdSchema, PositionSchema, TimeOfDayWaitSchema, TimeZoneSchema, WeekdaySchema } from './primitives';
// Each kind's data schema lives in its slice (scenario/nodes/<kind>.ts); the names below are the ones code outside reads.
export { NODE_KINDS, isNodeKind, type NodeData, type NodeDataUnion, type NodeKind, type NodeStep } from './nodes';
export { ActionSpecSchema, type ActionSpec } from './nodes/action';
export { ReEntrySchema, type ReEntry, type TriggerSpec } from './nodes/trigger';
export { WaitDataSchema, type WaitData } from './nodes/wait';
export { type EventTimeout } from './nodes/wait-for-event';

export const SCHEMA_VERSION = 1;

/** A node: `{ id, position, label?, kind, data }`, one member per kind in the registry (scenario/nodes/index.ts). */
export const NodeSchema = z.discriminatedUnion('kind', nodeSchemas);
export type ScenarioNode = z.infer<typeof NodeSchema>;
export type NodeOfKind<K extends ScenarioNode['kind']> = Extract<ScenarioNode, { kind: K }>;

export const EdgeSchema = z.object({
  id: IdSchema,
  source: IdSchema,
  /** The source node's named output: 'next', 'case:<id>', 'else', 'variant:<id>', 'event', 'timeout'. */
  sourceHandle: z.string().min(1),
  target: IdSchema,
});
export type ScenarioEdge = z.infer<typeof EdgeSchema>;

export const SettingsSchema = z.object({
  timeZone: TimeZoneSchema.default('Asia/Tokyo'),
  goal: z
    .object({
      eventName: z.string().min(1),
      windowDays: z.number().int().positive(),
      exitOnGoal: z.boolean().default(true),
    })
    .optional(),
  /** 'account' (the account default, resolved at publish), a scenario's own window, or absent for none. */
  quietHours: QuietHoursSettingSchema.optional(),
  frequencyCap: z.object({ maxSends: z.number().int().positive(), mode: z.enum(['hold', 'skip']) }).optional(),
  /** Salt for A/B assignment, so two scenarios do not split friends the same way. */
  splitSalt: z.string(),
});
export type ScenarioSettings = z.infer<typeof SettingsSchema>;

/** Settings as a compiled plan pins them: quiet hours resolved to a window or none, so a version never changes. */
export const PlanSettingsSchema = SettingsSchema.extend({ quietHours: QuietWindowSchema.optional() });
export type PlanSettings = z.infer<typeof PlanSettingsSchema>;

export const ScenarioGraphSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  settings: SettingsSchema,
  nodes: z.array(NodeSchema),
  edges: z.array(EdgeSchema),
});
export type ScenarioGraph = z.infer<typeof ScenarioGraphSchema>;
/** What a graph looks like before defaults are applied (what a JSON file may omit). */
export type ScenarioGraphInput = z.input<typeof ScenarioGraphSchema>;
