// A/B/n assignment: a friend's variant (or the holdout group) is a pure hash of (friend id, node id, salt) mapped onto the weights.
import { sha256Words } from './hash';

export type Weighted = { id: string; weight: number };

/** A number in [0, 1) fixed for this friend, split node and scenario salt, for one purpose (variant or holdout). */
function hashPoint(purpose: string, friendId: string, nodeId: string, salt: string): number {
  const words = sha256Words(`${purpose}\u0000${salt}\u0000${nodeId}\u0000${friendId}`);
  // 53 bits from two words, so shares are exact to far below a percentage point.
  return ((words[0] ?? 0) * 2 ** 21 + ((words[1] ?? 0) >>> 11)) / 2 ** 53;
}

/** A number in [0, 1) fixed for this friend, split node and scenario salt: where the friend falls on the weights. */
export function splitPoint(friendId: string, nodeId: string, salt: string): number {
  return hashPoint('kizuna-split', friendId, nodeId, salt);
}

/**
 * Whether the friend is in the split's holdout (control) group of `percent` %. A hash of its own, independent of the
 * variant's: adding or resizing a holdout never moves a friend who stays in the test to another variant.
 */
export function inHoldout(percent: number | undefined, friendId: string, nodeId: string, salt: string): boolean {
  if (percent === undefined || !(percent > 0)) return false;
  return hashPoint('kizuna-holdout', friendId, nodeId, salt) * 100 < percent;
}

/** The variant for this friend; weights need not sum to 100. Non-positive weights never win. */
export function pickVariant<V extends Weighted>(variants: readonly V[], friendId: string, nodeId: string, salt: string): V | null {
  const usable = variants.filter((v) => v.weight > 0 && Number.isFinite(v.weight));
  const total = usable.reduce((s, v) => s + v.weight, 0);
  if (total <= 0) return null;
  const point = splitPoint(friendId, nodeId, salt) * total;
  let acc = 0;
  for (const v of usable) {
    acc += v.weight;
    if (point < acc) return v;
  }
  return usable[usable.length - 1] ?? null;
}

export type SplitAssignment<V> = { kind: 'holdout' } | { kind: 'variant'; variant: V } | { kind: 'none' };

/** Where a friend goes at a split: the holdout group first, else a variant by weight ('none' with no usable weight). */
export function assignSplit<V extends Weighted>(
  split: { variants: readonly V[]; holdoutPercent?: number | undefined },
  friendId: string,
  nodeId: string,
  salt: string,
): SplitAssignment<V> {
  if (inHoldout(split.holdoutPercent, friendId, nodeId, salt)) return { kind: 'holdout' };
  const variant = pickVariant(split.variants, friendId, nodeId, salt);
  return variant ? { kind: 'variant', variant } : { kind: 'none' };
}

export function sharePercent(variants: readonly Weighted[]): number[] {
  const total = variants.reduce((s, v) => s + Math.max(0, v.weight), 0);
  return variants.map((v) => (total > 0 ? Math.round((Math.max(0, v.weight) / total) * 1000) / 10 : 0));
}

/** Each variant's share of the friends who enter the split, once the holdout group is set aside (one decimal). */
export function entryShares(variants: readonly Weighted[], holdoutPercent: number | undefined): { variants: number[]; holdout: number } {
  const holdout = holdoutPercent !== undefined && holdoutPercent > 0 ? Math.min(100, holdoutPercent) : 0;
  const total = variants.reduce((s, v) => s + Math.max(0, v.weight), 0);
  return {
    variants: variants.map((v) => (total > 0 ? Math.round((Math.max(0, v.weight) / total) * (100 - holdout) * 10) / 10 : 0)),
    holdout,
  };
}
