// graphContentHash(): what a graph does, as one hash (positions and edge ids left out), so the scenario list and the
// editor can tell "the draft differs from live" by comparing two strings; it changes exactly when diffGraphs() sees a change.
import type { GraphLike } from './diff';
import { canonicalHash } from './hash';

export function graphContentHash(graph: GraphLike): string {
  const nodes = [...graph.nodes]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    // An empty label and no label read alike (the editor drops an emptied one), as diffGraphs() treats them.
    .map((n) => ({ id: n.id, kind: n.kind, data: n.data, label: n.label ?? '' }));
  const links = graph.edges.map((e) => [e.source, e.sourceHandle, e.target].join('\u0000')).sort();
  return canonicalHash({ settings: graph.settings ?? {}, nodes, links });
}

/** Whether the draft holds changes the live version has not (false when nothing is live: there is nothing to differ from). */
export function draftDiffersFromLive(draft: GraphLike, live: GraphLike | null): boolean {
  return live !== null && graphContentHash(draft) !== graphContentHash(live);
}
