// The contract every node kind fulfils: data schema, label, codes, outputs, summary, palette defaults, checks and one step.
import type { z } from 'zod';
import type { PropertyFilter } from '../comparison';
import type { CouponRef } from '../coupons';
import type { Lang } from '../conditions';
import type { AttributeDefinition, FriendSnapshot } from '../friend';
import type { LineMessage } from '../messages';
import type { DoneReason } from '../run-state';
import type { PlanSettings } from '../schema';
import type { ActionSpec } from './action';

export type { Lang };
export type SummaryContext = { timeZone: string; attributes?: readonly AttributeDefinition[] };

/** What a step did in a simulated run (the preview), for its explanation. */
export type Taken = {
  /** The output it left by, if it left. */
  output?: string;
  /** For a wait (or a held send): the instant it was set to end. */
  waitUntil?: number;
  /** For a send: whether the messages went out. */
  sent: boolean;
};
export type ExplainContext = SummaryContext & { quietHours?: { start: string; end: string } };

/** A problem inside one node's data; validate() adds the node id and the path prefix. */
export type NodeIssue = { code: string; message: string; messageJa?: string; path: (string | number)[] };
export type CheckContext = {
  timeZone: string;
  attributes?: readonly AttributeDefinition[];
  /** Whether the scenario has a conversion goal (absent when the caller does not know, e.g. checking one node alone). */
  hasGoal?: boolean;
  /** The account's coupons on LINE (absent when the caller does not know them: coupon messages are then not checked). */
  coupons?: readonly CouponRef[];
};

/** The codes a kind's checks can report, each with what it means (for docs, the editor and API clients). */
export type CodeMeanings<C extends string = string> = { readonly [Code in C]: string };

export type RunContext = {
  nodeId: string;
  now: number;
  /** When the friend entered this run: what 「登録からN日後」 waits count from. */
  startedAt: number;
  friend: FriendSnapshot;
  /** The plan's settings: quiet hours already resolved (account default or the scenario's own). */
  settings: PlanSettings;
  triggerEvent: Record<string, unknown> | null;
  runId: string;
  visit: number;
};

/** What executing a node asks the interpreter to do next. */
export type NodeOutcome =
  | { type: 'go'; output: string; reason: string; action?: ActionSpec }
  | { type: 'sleep'; until: number; output: string | null; reason: string }
  | { type: 'await_event'; eventName: string; filter: PropertyFilter[]; until: number }
  | { type: 'send'; messages: LineMessage[]; trackLinks: boolean }
  /** Send the question, then wait for its answer until `until` (the question node; answers are decided by the slice). */
  | { type: 'ask'; messages: LineMessage[]; until: number }
  | { type: 'skip_send'; reason: string }
  /** `output`: the run ends at this node but is recorded as leaving by that output (a split's holdout group). */
  | { type: 'end'; reason: DoneReason; detail: string; output?: string };

/**
 * What a slice writes for its kind, given its data schema `S` (see defineNode). Everything is typed by the kind's own
 * schema, so a slice never needs the list of all kinds. `run` executes inside the workflow sandbox: it must not call
 * zod (no parse or safeParse); the data it gets is already parsed.
 */
export type NodeParts<S extends z.ZodType, C extends string = string> = {
  /** The kind's name on the palette, the canvas, the inspector and reports. */
  label: { ja: string; en: string };
  /** Every code `check` can report, with its meaning; VALIDATION_CODES is built from these. */
  codes: CodeMeanings<C>;
  /** Named outputs, in display order. */
  outputs(data: z.output<S>): string[];
  /** The words under an output handle on the canvas; without it, the output's name. */
  outputLabel?(data: z.output<S>, output: string, lang: Lang): string;
  /**
   * Why the friend did what the preview shows at this step, in the reader's language ("no case matched → else" as
   * 「どの条件にも当てはまらないため「それ以外」へ」). Without it, the preview shows the summary.
   */
  explain?(data: z.output<S>, taken: Taken, lang: Lang, ctx: ExplainContext): string;
  /** One line a marketer reads on the canvas. */
  summary(data: z.output<S>, lang: Lang, ctx: SummaryContext): string;
  /** Data for a node freshly dropped from the palette. */
  defaultData(): z.output<S>;
  /** Whether running it reads friend data (so a stale snapshot must be reloaded first). */
  readsFriend(data: z.output<S>): boolean;
  /** Whether passing through it always takes time (what makes a cycle safe). */
  alwaysWaits(data: z.output<S>): boolean;
  check(data: z.output<S>, ctx: CheckContext): NodeIssue[];
  run(data: z.output<S>, ctx: RunContext): NodeOutcome;
};

/** One node kind: its name, the shape of its `data` (defaults included) and its parts. */
export type NodeSpec<K extends string, S extends z.ZodType, C extends string = string> = { kind: K; schema: S } & NodeParts<S, C>;
