// The editor store without a browser: undo/redo, copy/paste, splice-on-edge, connections the core refuses, one undo step per drag.
import { describe, expect, it } from 'vitest';
import { chainOf, end, text, trig } from '@/scenario/fixtures';
import { createEditorStore } from './store';

const welcome = () => chainOf([trig(), text('hello', 'こんにちは'), end()]);
const make = () => createEditorStore({ graph: welcome(), revision: 1, name: 'テスト', lang: 'ja' });
const ids = (s: ReturnType<typeof make>) => s.getState().nodes.map((n) => n.id);

describe('editor store', () => {
  it('starts from the graph, with validate() issues per node', () => {
    const s = make();
    expect(ids(s)).toEqual(['trigger', 'hello', 'end']);
    expect(s.getState().issues).toEqual([]);
    s.getState().addNode('wait', { x: 0, y: 500 });
    expect(
      s
        .getState()
        .issuesByNode.get('wait-1')
        ?.map((i) => i.code),
    ).toEqual(expect.arrayContaining(['output_unconnected', 'node_unreachable']));
  });

  it('undoes and redoes adding, connecting and deleting', () => {
    const s = make();
    const id = s.getState().addNode('send', { x: 300, y: 0 });
    expect(id).toBe('send-1');
    s.getState().connect({ source: 'send-1', sourceHandle: 'next', target: 'end', targetHandle: null });
    s.getState().select(['hello']);
    s.getState().deleteSelection();
    expect(ids(s)).toEqual(['trigger', 'end', 'send-1']);
    expect(s.getState().edges.map((e) => `${e.source}>${e.target}`)).toEqual(['send-1>end']);
    s.getState().undo();
    expect(ids(s)).toEqual(['trigger', 'hello', 'end', 'send-1']);
    expect(s.getState().edges).toHaveLength(3);
    s.getState().undo();
    s.getState().undo();
    expect(ids(s)).toEqual(['trigger', 'hello', 'end']);
    expect(s.getState().past).toEqual([]);
    s.getState().redo();
    s.getState().redo();
    expect(s.getState().edges.map((e) => e.source)).toContain('send-1');
    s.getState().redo();
    expect(ids(s)).toEqual(['trigger', 'end', 'send-1']);
    expect(s.getState().future).toEqual([]);
  });

  it('a restored node is measured afresh (React Flow must find its handles again)', () => {
    const s = make();
    s.getState().onNodesChange([{ type: 'dimensions', id: 'hello', dimensions: { width: 240, height: 90 }, setAttributes: true }]);
    expect(s.getState().nodes[1]?.measured).toEqual({ width: 240, height: 90 });
    s.getState().select(['hello']);
    s.getState().deleteSelection();
    s.getState().undo();
    expect(s.getState().nodes.find((n) => n.id === 'hello')?.measured).toBeUndefined();
  });

  it('copies and pastes the selection with new ids, inner edges kept, outer edges dropped', () => {
    const s = make();
    s.getState().select(['hello', 'end']);
    s.getState().copySelection();
    const pasted = s.getState().paste();
    expect(pasted).toEqual(['send-1', 'end-1']);
    const st = s.getState();
    expect(st.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['send-1', 'end-1']);
    expect(st.nodes.find((n) => n.id === 'send-1')?.position).toEqual({ x: 40, y: 160 });
    expect(st.edges.filter((e) => e.source === 'send-1').map((e) => e.target)).toEqual(['end-1']);
    expect(st.nodes.find((n) => n.id === 'send-1')?.data.step).toEqual(st.nodes.find((n) => n.id === 'hello')?.data.step);
    expect(s.getState().paste()).toEqual(['send-2', 'end-2']);
    s.getState().undo();
    s.getState().undo();
    expect(ids(s)).toEqual(['trigger', 'hello', 'end']);
  });

  it('splices a node dropped on an edge between its ends', () => {
    const s = make();
    const edge = s.getState().edges.find((e) => e.source === 'hello')!;
    expect(s.getState().spliceNode('wait', edge.id, { x: 0, y: 180 })).toBe('wait-1');
    const links = s
      .getState()
      .edges.map((e) => `${e.source}:${e.sourceHandle}>${e.target}`)
      .sort();
    expect(links).toEqual(['hello:next>wait-1', 'trigger:next>hello', 'wait-1:next>end']);
    expect(s.getState().issues).toEqual([]);
    s.getState().undo();
    expect(s.getState().edges.map((e) => `${e.source}>${e.target}`)).toContain('hello>end');
  });

  it('splices on a typed output, leaving through the new node’s first output', () => {
    const s = make();
    const edge = s.getState().edges.find((e) => e.source === 'trigger')!;
    s.getState().spliceNode('wait_for_event', edge.id, { x: 0, y: 60 });
    expect(
      s
        .getState()
        .edges.filter((e) => e.source === 'wait-for-event-1')
        .map((e) => `${e.sourceHandle}>${e.target}`),
    ).toEqual(['event>hello']);
    expect(
      s
        .getState()
        .issuesByNode.get('wait-for-event-1')
        ?.map((i) => i.code),
    ).toEqual(['output_unconnected']);
  });

  it('refuses connections the core calls wrong and moves an output that is connected again', () => {
    const s = make();
    expect(s.getState().canConnect({ source: 'hello', sourceHandle: 'next', target: 'trigger', targetHandle: null })).toBe(false);
    expect(s.getState().canConnect({ source: 'hello', sourceHandle: 'else', target: 'end', targetHandle: null })).toBe(false);
    s.getState().addNode('end', { x: 0, y: 0 });
    expect(s.getState().canConnect({ source: 'hello', sourceHandle: 'next', target: 'end-1', targetHandle: null })).toBe(true);
    s.getState().connect({ source: 'hello', sourceHandle: 'next', target: 'end-1', targetHandle: null });
    expect(
      s
        .getState()
        .edges.filter((e) => e.source === 'hello')
        .map((e) => e.target),
    ).toEqual(['end-1']);
  });

  it('makes one undo step per drag and per run of typing in one field', () => {
    const s = make();
    const drag = (x: number, dragging: boolean) =>
      s.getState().onNodesChange([{ type: 'position', id: 'hello', position: { x, y: 120 }, dragging }]);
    drag(10, true);
    drag(20, true);
    drag(30, false);
    expect(s.getState().past).toHaveLength(1);
    const step = s.getState().nodes[1]!.data.step;
    if (step.kind !== 'send') throw new Error('expected a send');
    for (const t of ['こ', 'こん', 'こんば'])
      s.getState().updateStep('hello', { kind: 'send', data: { ...step.data, messages: [{ type: 'text', text: t }] } });
    expect(s.getState().past).toHaveLength(2);
    s.getState().undo();
    expect(s.getState().nodes[1]?.data.step).toEqual(step);
    s.getState().undo();
    expect(s.getState().nodes[1]?.position).toEqual({ x: 0, y: 120 });
  });

  it('drops the edges of an output that disappears', () => {
    const s = make();
    const edge = s.getState().edges.find((e) => e.source === 'hello')!;
    s.getState().spliceNode('split', edge.id, { x: 0, y: 0 });
    expect(s.getState().edges.some((e) => e.sourceHandle === 'variant:a')).toBe(true);
    s.getState().updateStep('split-1', {
      kind: 'split',
      data: {
        variants: [
          { id: 'b', label: 'B', weight: 1 },
          { id: 'c', label: 'C', weight: 1 },
        ],
      },
    });
    expect(s.getState().edges.some((e) => e.source === 'split-1')).toBe(false);
  });

  it('auto-layout moves nodes in one undoable step; the graph round-trips', async () => {
    const s = make();
    await s.getState().autoLayout();
    const ys = s.getState().nodes.map((n) => n.position.y);
    expect(ys[0]).toBeLessThan(ys[1]!);
    expect(ys[1]).toBeLessThan(ys[2]!);
    s.getState().undo();
    expect(s.getState().graph()).toEqual(welcome());
  });

  it('tracks what still needs saving', () => {
    const s = make();
    expect(s.getState().saveStatus).toBe('saved');
    s.getState().setName('新しい名前');
    expect(s.getState().saveStatus).toBe('pending');
    const v = s.getState().version;
    s.getState().markSaved(2, v);
    expect(s.getState()).toMatchObject({ saveStatus: 'saved', revision: 2, savedVersion: v });
  });

  it('read-only (a viewer or analyst) selects and measures, but no edit reaches the graph or asks to be saved', async () => {
    const s = createEditorStore({ graph: welcome(), revision: 1, name: 'テスト', lang: 'ja', readOnly: true });
    s.getState().onNodesChange([
      { type: 'dimensions', id: 'hello', dimensions: { width: 240, height: 90 }, setAttributes: true },
      { type: 'select', id: 'hello', selected: true },
      { type: 'position', id: 'hello', position: { x: 999, y: 999 }, dragging: false },
      { type: 'remove', id: 'end' },
    ]);
    expect(s.getState().nodes.find((n) => n.id === 'hello')).toMatchObject({ selected: true, measured: { width: 240, height: 90 } });
    s.getState().addNode('send', { x: 0, y: 0 });
    s.getState().setLabel('hello', 'x');
    s.getState().setName('x');
    s.getState().deleteSelection();
    s.getState().onEdgesChange([{ type: 'remove', id: s.getState().edges[0]?.id ?? '' }]);
    expect(s.getState().canConnect({ source: 'hello', sourceHandle: 'next', target: 'end', targetHandle: null })).toBe(false);
    await s.getState().autoLayout();
    expect(s.getState().graph()).toEqual(welcome());
    expect(s.getState()).toMatchObject({ name: 'テスト', version: 0, saveStatus: 'saved', past: [] });
  });
});
