// JSON-serialisable run state, inputs and effects of the interpreter (zod, so a workflow can parse what it stores).
import { z } from 'zod';
import { PropertyFilterSchema } from './comparison';
import { FriendEventSchema, FriendSnapshotSchema } from './friend';
import { LineMessageSchema } from './messages';
import { ActionSpecSchema } from './nodes/action';

export const DoneReasonSchema = z.enum([
  'end', // reached an end node
  'goal', // the conversion goal arrived and the scenario exits on goal
  'stopped', // the engine stopped the run (block, unpublish, manual)
  'filtered', // the entry filter did not match
  'missing_date', // a date wait found no usable date and is set to end
  'dead_end', // an output with no edge (only in graphs that skipped validation)
  'step_budget', // the interpreter's guard against spinning
  'holdout', // a split put the friend in its holdout (control) group: nothing is sent
]);
export type DoneReason = z.infer<typeof DoneReasonSchema>;

export const WaitingSchema = z.discriminatedUnion('kind', [
  /** A timer; `output` is taken when it fires, or null to run the node again (quiet hours). */
  z.object({ kind: z.literal('timer'), nodeId: z.string(), until: z.number(), output: z.string().nullable(), reason: z.string() }),
  z.object({
    kind: z.literal('event'),
    nodeId: z.string(),
    eventName: z.string(),
    filter: z.array(PropertyFilterSchema),
    until: z.number(),
  }),
  z.object({ kind: z.literal('friend'), nodeId: z.string() }),
  /** `ask`: a question's message; once it went out the run waits for the answer until `until`. */
  z.object({
    kind: z.literal('send'),
    nodeId: z.string(),
    visit: z.number().int(),
    ask: z.object({ until: z.number(), reasks: z.number().int() }).optional(),
  }),
  /** A question waiting for its answer; `reasks`: invalid typed answers asked again so far. */
  z.object({ kind: z.literal('answer'), nodeId: z.string(), visit: z.number().int(), until: z.number(), reasks: z.number().int() }),
]);
export type Waiting = z.infer<typeof WaitingSchema>;

/** The webhook's reply token of the friend's last answer: the next send replies with it while LINE still takes it. */
export const ReplyTokenSchema = z.object({ token: z.string(), issuedAt: z.number() });

export const TriggerEventSchema = z.object({ name: z.string(), properties: z.record(z.string(), z.unknown()) });

export const RunStateSchema = z.object({
  v: z.literal(1),
  runId: z.string(),
  planHash: z.string(),
  status: z.enum(['running', 'waiting', 'done']),
  /** The node the friend is at (or ended at). */
  current: z.string().nullable(),
  waiting: WaitingSchema.nullable(),
  friend: FriendSnapshotSchema,
  /** False after any wait: nodes that read the friend ask for a fresh snapshot first. */
  friendFresh: z.boolean(),
  triggerEvent: TriggerEventSchema.nullable(),
  startedAt: z.number(),
  now: z.number(),
  visits: z.record(z.string(), z.number().int()),
  steps: z.number().int(),
  sends: z.number().int(),
  goalReachedAt: z.number().nullable(),
  done: z.object({ reason: DoneReasonSchema, at: z.number(), detail: z.string().optional() }).nullable(),
  /** Set by an answer that carried a reply token, cleared by the next send or wait. */
  reply: ReplyTokenSchema.optional(),
});
export type RunState = z.infer<typeof RunStateSchema>;

export const RunInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('timer_fired'), at: z.number() }),
  z.object({ kind: z.literal('event'), at: z.number(), event: FriendEventSchema }),
  z.object({ kind: z.literal('friend_loaded'), at: z.number(), friend: FriendSnapshotSchema }),
  z.object({
    kind: z.literal('send_done'),
    at: z.number(),
    nodeId: z.string(),
    status: z.enum(['sent', 'failed', 'skipped']),
    reason: z.string().optional(),
  }),
  z.object({ kind: z.literal('stop'), at: z.number(), reason: z.string().optional() }),
]);
export type RunInput = z.infer<typeof RunInputSchema>;

export const EffectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('node_entered'), nodeId: z.string(), at: z.number(), visit: z.number().int() }),
  z.object({ kind: z.literal('node_left'), nodeId: z.string(), at: z.number(), output: z.string(), reason: z.string() }),
  z.object({
    kind: z.literal('send'),
    nodeId: z.string(),
    visit: z.number().int(),
    at: z.number(),
    /** `${runId}:${nodeId}:${visit}`: the same send is never delivered twice. */
    idempotencyKey: z.string(),
    messages: z.array(LineMessageSchema),
    trackLinks: z.boolean(),
    /** The friend's answer's reply token: the engine replies instead of pushing while it is valid. */
    reply: ReplyTokenSchema.optional(),
  }),
  z.object({ kind: z.literal('sleep_until'), nodeId: z.string(), until: z.number(), reason: z.string() }),
  z.object({
    kind: z.literal('wait_for_event'),
    nodeId: z.string(),
    eventName: z.string(),
    filter: z.array(PropertyFilterSchema),
    until: z.number(),
  }),
  z.object({ kind: z.literal('apply_action'), nodeId: z.string(), at: z.number(), action: ActionSpecSchema }),
  z.object({ kind: z.literal('load_friend'), nodeId: z.string() }),
  /** An answer to a question the run is not (or no longer) asking: nothing happens, and it is recorded. */
  z.object({ kind: z.literal('answer_ignored'), nodeId: z.string().nullable(), at: z.number(), reason: z.string() }),
  /** The goal event arrived; `withinWindow` says whether it counts as a conversion (settings.goal.windowDays from entry). */
  z.object({ kind: z.literal('goal_reached'), at: z.number(), eventName: z.string(), withinWindow: z.boolean(), exits: z.boolean() }),
  z.object({ kind: z.literal('done'), at: z.number(), reason: DoneReasonSchema, detail: z.string().optional() }),
]);
export type Effect = z.infer<typeof EffectSchema>;
export type StepResult = { state: RunState; effects: Effect[] };
