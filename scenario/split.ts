// A/B/n assignment: a friend's variant is a pure hash of (friend id, node id, salt) mapped onto the weights.
import { sha256Words } from './hash';

export type Weighted = { id: string; weight: number };

/** A number in [0, 1) fixed for this friend, split node and scenario salt. */
export function splitPoint(friendId: string, nodeId: string, salt: string): number {
  const words = sha256Words(`kizuna-split\u0000${salt}\u0000${nodeId}\u0000${friendId}`);
  // 53 bits from two words, so shares are exact to far below a percentage point.
  return ((words[0] ?? 0) * 2 ** 21 + ((words[1] ?? 0) >>> 11)) / 2 ** 53;
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

export function sharePercent(variants: readonly Weighted[]): number[] {
  const total = variants.reduce((s, v) => s + Math.max(0, v.weight), 0);
  return variants.map((v) => (total > 0 ? Math.round((Math.max(0, v.weight) / total) * 1000) / 10 : 0));
}
