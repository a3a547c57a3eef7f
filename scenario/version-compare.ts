// compareVersions(): two versions of a scenario side by side: diffGraphs() from the older to the newer, and how each
// canvas marks its steps (removed and changed on the older one, added and changed on the newer one).
import { diffGraphs, type GraphDiff, type GraphLike } from './diff';

/** How a step is marked on one canvas; a step without a mark is the same on both. */
export type NodeMark = 'added' | 'removed' | 'changed';

export interface VersionComparison {
  diff: GraphDiff;
  /** Marks on the older (left) canvas: steps the newer one dropped, and steps it changed. */
  before: Record<string, Extract<NodeMark, 'removed' | 'changed'>>;
  /** Marks on the newer (right) canvas: steps it added, and steps it changed. */
  after: Record<string, Extract<NodeMark, 'added' | 'changed'>>;
  /** Steps found on both and not changed (positions may differ). */
  unchanged: number;
}

export function compareVersions(before: GraphLike, after: GraphLike): VersionComparison {
  const diff = diffGraphs(before, after);
  const left: VersionComparison['before'] = {};
  const right: VersionComparison['after'] = {};
  for (const n of diff.removed) left[n.id] = 'removed';
  for (const n of diff.added) right[n.id] = 'added';
  for (const n of diff.changed) {
    left[n.id] = 'changed';
    right[n.id] = 'changed';
  }
  const onBoth = after.nodes.length - diff.added.length;
  return { diff, before: left, after: right, unchanged: onBoth - diff.changed.length };
}
