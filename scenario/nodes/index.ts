// Registry of node kinds: each kind listed once; the graph schema, kinds, labels, codes and dispatch are derived from it.
import type { z } from 'zod';
import { actionNode } from './action';
import { branchNode } from './branch';
import { endNode } from './end';
import { questionNode } from './question';
import { sendNode } from './send';
import { splitNode } from './split';
import { triggerNode } from './trigger';
import type { CheckContext, ExplainContext, Lang, NodeIssue, NodeOutcome, NodeSpec, RunContext, SummaryContext, Taken } from './types';
import { waitForEventNode } from './wait-for-event';
import { waitNode } from './wait';

export type { CheckContext, ExplainContext, Lang, NodeIssue, NodeOutcome, RunContext, SummaryContext, Taken };
export { caseOutput } from './branch';
export { variantOutput } from './split';

/** Every node kind, in the order the format documents them. Adding a kind: one import and one line here. */
export const nodeSlices = {
  trigger: triggerNode,
  wait: waitNode,
  wait_for_event: waitForEventNode,
  question: questionNode,
  branch: branchNode,
  split: splitNode,
  send: sendNode,
  action: actionNode,
  end: endNode,
};

type Slices = typeof nodeSlices;
export type NodeKind = Slices[keyof Slices]['kind'];
type DataSchemas = { [K in NodeKind]: Slices[K]['schema'] };
export type NodeData<K extends NodeKind> = z.output<DataSchemas[K]>;
/** A kind with its data: what the editor holds for a step and what every per-kind function takes. */
export type NodeStep<K extends NodeKind = NodeKind> = { [P in K]: { kind: P; data: NodeData<P> } }[K];
export type NodeDataUnion = NodeStep;
export type NodeBehaviour<K extends NodeKind> = NodeSpec<K, DataSchemas[K]>;
/** Every code a node kind's checks can report. */
export type NodeValidationCode = { [K in NodeKind]: keyof Slices[K]['codes'] }[NodeKind];

/** The same registry, typed so that TypeScript pairs a kind's behaviour with that kind's data in generic code. */
export const nodeRegistry: { readonly [K in NodeKind]: NodeBehaviour<K> } = nodeSlices;

const slices = Object.values(nodeSlices);
export const NODE_KINDS: readonly NodeKind[] = slices.map((s) => s.kind);
export const isNodeKind = (v: unknown): v is NodeKind => typeof v === 'string' && Object.hasOwn(nodeSlices, v);

/** Builds a per-kind record from the registry (TypeScript cannot see that a loop over every kind fills every key). */
function perKind<T>(f: (kind: NodeKind) => T): { readonly [K in NodeKind]: T } {
  return Object.fromEntries(NODE_KINDS.map((k) => [k, f(k)])) as { [K in NodeKind]: T };
}

export const NODE_LABELS: { readonly [K in NodeKind]: { ja: string; en: string } } = perKind((k) => nodeRegistry[k].label);

/** The node schemas of every kind, as a non-empty list for z.discriminatedUnion. */
export const nodeSchemas = nonEmpty(slices.map((s) => s.nodeSchema));
export const planNodeSchemas = nonEmpty(slices.map((s) => s.planNodeSchema));
function nonEmpty<T>(list: T[]): [T, ...T[]] {
  const [first, ...rest] = list;
  if (first === undefined) throw new Error('the node registry is empty');
  return [first, ...rest];
}

/** Every kind's codes and their meanings (kinds that share a check, such as conditions, declare the same codes). */
export const NODE_VALIDATION_CODES = Object.fromEntries(slices.flatMap((s) => Object.entries(s.codes))) as Readonly<
  Record<NodeValidationCode, string>
>;

// Dispatch: generic in the kind, so each call pairs the kind's behaviour with its own data.
export const outputsOf = <K extends NodeKind>(n: NodeStep<K>): string[] => nodeRegistry[n.kind].outputs(n.data);
export const summaryOf = <K extends NodeKind>(n: NodeStep<K>, lang: Lang, ctx: SummaryContext): string =>
  nodeRegistry[n.kind].summary(n.data, lang, ctx);
/** Why the friend did what the preview shows at this step (see NodeParts.explain); the summary for kinds without one. */
export function explainOf<K extends NodeKind>(n: NodeStep<K>, taken: Taken, lang: Lang, ctx: ExplainContext): string {
  const explain = nodeRegistry[n.kind].explain;
  return explain ? explain(n.data, taken, lang, ctx) : nodeRegistry[n.kind].summary(n.data, lang, ctx);
}
export const readsFriend = <K extends NodeKind>(n: NodeStep<K>): boolean => nodeRegistry[n.kind].readsFriend(n.data);
export const alwaysWaits = <K extends NodeKind>(n: NodeStep<K>): boolean => nodeRegistry[n.kind].alwaysWaits(n.data);
export const checkNode = <K extends NodeKind>(n: NodeStep<K>, ctx: CheckContext): NodeIssue[] => nodeRegistry[n.kind].check(n.data, ctx);
export const runNode = <K extends NodeKind>(n: NodeStep<K>, ctx: RunContext): NodeOutcome => nodeRegistry[n.kind].run(n.data, ctx);
export const defaultNodeData = <K extends NodeKind>(kind: K): NodeData<K> => nodeRegistry[kind].defaultData();

/** The words under an output handle: '' for a plain 'next', else what the kind says ('rank = gold', 'else', 'A', 'timed out'). */
export function outputLabelOf<K extends NodeKind>(n: NodeStep<K>, output: string, lang: Lang): string {
  if (output === 'next') return '';
  const label = nodeRegistry[n.kind].outputLabel;
  return label ? label(n.data, output, lang) : output;
}

/** A kind and its data as one step (TypeScript cannot pair a generic kind with its data in a union by itself). */
export function nodeStep<K extends NodeKind>(kind: K, data: NodeData<K>): NodeStep {
  return { kind, data } as NodeStep;
}

/** A fresh step of `kind` as dropped from the palette. */
export const defaultStep = <K extends NodeKind>(kind: K): NodeStep => nodeStep(kind, defaultNodeData(kind));
