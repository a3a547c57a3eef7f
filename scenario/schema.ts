// The scenario graph format (schemaVersion 1): settings, nodes discriminated by kind, edges between named outputs.
import { z } from 'zod';
import { PropertyFilterSchema } from './comparison';
import { ConditionSchema } from './conditions';
import { AttributeKeySchema, AttributeValueSchema } from './friend';
import { LineMessageSchema } from './messages';
import { isValidTimeZone } from './time';

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

export const SCHEMA_VERSION = 1;

export const HHmmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:mm, e.g. 19:00');
export const WeekdaySchema = z.literal([1, 2, 3, 4, 5, 6, 7]);
export const IdSchema = z.string().min(1).max(100);
export const TimeZoneSchema = z.string().refine(isValidTimeZone, 'an IANA time zone such as Asia/Tokyo');

// ── waits ────────────────────────────────────────────────────────────────
export const DurationWaitSchema = z.object({
  mode: z.literal('duration'),
  amount: z.number().int().min(0),
  unit: z.enum(['minutes', 'hours', 'days']),
  /** With unit 'days': land on that local date at HH:mm ("7日後の10:00"). */
  atTime: HHmmSchema.optional(),
});
export const TimeOfDayWaitSchema = z.object({
  mode: z.literal('time_of_day'),
  time: HHmmSchema,
  daysOfWeek: z.array(WeekdaySchema).default([]),
});
export const DateAttributeWaitSchema = z.object({
  mode: z.literal('date_attribute'),
  attribute: AttributeKeySchema,
  offsetDays: z.number().int().min(-366).max(366).default(0),
  time: HHmmSchema,
  /** 'yearly' for birthdays and anniversaries; 'once' for a fixed date such as a point expiry. */
  repeat: z.enum(['yearly', 'once']).default('yearly'),
  /** What to do when the friend has no usable date (missing, unreadable, or a one-off date already past). */
  whenMissing: z.enum(['continue', 'end']).default('end'),
});
export const WaitDataSchema = z.discriminatedUnion('mode', [DurationWaitSchema, TimeOfDayWaitSchema, DateAttributeWaitSchema]);
export type WaitData = z.infer<typeof WaitDataSchema>;

export const EventTimeoutSchema = z.discriminatedUnion('mode', [DurationWaitSchema, TimeOfDayWaitSchema]);
export type EventTimeout = z.infer<typeof EventTimeoutSchema>;

// ── node data ────────────────────────────────────────────────────────────
export const TriggerSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('friend_added'), includeRefollow: z.boolean().default(false) }),
  z.object({ type: z.literal('event'), eventName: z.string().min(1), filter: z.array(PropertyFilterSchema).default([]) }),
  z.object({ type: z.literal('tag_added'), tag: z.string().min(1) }),
  z.object({
    type: z.literal('segment_broadcast'),
    /** Local date-time in the scenario's zone when the audience is evaluated and entered. */
    sendAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'YYYY-MM-DDTHH:mm'),
    audience: ConditionSchema,
  }),
]);
export type TriggerSpec = z.infer<typeof TriggerSpecSchema>;

export const ReEntrySchema = z.enum(['once', 'after_exit', 'always']);
export type ReEntry = z.infer<typeof ReEntrySchema>;

export const TriggerDataSchema = z.object({
  trigger: TriggerSpecSchema,
  entryFilter: ConditionSchema.nullable().default(null),
  reEntry: ReEntrySchema.default('once'),
});
export const WaitForEventDataSchema = z.object({
  eventName: z.string().min(1),
  filter: z.array(PropertyFilterSchema).default([]),
  timeout: EventTimeoutSchema,
});
export const BranchCaseSchema = z.object({ id: IdSchema, label: z.string().optional(), condition: ConditionSchema });
export const BranchDataSchema = z.object({ cases: z.array(BranchCaseSchema) });
export const SplitVariantSchema = z.object({ id: IdSchema, label: z.string(), weight: z.number() });
export const SplitDataSchema = z.object({ variants: z.array(SplitVariantSchema) });
export const SendDataSchema = z.object({
  messages: z.array(LineMessageSchema),
  /** Rewrite every URL through Kizuna's click tracker (the engine does the rewriting). */
  trackLinks: z.boolean().default(true),
});
export const ActionSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('add_tag'), tag: z.string().min(1) }),
  z.object({ type: z.literal('remove_tag'), tag: z.string().min(1) }),
  z.object({ type: z.literal('set_attribute'), key: AttributeKeySchema, value: AttributeValueSchema }),
]);
export type ActionSpec = z.infer<typeof ActionSpecSchema>;
export const ActionDataSchema = z.object({ action: ActionSpecSchema });
export const EndDataSchema = z.object({});

// ── nodes, edges, graph ──────────────────────────────────────────────────
export const PositionSchema = z.object({ x: z.number(), y: z.number() });
const base = { id: IdSchema, position: PositionSchema, label: z.string().max(100).optional() };

export const NodeSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('trigger'), data: TriggerDataSchema }),
  z.object({ ...base, kind: z.literal('wait'), data: WaitDataSchema }),
  z.object({ ...base, kind: z.literal('wait_for_event'), data: WaitForEventDataSchema }),
  z.object({ ...base, kind: z.literal('branch'), data: BranchDataSchema }),
  z.object({ ...base, kind: z.literal('split'), data: SplitDataSchema }),
  z.object({ ...base, kind: z.literal('send'), data: SendDataSchema }),
  z.object({ ...base, kind: z.literal('action'), data: ActionDataSchema }),
  z.object({ ...base, kind: z.literal('end'), data: EndDataSchema }),
]);
export type ScenarioNode = z.infer<typeof NodeSchema>;
export type NodeKind = ScenarioNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<ScenarioNode, { kind: K }>;
export type NodeData<K extends NodeKind> = NodeOfKind<K>['data'];
export type NodeDataUnion = { [K in NodeKind]: { kind: K; data: NodeData<K> } }[NodeKind];
export const NODE_KINDS = ['trigger', 'wait', 'wait_for_event', 'branch', 'split', 'send', 'action', 'end'] as const satisfies readonly NodeKind[];

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
  quietHours: z.object({ start: HHmmSchema, end: HHmmSchema }).optional(),
  frequencyCap: z.object({ maxSends: z.number().int().positive(), mode: z.enum(['hold', 'skip']) }).optional(),
  /** Salt for A/B assignment, so two scenarios do not split friends the same way. */
  splitSalt: z.string(),
});
export type ScenarioSettings = z.infer<typeof SettingsSchema>;

export const ScenarioGraphSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  settings: SettingsSchema,
  nodes: z.array(NodeSchema),
  edges: z.array(EdgeSchema),
});
export type ScenarioGraph = z.infer<typeof ScenarioGraphSchema>;
/** What a graph looks like before defaults are applied (what a JSON file may omit). */
export type ScenarioGraphInput = z.input<typeof ScenarioGraphSchema>;
