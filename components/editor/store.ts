// The editor's state per mount: React Flow nodes and edges over the scenario graph, undo/redo, clipboard, issues from validate().
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import { defaultStep, type Lang } from '@/scenario/nodes';
import { DEFAULT_ACCOUNT_QUIET_HOURS, type AccountQuietHours } from '@/scenario/quiet-hours';
import type { AttributeDefinition, NodeDataUnion, NodeKind, ScenarioGraph, ScenarioSettings } from '@/scenario/schema';
import { validate, type ValidationIssue } from '@/scenario/validate';
import { flowToGraph, graphToFlow, nextEdgeId, nextNodeId, outputsOfStep, type FlowEdge, type FlowNode } from './flow-mapping';
import { DEFAULT_NODE_SIZE, layoutPositions } from './layout';

export type ForecastRange = { expected: number; low: number; high: number };
export type Snapshot = { nodes: FlowNode[]; edges: FlowEdge[]; settings: ScenarioSettings; name: string };
export type Highlight = { nodes: ReadonlySet<string>; edges: ReadonlySet<string>; current: string | null };
export type SaveStatus = 'saved' | 'pending' | 'saving' | 'conflict' | 'error';

export type EditorState = Snapshot & {
  lang: Lang;
  attributes: AttributeDefinition[];
  /** The account's quiet hours, which a draft with `quietHours: 'account'` follows (the settings panel and the preview). */
  accountQuietHours: AccountQuietHours;
  /** The operator may not change drafts (viewer, analyst): every content change is refused, only selection remains. */
  readOnly: boolean;
  issues: ValidationIssue[];
  issuesByNode: ReadonlyMap<string, ValidationIssue[]>;
  past: Snapshot[];
  future: Snapshot[];
  clipboard: { nodes: FlowNode[]; edges: FlowEdge[] } | null;
  /** Bumps on every change worth saving (not selection, not measuring). */
  version: number;
  /** The `version` last written to the server (or loaded from it). */
  savedVersion: number;
  revision: number;
  saveStatus: SaveStatus;
  saveError: string | null;
  highlight: Highlight | null;
  /** The forecast overlay: each send step's expected messages over 30 days with their range, or null when hidden. */
  forecast: ReadonlyMap<string, ForecastRange> | null;
  dropEdgeId: string | null;
  /** Internal: what the last history entry was for, so typing in one field makes one undo step. */
  lastCoalesce: string | null;
  dragging: boolean;
  /** An undefined attribute whose inline definition form the inspector opens (a problem's "define" link asked for it). */
  defining: string | null;
};

export type EditorActions = {
  graph(): ScenarioGraph;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  canConnect(c: Connection | FlowEdge): boolean;
  connect(c: Connection): void;
  addNode(kind: NodeKind, position: { x: number; y: number }): string;
  spliceNode(kind: NodeKind, edgeId: string, position: { x: number; y: number }): string | null;
  updateStep(id: string, step: NodeDataUnion): void;
  setLabel(id: string, label: string): void;
  updateSettings(settings: ScenarioSettings): void;
  setName(name: string): void;
  select(ids: readonly string[]): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(offset?: { x: number; y: number }): string[];
  undo(): void;
  redo(): void;
  /** Lays the steps out (ELK) as one undo step; resolves once they have moved. */
  autoLayout(): Promise<void>;
  replaceGraph(graph: ScenarioGraph, revision: number, name?: string): void;
  setHighlight(h: Highlight | null): void;
  /** A friend attribute defined from the editor: known from now on, so the problems it caused go away (not an undo step). */
  addAttribute(def: AttributeDefinition): void;
  setDefining(key: string | null): void;
  setDropEdge(id: string | null): void;
  setForecast(forecast: ReadonlyMap<string, ForecastRange> | null): void;
  setSaveStatus(status: SaveStatus, error?: string | null): void;
  markSaved(revision: number, version: number): void;
};

export type EditorStore = ReturnType<typeof createEditorStore>;
const HISTORY_LIMIT = 100;
const CANDIDATE = '__candidate__';

function derive(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  settings: ScenarioSettings,
  attributes: readonly AttributeDefinition[],
) {
  const issues = validate(flowToGraph(nodes, edges, settings), { attributes });
  const byNode = new Map<string, ValidationIssue[]>();
  const edgeSource = new Map(edges.map((e) => [e.id, e.source]));
  for (const i of issues) {
    const at = i.nodeId ?? (i.edgeId ? edgeSource.get(i.edgeId) : undefined);
    if (at) byNode.set(at, [...(byNode.get(at) ?? []), i]);
  }
  return { issues, issuesByNode: byNode };
}

/** A node restored by undo or pasted is new to React Flow: drop old measurements so it is measured (and its handles found) again. */
const fresh = (n: FlowNode): FlowNode => {
  const { measured: _m, width: _w, height: _h, ...rest } = n;
  return rest;
};

export function createEditorStore(init: {
  graph: ScenarioGraph;
  revision: number;
  name: string;
  lang: Lang;
  attributes?: AttributeDefinition[];
  accountQuietHours?: AccountQuietHours;
  readOnly?: boolean;
}) {
  const flow = graphToFlow(init.graph);
  const attributes = init.attributes ?? [];
  return createStore<EditorState & EditorActions>()((set, get) => {
    const snapshot = (): Snapshot => {
      const s = get();
      return { nodes: s.nodes, edges: s.edges, settings: s.settings, name: s.name };
    };
    /** Applies a content change as one undo step (or folds it into the previous one with the same coalesce key). */
    const commit = (next: Partial<Snapshot>, coalesce: string | null = null) => {
      const s = get();
      if (s.readOnly) return;
      const fold = coalesce !== null && coalesce === s.lastCoalesce;
      const nodes = next.nodes ?? s.nodes;
      const edges = next.edges ?? s.edges;
      const settings = next.settings ?? s.settings;
      const contentChanged = next.nodes !== undefined || next.edges !== undefined || next.settings !== undefined;
      set({
        ...next,
        ...(fold ? {} : { past: [...s.past, snapshot()].slice(-HISTORY_LIMIT), future: [] }),
        ...(contentChanged ? derive(nodes, edges, settings, s.attributes) : {}),
        lastCoalesce: coalesce,
        version: s.version + 1,
        saveStatus: s.saveStatus === 'conflict' ? 'conflict' : 'pending',
      });
    };
    const restore = (target: Snapshot, from: 'past' | 'future') => {
      const s = get();
      if (s.readOnly) return;
      const present = new Set(s.nodes.map((n) => n.id));
      const nodes = target.nodes.map((n) => (present.has(n.id) ? n : fresh(n)));
      const current = snapshot();
      set({
        ...target,
        nodes,
        past: from === 'past' ? s.past.slice(0, -1) : [...s.past, current],
        future: from === 'future' ? s.future.slice(0, -1) : [...s.future, current],
        ...derive(nodes, target.edges, target.settings, s.attributes),
        lastCoalesce: null,
        version: s.version + 1,
        saveStatus: s.saveStatus === 'conflict' ? 'conflict' : 'pending',
      });
    };
    const taken = () => new Set(get().nodes.map((n) => n.id));
    const newNode = (kind: NodeKind, id: string, position: { x: number; y: number }): FlowNode => ({
      id,
      type: kind,
      position,
      selected: true,
      data: { step: defaultStep(kind) },
    });
    // The same list when nothing in it is selected: a click must not hand React Flow a new array of unchanged edges.
    const deselected = <T extends { selected?: boolean }>(list: T[]): T[] =>
      list.some((x) => x.selected) ? list.map((x) => (x.selected ? { ...x, selected: false } : x)) : list;

    return {
      nodes: flow.nodes,
      edges: flow.edges,
      settings: flow.settings,
      name: init.name,
      lang: init.lang,
      attributes,
      accountQuietHours: init.accountQuietHours ?? DEFAULT_ACCOUNT_QUIET_HOURS,
      readOnly: init.readOnly ?? false,
      defining: null,
      ...derive(flow.nodes, flow.edges, flow.settings, attributes),
      past: [],
      future: [],
      clipboard: null,
      version: 0,
      savedVersion: 0,
      revision: init.revision,
      saveStatus: 'saved',
      saveError: null,
      highlight: null,
      forecast: null,
      dropEdgeId: null,
      lastCoalesce: null,
      dragging: false,

      graph: () => {
        const s = get();
        return flowToGraph(s.nodes, s.edges, s.settings);
      },

      onNodesChange(allChanges) {
        const s = get();
        // Read-only: React Flow may still select and measure, never move or remove.
        const changes = s.readOnly ? allChanges.filter((c) => c.type === 'select' || c.type === 'dimensions') : allChanges;
        const removes = changes.filter((c) => c.type === 'remove');
        if (removes.length > 0) {
          const gone = new Set(removes.map((c) => c.id));
          commit({ nodes: applyNodeChanges(changes, s.nodes), edges: s.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)) });
          return;
        }
        const moves = changes.filter((c) => c.type === 'position');
        const dragStart = moves.some((c) => c.dragging) && !s.dragging;
        const dragEnd = moves.some((c) => c.dragging === false) && s.dragging;
        const nodes = applyNodeChanges(changes, s.nodes);
        if (dragStart) {
          // One undo step per drag: remember the positions before it began.
          set({ nodes, past: [...s.past, snapshot()].slice(-HISTORY_LIMIT), future: [], dragging: true, lastCoalesce: null });
        } else if (dragEnd || (moves.length > 0 && !s.dragging)) {
          set({ nodes, dragging: false, version: s.version + 1, saveStatus: s.saveStatus === 'conflict' ? 'conflict' : 'pending' });
        } else set({ nodes });
      },

      onEdgesChange(allChanges) {
        const s = get();
        const changes = s.readOnly ? allChanges.filter((c) => c.type === 'select') : allChanges;
        const edges = applyEdgeChanges(changes, s.edges);
        if (changes.some((c) => c.type === 'remove')) commit({ edges });
        else set({ edges });
      },

      canConnect(c) {
        if (get().readOnly || !c.sourceHandle || !c.source || !c.target) return false;
        const s = get();
        // Ask the core: would this connection itself be a problem (into the trigger, from an output the step lacks …)?
        const edges = [
          ...s.edges.filter((e) => !(e.source === c.source && e.sourceHandle === c.sourceHandle)),
          { id: CANDIDATE, source: c.source, sourceHandle: c.sourceHandle, target: c.target },
        ];
        return !validate(flowToGraph(s.nodes, edges, s.settings), { attributes: s.attributes }).some((i) => i.edgeId === CANDIDATE);
      },

      connect(c) {
        if (!get().canConnect(c) || !c.sourceHandle) return;
        const s = get();
        // An output leads one way only: connecting it again moves its edge.
        const kept = s.edges.filter((e) => !(e.source === c.source && e.sourceHandle === c.sourceHandle));
        const id = nextEdgeId(new Set(s.edges.map((e) => e.id)));
        commit({ edges: [...kept, { id, source: c.source, sourceHandle: c.sourceHandle, target: c.target }] });
      },

      addNode(kind, position) {
        const s = get();
        const id = nextNodeId(kind, taken());
        commit({ nodes: [...deselected(s.nodes), newNode(kind, id, position)], edges: deselected(s.edges) });
        return id;
      },

      spliceNode(kind, edgeId, position) {
        const s = get();
        const edge = s.edges.find((e) => e.id === edgeId);
        const id = nextNodeId(kind, taken());
        const node = newNode(kind, id, position);
        const out = outputsOfStep(node.data.step)[0];
        if (!edge || out === undefined) return null;
        const ids = new Set(s.edges.map((e) => e.id));
        const second = nextEdgeId(ids);
        const edges = [
          ...deselected(s.edges.filter((e) => e.id !== edgeId)),
          { ...edge, target: id, selected: false },
          { id: second, source: id, sourceHandle: out, target: edge.target },
        ];
        commit({ nodes: [...deselected(s.nodes), node], edges });
        set({ dropEdgeId: null });
        return id;
      },

      updateStep(id, step) {
        const s = get();
        const nodes = s.nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, step } } : n));
        // Outputs that vanished (a deleted case or variant) take their edges with them.
        const node = nodes.find((n) => n.id === id);
        const outs = new Set(node ? outputsOfStep(node.data.step) : []);
        const edges = s.edges.filter((e) => e.source !== id || outs.has(e.sourceHandle));
        commit({ nodes, ...(edges.length === s.edges.length ? {} : { edges }) }, `step:${id}`);
      },

      setLabel(id, label) {
        const nodes = get().nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, label } } : n));
        commit({ nodes }, `label:${id}`);
      },

      updateSettings(settings) {
        commit({ settings }, 'settings');
      },

      setName(name) {
        commit({ name }, 'name');
      },

      select(ids) {
        const want = new Set(ids);
        const s = get();
        set({
          nodes: s.nodes.map((n) => (Boolean(n.selected) === want.has(n.id) ? n : { ...n, selected: want.has(n.id) })),
          edges: deselected(s.edges),
        });
      },

      deleteSelection() {
        const s = get();
        const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
        const edges = s.edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
        if (gone.size === 0 && edges.length === s.edges.length) return;
        commit({ nodes: s.nodes.filter((n) => !gone.has(n.id)), edges });
      },

      copySelection() {
        const s = get();
        const nodes = s.nodes.filter((n) => n.selected);
        const ids = new Set(nodes.map((n) => n.id));
        if (nodes.length === 0) return;
        set({ clipboard: { nodes, edges: s.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) } });
      },

      paste(offset = { x: 40, y: 40 }) {
        const s = get();
        const clip = s.clipboard;
        if (!clip) return [];
        const used = taken();
        const rename = new Map<string, string>();
        for (const n of clip.nodes) {
          const id = nextNodeId(n.data.step.kind, used);
          used.add(id);
          rename.set(n.id, id);
        }
        const nodes = clip.nodes.map((n) => ({
          ...fresh(n),
          id: rename.get(n.id) ?? n.id,
          position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
          selected: true,
        }));
        const edgeIds = new Set(s.edges.map((e) => e.id));
        const edges = clip.edges.map((e) => {
          const id = nextEdgeId(edgeIds);
          edgeIds.add(id);
          return { ...e, id, source: rename.get(e.source) ?? e.source, target: rename.get(e.target) ?? e.target, selected: false };
        });
        commit({ nodes: [...deselected(s.nodes), ...nodes], edges: [...deselected(s.edges), ...edges] });
        // Pasting again steps further, like every editor.
        set({
          clipboard: {
            nodes: clip.nodes.map((n) => ({ ...n, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } })),
            edges: clip.edges,
          },
        });
        return nodes.map((n) => n.id);
      },

      undo() {
        const prev = get().past.at(-1);
        if (prev) restore(prev, 'past');
      },

      redo() {
        const next = get().future.at(-1);
        if (next) restore(next, 'future');
      },

      async autoLayout() {
        const s = get();
        if (s.readOnly) return;
        const sized = s.nodes.map((n) => ({
          id: n.id,
          width: n.measured?.width ?? DEFAULT_NODE_SIZE.width,
          height: n.measured?.height ?? DEFAULT_NODE_SIZE.height,
          outputs: outputsOfStep(n.data.step),
        }));
        const pos = await layoutPositions(sized, s.edges);
        // ELK works asynchronously: steps added meanwhile keep their place, deleted ones stay deleted.
        commit({ nodes: get().nodes.map((n) => ({ ...n, position: pos.get(n.id) ?? n.position })) });
      },

      replaceGraph(graph, revision, name) {
        const f = graphToFlow(graph);
        const s = get();
        set({
          nodes: f.nodes,
          edges: f.edges,
          settings: f.settings,
          name: name ?? s.name,
          ...derive(f.nodes, f.edges, f.settings, s.attributes),
          past: [],
          future: [],
          revision,
          saveStatus: 'saved',
          saveError: null,
          lastCoalesce: null,
          version: s.version + 1,
          savedVersion: s.version + 1,
        });
      },

      setHighlight: (highlight) => set({ highlight }),
      setForecast: (forecast) => set({ forecast }),
      setDropEdge: (dropEdgeId) => {
        if (get().dropEdgeId !== dropEdgeId) set({ dropEdgeId });
      },
      setSaveStatus: (saveStatus, saveError = null) => set({ saveStatus, saveError }),
      addAttribute(def) {
        const s = get();
        const attributes = [...s.attributes.filter((a) => a.key !== def.key), def];
        set({ attributes, defining: s.defining === def.key ? null : s.defining, ...derive(s.nodes, s.edges, s.settings, attributes) });
      },
      setDefining: (defining) => set({ defining }),
      markSaved: (revision, version) =>
        set({ revision, savedVersion: version, saveStatus: get().version === version ? 'saved' : 'pending', saveError: null }),
    };
  });
}
