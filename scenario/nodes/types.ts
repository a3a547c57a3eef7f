// The contract every node kind fulfils: outputs, summary, palette defaults, checks and one execution step.
import type { PropertyFilter } from '../comparison';
import type { Lang } from '../conditions';
import type { AttributeDefinition, FriendSnapshot } from '../friend';
import type { LineMessage } from '../messages';
import type { DoneReason } from '../run-state';
import type { ActionSpec, NodeData, NodeKind, ScenarioSettings } from '../schema';

export type { Lang };
export type SummaryContext = { timeZone: string; attributes?: readonly AttributeDefinition[] };

/** A problem inside one node's data; validate() adds the node id and the path prefix. */
export type NodeIssue = { code: string; message: string; messageJa?: string; path: (string | number)[] };
export type CheckContext = { timeZone: string; attributes?: readonly AttributeDefinition[] };

export type RunContext = {
  nodeId: string;
  now: number;
  friend: FriendSnapshot;
  settings: ScenarioSettings;
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
  | { type: 'skip_send'; reason: string }
  | { type: 'end'; reason: DoneReason; detail: string };

export type NodeBehaviour<K extends NodeKind> = {
  kind: K;
  /** Named outputs, in display order. */
  outputs(data: NodeData<K>): string[];
  /** One line a marketer reads on the canvas. */
  summary(data: NodeData<K>, lang: Lang, ctx: SummaryContext): string;
  /** Data for a node freshly dropped from the palette. */
  defaultData(): NodeData<K>;
  /** Whether running it reads friend data (so a stale snapshot must be reloaded first). */
  readsFriend(data: NodeData<K>): boolean;
  /** Whether passing through it always takes time (what makes a cycle safe). */
  alwaysWaits(data: NodeData<K>): boolean;
  check(data: NodeData<K>, ctx: CheckContext): NodeIssue[];
  run(data: NodeData<K>, ctx: RunContext): NodeOutcome;
};
