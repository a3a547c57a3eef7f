// diffGraphs(): what changed between two scenario graphs (e.g. live version → draft), by node id; positions ignored.
import { canonicalJson } from './hash';
import type { NodeKind, ScenarioGraph, ScenarioNode } from './schema';

export type NodeDiff = {
  id: string;
  kind: NodeKind;
  label?: string;
  /** For changed nodes: what differs ('kind', 'data', 'label', 'connections'). */
  fields: ('kind' | 'data' | 'label' | 'connections')[];
};

export type GraphDiff = {
  added: NodeDiff[];
  removed: NodeDiff[];
  changed: NodeDiff[];
  /** Top-level settings keys whose value differs (timeZone, goal, quietHours, frequencyCap, splitSalt). */
  settings: string[];
  /** Nothing a friend would notice changed (only positions, or nothing at all). */
  same: boolean;
};

export type GraphLike = Pick<ScenarioGraph, 'nodes' | 'edges'> & { settings?: Record<string, unknown> };

function outgoing(g: GraphLike): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const e of g.edges) out.set(e.source, [...(out.get(e.source) ?? []), `${e.sourceHandle}→${e.target}`]);
  return new Map([...out].map(([id, list]) => [id, list.sort().join('|')]));
}

const entry = (n: ScenarioNode, fields: NodeDiff['fields'] = []): NodeDiff => ({
  id: n.id,
  kind: n.kind,
  ...(n.label === undefined ? {} : { label: n.label }),
  fields,
});

/** Compares `before` (null when nothing is live yet: every node counts as added) with `after`. */
export function diffGraphs(before: GraphLike | null, after: GraphLike): GraphDiff {
  const prev = new Map((before?.nodes ?? []).map((n) => [n.id, n]));
  const next = new Map(after.nodes.map((n) => [n.id, n]));
  const prevOut = before ? outgoing(before) : new Map<string, string>();
  const nextOut = outgoing(after);
  const added: NodeDiff[] = [];
  const changed: NodeDiff[] = [];
  for (const n of after.nodes) {
    const old = prev.get(n.id);
    if (!old) {
      added.push(entry(n));
      continue;
    }
    const fields: NodeDiff['fields'] = [];
    if (old.kind !== n.kind) fields.push('kind');
    if (canonicalJson(old.data) !== canonicalJson(n.data)) fields.push('data');
    if ((old.label ?? '') !== (n.label ?? '')) fields.push('label');
    if ((prevOut.get(n.id) ?? '') !== (nextOut.get(n.id) ?? '')) fields.push('connections');
    if (fields.length > 0) changed.push(entry(n, fields));
  }
  const removed = (before?.nodes ?? []).filter((n) => !next.has(n.id)).map((n) => entry(n));
  const keys = new Set([...Object.keys(before?.settings ?? {}), ...Object.keys(after.settings ?? {})]);
  const settings = before
    ? [...keys].filter((k) => canonicalJson(before.settings?.[k] ?? null) !== canonicalJson(after.settings?.[k] ?? null)).sort()
    : [];
  return { added, removed, changed, settings, same: added.length + removed.length + changed.length + settings.length === 0 };
}
